import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { groupAuthors } from '../../src/site/pages/author-index.ts';
import { buildCategoryTree, flattenCategoryTree } from '../../src/site/pages/category-tree.ts';
import { renderSite } from '../../src/site/index.ts';
import { findRelated } from '../../src/site/pages/related-articles.ts';
import { buildSiteData } from '../../src/site/pages/site-data.ts';
import { siteUrls } from '../../src/urls/index.ts';
import { loadHtml, makeArticle, makeConfig, makeSiteArticles } from '../helpers/make-articles.ts';

const urls = siteUrls(makeConfig());

/** Articles newest first (index 0 newest), each with one category path. */
function nodesFor(paths: string[][]) {
  const nodes = flattenCategoryTree(buildCategoryTree(paths.map((p) => ({ categories: [p] })), 'zh-CN', urls));
  return new Map(nodes.map((n) => [n.url, n]));
}

test('should relate articles of the deepest shared category first, nearest in time', () => {
  const paths = [
    ['科技', 'cnBeta'], // 0
    ['科技', 'cnBeta'], // 1
    ['科技', 'IT之家'], // 2
    ['科技', 'cnBeta'], // 3 (the article)
    ['科技', 'IT之家'], // 4
    ['科技', 'cnBeta'], // 5
    ['游戏'], // 6
    ['科技', 'cnBeta'], // 7
  ];
  const nodes = nodesFor(paths);
  // cnBeta neighbours alternate older/newer from 3: 5, 1, 7, 0; then the parent 科技 adds the nearest other: 4.
  assert.deepEqual(findRelated(3, [['科技', 'cnBeta']], nodes, urls), [5, 1, 7, 0, 4]);
  assert.deepEqual(findRelated(3, [['科技', 'cnBeta']], nodes, urls, 2), [5, 1]);
  assert.deepEqual(findRelated(6, [['游戏']], nodes, urls), []);
  assert.deepEqual(findRelated(0, [], nodes, urls), []);
});

test('should list up to five related articles on an article page, never the article itself', () => {
  const data = buildSiteData(makeSiteArticles(), makeConfig());
  for (const page of data.articlePages) {
    assert.ok(page.related.length <= 5, page.url);
    assert.ok(!page.related.some((r) => r.url === page.url), page.url);
  }
  const zaker = data.articlePages.find((p) => p.url === '/2021/10/21/two-paths/');
  assert.equal(zaker?.related.length, 5);
});

test('should group authors by page URL and skip articles without one', () => {
  const authors = groupAuthors([{ author: 'ZAKER' }, { author: undefined }, { author: ' ' }, { author: 'a/b' }, { author: 'ZAKER' }, { author: 'a-b' }, { author: 'x\ud800' }], 'zh-CN', urls);
  assert.deepEqual(
    authors.map((a) => [a.name, a.articles]),
    [
      ['a/b', [3, 5]],
      ['x\ufffd', [6]],
      ['ZAKER', [0, 4]],
    ],
  );
});

test('should write an author index and a paginated page per author, linked from the articles', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-authors-'));
  try {
    const articles = [
      ...makeSiteArticles(),
      ...Array.from({ length: 12 }, (_, i) => makeArticle({ title: `通讯 ${i}`, slug: `wire-${i}`, date: `2021-08-${String(i + 1).padStart(2, '0')}T08:00:00+08:00`, author: '新华社' })),
    ];
    await renderSite(articles, makeConfig({ pageSize: 5 }), { loadHtml, outDir: dir });
    const index = await readFile(path.join(dir, 'authors/index.html'), 'utf8');
    assert.match(index, /<a href="\/authors\/新华社\/">新华社<\/a> <span class="count">12<\/span>/);
    assert.match(index, /<a href="\/authors\/ZAKER\/">ZAKER<\/a> <span class="count">11<\/span>/);
    const first = await readFile(path.join(dir, 'authors/新华社/index.html'), 'utf8');
    assert.match(first, /<h1>新华社<\/h1>/);
    // 12 at 5 a page, numbered from the oldest: the front page holds the newest 7, page 1 the oldest 5.
    assert.match(first, /rel="next" href="\/authors\/新华社\/page\/1\/"/);
    assert.match(await readFile(path.join(dir, 'authors/新华社/page/1/index.html'), 'utf8'), /通讯 0/);
    const article = await readFile(path.join(dir, '2021/08/01/wire-0/index.html'), 'utf8');
    // 新华社 is a news agency, one of content.sourceNames: the story's source, not its author.
    assert.match(article, /<span class="label">来源<\/span> <a href="\/authors\/新华社\/">新华社<\/a>/);
    // Articles without a category have nothing related; one in a category lists its neighbours there.
    assert.doesNotMatch(article, /class="related"/);
    const zaker = await readFile(path.join(dir, '2021/10/21/two-paths/index.html'), 'utf8');
    const related = zaker.split('<section class="related"')[1] ?? '';
    assert.equal([...related.matchAll(/<li><a href="\/[^"]+">[^<]+<\/a> <time datetime="[^"]+">[^<]+<\/time><\/li>/g)].length, 5, 'five titles with their dates');
    assert.doesNotMatch(related.split('</section>')[0] ?? '', /class="excerpt"/, 'no excerpts');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
