import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from '../helpers/browser.ts';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { serveStatic } from '../helpers/static-server.ts';

// A Hexo blog as its owner has it (_config.yml, source/), built with no flag but --offline, as `hexo generate` would be.
const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/hexo/date-permalink');
const ARTIFACTS = path.join(REPO_ROOT, 'test-results');
const STICKY = { title: 'Hello, Wirepress: Notes From the Newsroom', path: '/2021/10/20/hello-wirepress/' };

let blog: string;
let site: { url: string; close(): Promise<void> };
let browser: Browser;

before(async () => {
  blog = await mkdtemp(path.join(tmpdir(), 'wirepress-hexo-e2e-'));
  // The fixture's *.json files are what real Hexo made of it, not part of the blog.
  await cp(FIXTURE, blog, { recursive: true, filter: (file) => !file.endsWith('.json') });
  const run = await runCli(['build', '--offline', '--report', 'report.json'], { cwd: blog });
  assert.equal(run.code, 0, run.stderr);
  site = await serveStatic(path.join(blog, 'public'));
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens a page of the blog and records console errors and failed same-origin requests in `problems`. */
function open(url: string, problems: string[]): Promise<Page> {
  return openPage(browser, site.url, url, problems);
}

/** Clicks a link and waits for the page it opens. */
async function follow(page: Page, selector: string): Promise<void> {
  const from = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== from), page.locator(selector).first().click()]);
  await page.waitForLoadState('load');
}

/** The page's path, decoded as a reader reads it in the address bar. */
const pathOf = (page: Page): string => decodeURIComponent(new URL(page.url()).pathname);

/** Fetches every same-origin link of the page; returns those that do not answer 200. */
async function brokenLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const own = new Set(hrefs.map((href) => new URL(href, page.url()).href.split('#')[0]!).filter((href) => href.startsWith(site.url)));
  const broken: string[] = [];
  for (const href of own) {
    const response = await fetch(href);
    if (response.status !== 200) broken.push(`${response.status} ${decodeURIComponent(href)} (linked from ${pathOf(page)})`);
  }
  return broken;
}

/** Desktop and 375px screenshots of the page, as test-results/hexo-<name>-*.png. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(ARTIFACTS, `hexo-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: path.join(ARTIFACTS, `hexo-${name}-mobile.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A feed the site links to with its published URL (`url:` of _config.yml), fetched from the local server. */
async function fetchFeed(href: string): Promise<{ status: number; entries: unknown[] }> {
  assert.ok(href.startsWith('https://news.example.org/'), `${href} is under the blog's url`);
  const response = await fetch(new URL(new URL(href).pathname, site.url));
  const feed = new XMLParser().parse(await response.text()) as { feed?: { entry?: unknown } };
  return { status: response.status, entries: [feed.feed?.entry ?? []].flat() };
}

test('a reader should see the sticky post first on the home page, with only its excerpt', async () => {
  const problems: string[] = [];
  const page = await open('/', problems);
  const first = page.locator('main article').first();
  assert.equal((await first.locator('h2 a').textContent())?.trim(), STICKY.title);
  assert.ok(await first.locator('.pinned-mark').isVisible(), 'the sticky post is marked');
  const summary = await first.innerText();
  assert.match(summary, /Welcome to the newsroom notes/);
  assert.doesNotMatch(summary, /How the desk works|Feeds are read every hour/, 'nothing after <!-- more --> is shown');
  await screenshot(page, 'home');
  assert.deepEqual(await brokenLinks(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a reader should open the sticky post and read its Markdown and its tags', async () => {
  const problems: string[] = [];
  const page = await open('/', problems);
  await follow(page, `main a:text-is("${STICKY.title}")`);
  assert.equal(pathOf(page), STICKY.path);
  assert.equal((await page.locator('h1').textContent())?.trim(), STICKY.title);
  assert.deepEqual(await page.locator('.article-body table th').allTextContents(), ['Desk', 'Stories per day']);
  assert.deepEqual(await page.locator('.article-body table td').allTextContents(), ['Tech', '40', 'Finance', '25']);
  assert.match((await page.locator('.article-body pre code.language-yaml').textContent()) ?? '', /name: daily-wire/);
  assert.deepEqual(await page.locator('.article-footer a[rel="tag"]').allTextContents(), ['Static Sites', 'Open Source', '开源']);
  await screenshot(page, 'post');
  assert.deepEqual(await brokenLinks(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a reader should click a heading's link and land on that heading", async () => {
  const problems: string[] = [];
  const page = await open(STICKY.path, problems);
  const anchor = page.locator('.article-body h2', { hasText: 'How the desk works' }).locator('a.headerlink');
  await anchor.dispatchEvent('click'); // what a click does, whether or not the reader can find the link
  const hash = new URL(page.url()).hash;
  assert.ok(hash.length > 1, 'the click puts the heading in the URL');
  assert.equal(await page.locator(`[id="${decodeURIComponent(hash.slice(1))}"]`).textContent(), 'How the desk works');
  assert.equal(await page.locator('h2:target').textContent(), 'How the desk works', 'the browser targets the heading');
  assert.deepEqual(problems, []);
  assert.ok(await anchor.isVisible(), 'the heading offers a link a reader can see and click');
  await page.close();
});

test('a reader should land on the heading a link saved from the Hexo site names', async () => {
  const problems: string[] = [];
  const page = await open(`${STICKY.path}#How-the-desk-works`, problems);
  await page.waitForFunction("location.hash.startsWith('#user-content-')");
  const heading = page.locator('.article-body h2', { hasText: 'How the desk works' });
  const { top } = await heading.evaluate((element) => element.getBoundingClientRect());
  assert.ok(Math.abs(top) < 50, `the heading is scrolled to the top of the window (top ${top})`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a reader should follow a tag to its page, the tag index and the tag feed', async () => {
  const problems: string[] = [];
  const page = await open(STICKY.path, problems);
  await follow(page, '.article-footer a[rel="tag"]:text-is("Open Source")');
  assert.equal(pathOf(page), '/tags/Open-Source/');
  assert.equal(await page.locator(`main a[href="${STICKY.path}"]`).count(), 1, 'the tag page lists the post');
  const feed = await page.locator('link[rel="alternate"][type="application/atom+xml"][href*="/tags/"]').getAttribute('href');
  assert.ok(feed, 'the tag page offers its Atom feed');
  const { status, entries } = await fetchFeed(feed);
  assert.equal(status, 200);
  assert.ok(entries.length >= 1, 'the tag feed has an entry');
  await screenshot(page, 'tag');
  assert.deepEqual(await brokenLinks(page), []);

  await follow(page, 'header nav a[href="/tags/"]');
  const counts = await page.locator('main .counted li').evaluateAll((items) => items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim()));
  // tag_map of _config.yml: 开源 → open-source (beside the tag Open Source → Open-Source), tag map me → mapped-tag.
  assert.deepEqual(counts.sort(), ['Open Source 1', 'Static Sites 1', 'Year in Review 1', 'tag map me 1', '开源 2'].sort());
  await follow(page, 'main a:text-is("开源")');
  assert.equal(pathOf(page), '/tags/open-source/');
  assert.equal(await page.locator('main article').count(), 2);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a reader should find the about page plain, and listed in no listing or feed', async () => {
  const problems: string[] = [];
  const page = await open('/about/', problems);
  assert.equal((await page.locator('h1').textContent())?.trim(), '关于本站');
  assert.match(await page.locator('main').innerText(), /This site republishes news feeds\. 本站转载新闻。/);
  assert.equal(await page.locator('main time, main .meta, .breadcrumbs').count(), 0, 'no date line, no breadcrumbs');
  for (const listing of ['/', '/pages/1/', '/pages/2/', '/pages/3/', '/archives/', '/atom.xml']) {
    const body = await (await fetch(new URL(listing, site.url))).text();
    assert.doesNotMatch(body, /\/about\/|关于本站/, `${listing} does not list the about page`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("a reader should page through the home page and browse categories by Hexo's slugs", async () => {
  const problems: string[] = [];
  const page = await open('/', problems);
  // 20 posts at per_page 5, numbered from the oldest: the home page holds the newest 5, then /pages/3/, /pages/2/, /pages/1/.
  await follow(page, 'nav.pagination a[rel="next"]');
  assert.equal(pathOf(page), '/pages/3/');
  assert.equal((await page.locator('.page-of').textContent())?.trim(), '第 3 页');
  assert.equal(await page.locator('main article').count(), 5, 'per_page: 5');
  assert.equal(await page.locator(`main a[href="${STICKY.path}"]`).count(), 0, 'the sticky post is on the home page only');
  await follow(page, 'nav.pagination a:text-is("1")');
  assert.equal(pathOf(page), '/pages/1/');
  assert.equal(await page.locator('nav.pagination a[rel="next"]').count(), 0, 'page 1 holds the oldest posts');
  await follow(page, 'nav.pagination a:text-is("最新")');
  assert.equal(pathOf(page), '/');

  // category_map of _config.yml: 科技 → keji, 财经 → finance, 生活 → life; other names are slugized.
  await follow(page, 'header nav a[href="/categories/"]');
  for (const [name, slug] of [['科技', 'keji'], ['财经', 'finance'], ['生活', 'life'], ['Tech News', 'Tech-News'], ['Open Source', 'Open-Source']]) {
    assert.equal(await page.locator(`main a[href="/categories/${slug}/"]:text-is("${name}")`).count(), 1, `${name} links to /categories/${slug}/`);
  }
  await follow(page, 'main a[href="/categories/keji/"]');
  assert.equal((await page.locator('h1').textContent())?.trim(), '科技');
  assert.equal(await page.locator('main article').count(), 6, 'fewer than two pages of posts: all on the category page');
  assert.equal(await page.locator('nav.pagination').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a reader should get the blog's own CNAME and robots.txt as written", async () => {
  for (const file of ['CNAME', 'robots.txt']) {
    const response = await fetch(new URL(file, site.url));
    assert.equal(response.status, 200, file);
    assert.equal(await response.text(), await readFile(path.join(FIXTURE, 'source', file), 'utf8'), `${file} is the blog's`);
  }
});
