import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paginate } from '../../src/site/pages/paginate.ts';
import type { PageLink } from '../../src/site/pages/types.ts';
import { siteUrls } from '../../src/urls/index.ts';
import { makeConfig } from '../helpers/make-articles.ts';

const { pageUrl } = siteUrls(makeConfig());

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
/** A pager link as a reader sees it: `…`, the page's number, `newest` for the listing's front page; the current one in brackets. */
const label = (l: PageLink) => {
  const text = l.kind === 'gap' ? '…' : l.kind === 'front' ? 'newest' : String(l.n);
  return l.kind !== 'gap' && l.current ? `[${text}]` : text;
};

test('should split a listing, numbered from the newest as Hexo does, into pages of pageSize at /, /page/2/, …', () => {
  const pages = paginate(numbers(25), 10, '/', pageUrl, 'newest');
  assert.deepEqual(
    pages.map((p) => [p.url, p.outputPath, p.items.length]),
    [
      ['/', 'index.html', 10],
      ['/page/2/', 'page/2/index.html', 10],
      ['/page/3/', 'page/3/index.html', 5],
    ],
  );
  assert.deepEqual(pages[2]?.items, [21, 22, 23, 24, 25]);
});

test('should link each page to its neighbours and none beyond the ends', () => {
  const pages = paginate(numbers(25), 10, '/categories/a/', pageUrl, 'newest');
  assert.deepEqual(
    pages.map((p) => [p.pagination.current, p.pagination.total, p.pagination.prevUrl, p.pagination.nextUrl]),
    [
      [1, 3, undefined, '/categories/a/page/2/'],
      [2, 3, '/categories/a/', '/categories/a/page/3/'],
      [3, 3, '/categories/a/page/2/', undefined],
    ],
  );
});

test('should still write one page for an empty listing', () => {
  const pages = paginate([], 10, '/archives/', pageUrl, 'newest');
  assert.equal(pages.length, 1);
  assert.deepEqual(pages[0]?.items, []);
  assert.equal(pages[0]?.pagination.total, 1);
});

test('should show the first, last and two pages around the current one, with gaps, on long listings', () => {
  const page = paginate(numbers(1000), 10, '/', pageUrl, 'newest')[49];
  const shown = page?.pagination.pages.map(label);
  assert.deepEqual(shown, ['1', '…', '48', '49', '[50]', '51', '52', '…', '100']);
});

test('should show a single missing page number instead of a gap', () => {
  const page = paginate(numbers(60), 10, '/', pageUrl, 'newest')[4];
  const shown = page?.pagination.pages.map(label);
  assert.deepEqual(shown, ['1', '2', '3', '4', '[5]', '6']);
});

test('should put a whole listing on one page when the page size is 0, as Hexo does with per_page: 0', () => {
  const [page, ...rest] = paginate(numbers(25), 0, '/tags/a/', pageUrl, 'newest');
  assert.equal(rest.length, 0);
  assert.equal(page?.items.length, 25);
  assert.deepEqual([page?.pagination.total, page?.pagination.nextUrl], [1, undefined]);
  assert.equal(paginate([], 0, '/', pageUrl, 'newest').length, 1, 'an empty listing still has its page');
});

test('should name later pages after the configured pagination dir', () => {
  const urls = siteUrls(makeConfig({ dirs: { pagination: 'p', archives: '存档' } }));
  assert.deepEqual(
    paginate(numbers(25), 10, urls.archiveUrl(2021), urls.pageUrl, 'newest').map((p) => [p.url, p.outputPath]),
    [
      ['/%E5%AD%98%E6%A1%A3/2021/', '存档/2021/index.html'],
      ['/%E5%AD%98%E6%A1%A3/2021/p/2/', '存档/2021/p/2/index.html'],
      ['/%E5%AD%98%E6%A1%A3/2021/p/3/', '存档/2021/p/3/index.html'],
    ],
  );
});

test('should number pages from the oldest when anchored: the front page holds the newest whole page and the rest, page 1 the oldest', () => {
  // 95 articles, newest first: nine whole pages of 10 and 5 more.
  const pages = paginate(numbers(95), 10, '/', pageUrl, 'anchored');
  assert.deepEqual(
    pages.map((p) => [p.url, p.items.length, p.items[0], p.items.at(-1)]),
    [
      ['/', 15, 1, 15],
      ['/page/8/', 10, 16, 25],
      ['/page/7/', 10, 26, 35],
      ['/page/6/', 10, 36, 45],
      ['/page/5/', 10, 46, 55],
      ['/page/4/', 10, 56, 65],
      ['/page/3/', 10, 66, 75],
      ['/page/2/', 10, 76, 85],
      ['/page/1/', 10, 86, 95],
    ],
  );
  assert.equal(pages[8]?.outputPath, 'page/1/index.html');
  assert.deepEqual(
    pages.map((p) => [p.pagination.front, p.pagination.prevUrl, p.pagination.nextUrl]),
    [
      [true, undefined, '/page/8/'],
      [false, '/', '/page/7/'],
      [false, '/page/8/', '/page/6/'],
      [false, '/page/7/', '/page/5/'],
      [false, '/page/6/', '/page/4/'],
      [false, '/page/5/', '/page/3/'],
      [false, '/page/4/', '/page/2/'],
      [false, '/page/3/', '/page/1/'],
      [false, '/page/2/', undefined],
    ],
  );
  assert.ok(pages.every((p) => p.pagination.total === undefined), 'no page counts the whole listing');
});

test('should show the newest, the oldest and two pages each side of the current one, newest first, when anchored', () => {
  const pages = paginate(numbers(200), 10, '/', pageUrl, 'anchored');
  const shown = (url: string) => pages.find((p) => p.url === url)?.pagination.pages.map(label);
  assert.deepEqual(shown('/'), ['[newest]', '19', '18', '…', '1']);
  assert.deepEqual(shown('/page/10/'), ['newest', '…', '12', '11', '[10]', '9', '8', '…', '1']);
  assert.deepEqual(shown('/page/2/'), ['newest', '…', '4', '3', '[2]', '1']);
  assert.deepEqual(shown('/page/16/'), ['newest', '19', '18', '17', '[16]', '15', '14', '…', '1']);
});

test('should never change a page that is five or more below the front page as newer articles are added, when anchored', () => {
  // Items are numbered from the oldest here (1 is the oldest), listed newest first, as listings are.
  const listing = (n: number) => numbers(n).reverse();
  const before = paginate(listing(203), 10, '/', pageUrl, 'anchored');
  for (let added = 1; added <= 45; added += 1) {
    const after = new Map(paginate(listing(203 + added), 10, '/', pageUrl, 'anchored').map((p) => [p.url, p]));
    for (const page of before.filter((p) => !p.pagination.front)) {
      const now = after.get(page.url);
      assert.deepEqual(now?.items, page.items, `${page.url} keeps its articles after ${added} more`);
      if (page.pagination.current <= 20 - 5) assert.deepEqual(now, page, `${page.url} is unchanged after ${added} more`);
    }
  }
});

test('should put a short listing on its front page alone, up to one article short of two pages, when anchored', () => {
  for (const n of [0, 1, 9, 10, 19]) {
    const pages = paginate(numbers(n), 10, '/tags/a/', pageUrl, 'anchored');
    assert.deepEqual(
      pages.map((p) => [p.url, p.items.length, p.pagination.pages.length, p.pagination.nextUrl]),
      [['/tags/a/', n, 0, undefined]],
    );
  }
  assert.deepEqual(
    paginate(numbers(20), 10, '/tags/a/', pageUrl, 'anchored').map((p) => [p.url, p.items]),
    [
      ['/tags/a/', numbers(10)],
      ['/tags/a/page/1/', numbers(20).slice(10)],
    ],
  );
  assert.equal(paginate(numbers(25), 0, '/', pageUrl, 'anchored').length, 1, 'a page size of 0 is one page');
});
