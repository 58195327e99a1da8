import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absoluteUrl, hrefFor, outputPathForUrl, safePathSegment, siteUrls, slugize, unwrapProxyUrl, readableUrl } from '../../src/urls/index.ts';
import { makeConfig } from '../helpers/make-articles.ts';

const { archiveUrl, categoryUrl, pageUrl } = siteUrls(makeConfig());

const PROXY = ['https://cors.zfour.workers.dev/?'];

test('should unwrap the CORS proxy in every form the posts use, and leave other URLs alone', () => {
  assert.equal(unwrapProxyUrl('https://cors.zfour.workers.dev/?http://zkres1.myzaker.com/a.jpg', PROXY), 'http://zkres1.myzaker.com/a.jpg');
  assert.equal(unwrapProxyUrl(' http://cors.zfour.workers.dev/?https://a.com/b.png?x=1&y=2 ', PROXY), 'https://a.com/b.png?x=1&y=2');
  assert.equal(unwrapProxyUrl('//cors.zfour.workers.dev/?https%3A%2F%2Fa.com%2Fb.png', PROXY), 'https://a.com/b.png');
  assert.equal(unwrapProxyUrl('https://cors.zfour.workers.dev/?https://cors.zfour.workers.dev/?http://a.com/c.gif', PROXY), 'http://a.com/c.gif');
  assert.equal(unwrapProxyUrl('https://cors.zfour.workers.dev/?javascript:alert(1)', PROXY), 'javascript:alert(1)');
  assert.equal(unwrapProxyUrl('https://img.ithome.com/a.jpg', PROXY), 'https://img.ithome.com/a.jpg');
});

test('should make any text a safe path segment of at most 255 bytes', () => {
  assert.equal(safePathSegment('..'), '__');
  assert.equal(safePathSegment('a/b\\c?d#e%f'), 'a-b-c-d-e-f');
  assert.equal(safePathSegment(' 标题. '), ' 标题__', 'no trailing dot or space (Windows drops them)');
  assert.equal(safePathSegment('新能源车企\u3000三季度  交付'), '新能源车企\u3000三季度  交付', 'U+3000 and runs of spaces kept, as Hexo keeps them');
  assert.equal(safePathSegment('line\nbreak\u0000'), 'line-break-');
  assert.equal(safePathSegment('lone\uD800surrogate'), 'lone-surrogate');
  const long = safePathSegment('新闻'.repeat(200));
  assert.ok(Buffer.byteLength(long) <= 255);
  assert.notEqual(long, safePathSegment(`${'新闻'.repeat(199)}快讯`), 'two long titles with one prefix differ');
});

test('should build listing URLs and map them to files inside the output folder', () => {
  assert.equal(categoryUrl(['新媒体', 'ZAKER']), '/categories/%E6%96%B0%E5%AA%92%E4%BD%93/ZAKER/');
  // Hexo's slug: punctuation runs become one `-`, trimmed; nothing can climb out of the folder.
  assert.equal(outputPathForUrl(categoryUrl(['新媒体', '../etc'])), 'categories/新媒体/etc/index.html');
  assert.equal(archiveUrl(2021, 3), '/archives/2021/03/');
  assert.equal(pageUrl(archiveUrl(2021), 1), '/archives/2021/page/1/');
  assert.equal(pageUrl(archiveUrl(2021), 3), '/archives/2021/page/3/');
  assert.throws(() => outputPathForUrl('/a/%2E%2E/b/'));
});

test('should put URLs under the base path of the base URL', () => {
  assert.equal(hrefFor('https://example.org/', '/a/'), '/a/');
  assert.equal(hrefFor('https://example.org/news/', '/a/'), '/news/a/');
  assert.equal(absoluteUrl('https://example.org/news/', '/a/%E6%96%B0/'), 'https://example.org/news/a/%E6%96%B0/');
});

test('should slugize names exactly as hexo-util does', () => {
  assert.equal(slugize('Tech News'), 'Tech-News');
  assert.equal(slugize(' --Hello,  World!! '), 'Hello-World');
  assert.equal(slugize('新媒体'), '新媒体', 'CJK is kept');
  // hexo-util's diacritics table, not Unicode decomposition: Æ → AE, fullwidth Ａ → A, Cyrillic й kept.
  assert.equal(slugize('Café Ærø'), 'Cafe-AEro');
  assert.equal(slugize('ＡＩ 快讯'), 'AI-快讯');
  assert.equal(slugize('Йогурт'), 'Йогурт');
  assert.equal(slugize('a\u0001-\u0002b'), 'a-b', 'control characters are dropped');
  assert.equal(slugize('Tech News', 1), 'tech-news');
  assert.equal(slugize('Tech News', 2), 'TECH-NEWS');
  assert.equal(slugize('???'), '');
});

test('should make category URLs from Hexo slugs: the map first, each level its own segment', () => {
  const urls = siteUrls(makeConfig({ categoryMap: { 科技: 'tech', 'Big Data': 'Big Data!' }, filenameCase: 1 }));
  assert.equal(urls.categoryUrl(['科技', 'Tech News']), '/categories/tech/tech-news/');
  // A mapped slug is slugized too (Category.slug: slugize(map[name] || name)).
  assert.equal(urls.categoryUrl(['Big Data']), '/categories/big-data/');
  assert.equal(urls.categorySlug(['科技', 'Tech News', 'a/b']), 'tech/tech-news/a-b');
  assert.equal(siteUrls(makeConfig()).categoryUrl(['Tech News']), '/categories/Tech-News/');
  // `constructor` is a name like any other, never Object.prototype's.
  assert.equal(urls.categoryUrl(['constructor']), '/categories/constructor/');
  // A name with no slug would land on its parent's page in Hexo; it gets `-`, as `:category` does.
  assert.equal(urls.categoryUrl(['科技', '???']), '/categories/tech/-/');
});

test('should make tag URLs from tag_map and filename_case, keeping the name where the map says nothing', () => {
  const urls = siteUrls(makeConfig({ tagMap: { 人工智能: 'AI' }, filenameCase: 1 }));
  assert.equal(urls.tagUrl('人工智能'), '/tags/ai/');
  assert.equal(urls.tagUrl('空'), '/tags/%E7%A9%BA/');
  assert.equal(urls.tagUrl('Node.js'), '/tags/node-js/');
  assert.equal(urls.tagUrl(), '/tags/');
  assert.equal(urls.tagSlug('Node.js'), 'node-js');
});

test('should put every listing under the configured dirs', () => {
  const urls = siteUrls(makeConfig({ dirs: { categories: 'cat', tags: 'topics/tag', archives: 'archive', pagination: 'p' } }));
  assert.equal(urls.categoryUrl(['科技']), '/cat/%E7%A7%91%E6%8A%80/');
  assert.equal(urls.tagUrl('a b'), '/topics/tag/a-b/');
  assert.equal(urls.archiveUrl(2021, 3), '/archive/2021/03/');
  assert.equal(urls.pageUrl(urls.homeUrl(), 2), '/p/2/');
  assert.equal(urls.pageUrl(urls.tagUrl('a'), 3), '/topics/tag/a/p/3/');
  assert.deepEqual(urls.topFolders, ['cat', 'topics', 'archive', 'p', 'authors', 'search']);
});

test('should write the letters of a link beyond ASCII as themselves, and keep ASCII escapes and invisible characters encoded', () => {
  assert.equal(readableUrl(categoryUrl(['新媒体', 'ZAKER'])), '/categories/新媒体/ZAKER/');
  assert.equal(readableUrl('/2021/10/19/Axis%20Studios/%E6%96%B0%E9%97%BB%3F%23/'), '/2021/10/19/Axis%20Studios/新闻%3F%23/');
  // U+3000 (kept by Hexo in segments), a bidi override and a zero-width space stay encoded, with the run they are in.
  assert.equal(readableUrl('/a/%E3%80%80b/%E2%80%AEc/%E2%80%8Bd/'), '/a/%E3%80%80b/%E2%80%AEc/%E2%80%8Bd/');
  // Bytes that are not UTF-8 stay as they are.
  assert.equal(readableUrl('/a/%E6%96/b/%FF/'), '/a/%E6%96/b/%FF/');
  assert.equal(readableUrl('/plain/ascii/'), '/plain/ascii/');
});
