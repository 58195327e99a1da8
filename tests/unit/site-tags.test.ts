import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import { renderSite } from '../../src/site/index.ts';
import { buildSiteData } from '../../src/site/pages/site-data.ts';
import { loadHtml, makeArticle, makeConfig, makeSiteArticles } from '../helpers/make-articles.ts';
import { assertWellFormedXml } from '../helpers/xml-check.ts';

// Twelve posts tagged 人工智能 (two pages of ten), three of them also `Tech News`, one hostile tag.
const tagged = Array.from({ length: 12 }, (_, i) =>
  makeArticle({
    title: `AI 新闻 ${i + 1}`,
    slug: `ai-${i + 1}`,
    date: `2021-12-${String(i + 1).padStart(2, '0')}T08:00:00+08:00`,
    tags: i < 3 ? ['人工智能', 'Tech News'] : ['人工智能'],
  }),
);
const hostile = makeArticle({ title: '标签里的脚本', slug: 'hostile-tag', date: '2021-12-20T08:00:00+08:00', tags: ['<script>x</script>', '  '] });
const page = makeArticle({ title: '关于', segments: ['about'], date: '2021-01-01T00:00:00+08:00', kind: 'page', tags: ['人工智能'] });
const articles = [...makeSiteArticles(), ...tagged, hostile, page];
let outDir = '';
const read = (file: string) => readFile(path.join(outDir, file), 'utf8');

before(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-tags-'));
  // Pages numbered from the newest, as Hexo numbers them (the default, from the oldest, is tested in site-render and site-paginate).
  await renderSite(articles, makeConfig({ baseUrl: 'https://example.org/news/', pagination: 'newest' }), { loadHtml, outDir });
});

after(async () => {
  await rm(outDir, { recursive: true, force: true });
});

test('should list every tag with its count on /tags/', async () => {
  const index = await read('tags/index.html');
  assert.match(index, /<h1>标签<\/h1>/);
  assert.match(index, /<a href="\/news\/tags\/人工智能\/">人工智能<\/a> <span class="count">12<\/span>/);
  assert.match(index, /<a href="\/news\/tags\/Tech-News\/">Tech News<\/a> <span class="count">3<\/span>/);
  assert.match(index, /<a href="\/news\/tags\/script-x-script\/">&lt;script&gt;x&lt;\/script&gt;<\/a> <span class="count">1<\/span>/);
  assert.doesNotMatch(index, /这里还没有文章/);
});

test('should write a paginated listing per tag at its Hexo slug, newest first, numbered as Hexo numbers it when asked', async () => {
  const first = await read('tags/人工智能/index.html');
  assert.match(first, /<h1>人工智能<\/h1>/);
  assert.equal(first.match(/class="summary[ "]/g)?.length, 10);
  assert.ok(first.indexOf('AI 新闻 12') < first.indexOf('AI 新闻 11'), 'newest first');
  assert.match(first, /rel="next" href="\/news\/tags\/人工智能\/page\/2\/"/);
  const second = await read('tags/人工智能/page/2/index.html');
  assert.equal(second.match(/class="summary[ "]/g)?.length, 2);
  assert.match(second, /<p class="page-of">2 \/ 2<\/p>/);
  assert.match(second, /<meta name="description" content="人工智能：第 2 页，2021-12-01 至 2021-12-02 的文章。">/);
  assert.match(await read('tags/Tech-News/index.html'), /AI 新闻 3/);
  assert.ok(!existsSync(path.join(outDir, 'tags/Tech News')), 'no page under the name with its space');
});

test('should offer and write an Atom feed per tag with only its own articles', async () => {
  const page = await read('tags/Tech-News/index.html');
  assert.match(page, /<link rel="alternate" type="application\/atom\+xml" title="Tech News" href="https:\/\/example.org\/news\/tags\/Tech-News\/atom.xml">/);
  const xml = await read('tags/Tech-News/atom.xml');
  assertWellFormedXml(xml, 'tag feed');
  const feed = parseFeed(xml);
  assert.equal(feed.title, 'Tech News · 测试新闻');
  assert.deepEqual(feed.items.map((item) => item.title), ['AI 新闻 3', 'AI 新闻 2', 'AI 新闻 1']);
  assertWellFormedXml(await read('tags/script-x-script/atom.xml'), 'hostile tag feed');
});

test('should link an article\'s tags from its page, as text', async () => {
  const article = await read('2021/12/01/ai-1/index.html');
  assert.match(article, /<p class="tags"><span class="label">标签<\/span> <a href="\/news\/tags\/人工智能\/" rel="tag">人工智能<\/a> <a href="\/news\/tags\/Tech-News\/" rel="tag">Tech News<\/a><\/p>/);
  assert.match(article, /<meta property="article:tag" content="Tech News">/);
  const hostilePage = await read('2021/12/20/hostile-tag/index.html');
  assert.match(hostilePage, /rel="tag">&lt;script&gt;x&lt;\/script&gt;<\/a><\/p>/);
  assert.doesNotMatch(hostilePage, /<script>x/);
  assert.doesNotMatch(await read('2021/10/21/two-paths/index.html'), /class="tags"/, 'an article without tags shows none');
});

test('should put the tag index in the header and every tag page in the sitemap', async () => {
  assert.match(await read('index.html'), /<li><a href="\/news\/tags\/">标签<\/a><\/li>/);
  const sitemap = await read('sitemap.xml');
  for (const url of ['tags/', 'tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/', 'tags/Tech-News/', 'tags/script-x-script/']) {
    assert.match(sitemap, new RegExp(`<loc>https://example.org/news/${url.replace(/[.*?]/g, '\\$&')}</loc>`), url);
  }
});

test('should show no tags link and write no tag pages on a site without tags', () => {
  const data = buildSiteData(makeSiteArticles(), makeConfig());
  // ZAKER is a source (content.sourceNames), the hostile author a name: the author index holds both.
  assert.deepEqual(data.nav.map((link) => link.name), ['首页', '分类', '归档', '作者与来源', '搜索']);
  assert.ok(!data.listingPages.some((p) => p.kind === 'tags' || p.kind === 'tag'));
  assert.ok(!data.feeds.some((f) => f.url.startsWith('/tags/')));
});

test('should count each article once under tags that share a slug, and never count a page', () => {
  const config = makeConfig({ filenameCase: 1 });
  const data = buildSiteData(
    [
      makeArticle({ title: 'a', date: '2021-12-01T08:00:00+08:00', tags: ['Tech News', 'tech-news'] }),
      makeArticle({ title: 'b', date: '2021-12-02T08:00:00+08:00', tags: ['tech news'] }),
      makeArticle({ title: '关于', segments: ['about'], date: '2021-12-03T08:00:00+08:00', kind: 'page', tags: ['tech news'] }),
    ],
    config,
  );
  const index = data.listingPages.find((p) => p.kind === 'tags');
  assert.deepEqual(index?.children.map((c) => [c.name, c.url, c.count]), [['tech news', '/tags/tech-news/', 2]]);
});

test('should put tag listings under the configured tag dir', () => {
  const data = buildSiteData([makeArticle({ title: 'a', date: '2021-12-01T08:00:00+08:00', tags: ['x'] })], makeConfig({ dirs: { tags: 'topics' } }));
  assert.deepEqual(data.listingPages.filter((p) => p.kind === 'tags' || p.kind === 'tag').map((p) => p.url), ['/topics/', '/topics/x/']);
  assert.ok(data.feeds.some((f) => f.outputPath === 'topics/x/atom.xml'));
});
