import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import { absolutizeHtml } from '../../src/site/feeds/absolute-html.ts';
import { renderSite } from '../../src/site/index.ts';
import { escapeXml, stripXmlForbidden } from '../../src/site/feeds/xml-text.ts';
import { loadHtml, makeArticle, makeConfig, makeSiteArticles, rehostedCover } from '../helpers/make-articles.ts';
import { assertWellFormedXml } from '../helpers/xml-check.ts';

// Characters a scraped page really carries: a form feed, a NUL, a lone surrogate from a bad cut, U+FFFE.
const CONTROL = '\u000c\u0000\ud83d\ufffe';
const nasty = makeArticle({
  title: `Feed ]]> </content> & <b>bold</b>${CONTROL} 标题`,
  slug: 'nasty',
  date: '2021-12-01T08:00:00+08:00',
  categories: [['科技', 'cnBeta', 'feed']],
  author: `Ed & <Co>${CONTROL}`,
  text: `正文 ]]> & <tag>${CONTROL}`,
  html:
    `<p>正文 ]]&gt; &amp; &lt;tag&gt;${CONTROL}</p>` +
    '<picture><source type="image/webp" srcset="/images/n-480.webp 480w, /images/n-960.webp 960w">' +
    '<img src="/images/n-960.jpg" srcset="/images/n-480.jpg 480w, /images/n-960.jpg 960w" width="960" height="540" alt=""></picture>' +
    '<p><a href="#fn1">1</a> <a href="https://example.com/x?a=1&amp;b=2">out</a></p>',
  coverImage: rehostedCover('nasty'),
});
const articles = [...makeSiteArticles(), nasty];
let outDir = '';
const read = (file: string) => readFile(path.join(outDir, file), 'utf8');

before(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-feeds-'));
  await renderSite(articles, makeConfig(), { loadHtml, outDir });
});

after(async () => {
  await rm(outDir, { recursive: true, force: true });
});

test('should write well-formed site feeds in Atom, RSS and JSON Feed with the newest 20 entries', async () => {
  const newest = [...articles].sort((a, b) => b.timestamp - a.timestamp).slice(0, 20);
  for (const file of ['atom.xml', 'rss.xml']) {
    const xml = await read(file);
    assertWellFormedXml(xml, file);
    const feed = parseFeed(xml);
    assert.equal(feed.title, '测试新闻');
    assert.equal(feed.items.length, 20, file);
    assert.deepEqual(
      feed.items.map((item) => item.url),
      newest.map((a) => `http://localhost:8080${a.url}`),
      file,
    );
  }
  const json = JSON.parse(await read('feed.json')) as { version: string; feed_url: string; items: { id: string; content_html: string }[] };
  assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(json.feed_url, 'http://localhost:8080/feed.json');
  assert.equal(json.items.length, 20);
  assert.equal(json.items[0]?.id, 'http://localhost:8080/2021/12/01/nasty/');
});

test('should carry hostile text as escaped text, with every character XML forbids removed', async () => {
  const atom = parseFeed(await read('atom.xml'));
  const entry = atom.items[0];
  assert.equal(entry?.title, 'Feed ]]> </content> & <b>bold</b> 标题');
  assert.deepEqual(entry?.authors.map((a) => a.name), ['Ed & <Co>']);
  // The parser decodes entities twice; the file itself must hold the body's HTML escaped exactly once.
  assert.match(await read('atom.xml'), /<content type="html">&lt;p&gt;正文 \]\]&amp;gt; &amp;amp; &amp;lt;tag&amp;gt;&lt;\/p&gt;/);
  assert.match(await read('rss.xml'), /<description>&lt;p&gt;正文 \]\]&amp;gt; &amp;amp; &amp;lt;tag&amp;gt;&lt;\/p&gt;/);
  const rss = parseFeed(await read('rss.xml'));
  assert.equal(rss.items[0]?.title, 'Feed ]]> </content> & <b>bold</b> 标题');
  const raw = await read('feed.json');
  // JSON Feed: same text, and `<` never appears raw in the file.
  assert.doesNotMatch(raw, /</);
  assert.equal((JSON.parse(raw) as { items: { title: string }[] }).items[0]?.title, 'Feed ]]> </content> & <b>bold</b> 标题');
});

test('should make every URL in the content absolute: re-hosted images, srcsets and fragment links', async () => {
  const content = parseFeed(await read('atom.xml')).items[0]?.content ?? '';
  assert.match(content, /<img src="http:\/\/localhost:8080\/images\/n-960.jpg" srcset="http:\/\/localhost:8080\/images\/n-480.jpg 480w, http:\/\/localhost:8080\/images\/n-960.jpg 960w"/);
  assert.match(content, /<source type="image\/webp" srcset="http:\/\/localhost:8080\/images\/n-480.webp 480w, http:\/\/localhost:8080\/images\/n-960.webp 960w">/);
  assert.match(content, /href="http:\/\/localhost:8080\/2021\/12\/01\/nasty\/#fn1"/);
  assert.match(await read('atom.xml'), /href=&quot;https:\/\/example.com\/x\?a=1&amp;amp;b=2&quot;/);
  const json = JSON.parse(await read('feed.json')) as { items: { image?: string }[] };
  assert.equal(json.items[0]?.image, 'http://localhost:8080/images/nasty-960.jpg');
});

test('should resolve image URLs under the base path of the base URL', () => {
  // The images stage already wrote the base path (`/news/images/…`); the feed adds the origin.
  const html = absolutizeHtml('<img src="/news/images/a-960.jpg" alt="">', 'https://example.org/news/2021/01/01/a/');
  assert.equal(html, '<img src="https://example.org/news/images/a-960.jpg" alt="">');
  // Absolute URLs and other schemes stay; a mixed srcset is resolved candidate by candidate; text is never touched.
  const base = 'https://example.org/a/';
  assert.equal(absolutizeHtml('<a href="mailto:x@y.z">m</a><a href="https://o.org/?a=1&amp;b=2">o</a>', base), '<a href="mailto:x@y.z">m</a><a href="https://o.org/?a=1&amp;b=2">o</a>');
  assert.equal(absolutizeHtml('<img srcset="https://o.org/x.jpg 1x, /y.jpg 2x" alt="1 > 0">', base), '<img srcset="https://o.org/x.jpg 1x, https://example.org/y.jpg 2x" alt="1 > 0">');
  assert.equal(absolutizeHtml('<p>write href="/x" in a tag</p><a href="b">b</a>', base), '<p>write href="/x" in a tag</p><a href="https://example.org/a/b">b</a>');
});

test('should write an Atom feed per category with only its own articles', async () => {
  const file = 'categories/科技/cnBeta/atom.xml';
  const xml = await read(file);
  assertWellFormedXml(xml, file);
  const feed = parseFeed(xml);
  assert.equal(feed.self, 'http://localhost:8080/categories/%E7%A7%91%E6%8A%80/cnBeta/atom.xml');
  const inCategory = articles.filter((a) => a.categories.some((p) => p[0] === '科技' && p[1] === 'cnBeta'));
  assert.equal(feed.items.length, Math.min(20, inCategory.length));
  assert.ok(feed.items.every((item) => inCategory.some((a) => `http://localhost:8080${a.url}` === item.url)));
  // The hostile category name makes Hexo's slug (`b-source-b`), and well-formed XML too.
  assertWellFormedXml(await read('categories/新媒体/ZAKER/b-source-b/atom.xml'), 'hostile category feed');
});

test('should offer the site feeds in every page head, and the category feed on category pages', async () => {
  for (const file of ['index.html', 'archives/index.html', '2021/12/01/nasty/index.html', '404.html', 'search/index.html']) {
    const page = await read(file);
    assert.match(page, /<link rel="alternate" type="application\/atom\+xml" title="[^"]*" href="http:\/\/localhost:8080\/atom.xml">/, file);
    assert.match(page, /<link rel="alternate" type="application\/rss\+xml" title="[^"]*" href="http:\/\/localhost:8080\/rss.xml">/, file);
    assert.match(page, /<link rel="alternate" type="application\/feed\+json" title="[^"]*" href="http:\/\/localhost:8080\/feed.json">/, file);
  }
  const category = await read('categories/科技/index.html');
  assert.match(category, /<link rel="alternate" type="application\/atom\+xml" title="科技" href="http:\/\/localhost:8080\/categories\/%E7%A7%91%E6%8A%80\/atom.xml">/);
});

test('should strip forbidden characters and escape markup for XML', () => {
  assert.equal(stripXmlForbidden('a\u0000b\u0008c\u000bd\u000ce\u001ff\ufffeg\uffffh\ud800i\udc00j\t\n\r😀'), 'abcdefghij\t\n\r😀');
  assert.equal(escapeXml('<a href="x">&\'</a>'), '&lt;a href=&quot;x&quot;&gt;&amp;\'&lt;/a&gt;');
});
