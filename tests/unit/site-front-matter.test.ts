import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import type { Article } from '../../src/article/article.ts';
import { patchSitePlan, renderSite } from '../../src/site/index.ts';
import { fingerprintPages } from '../../src/site/page-plan.ts';
import { buildSiteData } from '../../src/site/pages/site-data.ts';
import { loadHtml, makeArticle, makeConfig, makeSiteArticles } from '../helpers/make-articles.ts';

const day = (n: number) => `2021-12-${String(n).padStart(2, '0')}T08:00:00+08:00`;
const pinnedOld = makeArticle({ title: '置顶的旧闻', slug: 'pinned-old', date: '2021-08-01T08:00:00+08:00', sticky: 1, categories: [['科技']] });
const pinnedHigher = makeArticle({ title: '更高的置顶', slug: 'pinned-higher', date: '2021-07-01T08:00:00+08:00', sticky: 9 });
const withExcerpt = makeArticle({ title: '有摘要的文章', slug: 'excerpt', date: day(1), excerpt: '  这是作者写的\n摘要。 ', text: '正文开头并不是摘要。', categories: [['科技']] });
const described = makeArticle({ title: '有描述的文章', slug: 'described', date: day(2), description: '给搜索引擎的描述。', excerpt: '列表里的摘要。' });
const linked = makeArticle({ title: '链接文章', slug: 'linked', date: day(3), link: 'https://news.example.com/a?b=1&c="x"' });
const badLink = makeArticle({ title: '坏链接', slug: 'bad-link', date: day(4), link: 'javascript:alert(1)' });
const english = makeArticle({ title: 'In English', slug: 'english', date: day(5), lang: 'en-us' });
const badLang = makeArticle({ title: '坏语言', slug: 'bad-lang', date: day(6), lang: '"><script>' });
const updated = makeArticle({ title: '改过的文章', slug: 'updated', date: day(7), updated: '2021-12-09T10:00:00+08:00' });
const articles = [...makeSiteArticles(), pinnedOld, pinnedHigher, withExcerpt, described, linked, badLink, english, badLang, updated];
const config = makeConfig({ subtitle: '每日 <新闻> 摘要', author: '编辑部', baseUrl: 'https://example.org/' });
let outDir = '';
const read = (file: string) => readFile(path.join(outDir, file), 'utf8');
const metaDescription = (page: string) => page.match(/<meta name="description" content="([^"]*)">/)?.[1];

before(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-front-matter-'));
  await renderSite(articles, config, { loadHtml, outDir });
});

after(async () => {
  await rm(outDir, { recursive: true, force: true });
});

test('should put sticky posts first on the home page, higher first, then the rest newest first', () => {
  const data = buildSiteData(articles, config);
  const home = data.listingPages.filter((p) => p.kind === 'home').flatMap((p) => p.groups.flatMap((g) => g.items));
  assert.deepEqual(home.slice(0, 3).map((i) => i.title), ['更高的置顶', '置顶的旧闻', '改过的文章']);
  const dates = home.slice(2).map((i) => Date.parse(i.date));
  assert.deepEqual(dates, [...dates].sort((a, b) => b - a));
  // Other listings keep their date order: the pinned post sits where its date puts it.
  const tech = data.listingPages.filter((p) => /^\/categories\/%E7%A7%91%E6%8A%80\/(?:page\/\d+\/)?$/.test(p.url)).flatMap((p) => p.groups.flatMap((g) => g.items));
  assert.equal(tech[0]?.title, '有摘要的文章');
  assert.equal(tech.at(-1)?.title, '置顶的旧闻');
});

test('should mark pinned posts on the home page only', async () => {
  const home = await read('index.html');
  assert.match(home, /<h2 class="summary-title"><span class="pinned-mark">置顶<\/span> <a href="\/2021\/07\/01\/pinned-higher\/">更高的置顶<\/a><\/h2>/);
  assert.equal(home.match(/class="pinned-mark"/g)?.length, 2);
  const category = await read('categories/科技/index.html');
  assert.match(category, /置顶的旧闻/);
  assert.doesNotMatch(category, /pinned-mark/);
});

test('should put every post on one page when the page sizes are 0, and use the home page size on the home page', () => {
  const all = buildSiteData(articles, makeConfig({ pageSize: 0 }));
  assert.deepEqual(all.listingPages.filter((p) => p.kind === 'home').map((p) => p.url), ['/']);
  assert.ok(all.listingPages.every((p) => p.pagination.front && p.pagination.pages.length === 0));
  const split = buildSiteData(articles, makeConfig({ pageSize: 0, homePageSize: 5 }));
  // Numbered from the oldest: the front page holds the newest whole page and the rest.
  assert.equal(split.listingPages.filter((p) => p.kind === 'home').length, Math.floor(articles.length / 5));
  assert.ok(split.listingPages.filter((p) => p.kind !== 'home').every((p) => p.pagination.front && p.pagination.pages.length === 0));
  const homeOnly = buildSiteData(articles, makeConfig({ pageSize: 5, homePageSize: 0 }));
  assert.deepEqual(homeOnly.listingPages.filter((p) => p.kind === 'home').map((p) => p.url), ['/']);
  assert.ok(homeOnly.listingPages.some((p) => p.url === '/archives/page/1/'));
});

test('should show an article\'s own excerpt in listings and feed summaries instead of its text', async () => {
  const listing = await read('categories/科技/index.html');
  assert.match(listing, /<p class="excerpt">这是作者写的 摘要。<\/p>/);
  assert.doesNotMatch(listing, /正文开头并不是摘要/);
  const entry = parseFeed(await read('atom.xml')).items.find((item) => item.title === '有摘要的文章');
  assert.equal(entry?.description, '这是作者写的 摘要。');
  const json = JSON.parse(await read('feed.json')) as { items: { title: string; summary: string }[] };
  assert.equal(json.items.find((item) => item.title === '有摘要的文章')?.summary, '这是作者写的 摘要。');
});

test('should describe a page by its description, else its excerpt, else its text', async () => {
  assert.equal(metaDescription(await read('2021/12/02/described/index.html')), '给搜索引擎的描述。');
  assert.equal(metaDescription(await read('2021/12/01/excerpt/index.html')), '这是作者写的 摘要。');
  assert.match(metaDescription(await read('2021/12/03/linked/index.html')) ?? '', /^链接文章。这是正文的第一段/);
});

test('should show a link post\'s source as an escaped, no-referrer link, and only an http(s) one', async () => {
  const page = await read('2021/12/03/linked/index.html');
  assert.match(
    page,
    /<p class="source-link"><span class="label">原文链接<\/span> <a href="https:\/\/news.example.com\/a\?b=1&amp;c=%22x%22" rel="noopener noreferrer nofollow">https:\/\/news.example.com\/a\?b=1&amp;c=%22x%22<\/a><\/p>/,
  );
  const bad = await read('2021/12/04/bad-link/index.html');
  assert.doesNotMatch(bad, /source-link|javascript:/);
  const atom = await read('atom.xml');
  assert.match(atom, /<link rel="related" type="text\/html" href="https:\/\/news.example.com\/a\?b=1&amp;c=%22x%22"\/>/);
  const json = JSON.parse(await read('feed.json')) as { items: { title: string; external_url?: string }[] };
  assert.equal(json.items.find((item) => item.title === '链接文章')?.external_url, 'https://news.example.com/a?b=1&c=%22x%22');
  assert.equal(json.items.find((item) => item.title === '坏链接')?.external_url, undefined);
});

test('should set the page language from a valid lang: and ignore any other', async () => {
  const page = await read('2021/12/05/english/index.html');
  assert.match(page, /^<!doctype html>\n<html lang="en-US">/);
  assert.match(page, /"inLanguage":"en-US"/);
  assert.match(await read('2021/12/06/bad-lang/index.html'), /<html lang="zh-CN">/);
  assert.match(await read('2021/12/01/excerpt/index.html'), /<html lang="zh-CN">/);
});

test('should show the subtitle under the site title, as text', async () => {
  assert.match(await read('index.html'), /<a class="site-title" href="\/">测试新闻<\/a>\s*<p class="site-subtitle">每日 &lt;新闻&gt; 摘要<\/p>/);
  const plain = buildSiteData(articles, makeConfig());
  assert.equal(plain.config.subtitle, '');
});

test('should name the site author as the feeds\' author and the JSON-LD author of articles that name none', async () => {
  assert.match(await read('atom.xml'), /<generator>wirepress<\/generator>/);
  assert.match(await read('atom.xml'), /^<author><name>编辑部<\/name><\/author>$/m);
  assert.deepEqual((JSON.parse(await read('feed.json')) as { authors: unknown }).authors, [{ name: '编辑部' }]);
  const jsonLd = (page: string) => JSON.parse(page.match(/<script type="application\/ld\+json">([^<]*)<\/script>/)?.[1] ?? '{}') as { author: unknown };
  assert.deepEqual(jsonLd(await read('2021/12/01/excerpt/index.html')).author, [{ '@type': 'Person', name: '编辑部' }]);
  // ZAKER, the article's own author, names its source (content.sourceNames): no author is claimed for it, the site's neither.
  const zaker = JSON.parse((await read('2021/09/01/news-1/index.html')).match(/<script type="application\/ld\+json">([^<]*)<\/script>/)?.[1] ?? '{}') as Record<string, unknown>;
  assert.equal(zaker.author, undefined);
  assert.deepEqual(zaker.sourceOrganization, { '@type': 'Organization', name: 'ZAKER' });
});

test('should carry the updated date into the feed entry and the structured data', async () => {
  const entry = (await read('atom.xml')).split('<entry>').find((e) => e.includes('改过的文章')) ?? '';
  assert.match(entry, /<published>2021-12-07T08:00:00\+08:00<\/published>\n<updated>2021-12-09T10:00:00\+08:00<\/updated>/);
  assert.match(await read('2021/12/07/updated/index.html'), /"dateModified":"2021-12-09T10:00:00\+08:00"/);
});

test('should re-render an article page when a new field it shows changes', () => {
  const fingerprintOf = (changed: Article) => {
    const data = buildSiteData([...articles.filter((a) => a !== linked), changed], config);
    return fingerprintPages(data, 'shared').get(linked.outputPath);
  };
  const before = fingerprintOf(linked);
  for (const change of [{ link: 'https://other.example.com/' }, { lang: 'en' }, { description: '新描述' }, { tags: ['新标签'] }, { excerpt: '新摘要' }]) {
    assert.notEqual(fingerprintOf({ ...linked, ...change }), before, Object.keys(change).join());
  }
});

test('should patch the plan for a new excerpt exactly as a full build plans it', () => {
  const data = buildSiteData(articles, config);
  const plan = { data, shared: 'shared', fingerprints: fingerprintPages(data, 'shared') };
  const after = { ...withExcerpt, excerpt: '改过的摘要' };
  const patch = patchSitePlan(plan, withExcerpt, after, config);
  assert.notEqual(patch, undefined);
  const full = buildSiteData(articles.map((a) => (a === withExcerpt ? after : a)), config);
  const fullPrints = fingerprintPages(full, 'shared');
  for (const [file, print] of fullPrints) assert.equal(patch?.plan.fingerprints.get(file), print, file);
  assert.ok(patch?.outputs.includes('categories/科技/index.html'));
  // Tags and sticky move pages: they are not patched.
  assert.equal(patchSitePlan(plan, withExcerpt, { ...withExcerpt, tags: ['x'] }, config), undefined);
  assert.equal(patchSitePlan(plan, withExcerpt, { ...withExcerpt, sticky: 1 }, config), undefined);
});
