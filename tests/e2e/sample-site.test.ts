import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from '../helpers/browser.ts';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { serveStatic } from '../helpers/static-server.ts';
import type { BuildReport } from '../../src/report/build-report.ts';
import { readableUrl, slugize } from '../../src/urls/index.ts';

const ARTIFACTS = path.join(REPO_ROOT, 'test-results');

let site: { url: string; close(): Promise<void> };
let browser: Browser;
let report: BuildReport;

before(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-e2e-'));
  const run = await runCli(
    ['build', '--content', path.join(REPO_ROOT, 'content'), '--out', path.join(dir, '_site'), '--cache', path.join(dir, '.cache'), '--offline', '--report', path.join(dir, 'report.json')],
    { cwd: dir },
  );
  assert.equal(run.code, 0, run.stderr);
  report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as BuildReport;
  site = await serveStatic(path.join(dir, '_site'));
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens a page and records console errors and failed same-origin requests. */
async function open(url: string): Promise<{ page: Page; problems: string[] }> {
  const problems: string[] = [];
  return { page: await openPage(browser, site.url, url, problems), problems };
}

test('a reader should walk from home to a category, an article and an archive', async () => {
  const { page, problems } = await open(site.url);
  await page.screenshot({ path: path.join(ARTIFACTS, 'home-desktop.png'), fullPage: true });
  assert.ok((await page.title()).length > 0);

  await page.locator('header nav a[href$="/categories/"]').first().click();
  await page.waitForLoadState('load');
  assert.match(decodeURIComponent(page.url()), /\/categories\/$/);
  await page.locator('main a[href*="/categories/"]').first().click();
  await page.waitForLoadState('load');
  assert.match(decodeURIComponent(page.url()), /\/categories\/.+\//);

  // Category URLs are Hexo's slugs of the names (`Open Source Weekly` → `Open-Source-Weekly`).
  const firstArticle = report.articles.find((a) => decodeURIComponent(page.url()).includes(`/categories/${slugize(a.categories[0]?.[0] ?? '')}/`));
  assert.ok(firstArticle, 'the category lists an article of the report');
  // Links write the letters of a URL as they are (src/urls/readable-url.ts); the report gives it encoded.
  await page.locator(`a[href$="${readableUrl(firstArticle.url)}"]`).first().click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('h1').count(), 1, 'an article page has a single h1');
  assert.equal((await page.locator('h1').textContent())?.trim(), firstArticle.title);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'article-mobile.png'), fullPage: true });

  await page.locator('header nav a[href$="/archives/"]').first().click();
  await page.waitForLoadState('load');
  assert.match(page.url(), /\/archives\/$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('every article should be reachable by following links from the home page', async () => {
  const wanted = new Set(report.articles.map((a) => new URL(a.url.slice(1), site.url).href));
  const seen = new Set<string>();
  const queue = [site.url];
  while (queue.length > 0 && seen.size < 2000) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const response = await fetch(url);
    assert.equal(response.status, 200, `${url} is linked but answers ${response.status}`);
    if (!(response.headers.get('content-type') ?? '').includes('html')) continue;
    const html = await response.text();
    for (const [, href] of html.matchAll(/<a\s[^>]*href="([^"#]+)"/g)) {
      const next = new URL(href!.replace(/&amp;/g, '&'), url);
      next.hash = '';
      if (next.href.startsWith(site.url) && !seen.has(next.href)) queue.push(next.href);
    }
  }
  assert.deepEqual([...wanted].filter((u) => !seen.has(u)), [], 'articles not reachable from home');
});
