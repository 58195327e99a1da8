import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BuildError } from '../../src/report/build-error.ts';
import { renderSite } from '../../src/site/index.ts';
import { basePath, outputPathForUrl } from '../../src/urls/index.ts';
import { loadHtml, makeConfig, makeSiteArticles } from '../helpers/make-articles.ts';

const articles = makeSiteArticles();
let outDir = '';
let result: Awaited<ReturnType<typeof renderSite>>;
const html = new Map<string, string>();

before(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-site-'));
  result = await renderSite(articles, makeConfig(), { loadHtml, outDir });
  for (const file of await listFiles(outDir)) if (file.endsWith('.html')) html.set(file, await readFile(path.join(outDir, file), 'utf8'));
});

after(async () => {
  await rm(outDir, { recursive: true, force: true });
});

test('should write the home, listing, category, archive, article and 404 pages and report them', () => {
  for (const file of [
    'index.html',
    'page/1/index.html',
    'categories/index.html',
    'categories/新媒体/index.html',
    'categories/新媒体/ZAKER/index.html',
    'categories/新媒体/ZAKER/source/index.html',
    'archives/index.html',
    'archives/2021/index.html',
    'archives/2021/10/index.html',
    '404.html',
    ...articles.map((a) => a.outputPath),
  ]) {
    assert.ok(html.has(file), `missing ${file}`);
  }
  // 25 articles at 10 a page, numbered from the oldest: the front page holds the newest 15, page 1 the oldest 10.
  assert.ok(!html.has('page/4/index.html'));
  assert.deepEqual(result.files, [...html.keys()].sort());
  assert.equal(result.pages, html.size);
  assert.ok(existsSync(path.join(outDir, 'style.css')));
  assert.match(String(html.get('index.html')), /<link rel="stylesheet" href="\/style.css">/);
});

test('should copy robots.txt allowing everything', async () => {
  assert.match(await readFile(path.join(outDir, 'robots.txt'), 'utf8'), /User-agent: \*\s+Allow: \//);
});

test('should link paginated listings with rel=prev and rel=next, and name a numbered page by its number', () => {
  const rels = (file: string) => {
    const page = html.get(file) ?? '';
    const anchor = (rel: string) => page.match(new RegExp(`<a[^>]*rel="${rel}"[^>]*href="([^"]*)"`))?.[1];
    return [anchor('prev'), anchor('next')];
  };
  assert.deepEqual(rels('index.html'), [undefined, '/page/1/']);
  assert.deepEqual(rels('page/1/index.html'), ['/', undefined]);
  const oldest = String(html.get('page/1/index.html'));
  assert.match(oldest, /<link rel="prev" href="http:\/\/localhost:8080\/">/);
  assert.doesNotMatch(oldest, /<link rel="next"/);
  assert.match(oldest, /<title>第 1 页 · /);
  assert.match(oldest, /<p class="page-of">第 1 页<\/p>/);
  assert.match(oldest, /<li><a href="\/">最新<\/a><\/li>\s*<li><a href="\/page\/1\/" aria-current="page">1<\/a><\/li>/);
  assert.doesNotMatch(String(html.get('index.html')), /class="page-of"/, 'the front page is the listing itself, not a numbered page');
});

test("should send Hexo's numbered URLs that pages numbered from the oldest do not have to the listing", () => {
  // Hexo numbered the 25 articles' home /page/2/ and /page/3/; here there is only /page/1/.
  for (const file of ['page/2/index.html', 'page/3/index.html']) {
    const page = String(html.get(file));
    assert.match(page, /<meta http-equiv="refresh" content="0; url=\/">/, file);
    assert.match(page, /<link rel="canonical" href="http:\/\/localhost:8080\/">/, file);
    assert.match(page, /<meta name="robots" content="noindex">/, file);
  }
  assert.ok(!html.has('page/4/index.html'));
  // 17 articles: all on the category's own page; Hexo's /page/2/ is sent there.
  assert.match(String(html.get('categories/新媒体/ZAKER/page/2/index.html')), /<meta http-equiv="refresh" content="0; url=\/categories\/新媒体\/ZAKER\/">/);
  assert.ok(!html.has('categories/新媒体/ZAKER/page/3/index.html'));
});

test('should make every article reachable by following links from the home page, with no broken link', () => {
  const seen = new Set<string>(['index.html']);
  const queue = ['index.html'];
  const broken: string[] = [];
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    for (const href of links(html.get(file) ?? '')) {
      const url = new URL(href, 'http://localhost:8080/');
      if (url.host !== 'localhost:8080' || !url.pathname.endsWith('/')) continue;
      const target = outputPathForUrl(url.pathname);
      if (!html.has(target)) broken.push(`${file} → ${href}`);
      else if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  assert.deepEqual(broken, []);
  assert.deepEqual(articles.map((a) => a.outputPath).filter((file) => !seen.has(file)), []);
});

test('should list in a category the articles of its sub-categories, and file dates in the site timezone', () => {
  const zaker = (html.get('categories/新媒体/ZAKER/index.html') ?? '') + (html.get('categories/新媒体/ZAKER/page/2/index.html') ?? '');
  assert.equal(zaker.match(/class="summary[ "]/g)?.length, 17);
  assert.match(String(html.get('categories/新媒体/ZAKER/index.html')), /channel<\/a> <span class="count">7<\/span>/);
  // 2021-11-01T07:30+08:00 is 2021-10-31T23:30Z: November for the site.
  assert.match(String(html.get('archives/2021/11/index.html')), /午夜之后的文章/);
  assert.doesNotMatch(String(html.get('archives/2021/10/index.html')) + String(html.get('archives/2021/10/page/2/index.html')), /午夜之后的文章/);
});

test('should print a hostile title, author and category as text everywhere, never as markup or template', () => {
  const page = String(html.get('2021/10/20/hostile/index.html'));
  assert.match(page, /<h1[^>]*>&lt;script&gt;alert\(1\)&lt;\/script&gt; \{\{ 7\*7 \}\} \{% raw %\}x<\/h1>/);
  // In JSON-LD the title is a JSON string whose `<` cannot close the script element.
  assert.match(page, /"headline":"\\u003cscript\\u003ealert\(1\)\\u003c\/script\\u003e \{\{ 7\*7 \}\} \{% raw %\}x"/);
  assert.match(page, /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt; \{\{ 7\*7 \}\} \{% raw %\}x · /);
  assert.match(page, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(page, /<p>\{\{ 7\*7 \}\} 正文/);
  let pagesWithTitle = 0;
  for (const [file, text] of html) {
    assert.doesNotMatch(withoutOurScripts(text), /<script|<img src=x|<b>source/i, file);
    assert.doesNotMatch(text, /\b49\b/, file);
    if (text.includes('{{ 7*7 }} {% raw %}x')) pagesWithTitle += 1;
  }
  // The article itself, its neighbours, home, and its category and archive listings.
  assert.ok(pagesWithTitle >= 8, `title found on ${pagesWithTitle} pages`);
});

test('should write no script but JSON-LD data and our own files (search, heading anchors), no inline style and no event handler attribute', () => {
  for (const [file, text] of html) {
    assert.doesNotMatch(withoutOurScripts(text), /<script\b/i, file);
    // Inside tags only: the hostile author's escaped text says `onerror=` on purpose.
    // Attribute names only, skipping quoted values: a description may quote the author's `onerror=` as text.
    const attributeNames = [...text.matchAll(/<[a-z][^\s>]*((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/gi)].flatMap((m) =>
      [...(m[1] ?? '').matchAll(/\s+([^\s=>]+)(?:="[^"]*")?/g)].map((a) => (a[1] ?? '').toLowerCase()),
    );
    assert.doesNotMatch(text, /<style\b/i, file);
    assert.deepEqual(attributeNames.filter((name) => name === 'style' || name.startsWith('on')), [], file);
  }
});

test('should declare the language, canonical URL and publication time of an article', () => {
  const page = String(html.get('2021/10/21/two-paths/index.html'));
  assert.match(page, /^<!doctype html>\n<html lang="zh-CN">/);
  assert.match(page, /<meta charset="utf-8">/);
  assert.match(page, /<link rel="canonical" href="http:\/\/localhost:8080\/2021\/10\/21\/two-paths\/">/);
  assert.match(page, /<time datetime="2021-10-21T09:00:00\+08:00"[^>]*>2021年10月21日 09:00<\/time>/);
  // One breadcrumb trail per category path.
  assert.match(page, /href="\/categories\/科技\/cnBeta\/">cnBeta<\/a>/);
  assert.match(page, /href="\/categories\/新媒体\/ZAKER\/source\/">source<\/a>/);
});

test('should put every link under the base path of the base URL', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-site-base-'));
  try {
    const config = makeConfig({ baseUrl: 'https://example.org/news/' });
    await renderSite(articles, config, { loadHtml, outDir: dir });
    const home = await readFile(path.join(dir, 'index.html'), 'utf8');
    const prefix = basePath(config.baseUrl);
    assert.equal(prefix, '/news');
    assert.match(home, /<link rel="canonical" href="https:\/\/example.org\/news\/">/);
    assert.match(home, /href="\/news\/style.css"/);
    assert.match(home, /<source type="image\/webp" srcset="\/news\/images\/cover-21-480.webp"><img src="\/news\/images\/cover-21-480.jpg"/);
    const hrefs = [...home.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1] ?? '');
    assert.deepEqual(hrefs.filter((h) => !h.startsWith('#') && !h.startsWith('/news/') && !h.startsWith('https://example.org/news/')), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('should throw a BuildError naming the template that failed', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-site-broken-'));
  const templatesDir = fileURLToPath(new URL('../fixtures/site/broken-template/', import.meta.url));
  try {
    await assert.rejects(renderSite(articles, makeConfig(), { loadHtml, outDir: dir, templatesDir }), (error: unknown) => {
      assert.ok(error instanceof BuildError);
      assert.equal(error.file, path.join(templatesDir, '_includes', 'page.njk'));
      assert.match(error.message, /expected elif, else, or endif/);
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('should throw a BuildError naming a template that fails in a later batch, once the pages under way are written', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-site-late-'));
  const templatesDir = path.join(dir, 'templates');
  try {
    await cp(fileURLToPath(new URL('../../templates/', import.meta.url)), templatesDir, { recursive: true });
    // Articles render first: the listings' template fails after several batches of article pages.
    const listing = path.join(templatesDir, '_includes', 'listing-page.njk');
    await writeFile(listing, `${await readFile(listing, 'utf8')}\n{% if entry.title %}`);
    const out = path.join(dir, 'out');
    await assert.rejects(renderSite(articles, makeConfig(), { loadHtml, outDir: out, templatesDir, batchPages: 3 }), (error: unknown) => {
      assert.ok(error instanceof BuildError);
      assert.equal(error.file, listing);
      return true;
    });
    const written = (await listFiles(out)).filter((file) => file.endsWith('.html'));
    assert.ok(written.length >= 3, 'the article pages of the batches before were written');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('should ignore an eleventy config file and templates in the working directory', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-site-cwd-'));
  const cwd = process.cwd();
  try {
    await writeFile(path.join(dir, 'eleventy.config.js'), 'export default function () { throw new Error("read the project config"); }\n');
    await mkdir(path.join(dir, 'content'));
    await writeFile(path.join(dir, 'content', 'evil.njk'), '{{ 7*7 }}');
    process.chdir(dir);
    const out = path.join(dir, 'out');
    const { files } = await renderSite(articles, { ...makeConfig(), contentDir: path.join(dir, 'content') }, { loadHtml, outDir: out });
    assert.ok(files.includes('index.html'));
    assert.ok(!files.some((f) => f.includes('evil')));
  } finally {
    process.chdir(cwd);
    await rm(dir, { recursive: true, force: true });
  }
});

test('should render fresh data when called again in the same process, as the dev server does', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-site-again-'));
  try {
    const first = articles.slice(0, 3);
    const second = first.map((a) => ({ ...a, title: `${a.title}（已更新）` }));
    await renderSite(first, makeConfig(), { loadHtml, outDir: path.join(dir, 'one') });
    await renderSite(second, makeConfig(), { loadHtml, outDir: path.join(dir, 'two') });
    const page = await readFile(path.join(dir, 'two', second[0]?.outputPath ?? ''), 'utf8');
    assert.match(page, /<h1[^>]*>[^<]*（已更新）<\/h1>/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('should render a site with no articles yet: home, categories, archives, authors, search and 404', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-site-empty-'));
  try {
    const { files } = await renderSite([], makeConfig(), { loadHtml, outDir: dir });
    assert.deepEqual(files, ['404.html', 'archives/index.html', 'authors/index.html', 'categories/index.html', 'index.html', 'search/index.html']);
    for (const file of files.filter((f) => f !== '404.html' && f !== 'search/index.html')) assert.match(await readFile(path.join(dir, file), 'utf8'), /这里还没有文章。/, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** A page without the two scripts we write ourselves: JSON-LD (escaped data) and the search page's module. */
function withoutOurScripts(page: string): string {
  return page.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, '').replace(/<script type="module" src="\/(?:search|anchors)\.js"><\/script>/g, '');
}

function links(page: string): string[] {
  return [...page.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

test('should write the same site when Eleventy renders the pages a few at a time', async () => {
  const batched = await mkdtemp(path.join(os.tmpdir(), 'wirepress-site-batched-'));
  try {
    const batchedResult = await renderSite(articles, makeConfig(), { loadHtml, outDir: batched, batchPages: 3 });
    assert.ok(result.pages > 3 * 4, 'several batches of each kind of page');
    assert.deepEqual(batchedResult.files, result.files);
    const files = (await listFiles(outDir)).sort();
    assert.deepEqual((await listFiles(batched)).sort(), files);
    for (const file of files) assert.ok((await readFile(path.join(batched, file))).equals(await readFile(path.join(outDir, file))), `${file} differs`);
  } finally {
    await rm(batched, { recursive: true, force: true });
  }
});
