import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { renderSite } from '../../src/site/index.ts';
import { searchDocs } from '../../src/search/search-docs.ts';
import { buildSiteData } from '../../src/site/pages/site-data.ts';
import { loadHtml, makeArticle, makeConfig, makeSiteArticles, rehostedCover } from '../helpers/make-articles.ts';

// A Hexo page (source/about/index.md), newer than every post, with what would put a post in listings.
const about = makeArticle({
  title: '关于本站',
  segments: ['about'],
  date: '2022-06-01T08:00:00+08:00',
  kind: 'page',
  categories: [['新媒体', 'ZAKER', 'source']],
  tags: ['本站'],
  author: 'ZAKER',
  sticky: 5,
  text: '本站转载各家新闻。',
  html: '<p>本站转载各家新闻。</p>',
  coverImage: rehostedCover('about'),
});
const posts = makeSiteArticles();
const articles = [...posts, about];
let outDir = '';
let result: Awaited<ReturnType<typeof renderSite>>;
const read = (file: string) => readFile(path.join(outDir, file), 'utf8');

before(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-pages-'));
  result = await renderSite(articles, makeConfig(), { loadHtml, outDir });
});

after(async () => {
  await rm(outDir, { recursive: true, force: true });
});

test('should render a page with its title and body only: no date, breadcrumbs, tags, neighbours or related', async () => {
  const page = await read('about/index.html');
  assert.match(page, /<h1>关于本站<\/h1>/);
  assert.match(page, /<p>本站转载各家新闻。<\/p>/);
  assert.match(page, /<title>关于本站 · 测试新闻<\/title>/);
  for (const absent of [/<time/, /class="breadcrumbs"/, /class="article-nav"/, /class="related"/, /class="tags"/, /class="meta"/, /application\/ld\+json/, /article:published_time/]) {
    assert.doesNotMatch(page, absent);
  }
  assert.match(page, /<meta property="og:type" content="website">/);
  assert.match(page, /<link rel="canonical" href="http:\/\/localhost:8080\/about\/">/);
});

test('should list a page in the sitemap but in no listing, feed or count', async () => {
  assert.ok(result.files.includes('about/index.html'));
  assert.match(await read('sitemap.xml'), /<loc>http:\/\/localhost:8080\/about\/<\/loc><lastmod>2022-06-01T08:00:00\+08:00<\/lastmod>/);
  const data = buildSiteData(articles, makeConfig());
  const listed = data.listingPages.flatMap((p) => p.groups.flatMap((g) => g.items.map((i) => i.url)));
  assert.ok(!listed.includes('/about/'), 'in no listing');
  assert.deepEqual(data.listingPages.filter((p) => p.kind === 'home').flatMap((p) => p.groups.flatMap((g) => g.items)).length, posts.length);
  assert.ok(!data.listingPages.some((p) => p.kind === 'tag' || p.kind === 'tags'), 'its tags make no tag pages');
  assert.ok(!data.listingPages.some((p) => p.url === '/authors/ZAKER/' && p.groups.some((g) => g.items.some((i) => i.url === '/about/'))));
  const zakerSource = data.listingPages.find((p) => p.kind === 'categories')?.tree.find((n) => n.name === '新媒体');
  assert.equal(zakerSource?.count, posts.filter((p) => p.categories.some((c) => c[0] === '新媒体')).length, 'not counted in its category');
  assert.ok(!data.feeds.some((f) => f.articles.some((a) => a.url === '/about/')), 'in no feed');
  for (const file of ['atom.xml', 'rss.xml', 'feed.json']) assert.doesNotMatch(await read(file), /about/, file);
});

test('should never make a page the neighbour or a related article of a post', () => {
  const data = buildSiteData(articles, makeConfig());
  const newest = data.articlePages.find((p) => p.kind === 'post' && p.newer === undefined);
  assert.notEqual(newest, undefined);
  for (const page of data.articlePages) {
    assert.notEqual(page.older?.url, '/about/', page.url);
    assert.notEqual(page.newer?.url, '/about/', page.url);
    assert.ok(!page.related.some((r) => r.url === '/about/'), page.url);
  }
});

test('should leave pages out of the search index', () => {
  const docs = searchDocs(articles, makeConfig(), 'salt');
  assert.equal(docs.length, posts.length);
  assert.ok(!docs.some((doc) => doc.article.url === '/about/'));
});
