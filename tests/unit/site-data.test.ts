import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hrefSrcset } from '../../src/site/eleventy-config.ts';
import { makeExcerpt } from '../../src/site/pages/excerpt.ts';
import { buildSiteData } from '../../src/site/pages/site-data.ts';
import { makeArticle, makeConfig, makeSiteArticles, rehostedCover } from '../helpers/make-articles.ts';

test('should cut an excerpt at 120 characters without splitting a surrogate pair', () => {
  const text = `${'新'.repeat(119)}😀尾巴`;
  const excerpt = makeExcerpt(text);
  assert.equal(excerpt, `${'新'.repeat(119)}😀…`);
  assert.equal(makeExcerpt('  短  正文\n\n第二段 '), '短 正文 第二段');
});

test('should put the base path before every local URL of a srcset', () => {
  assert.equal(hrefSrcset('/news', '/images/a-480.jpg 480w, /images/a-960.jpg 960w'), '/news/images/a-480.jpg 480w, /news/images/a-960.jpg 960w');
  assert.equal(hrefSrcset('', 'https://cdn.example.com/a.jpg 2x'), 'https://cdn.example.com/a.jpg 2x');
});

test('should list the home page newest first whatever order the articles arrive in', () => {
  const data = buildSiteData([...makeSiteArticles()].reverse(), makeConfig());
  const home = data.listingPages.filter((p) => p.kind === 'home');
  assert.deepEqual(
    home.map((p) => p.url),
    ['/', '/page/1/'],
  );
  const dates = home.flatMap((p) => p.groups.flatMap((g) => g.items.map((i) => Date.parse(i.date))));
  assert.equal(dates.length, 25);
  assert.deepEqual(dates, [...dates].sort((a, b) => b - a));
});

test('should link each article page to the articles published just before and after it', () => {
  const data = buildSiteData(makeSiteArticles(), makeConfig());
  const page = data.articlePages.find((p) => p.url.includes('/hostile/'));
  assert.equal(page?.older?.name, '新闻标题 18');
  assert.equal(page?.newer?.name, '跨两个分类的文章');
  assert.equal(data.articlePages[0]?.newer, undefined);
  assert.equal(data.articlePages.at(-1)?.older, undefined);
});

test('should list sub-categories with counts and breadcrumbs on a category page', () => {
  const data = buildSiteData(makeSiteArticles(), makeConfig());
  const zaker = data.listingPages.find((p) => p.url === '/categories/%E6%96%B0%E5%AA%92%E4%BD%93/ZAKER/');
  assert.deepEqual(zaker?.breadcrumbs.map((b) => b.name), ['首页', '分类', '新媒体']);
  assert.deepEqual(zaker?.children.map((c) => [c.name, c.count]), [
    ['<b>source</b>', 1],
    ['channel', 7],
    ['source', 9],
  ]);
  // Fewer than two pages' worth (17 at 10 a page): the front page holds them all.
  assert.deepEqual([zaker?.groups.flatMap((g) => g.items).length, zaker?.pagination.pages.length], [17, 0]);
});

test('should not show a cover that the body already shows, and never hot-link a non-web origin', () => {
  const cover = rehostedCover('same');
  const inBody = makeArticle({ title: 'a', date: '2021-10-19T08:49:00+08:00', coverImage: cover, images: [cover, cover] });
  const separate = makeArticle({ title: 'b', date: '2021-10-19T08:49:00+08:00', coverImage: cover, images: [cover] });
  const hostile = makeArticle({
    title: 'c',
    date: '2021-10-19T08:49:00+08:00',
    coverImage: { original: 'javascript:alert(1)', origin: 'javascript:alert(1)', status: 'skipped' },
  });
  const pages = buildSiteData([inBody, separate, hostile], makeConfig()).articlePages;
  const byTitle = new Map(pages.map((p) => [p.title, p]));
  assert.equal(byTitle.get('a')?.cover, undefined);
  assert.equal(byTitle.get('b')?.cover?.image.src, '/images/same-960.jpg');
  assert.equal(byTitle.get('c')?.cover, undefined);
});
