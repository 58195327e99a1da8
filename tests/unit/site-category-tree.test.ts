import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCategoryTree, flattenCategoryTree } from '../../src/site/pages/category-tree.ts';
import { siteUrls } from '../../src/urls/index.ts';
import { makeConfig } from '../helpers/make-articles.ts';

const urls = siteUrls(makeConfig());

const counts = (articles: { categories: string[][] }[]) =>
  flattenCategoryTree(buildCategoryTree(articles, 'zh-CN', urls)).map((node) => [node.path.join('/'), node.url, node.articles.length]);

test('should count in each category the articles filed in it or any sub-category', () => {
  const tree = buildCategoryTree(
    [
      { categories: [['新媒体', 'ZAKER', 'source']] },
      { categories: [['新媒体', 'ZAKER', 'channel']] },
      { categories: [['新媒体', 'ZAKER', 'source']] },
      { categories: [['科技']] },
      { categories: [] },
    ],
    'zh-CN',
    urls,
  );
  assert.deepEqual(
    flattenCategoryTree(tree).map((node) => [node.path.join('/'), node.articles]),
    [
      // Sorted by name in Chinese (pinyin: kē before xīn).
      ['科技', [3]],
      ['新媒体', [0, 1, 2]],
      ['新媒体/ZAKER', [0, 1, 2]],
      ['新媒体/ZAKER/channel', [1]],
      ['新媒体/ZAKER/source', [0, 2]],
    ],
  );
  assert.equal(tree[1]?.url, '/categories/%E6%96%B0%E5%AA%92%E4%BD%93/');
});

test('should count an article once in a category two of its paths pass through', () => {
  assert.deepEqual(counts([{ categories: [['A', 'B'], ['A', 'C']] }]), [
    ['A', '/categories/A/', 1],
    ['A/B', '/categories/A/B/', 1],
    ['A/C', '/categories/A/C/', 1],
  ]);
});

test('should merge names that make the same URL into one page', () => {
  // Hexo's slug of `a/b` is `a-b`, the other article's name.
  assert.deepEqual(counts([{ categories: [['a/b']] }, { categories: [['a-b']] }]), [['a/b', '/categories/a-b/', 2]]);
});

test('should give a category with spaces Hexo\'s URL, and keep its name', () => {
  assert.deepEqual(counts([{ categories: [['Tech News', 'Big Data']] }]), [
    ['Tech News', '/categories/Tech-News/', 1],
    ['Tech News/Big Data', '/categories/Tech-News/Big-Data/', 1],
  ]);
});
