import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { sanitizeArticle } from '../../src/sanitize/index.ts';
import { HAS_CHROMIUM, launchChromium } from '../helpers/browser.ts';

/**
 * Code blocks on a phone (issue #22, item 10): the sanitized code fixtures,
 * in the article page's boxes (`main.wrap > article.article >
 * .article-body`) with the theme's own stylesheet, at 375 px. A long line
 * scrolls inside its box; the page itself never scrolls sideways.
 */
const fixtures = new URL('../fixtures/sanitize/', import.meta.url);
const css = readFileSync(new URL('../../public/style.css', import.meta.url), 'utf8');
const options = { proxyPrefixes: [] };
const skip = HAS_CHROMIUM ? false : 'needs Chromium (apt-get install -y chromium)';

let browser: Browser;
before(async () => {
  if (HAS_CHROMIUM) browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

function articlePage(): string {
  const bodies = ['code-java-generics', 'code-xml-listing', 'code-prettyprint', 'code-br-lines'].map(
    (name) => sanitizeArticle(readFileSync(new URL(`${name}/input.html`, fixtures), 'utf8'), 'html', options).body.html,
  );
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<style>${css}</style></head><body><main class="wrap"><article class="article"><div class="article-body">${bodies.join('\n')}</div></article></main></body></html>`;
}

test('code blocks should scroll sideways inside their box at 375 px, the page never', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  try {
    await page.setContent(articlePage());
    // A string: this runs in the page, whose DOM types this project does not load.
    const seen = await page.evaluate<{ pageWidth: number; blocks: { width: number; content: number; overflow: string; lines: number }[] }>(`(() => ({
      pageWidth: document.documentElement.scrollWidth,
      blocks: [...document.querySelectorAll('.article-body pre')].map((pre) => ({
        width: pre.clientWidth,
        content: pre.scrollWidth,
        overflow: getComputedStyle(pre).overflowX,
        lines: pre.innerText.replace(/\\n$/, '').split('\\n').length,
      })),
    }))()`);
    assert.ok(seen.pageWidth <= 375, `the page scrolls sideways: ${seen.pageWidth} px wide`);
    // Java, pom.xml, the three multi-line prettyprint listings, the two `<br>` listings: each a box.
    assert.equal(seen.blocks.length, 7, 'code blocks');
    for (const block of seen.blocks) assert.equal(block.overflow, 'auto');
    // The Java listing's first line is far wider than a phone: it scrolls in its box.
    const java = seen.blocks[0];
    assert.ok(java !== undefined && java.content > java.width, 'the long line scrolls inside its box');
    // One line per source line: the Nginx listing's 8 lines, not run together and not double-spaced.
    assert.equal(seen.blocks[5]?.lines, 8);
  } finally {
    await page.close();
  }
});
