import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startImageOrigin, type ImageOrigin } from '../helpers/image-origin.ts';
import { listFiles, REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { serveStatic } from '../helpers/static-server.ts';
import type { BuildReport } from '../../src/report/build-report.ts';

const ARTIFACTS = path.join(REPO_ROOT, 'test-results');
const AXE = path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js');
// From the body of content/_数字乡村_建设提速 县域快递网点覆盖率超九成.md, typed without spaces as readers do.
const QUERY = '冷链物流';
// The bot's `_数字乡村_` is shown as the body writes it.
const QUERY_TITLE = '“数字乡村”建设提速 县域快递网点覆盖率超九成';

type Site = { url: string; close(): Promise<void> };
let sample: Site;
let images: Site;
let origin: ImageOrigin;
let browser: Browser;
let report: BuildReport;

/** Builds a content folder into a temp dir and serves it. */
async function buildAndServe(content: string, extra: string[] = []): Promise<{ site: Site; report: BuildReport }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-site-e2e-'));
  const out = path.join(dir, '_site');
  const run = await runCli(
    ['build', '--content', content, '--out', out, '--cache', path.join(dir, '.cache'), '--report', path.join(dir, 'report.json'), ...extra],
    { cwd: dir },
  );
  assert.equal(run.code, 0, run.stderr);
  return { site: await serveStatic(out), report: JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as BuildReport };
}

before(async () => {
  ({ site: sample, report } = await buildAndServe(path.join(REPO_ROOT, 'content'), ['--offline']));

  origin = await startImageOrigin();
  const content = await mkdtemp(path.join(tmpdir(), 'wirepress-site-images-'));
  await cp(path.join(REPO_ROOT, 'tests/fixtures/site/images-site/content'), content, { recursive: true });
  for (const file of await listFiles(content)) await writeFile(file, (await readFile(file, 'utf8')).replaceAll('127.0.0.1:PORT', origin.host));
  ({ site: images } = await buildAndServe(content, ['--allow-host', '127.0.0.1']));

  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await sample?.close();
  await images?.close();
  await origin?.close();
});

/** A page that records console errors (CSP violations among them) and failed same-origin requests. */
async function watch(context: BrowserContext, base: string): Promise<{ page: Page; problems: string[]; bytes: Map<string, number>; requested: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  const bytes = new Map<string, number>();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('console', (message) => {
    // The offline sample site hot-links its images to news CDNs; only our own page and resources must be clean.
    const from = message.location().url;
    if (message.type() === 'error' && (from === '' || from.startsWith(base))) problems.push(`console: ${message.text()} (${from})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', async (response) => {
    if (!response.url().startsWith(base)) return;
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    const type = response.request().resourceType();
    if (type === 'stylesheet' || type === 'script') bytes.set(response.url(), (await response.body().catch(() => Buffer.alloc(0))).length);
  });
  return { page, problems, bytes, requested };
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(ARTIFACTS, `site-${name}-${width}.png`), fullPage: true });
  }
}

test('a reader should walk home → category → article → archive → search and find a Chinese phrase typed without spaces', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems, bytes, requested } = await watch(context, sample.url);
  await page.goto(sample.url, { waitUntil: 'load' });
  await screenshots(page, 'home');

  await page.locator('header nav a[href$="/categories/"]').click();
  await page.waitForLoadState('load');
  await page.locator('main .tree a').first().click();
  await page.waitForLoadState('load');
  assert.match(decodeURIComponent(page.url()), /\/categories\/.+\//);
  assert.ok((await page.locator('main .breadcrumbs a').count()) >= 2, 'a category page has breadcrumbs');
  await screenshots(page, 'category');

  bytes.clear();
  await page.locator('main .summary-title a').first().click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('script[type="application/ld+json"]').count(), 1);
  const articleBytes = [...bytes.values()].reduce((a, b) => a + b, 0);
  assert.ok(articleBytes > 0 && articleBytes < 50 * 1024, `CSS + JS of an article page: ${articleBytes} bytes`);
  await screenshots(page, 'article');

  await page.locator('header nav a[href$="/archives/"]').click();
  await page.waitForLoadState('load');
  assert.ok((await page.locator('.archive-index .count').count()) > 0, 'the archive shows counts');
  await screenshots(page, 'archive');

  await page.locator('header nav a[href$="/search/"]').click();
  await page.waitForLoadState('load');
  assert.deepEqual(requested.filter((url) => url.includes('/search-index/')), [], 'the search index is not fetched before a query');
  await page.locator('#search-query').fill(QUERY);
  await page.locator('#search-query').press('Enter');
  const hit = page.locator('#search-results a', { hasText: QUERY_TITLE });
  await hit.waitFor({ timeout: 15_000 });
  assert.match(page.url(), /\?q=/, 'the query is in the URL');
  assert.ok(requested.some((url) => url === `${sample.url}search-index/index.json`), 'the first query read the search index');
  assert.deepEqual(requested.filter((url) => url.includes('pagefind')), [], 'nothing of Pagefind is loaded');
  assert.ok((await page.locator('#search-results mark').count()) > 0, 'the excerpt highlights the words found');
  assert.ok((await page.locator('#search-results .meta').first().textContent())?.includes('2021'), 'results show the date');
  await screenshots(page, 'search');

  await hit.click();
  await page.waitForLoadState('load');
  assert.equal((await page.locator('h1').textContent())?.trim(), QUERY_TITLE);
  assert.ok(report.articles.some((a) => a.title === QUERY_TITLE));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the search page should answer a plain GET ?q= link', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watch(context, sample.url);
  await page.goto(`${sample.url}search/?q=${encodeURIComponent(QUERY)}`, { waitUntil: 'load' });
  await page.locator('#search-results a', { hasText: QUERY_TITLE }).waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('#search-query').inputValue(), QUERY);
  assert.deepEqual(problems, []);
  await context.close();
});

test('re-hosted images should load at their declared sizes without layout shift', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await watch(context, images.url);
  for (const url of [images.url, `${images.url}2021/10/20/北方铁路货运量翻番/`, `${images.url}2021/10/19/港口吞吐量再创新高/`]) {
    await page.goto(url, { waitUntil: 'load' });
    // Lazy images load once scrolled into view; the script runs in the page (a string: tests compile without DOM types).
    const found = (await page.evaluate(`(async () => {
      for (const img of document.images) img.loading = 'eager';
      await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
      return [...document.images].map((img) => ({
        src: img.currentSrc,
        width: img.getAttribute('width'),
        height: img.getAttribute('height'),
        natural: [img.naturalWidth, img.naturalHeight],
        box: [img.getBoundingClientRect().width, img.getBoundingClientRect().height],
        cropped: img.closest('.summary-thumb') !== null,
      }));
    })()`)) as { src: string; width: string | null; height: string | null; natural: number[]; box: number[]; cropped: boolean }[];
    assert.ok(found.length > 0, `${url} has images`);
    for (const img of found) {
      assert.ok(img.src.startsWith(images.url), `${img.src} is re-hosted`);
      assert.ok(img.width && img.height, `${img.src} declares width and height`);
      assert.ok(img.natural[0]! > 0, `${img.src} loaded`);
      // Declared and intrinsic aspect ratios agree, so the reserved box is the image's.
      assert.ok(Math.abs(Number(img.width) / Number(img.height) - img.natural[0]! / img.natural[1]!) < 0.02, `${img.src} ratio`);
      // Listing thumbnails are cropped to 4:3 on purpose (public/style.css); others show the whole image.
      if (!img.cropped) assert.ok(Math.abs(img.box[0]! / img.box[1]! - img.natural[0]! / img.natural[1]!) < 0.05, `${img.src} shown at its ratio`);
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('home, article, category, archive and search pages should have no serious or critical axe violations', async () => {
  // axe is injected as a script; the pages' CSP would refuse it, so this context alone bypasses CSP.
  const context = await browser.newContext({ bypassCSP: true });
  const article = report.articles.find((a) => a.title === QUERY_TITLE);
  assert.ok(article);
  const pages = ['', article.url.slice(1), 'categories/', encodeURI('categories/新媒体/'), 'archives/', 'authors/', `search/?q=${encodeURIComponent(QUERY)}`];
  // Every page in light mode; dark mode (its own palette) on one page of each layout.
  for (const [scheme, urls] of [['light', pages], ['dark', pages.slice(0, 3)]] as const) {
    for (const url of urls) {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(new URL(url, sample.url).href, { waitUntil: 'load' });
      if (url.startsWith('search/')) await page.locator('#search-results li').first().waitFor({ timeout: 15_000 });
      await page.addScriptTag({ path: AXE });
      const violations = (await page.evaluate(`axe.run().then((result) => result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`)) as string[];
      assert.deepEqual(violations, [], `${scheme} /${url}`);
      await page.close();
    }
  }
  await context.close();
});

test('article text should not be justified (justified mixed CJK and Latin lines gape before long words), and h5 should look like a heading', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const article = report.articles.find((a) => a.source.endsWith('.md'))!;
    await page.goto(new URL(article.url.replace(/^\//, ''), sample.url).href);
    // A string: this runs in the page, whose DOM types this project does not load.
    const styles = await page.evaluate<{ align: string; bodySize: number; h5Size: number; h5Weight: number }>(`(() => {
      const p = document.querySelector('.article-body p');
      const h5 = document.createElement('h5');
      h5.textContent = '小标题';
      document.querySelector('.article-body').append(h5);
      const body = getComputedStyle(p);
      const heading = getComputedStyle(h5);
      return { align: body.textAlign, bodySize: parseFloat(body.fontSize), h5Size: parseFloat(heading.fontSize), h5Weight: Number(heading.fontWeight) };
    })()`);
    assert.notEqual(styles.align, 'justify');
    assert.ok(styles.h5Weight >= 600, `h5 is bold (${styles.h5Weight})`);
    assert.ok(styles.h5Size < styles.bodySize * 1.2, 'h5 is a step below the larger headings');
  } finally {
    await context.close();
  }
});
