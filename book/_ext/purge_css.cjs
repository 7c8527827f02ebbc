#!/usr/bin/env node
// Remove the CSS rules that no page uses, with PurgeCSS (npm), in place.
//
// stdin: {"css": ["/abs/a.css", ...], "content": ["/abs/page.html", "/abs/script.js", ...],
//         "safelist": {"standard": [...], "greedy": ["substring", ...]}}
// Each stylesheet is rewritten with only the rules whose selectors match words found in the
// content (pages and scripts, so classes a script adds by name are kept) or in the safelist
// (greedy entries are substrings, matched anywhere in a selector). @font-face rules, keyframes
// and custom properties are kept. The source-map comment goes: the map no longer matches.
// purge_css.py, beside it, runs it once per build (build-finished).

'use strict';

const fs = require('fs');
const path = require('path');

const {PurgeCSS} = require(path.join(__dirname, '..', '..', 'node_modules', 'purgecss'));

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function main() {
  const request = JSON.parse(fs.readFileSync(0, 'utf8'));
  const results = await new PurgeCSS().purge({
    content: request.content,
    css: request.css,
    safelist: {
      standard: request.safelist.standard || [],
      greedy: (request.safelist.greedy || []).map((word) => new RegExp(escapeRegExp(word))),
    },
  });
  for (const result of results) {
    const css = result.css.replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*$/, '');
    fs.writeFileSync(result.file, css);
  }
}

main().catch((error) => {
  process.stderr.write(`purge_css: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
