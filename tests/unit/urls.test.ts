import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  absoluteUrl,
  archiveUrl,
  categoryUrl,
  hrefFor,
  outputPathForUrl,
  pageUrl,
  safePathSegment,
  unwrapProxyUrl,
} from '../../src/urls/index.ts';

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
  assert.equal(safePathSegment(' 标题. '), '标题_', 'no trailing dot or space (Windows drops them)');
  assert.equal(safePathSegment('line\nbreak\u0000'), 'line-break-');
  assert.equal(safePathSegment('lone\uD800surrogate'), 'lone-surrogate');
  const long = safePathSegment('新闻'.repeat(200));
  assert.ok(Buffer.byteLength(long) <= 255);
  assert.notEqual(long, safePathSegment(`${'新闻'.repeat(199)}快讯`), 'two long titles with one prefix differ');
});

test('should build listing URLs and map them to files inside the output folder', () => {
  assert.equal(categoryUrl(['新媒体', 'ZAKER']), '/categories/%E6%96%B0%E5%AA%92%E4%BD%93/ZAKER/');
  assert.equal(outputPathForUrl(categoryUrl(['新媒体', '../etc'])), 'categories/新媒体/..-etc/index.html');
  assert.equal(archiveUrl(2021, 3), '/archives/2021/03/');
  assert.equal(pageUrl(archiveUrl(2021), 1), '/archives/2021/');
  assert.equal(pageUrl(archiveUrl(2021), 3), '/archives/2021/page/3/');
  assert.throws(() => outputPathForUrl('/a/%2E%2E/b/'));
});

test('should put URLs under the base path of the base URL', () => {
  assert.equal(hrefFor('https://example.org/', '/a/'), '/a/');
  assert.equal(hrefFor('https://example.org/news/', '/a/'), '/news/a/');
  assert.equal(absoluteUrl('https://example.org/news/', '/a/%E6%96%B0/'), 'https://example.org/news/a/%E6%96%B0/');
});
