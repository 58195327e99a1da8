import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { uiTextFor } from '../../src/site/pages/ui-text.ts';
import { launchChromium } from '../helpers/browser.ts';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { readIndexEntry } from '../helpers/search-index.ts';
import { serveStatic } from '../helpers/static-server.ts';

/**
 * The search page as a reader uses it, in Chromium, on a site the CLI
 * builds from the sample posts (content/) and the posts below. What the
 * results should be is read from the posts' sources, not from the index:
 * an article is expected when its title, categories, tags or text (tags
 * stripped) contain every space-separated part of the query.
 */
const TEXT = uiTextFor('zh-CN');
const WAIT_MS = 15_000;

interface Post {
  readonly name: string;
  readonly title: string;
  readonly date: string;
  readonly body: string;
}

// A phrase in a sample post's title, in two fixture posts, and a decoy that holds each of its pairs of characters but not the phrase.
const PHRASE = '地铁隧道';
const PHRASE_DECOY: Post = { name: 'phrase-decoy', title: '城市交通观察', date: '2023-01-03 08:00:00', body: '<p>地铁沿线有一段老铁隧道，如今改成了步道。</p>' };
// Two parts, in the query's order and the other way round, and posts holding only one of them.
const IN_ORDER: Post = { name: 'windows-in-order', title: 'Windows 激活失败怎么办', date: '2023-02-01 08:00:00', body: '<p>先检查网络，再重新输入产品密钥。</p>' };
const REVERSED: Post = { name: 'windows-reversed', title: '重装系统的顺序', date: '2023-02-02 08:00:00', body: '<p>重装系统后，先激活 Windows，再安装驱动和更新。</p>' };
const MARKUP: Post = {
  name: 'markup-as-text',
  title: '网页安全入门',
  date: '2023-04-01 08:00:00',
  body: '<p>最常见的测试代码是 <code>&lt;script&gt;alert(1)&lt;/script&gt;</code>，另一种是 <code>&lt;img src=x onerror=alert(2)&gt;</code>。</p>',
};
// More than a page of results, from both ends of the index: the oldest posts' texts are in its first folder, the newest in the last.
const MANY = '天宫';
const MANY_PHRASE = '天宫空间站';
const MANY_POSTS: Post[] = Array.from({ length: 25 }, (_, n) => ({
  name: `station-${n}`,
  title: `空间站观测日志 第${n + 1}篇`,
  date: n < 5 ? `2019-06-0${n + 1} 21:00:00` : `2023-05-${String(n - 4).padStart(2, '0')} 21:00:00`,
  body: `<p>今晚天宫空间站过境，肉眼可见，这是第${n + 1}次记录。</p>`,
}));
// Every pair of characters of MANY_PHRASE, not the phrase.
const MANY_DECOY: Post = { name: 'station-decoy', title: '周末去哪儿', date: '2023-06-01 10:00:00', body: '<p>雨天故宫空无一人，孩子们在家看天宫课堂和空间站直播。</p>' };
const POSTS: Post[] = [
  { name: 'phrase-title', title: '地铁隧道里装上了新的通信设备', date: '2023-01-01 08:00:00', body: `<p>施工队连夜在${PHRASE}内铺设漏缆。</p>` },
  { name: 'phrase-body', title: '夜间检修记录', date: '2023-01-02 08:00:00', body: `<p>检修人员说，${PHRASE}的照明已全部更换。</p>` },
  PHRASE_DECOY,
  IN_ORDER,
  REVERSED,
  { name: 'windows-only', title: 'Windows 11 的新功能', date: '2023-02-03 08:00:00', body: '<p>开始菜单移到了屏幕中间。</p>' },
  { name: 'activation-only', title: '会员卡激活指南', date: '2023-02-04 08:00:00', body: '<p>在柜台出示身份证即可。</p>' },
  MARKUP,
  ...MANY_POSTS,
  MANY_DECOY,
];
// With the sample posts, more articles than one text folder of the index holds (GROUP_SIZE, 256).
const FILLER_POSTS = 250;

let dir: string;
let out: string;
let site: { url: string; close(): Promise<void> };
let browser: Browser;
let sources: { title: string; searchable: string }[];

function postFile(post: Omit<Post, 'name'>): string {
  return `---\ntitle: ${JSON.stringify(post.title)}\ndate: ${post.date}\ncategories: [专题]\n---\n${post.body}\n`;
}

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirepress-search-e2e-'));
  const content = path.join(dir, 'content');
  await cp(path.join(REPO_ROOT, 'content'), content, { recursive: true });
  for (const post of POSTS) await writeFile(path.join(content, `${post.name}.md`), postFile(post));
  for (let n = 0; n < FILLER_POSTS; n++) {
    const date = new Date(Date.UTC(2020, 0, 1, n)).toISOString().slice(0, 19).replace('T', ' ');
    await writeFile(path.join(content, `filler-${n}.md`), postFile({ title: `第${n + 1}条本地消息`, date, body: '<p>今天本市天气晴朗，市民出行顺利，各项工作有序推进。</p>' }));
  }
  sources = await readSources(content);
  out = path.join(dir, '_site');
  const run = await runCli(['build', '--content', content, '--out', out, '--cache', path.join(dir, '.cache'), '--offline'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  site = await serveStatic(out);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
  if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 3 });
});

/** Every post of a content folder: its title, and all it should be found by, folded. */
async function readSources(content: string): Promise<{ title: string; searchable: string }[]> {
  const files = (await readdir(content, { recursive: true })).filter((file) => file.endsWith('.md'));
  return Promise.all(
    files.map(async (file) => {
      // The sample posts open with a blank line before their front matter, which wirepress (as Hexo) allows.
      const { data, content: body } = matter((await readFile(path.join(content, file), 'utf8')).trimStart());
      const names = (value: unknown): string[] => (Array.isArray(value) ? value.flat(Infinity).map(String) : value === undefined ? [] : [String(value)]);
      const text = decodeEntities(body.replace(/<[^>]*>/g, ''));
      return { title: String(data.title), searchable: fold([String(data.title), ...names(data.categories), ...names(data.tags), text].join('\n')) };
    }),
  );
}

function decodeEntities(html: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };
  return html.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
    if (name.startsWith('#')) return String.fromCodePoint(Number(name[1]?.toLowerCase() === 'x' ? `0${name.slice(1)}` : name.slice(1)));
    return named[name.toLowerCase()] ?? entity;
  });
}

/** As the search folds text: NFKC, then lower case. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function queryParts(query: string): string[] {
  return fold(query).split(/\s+/u).filter((part) => part !== '');
}

/**
 * Titles of the articles whose sources contain every part of `query`, sorted.
 * Plain containment: no query here has a Latin word that also occurs inside a longer word.
 */
function articlesContaining(query: string): string[] {
  const parts = queryParts(query);
  return sources.filter((post) => parts.every((part) => post.searchable.includes(part))).map((post) => post.title).sort();
}

/** A status line as public/search.js fills its template. */
function statusLine(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}

/** A pattern of the status line while results are left to check, its counts as groups `n` and `more`. */
function soFarPattern(query: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pieces = TEXT.searchResultsSoFar.split(/(\{\w+\})/).map((piece) => {
    if (piece === '{n}' || piece === '{more}') return `(?<${piece.slice(1, -1)}>\\d+)`;
    return escape(piece === '{q}' ? query : piece);
  });
  return new RegExp(`^${pieces.join('')}$`, 'u');
}

/** The status line once every result is read: the true count. */
function countLine(query: string, count: number, shown = Math.min(count, 10)): string {
  return count === 0 ? statusLine(TEXT.searchNone, { q: query }) : statusLine(TEXT.searchResults, { n: count, shown, q: query });
}

interface Reader {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, uncaught errors, failed requests, CSP violations and dialogs. */
  readonly problems: string[];
  /** Every URL the page requested. */
  readonly requested: string[];
  /** The bytes of each script and style sheet of the site loaded so far, by path. */
  assetBytes(): Promise<Map<string, number>>;
}

/**
 * Opens the search page (`search/` plus `suffix`) in a new context that
 * records what a reader would notice going wrong. `bypassCSP` lets markup
 * run if the page ever inserted it, so the page must be inert by itself.
 */
async function openSearch(suffix = '', options: { bypassCSP?: boolean } = {}): Promise<Reader> {
  const context = await browser.newContext({ bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  const problems: string[] = [];
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('console', (message) => void (message.type() === 'error' && problems.push(`console: ${message.text()}`)));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const bytes = new Map<string, number>();
  const reads: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    const type = response.request().resourceType();
    if (!response.url().startsWith(site.url) || (type !== 'script' && type !== 'stylesheet')) return;
    const file = new URL(response.url()).pathname;
    reads.push(response.body().then((body) => void bytes.set(file, body.length), (error: Error) => void problems.push(`${file}: ${error.message}`)));
  });
  page.on('dialog', (dialog) => {
    problems.push(`${dialog.type()} dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.exposeFunction('__reportViolation', (what: string) => problems.push(`CSP violation: ${what}`));
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => window.__reportViolation(event.violatedDirective + ' ' + event.blockedURI));`,
  });
  await page.goto(`${site.url}search/${suffix}`, { waitUntil: 'load' });
  const assetBytes = async () => {
    await Promise.all(reads);
    return new Map(bytes);
  };
  return { context, page, problems, requested, assetBytes };
}

/** Polls the page until `expression` is true; fails with `message` after WAIT_MS. */
async function waitUntil(page: Page, expression: string, message: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await page.evaluate(expression))) {
    assert.ok(Date.now() < deadline, message);
    await page.waitForTimeout(50);
  }
}

/** Waits for the status line to read `expected`; fails showing what it reads instead. */
async function waitForStatus(page: Page, expected: string): Promise<void> {
  const status = page.locator('#search-status');
  const deadline = Date.now() + WAIT_MS;
  let shown = await status.textContent();
  while (shown !== expected && Date.now() < deadline) {
    await page.waitForTimeout(50);
    shown = await status.textContent();
  }
  assert.equal(shown, expected, 'the status line');
}

/** Types `query` into the search field and presses Enter. */
async function search(page: Page, query: string): Promise<void> {
  await page.locator('#search-query').fill(query);
  await page.locator('#search-query').press('Enter');
}

interface ShownResult {
  readonly title: string;
  readonly href: string;
  /** Everything the result shows: title, date and excerpt. */
  readonly text: string;
  readonly marks: string[];
}

// Browser-side code is written as strings: the project's TypeScript has no DOM types.
const READ_RESULTS = `[...document.querySelectorAll('#search-results > li')].map((item) => ({
  title: item.querySelector('h2')?.textContent ?? '',
  href: item.querySelector('h2 a')?.getAttribute('href') ?? '',
  text: item.textContent,
  marks: [...item.querySelectorAll('mark')].map((mark) => mark.textContent),
}))`;

async function readResults(page: Page): Promise<ShownResult[]> {
  return (await page.evaluate(READ_RESULTS)) as ShownResult[];
}

function titlesOf(results: readonly ShownResult[]): string[] {
  return results.map((result) => result.title).sort();
}

/** Asserts that every result shows every part of `query`, each in a `<mark>`. */
function assertEveryResultShows(results: readonly ShownResult[], query: string): void {
  for (const result of results) {
    for (const part of queryParts(query)) {
      assert.ok(fold(result.text).includes(part), `“${result.title}” shows “${part}”: ${result.text}`);
      assert.ok(result.marks.some((mark) => fold(mark) === part), `“${result.title}” marks “${part}”: ${JSON.stringify(result.marks)}`);
    }
  }
}

/** Presses Tab until the element matching `selector` has the focus (at most `limit` times). */
async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await page.evaluate(`document.activeElement === document.querySelector(${JSON.stringify(selector)})`)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${selector} is not reached with ${limit} presses of Tab`);
}

test('a Chinese phrase typed without spaces should find exactly the articles that contain it, and mark it', async () => {
  const expected = articlesContaining(PHRASE);
  assert.equal(expected.length, 3, 'the sample post and two fixture posts contain the phrase');
  const { context, page, problems } = await openSearch();
  await search(page, PHRASE);
  await waitForStatus(page, countLine(PHRASE, expected.length));
  const results = await readResults(page);
  // Not the decoy: it holds 地铁, 铁隧 and 隧道, but not the phrase.
  assert.deepEqual(titlesOf(results), expected);
  assertEveryResultShows(results, PHRASE);
  assert.ok(await page.locator('#search-more').isHidden(), 'no "more results" for three results');
  for (const result of results) {
    const article = await context.newPage();
    await article.goto(new URL(result.href, site.url).href, { waitUntil: 'load' });
    assert.equal((await article.locator('h1').textContent())?.trim(), result.title, `${result.href} is the article`);
    await article.close();
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('one Chinese character should find every article that contains it', async () => {
  const query = '铁';
  const expected = articlesContaining(query);
  assert.ok(expected.length >= 4, `fixture posts contain ${query}: ${expected.join(', ')}`);
  const { context, page, problems } = await openSearch();
  await search(page, query);
  await waitForStatus(page, countLine(query, expected.length));
  const results = await readResults(page);
  assert.deepEqual(titlesOf(results), expected);
  assertEveryResultShows(results, query);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a query of two parts should find the articles that contain both, in either order', async () => {
  const { context, page, problems } = await openSearch();
  for (const query of ['Windows 激活', '激活 windows', '5G 地铁']) {
    const expected = articlesContaining(query);
    assert.ok(expected.length > 0, `some post contains ${query}`);
    if (query !== '5G 地铁') assert.deepEqual(expected, [REVERSED.title, IN_ORDER.title].sort(), 'the posts with one part alone are not expected');
    await search(page, query);
    await waitForStatus(page, countLine(query, expected.length));
    const results = await readResults(page);
    assert.deepEqual(titlesOf(results), expected, query);
    assertEveryResultShows(results, query);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a query no article contains should say so, with no results and no "more results"', async () => {
  const { context, page, problems } = await openSearch();
  // A search with more than a page of results first: nothing of it may stay.
  await search(page, MANY);
  await waitForStatus(page, countLine(MANY, articlesContaining(MANY).length));
  assert.ok(await page.locator('#search-more').isVisible(), 'more than a page of results has "more results"');
  for (const query of ['地铁站长城', 'xyzzyplugh']) {
    assert.deepEqual(articlesContaining(query), [], `no post contains ${query}`);
    await search(page, query);
    await waitForStatus(page, statusLine(TEXT.searchNone, { q: query }));
    assert.equal(await page.locator('#search-results > li').count(), 0, query);
    assert.ok(await page.locator('#search-more').isHidden(), `no "more results" for ${query}`);
  }
  // Punctuation alone has nothing to search for: the page says so instead of "no article".
  await search(page, '！？');
  await waitForStatus(page, TEXT.searchNothingToFind);
  assert.equal(await page.locator('#search-results > li').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('markup in a query should be shown as text and run nothing, even with the CSP bypassed', async () => {
  const queries = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '"><img src=x onerror=alert(3)>'];
  for (const [n, query] of queries.entries()) {
    const expected = articlesContaining(query);
    // The first two are in MARKUP's text; the third in no post.
    assert.deepEqual(expected, n < 2 ? [MARKUP.title] : [], query);
    // From a link (?q=) and typed into the field.
    const { context, page, problems } = await openSearch(n === 1 ? '' : `?q=${encodeURIComponent(query)}`, { bypassCSP: true });
    if (n === 1) await search(page, query);
    await waitForStatus(page, countLine(query, expected.length));
    // An <img src=x> would fail to load within this time, and its handler would open a dialog.
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#search-query').inputValue(), query);
    assert.equal(new URL(page.url()).searchParams.get('q'), query);
    assert.equal(await page.locator('#search-status *').count(), 0, 'the status line is text alone');
    assert.equal(await page.locator('main img, main script:not([src])').count(), 0, 'no element is made from the query');
    const results = await readResults(page);
    assert.deepEqual(titlesOf(results), expected);
    assertEveryResultShows(results, query);
    assert.equal(await page.locator('#search-results mark *').count(), 0, 'marks hold text alone');
    assert.deepEqual(problems, [], query);
    await context.close();
  }
});

test('a ?q= link should search on load, each search should add to the history, and Back should bring the previous search back', async () => {
  const first = PHRASE;
  const second = '铁';
  const { context, page, problems } = await openSearch(`?q=${encodeURIComponent(first)}`);
  await waitForStatus(page, countLine(first, articlesContaining(first).length));
  assert.equal(await page.locator('#search-query').inputValue(), first);
  assert.deepEqual(titlesOf(await readResults(page)), articlesContaining(first));
  const entries = (await page.evaluate('history.length')) as number;

  await search(page, second);
  await waitForStatus(page, countLine(second, articlesContaining(second).length));
  assert.equal(new URL(page.url()).searchParams.get('q'), second);
  assert.equal(await page.evaluate('history.length'), entries + 1, 'the second search is a new history entry');
  assert.deepEqual(titlesOf(await readResults(page)), articlesContaining(second));

  await page.goBack();
  await waitForStatus(page, countLine(first, articlesContaining(first).length));
  assert.equal(new URL(page.url()).searchParams.get('q'), first);
  assert.equal(await page.locator('#search-query').inputValue(), first);
  assert.deepEqual(titlesOf(await readResults(page)), articlesContaining(first));

  await page.goForward();
  await waitForStatus(page, countLine(second, articlesContaining(second).length));
  assert.equal(await page.locator('#search-query').inputValue(), second);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard alone should search, reach "more results" and go on from the first new result', async () => {
  const expected = articlesContaining(MANY);
  assert.ok(expected.length > 20, 'three pages of results');
  const { context, page, problems } = await openSearch();
  const status = page.locator('#search-status');
  assert.equal(await status.getAttribute('role'), 'status');
  assert.equal(await status.getAttribute('aria-live'), 'polite');

  await tabTo(page, '#search-query');
  await page.keyboard.type(MANY);
  await page.keyboard.press('Enter');
  await waitForStatus(page, countLine(MANY, expected.length, 10));
  assert.equal(await page.locator('#search-results > li').count(), 10);

  let shownBefore = 10;
  for (const shown of [20, expected.length]) {
    await tabTo(page, '#search-more');
    await page.keyboard.press('Enter');
    // The status line, which screen readers announce, gives the new count.
    await waitForStatus(page, countLine(MANY, expected.length, shown));
    assert.equal(await page.locator('#search-results > li').count(), shown);
    await waitUntil(
      page,
      `document.activeElement === document.querySelector('#search-results > li:nth-child(${shownBefore + 1}) h2 a')`,
      `after "more results", the focus is on result ${shownBefore + 1}'s link`,
    );
    shownBefore = shown;
  }
  assert.ok(await page.locator('#search-more').isHidden(), 'no "more results" once all are shown');
  const results = await readResults(page);
  assert.deepEqual(titlesOf(results), expected);
  assertEveryResultShows(results, MANY);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a longer phrase over many articles should say how many are found so far, then the true count', async () => {
  const expected = articlesContaining(MANY_PHRASE);
  assert.equal(expected.length, MANY_POSTS.length, 'the decoy holds each pair of characters, not the phrase');
  const { context, page, problems } = await openSearch(`?q=${encodeURIComponent(MANY_PHRASE)}`);
  const status = page.locator('#search-status');
  await page.locator('#search-results > li').first().waitFor({ timeout: WAIT_MS });
  for (let shown = 10; shown < expected.length; shown += 10) {
    await waitUntil(page, `document.querySelectorAll('#search-results > li').length === ${shown}`, `${shown} results shown`);
    // "Found 10 so far, n more to check": every result not shown yet is among those to check.
    const line = (await status.textContent()) ?? '';
    const counts = soFarPattern(MANY_PHRASE).exec(line);
    assert.ok(counts, `the status line says how many are found so far: ${line}`);
    assert.equal(Number(counts.groups?.n), shown);
    assert.ok(Number(counts.groups?.more) >= expected.length - shown, `${counts.groups?.more} left to check, ${expected.length - shown} results not shown`);
    await page.locator('#search-more').click();
  }
  await waitForStatus(page, countLine(MANY_PHRASE, expected.length, expected.length));
  const results = await readResults(page);
  assert.deepEqual(titlesOf(results), expected);
  assertEveryResultShows(results, MANY_PHRASE);
  assert.ok(await page.locator('#search-more').isHidden(), 'no "more results" once all are shown');
  assert.deepEqual(problems, []);
  await context.close();
});

test('results should come from every text folder of an index bigger than one', async () => {
  const { groups } = await readIndexEntry(out);
  assert.ok(groups.length >= 2, `the index has ${groups.length} text folder(s)`);
  const expected = articlesContaining(MANY);
  const { context, page, problems, requested } = await openSearch(`?q=${encodeURIComponent(MANY)}`);
  for (let shown = 10; shown < expected.length; shown += 10) {
    await waitForStatus(page, countLine(MANY, expected.length, shown));
    await page.locator('#search-more').click();
  }
  await waitForStatus(page, countLine(MANY, expected.length, expected.length));
  assert.deepEqual(titlesOf(await readResults(page)), expected);
  for (const group of groups) assert.ok(requested.some((url) => url.startsWith(`${site.url}search-index/${group}/`)), `a text of ${group}/ was read`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the search page should load at most 50 KB of CSS and JS, nothing of Pagefind, and break no CSP rule', async () => {
  const { context, page, problems, requested, assetBytes } = await openSearch();
  // Measured before any query: what every reader of the page loads.
  const bytes = await assetBytes();
  for (const file of ['/style.css', '/search.js', '/search-engine.js', '/search-format.js']) assert.ok((bytes.get(file) ?? 0) > 0, `${file} is loaded: ${[...bytes.keys()].join(', ')}`);
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  assert.ok(total <= 50 * 1024, `CSS + JS of the search page: ${total} bytes (${JSON.stringify(Object.fromEntries(bytes))})`);

  // A violation is only reported where a policy holds: the page's own must be there, and strict.
  const csp = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  assert.match(csp, /script-src 'self'(;|$)/, 'scripts are held to the site itself');
  assert.doesNotMatch(csp, /unsafe/, 'no unsafe-* source is allowed');
  await search(page, PHRASE);
  await waitForStatus(page, countLine(PHRASE, articlesContaining(PHRASE).length));
  assert.ok(requested.some((url) => url.startsWith(`${site.url}search-index/`)), 'the search read the index');
  assert.deepEqual(requested.filter((url) => url.includes('pagefind')), [], 'nothing of Pagefind is requested');
  assert.deepEqual(problems, []);
  await context.close();
});

test('"more results" should name the query its results are for, after the field was edited without searching', async () => {
  const expected = articlesContaining(MANY);
  const { context, page, problems } = await openSearch(`?q=${encodeURIComponent(MANY)}`);
  await waitForStatus(page, countLine(MANY, expected.length));
  await page.locator('#search-query').fill(PHRASE);
  await page.locator('#search-more').click();
  await waitUntil(page, `document.querySelectorAll('#search-results > li').length === 20`, '20 results shown');
  assert.equal(await page.locator('#search-status').textContent(), countLine(MANY, expected.length, 20));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the skip link should leave the results read so far in place', async () => {
  const expected = articlesContaining(MANY);
  const { context, page, problems } = await openSearch(`?q=${encodeURIComponent(MANY)}`);
  await waitForStatus(page, countLine(MANY, expected.length));
  await page.locator('#search-more').click();
  await waitForStatus(page, countLine(MANY, expected.length, 20));
  await page.locator('.skip-link').focus();
  await page.keyboard.press('Enter');
  assert.equal(new URL(page.url()).hash, '#main');
  // A search run again would be back to its first page by now.
  await page.waitForTimeout(1000);
  assert.equal(await page.locator('#search-results > li').count(), 20);
  assert.equal(await page.locator('#search-status').textContent(), countLine(MANY, expected.length, 20));
  assert.deepEqual(problems, []);
  await context.close();
});
