import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paginate } from '../../src/site/pages/paginate.ts';
import { siteUrls } from '../../src/urls/index.ts';
import { makeConfig } from '../helpers/make-articles.ts';

const { pageUrl } = siteUrls(makeConfig());

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

test('should split a listing into pages of pageSize at /, /page/2/, …', () => {
  const pages = paginate(numbers(25), 10, '/', pageUrl);
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
  const pages = paginate(numbers(25), 10, '/categories/a/', pageUrl);
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
  const pages = paginate([], 10, '/archives/', pageUrl);
  assert.equal(pages.length, 1);
  assert.deepEqual(pages[0]?.items, []);
  assert.equal(pages[0]?.pagination.total, 1);
});

test('should show the first, last and two pages around the current one, with gaps, on long listings', () => {
  const page = paginate(numbers(1000), 10, '/', pageUrl)[49];
  const shown = page?.pagination.pages.map((l) => (l.kind === 'gap' ? '…' : l.current ? `[${l.n}]` : String(l.n)));
  assert.deepEqual(shown, ['1', '…', '48', '49', '[50]', '51', '52', '…', '100']);
});

test('should show a single missing page number instead of a gap', () => {
  const page = paginate(numbers(60), 10, '/', pageUrl)[4];
  const shown = page?.pagination.pages.map((l) => (l.kind === 'gap' ? '…' : String(l.n)));
  assert.deepEqual(shown, ['1', '2', '3', '4', '5', '6']);
});

test('should put a whole listing on one page when the page size is 0, as Hexo does with per_page: 0', () => {
  const [page, ...rest] = paginate(numbers(25), 0, '/tags/a/', pageUrl);
  assert.equal(rest.length, 0);
  assert.equal(page?.items.length, 25);
  assert.deepEqual([page?.pagination.total, page?.pagination.nextUrl], [1, undefined]);
  assert.equal(paginate([], 0, '/', pageUrl).length, 1, 'an empty listing still has its page');
});

test('should name later pages after the configured pagination dir', () => {
  const urls = siteUrls(makeConfig({ dirs: { pagination: 'p', archives: '存档' } }));
  assert.deepEqual(
    paginate(numbers(25), 10, urls.archiveUrl(2021), urls.pageUrl).map((p) => [p.url, p.outputPath]),
    [
      ['/%E5%AD%98%E6%A1%A3/2021/', '存档/2021/index.html'],
      ['/%E5%AD%98%E6%A1%A3/2021/p/2/', '存档/2021/p/2/index.html'],
      ['/%E5%AD%98%E6%A1%A3/2021/p/3/', '存档/2021/p/3/index.html'],
    ],
  );
});
