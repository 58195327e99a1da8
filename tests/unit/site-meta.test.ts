import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { renderSite } from '../../src/site/index.ts';
import { toSafeJson } from '../../src/site/feeds/xml-text.ts';
import { loadHtml, makeArticle, makeConfig, makeSiteArticles, rehostedCover } from '../helpers/make-articles.ts';

const breakout = makeArticle({
  title: '</script><script>alert(1)</script> & \u2028 标题',
  slug: 'breakout',
  date: '2021-12-02T08:00:00+08:00',
  categories: [['科技']],
  author: '记者',
  coverImage: rehostedCover('breakout'),
});
const updated = { ...makeArticle({ title: '更新过的文章', slug: 'updated', date: '2021-12-01T08:00:00+08:00' }), updated: '2021-12-03T10:00:00+08:00' };
let outDir = '';
const read = (file: string) => readFile(path.join(outDir, file), 'utf8');
const meta = (page: string, key: string) => page.match(new RegExp(`<meta (?:property|name)="${key.replace(/[:+]/g, '\\$&')}" content="([^"]*)">`))?.[1];

before(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-meta-'));
  await renderSite([...makeSiteArticles(), breakout, updated], makeConfig({ baseUrl: 'https://example.org/news/' }), { loadHtml, outDir });
});

after(async () => {
  await rm(outDir, { recursive: true, force: true });
});

test('should keep a title holding </script> inside the JSON-LD string', async () => {
  const page = await read('2021/12/02/breakout/index.html');
  const scripts = [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1, 'exactly one JSON-LD block, not cut short by the title');
  const data = JSON.parse(scripts[0]?.[1] ?? '') as Record<string, unknown>;
  assert.equal(data.headline, '</script><script>alert(1)</script> & \u2028 标题');
  assert.doesNotMatch(scripts[0]?.[1] ?? '', /[<>&\u2028]/);
  assert.equal(toSafeJson({ a: '<\u2029&>' }), '{"a":"\\u003c\\u2029\\u0026\\u003e"}');
});

test('should describe an article as a NewsArticle with dates, author, image, publisher and page', async () => {
  const page = await read('2021/12/02/breakout/index.html');
  const data = JSON.parse(page.match(/<script type="application\/ld\+json">([^<]*)<\/script>/)?.[1] ?? '{}') as Record<string, unknown>;
  assert.equal(data['@type'], 'NewsArticle');
  assert.equal(data.datePublished, '2021-12-02T08:00:00+08:00');
  assert.equal(data.dateModified, '2021-12-02T08:00:00+08:00');
  assert.deepEqual(data.author, [{ '@type': 'Person', name: '记者' }]);
  assert.deepEqual(data.image, ['https://example.org/news/images/breakout-960.jpg']);
  assert.deepEqual(data.publisher, { '@type': 'Organization', name: '测试新闻', url: 'https://example.org/news/' });
  assert.equal(data.url, 'https://example.org/news/2021/12/02/breakout/');
  const later = JSON.parse((await read('2021/12/01/updated/index.html')).match(/<script type="application\/ld\+json">([^<]*)<\/script>/)?.[1] ?? '{}') as Record<string, unknown>;
  assert.equal(later.dateModified, '2021-12-03T10:00:00+08:00');
  assert.deepEqual(later.author, [{ '@type': 'Organization', name: '测试新闻', url: 'https://example.org/news/' }]);
});

test('should give an article with a re-hosted cover OpenGraph and a large Twitter card', async () => {
  const page = await read('2021/12/02/breakout/index.html');
  assert.equal(meta(page, 'og:type'), 'article');
  assert.equal(meta(page, 'og:url'), 'https://example.org/news/2021/12/02/breakout/');
  assert.equal(meta(page, 'og:image'), 'https://example.org/news/images/breakout-960.jpg');
  assert.equal(meta(page, 'og:image:width'), '960');
  assert.equal(meta(page, 'og:site_name'), '测试新闻');
  assert.equal(meta(page, 'og:locale'), 'zh_CN');
  assert.equal(meta(page, 'og:title'), '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; \u2028 标题');
  assert.equal(meta(page, 'twitter:card'), 'summary_large_image');
  // X reads the title, description and image from OpenGraph when the page gives no twitter: ones.
  assert.equal(meta(page, 'twitter:title'), undefined);
  assert.equal(meta(page, 'twitter:image'), undefined);
  assert.equal(meta(page, 'article:published_time'), '2021-12-02T08:00:00+08:00');
  assert.match(page, /<link rel="canonical" href="https:\/\/example.org\/news\/2021\/12\/02\/breakout\/">/);
});

test('should describe every page from its text in about 120 characters', async () => {
  const long = '很长的正文。'.repeat(60);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-meta-long-'));
  try {
    await renderSite([makeArticle({ title: '长文', slug: 'long', date: '2021-12-01T08:00:00+08:00', text: long })], makeConfig(), { loadHtml, outDir: dir });
    const description = meta(await readFile(path.join(dir, '2021/12/01/long/index.html'), 'utf8'), 'description') ?? '';
    assert.equal(Array.from(description).length, 121);
    assert.ok(description.endsWith('…'));
    assert.ok(long.startsWith(description.slice(0, -1)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('should mark listings as websites with a summary card, a description and a canonical URL', async () => {
  for (const file of ['index.html', 'categories/科技/index.html', 'archives/2021/index.html', 'authors/index.html']) {
    const page = await read(file);
    assert.equal(meta(page, 'og:type'), 'website', file);
    assert.equal(meta(page, 'twitter:card'), 'summary', file);
    assert.ok((meta(page, 'description') ?? '').length > 0, file);
    assert.equal(meta(page, 'og:image'), undefined, file);
    assert.match(page, /<link rel="canonical" href="https:\/\/example.org\/news\/[^"]*">/, file);
    assert.doesNotMatch(page, /application\/ld\+json/, file);
  }
  assert.equal(meta(await read('categories/科技/index.html'), 'description'), '科技：共 9 篇文章。');
  assert.equal(meta(await read('index.html'), 'description'), '一个测试站点');
});

test('should give every page, the search page too, a CSP that allows only same-origin scripts and no WebAssembly', async () => {
  const csp = (page: string) => page.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1] ?? '';
  for (const file of ['index.html', 'search/index.html', '2021/12/02/breakout/index.html', '404.html']) {
    assert.doesNotMatch(csp(await read(file)), /wasm|unsafe/, file);
    assert.match(csp(await read(file)), /script-src 'self'; /, file);
    assert.match(csp(await read(file)), /connect-src 'self'/, file);
  }
});
