import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { serveStatic } from '../helpers/static-server.ts';

const ARTIFACTS = path.join(REPO_ROOT, 'test-results');

// A post of our own in the shapes of issue #22: Vditor's spans and divs, and a MathJax script.
const POST = `
---
title: 卡方检验入门
categories:
 - 科技
 - 少数派
 - feed
author: 测试作者
date: 2022-03-01 10:00:00
---
<div><p>卡方统计量 <span class="vditor-math">\\chi^{2}=\\sum_{i=1}^{c}\\frac{(O_i-E_i)^2}{E_i}</span> 越大，观测与期望的差异越显著。</p>
<div class="vditor-math">\\sum_{k=0}^{n} ${'a_k x^k + '.repeat(30)}c</div>
<p>自由度为 <script type="math/tex">k-1</script>。</p></div>
`;

// Browser-side code is a string: the project's TypeScript has no DOM types.
const MEASURE = `(() => {
  const box = (m) => { const r = m.getBoundingClientRect(); return { height: r.height, width: r.width, scrollWidth: m.scrollWidth, clientWidth: m.clientWidth }; };
  return {
    inline: [...document.querySelectorAll('.article-body math:not([display="block"])')].map(box),
    display: [...document.querySelectorAll('.article-body math[display="block"]')].map(box),
    pageWidth: document.documentElement.scrollWidth,
    scripts: document.querySelectorAll('.article-body script').length,
    text: document.querySelector('.article-body').innerText,
  };
})()`;

let browser: Browser;
let site: { url: string; close(): Promise<void> };
let articlePath = '';

before(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-math-'));
  const content = path.join(dir, 'content');
  await mkdir(content);
  await writeFile(path.join(content, '卡方检验入门.md'), POST);
  const out = path.join(dir, '_site');
  const run = await runCli(['build', '--content', content, '--out', out, '--cache', path.join(dir, '.cache'), '--offline'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const page = (await readdir(out, { recursive: true })).find((file) => /^\d{4}\/.*index\.html$/.test(file.split(path.sep).join('/')));
  assert.ok(page, 'the article page was written');
  articlePath = page.split(path.sep).slice(0, -1).map(encodeURIComponent).join('/') + '/';
  site = await serveStatic(out);
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test('formulas should be drawn as MathML on a phone, a wide display formula scrolling inside the column', async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  await page.goto(new URL(articlePath, site.url).href, { waitUntil: 'load' });
  const seen = (await page.evaluate(MEASURE)) as {
    inline: { height: number; width: number }[];
    display: { height: number; scrollWidth: number; clientWidth: number }[];
    pageWidth: number;
    scripts: number;
    text: string;
  };
  await page.screenshot({ path: path.join(ARTIFACTS, 'article-math-375.png'), fullPage: true });
  assert.equal(seen.inline.length, 2, 'the Vditor span and the MathJax script are inline formulas');
  for (const box of seen.inline) assert.ok(box.height > 0 && box.width > 0, `an inline formula is drawn: ${JSON.stringify(box)}`);
  assert.equal(seen.display.length, 1);
  const [wide] = seen.display;
  assert.ok(wide !== undefined && wide.height > 0, 'the display formula is drawn');
  assert.ok(wide.scrollWidth > wide.clientWidth, 'the wide formula scrolls');
  assert.ok(seen.pageWidth <= 375, `the page does not scroll sideways (${seen.pageWidth} px)`);
  assert.equal(seen.scripts, 0);
  assert.doesNotMatch(seen.text, /\\chi|\\frac|vditor/, 'no raw TeX shows');
  await page.close();
});
