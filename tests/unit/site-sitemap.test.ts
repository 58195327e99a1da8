import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { renderSite } from '../../src/site/index.ts';
import { renderSitemaps } from '../../src/site/feeds/sitemap.ts';
import { loadHtml, makeConfig, makeSiteArticles } from '../helpers/make-articles.ts';
import { assertWellFormedXml } from '../helpers/xml-check.ts';

const parser = new XMLParser({ isArray: (name) => name === 'url' || name === 'sitemap' });
const locs = (xml: string): string[] => {
  const doc = parser.parse(xml) as { urlset?: { url: { loc: string }[] } };
  return (doc.urlset?.url ?? []).map((u) => u.loc);
};

test('should list every article and the first page of every listing in sitemap.xml, with robots.txt pointing at it', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-sitemap-'));
  try {
    const articles = makeSiteArticles();
    await renderSite(articles, makeConfig({ baseUrl: 'https://example.org/news/' }), { loadHtml, outDir: dir });
    const xml = await readFile(path.join(dir, 'sitemap.xml'), 'utf8');
    assertWellFormedXml(xml, 'sitemap.xml');
    const urls = locs(xml);
    for (const article of articles) assert.ok(urls.includes(`https://example.org/news${article.url}`), article.url);
    for (const listing of ['', 'categories/', 'archives/2021/10/', 'authors/ZAKER/']) assert.ok(urls.includes(`https://example.org/news/${listing}`), listing);
    assert.ok(!urls.some((u) => u.includes('/page/')), 'later pages of a listing are not listed');
    assert.match(xml, /<loc>https:\/\/example.org\/news\/2021\/10\/21\/two-paths\/<\/loc><lastmod>2021-10-21T09:00:00\+08:00<\/lastmod>/);
    assert.equal(await readFile(path.join(dir, 'robots.txt'), 'utf8'), 'User-agent: *\nAllow: /\n\nSitemap: https://example.org/news/sitemap.xml\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('should split a sitemap past the limit into a sitemap index and child sitemaps', () => {
  const urls = Array.from({ length: 7 }, (_, i) => ({ url: `/a/${i}/`, lastmod: undefined }));
  const files = renderSitemaps(urls, 'https://example.org/', 3);
  assert.deepEqual(files.map((f) => f.outputPath), ['sitemap.xml', 'sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml']);
  for (const file of files) assertWellFormedXml(file.body, file.outputPath);
  const index = parser.parse(files[0]?.body ?? '') as { sitemapindex: { sitemap: { loc: string }[] } };
  assert.deepEqual(index.sitemapindex.sitemap.map((s) => s.loc), [1, 2, 3].map((n) => `https://example.org/sitemap-${n}.xml`));
  assert.deepEqual(files.slice(1).flatMap((f) => locs(f.body)), urls.map((u) => `https://example.org${u.url}`));
  // At the limit exactly, one file.
  assert.deepEqual(renderSitemaps(urls.slice(0, 3), 'https://example.org/', 3).map((f) => f.outputPath), ['sitemap.xml']);
});

test('should escape URLs in the sitemap', () => {
  const [file] = renderSitemaps([{ url: '/a/?x=1&y=2/', lastmod: undefined }], 'https://example.org/');
  assert.match(file?.body ?? '', /<loc>https:\/\/example.org\/a\/\?x=1&amp;y=2\/<\/loc>/);
});

test('should keep a 404 page', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-404-'));
  try {
    await renderSite([], makeConfig(), { loadHtml, outDir: dir });
    assert.ok(existsSync(path.join(dir, '404.html')));
    assert.match(await readFile(path.join(dir, '404.html'), 'utf8'), /页面不存在/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
