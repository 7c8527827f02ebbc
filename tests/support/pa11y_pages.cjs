#!/usr/bin/env node
// pa11y (npm, pinned; WCAG 2 AA, HTML_CodeSniffer) over several pages in one browser.
// argv: the chromium to drive, then the URLs. Prints one JSON object: {url: [issue, ...]}, the
// errors of each page (warnings and notices left out). tests/site/test_html_checks.py runs it.
'use strict';

const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

async function main() {
  const [executablePath, ...urls] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run'],
  });
  const found = {};
  try {
    for (const url of urls) {
      const page = await browser.newPage();
      const result = await pa11y(url, {browser, page, standard: 'WCAG2AA', timeout: 120000});
      found[url] = result.issues.filter((issue) => issue.type === 'error')
        .map(({code, message, selector, context}) => ({code, message, selector, context}));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(found));
}

main().catch((error) => {
  process.stderr.write(`pa11y_pages: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
