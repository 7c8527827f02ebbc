#!/usr/bin/env node
// Render TeX to SVG at build time, so the site's pages need no MathJax in the browser.
//
// stdin:  a JSON array of {"tex": "...", "display": true|false}
// stdout: {"results": [{"html": "<mjx-container ...>"} or {"error": "..."}, ...],
//          "stylesheet": "the CSS the SVG output needs"}
// One process renders every formula of a build (prerender_math.py, beside it, calls it once):
// starting MathJax costs ~0.3 s, a formula a few milliseconds.
//
// Each SVG is self-contained (fontCache 'local'): glyphs are defined inside the formula that
// uses them, so a formula can be moved, copied or removed without breaking another one.
// The assistive-mml extension puts MathML beside the (aria-hidden) SVG, for screen readers.
// Groups that only place one element are flattened (flattenGroups, below).

'use strict';

const path = require('path');

// node_modules of the repository, whatever the current directory.
const MATHJAX = path.join(__dirname, '..', '..', 'node_modules', 'mathjax');

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function parseRequests(text) {
  const requests = JSON.parse(text);
  if (!Array.isArray(requests)) {
    throw new Error('expected a JSON array of {tex, display} on stdin');
  }
  requests.forEach((request, index) => {
    if (typeof request?.tex !== 'string' || typeof request?.display !== 'boolean') {
      throw new Error(`request ${index} is not {tex: string, display: boolean}: ${JSON.stringify(request)}`);
    }
  });
  return requests;
}

// MathJax wraps every MathML node in a <g data-mml-node="..."> (translated into place): the
// browser never needs the node names, and a group around one element, or without a transform,
// is only one more element to parse and lay out (a third of the math's elements). Each such
// group gives its transform to its one child (composed: "parent child") or, without one, its
// children to its parent. Groups the stylesheet names (merror, mtable, maction) and groups with
// any other attribute are kept as they are.
const STYLED_NODES = new Set(['merror', 'mtable', 'maction']);

function flattenGroups(adaptor, node) {
  for (const child of [...adaptor.childNodes(node)]) {
    if (adaptor.kind(child) !== '#text' && adaptor.kind(child) !== '#comment') {
      flattenGroups(adaptor, child);
    }
  }
  if (adaptor.kind(node) !== 'g' || STYLED_NODES.has(adaptor.getAttribute(node, 'data-mml-node'))) {
    return;
  }
  const names = adaptor.allAttributes(node).map((attribute) => attribute.name);
  if (!names.includes('data-mml-node') || names.some((name) => name !== 'data-mml-node' && name !== 'transform')) {
    return;
  }
  const children = [...adaptor.childNodes(node)];
  const transform = adaptor.getAttribute(node, 'transform');
  if (transform) {
    if (children.length !== 1 || adaptor.kind(children[0]) === '#text') {
      return;
    }
    const own = adaptor.getAttribute(children[0], 'transform');
    adaptor.setAttribute(children[0], 'transform', own ? `${transform} ${own}` : transform);
  }
  for (const child of children) {
    adaptor.insert(child, node);
  }
  adaptor.remove(node);
}

// A TeX error does not throw: MathJax renders it as <merror data-mjx-error="...">.
function texError(adaptor, node) {
  const match = /data-mjx-error="([^"]*)"/.exec(adaptor.outerHTML(node));
  return match ? match[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : null;
}

async function main() {
  const requests = parseRequests(await readStdin());
  const MathJax = await require(MATHJAX).init({
    loader: {load: ['input/tex', 'output/svg', 'a11y/assistive-mml']},
    tex: {
      // noundefined would draw an unknown macro in red instead of failing: drop it,
      // so a typo such as \fracc is a TeX error the build reports.
      packages: {'[+]': ['ams'], '[-]': ['noundefined']},
    },
    svg: {fontCache: 'local'},
    startup: {typeset: false},
  });
  const adaptor = MathJax.startup.adaptor;
  const results = [];
  for (const {tex, display} of requests) {
    try {
      // The promise form waits for extensions that \boldsymbol, \cancel, ... autoload.
      const node = await MathJax.tex2svgPromise(tex, {display});
      const error = texError(adaptor, node);
      if (error === null) {
        flattenGroups(adaptor, node);
      }
      results.push(error === null ? {html: adaptor.outerHTML(node)} : {error});
    } catch (error) {
      results.push({error: String(error?.message ?? error)});
    }
  }
  const stylesheet = adaptor.textContent(MathJax.svgStylesheet());
  process.stdout.write(JSON.stringify({results, stylesheet}));
}

main().catch((error) => {
  process.stderr.write(`render_math: ${error?.stack ?? error}\n`);
  process.exit(1);
});
