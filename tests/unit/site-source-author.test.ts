import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { renderSite } from '../../src/site/index.ts';
import { buildSiteData } from '../../src/site/pages/site-data.ts';
import { authorsHeading, sourceAuthorTest } from '../../src/site/pages/source-author.ts';
import { uiTextFor } from '../../src/site/pages/ui-text.ts';
import { loadHtml, makeArticle, makeConfig } from '../helpers/make-articles.ts';

// The bots' shape: the author is the site the post is filed under. A made-up aggregator, so only the category tells.
const fromFeed = makeArticle({ title: '港口吞吐量创新高', slug: 'port', date: '2021-10-19T08:49:00+08:00', categories: [['新媒体', '快讯 聚合', '最新']], author: '快讯聚合' });
const fromAgency = makeArticle({ title: '铁路货运量翻番', slug: 'rail', date: '2021-10-18T08:00:00+08:00', categories: [['财经']], author: '新华社' });
const byPerson = makeArticle({ title: '一位记者的手记', slug: 'notes', date: '2021-10-17T08:00:00+08:00', categories: [['新媒体', '快讯 聚合', '最新']], author: '林舟' });

let outDir = '';
const read = (file: string) => readFile(path.join(outDir, file), 'utf8');
const jsonLd = async (file: string) => JSON.parse((await read(file)).match(/<script type="application\/ld\+json">([^<]*)<\/script>/)?.[1] ?? '{}') as Record<string, unknown>;
const label = (page: string) => page.match(/<span class="author"><span class="label">([^<]*)<\/span>/)?.[1];

before(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-source-author-'));
  await renderSite([fromFeed, fromAgency, byPerson], makeConfig({ baseUrl: 'https://example.org/' }), { loadHtml, outDir });
});

after(async () => {
  await rm(outDir, { recursive: true, force: true });
});

test('should tell a source from a person by the config\'s names and by the post\'s own categories', () => {
  const isSource = sourceAuthorTest(['ZAKER', 'IT 之家', '快科技（原驱动之家）']);
  assert.ok(isSource('ZAKER', []));
  assert.ok(isSource('zaker ', []), 'case and spaces ignored');
  assert.ok(isSource('IT之家', []), 'IT之家 is IT 之家');
  assert.ok(isSource('快科技(原驱动之家)', []), 'full-width brackets are the ASCII ones');
  assert.ok(isSource('Axis Studios', [['设计', 'Axis Studios', 'Work type']]), 'an author equal to a category');
  assert.ok(isSource('dt财经', [['金融', 'DT 财经', '数据侠专栏']]));
  assert.ok(!isSource('林舟', [['新媒体', 'ZAKER', 'channel']]));
  assert.ok(!isSource(undefined, [['ZAKER']]));
  assert.ok(!isSource('  ', [['  ']]), 'a blank author names nothing');
  assert.ok(!sourceAuthorTest([])('ZAKER', []));
});

test('should say 来源 on the page of an article whose author is its source, 作者 for a person', async () => {
  assert.equal(label(await read('2021/10/19/port/index.html')), '来源');
  assert.equal(label(await read('2021/10/18/rail/index.html')), '来源', '新华社 is one of the default source names');
  assert.equal(label(await read('2021/10/17/notes/index.html')), '作者');
  assert.match(await read('2021/10/19/port/index.html'), /<span class="label">来源<\/span> <a href="\/authors\/[^"]+\/">快讯聚合<\/a>/, 'still linked to its listing');
});

test('should name a source as sourceOrganization, not as a person, and keep the site as publisher', async () => {
  const source = await jsonLd('2021/10/19/port/index.html');
  assert.deepEqual(source.sourceOrganization, { '@type': 'Organization', name: '快讯聚合' });
  assert.equal(source.author, undefined);
  assert.deepEqual(source.publisher, { '@type': 'Organization', name: '测试新闻', url: 'https://example.org/' });
  const person = await jsonLd('2021/10/17/notes/index.html');
  assert.deepEqual(person.author, [{ '@type': 'Person', name: '林舟' }]);
  assert.equal(person.sourceOrganization, undefined);
});

test('should head the author index by what it holds: authors, sources, or both', async () => {
  const text = uiTextFor('zh-CN');
  const isSource = sourceAuthorTest(['ZAKER']);
  assert.equal(authorsHeading([{ author: 'ZAKER', categories: [] }, { author: undefined, categories: [] }], isSource, text), '来源');
  assert.equal(authorsHeading([{ author: '林舟', categories: [] }], isSource, text), '作者');
  assert.equal(authorsHeading([{ author: '林舟', categories: [] }, { author: 'ZAKER', categories: [] }], isSource, text), '作者与来源');
  assert.equal(authorsHeading([], isSource, text), '作者');
  assert.match(await read('authors/index.html'), /<h1>作者与来源<\/h1>/);
  const sourcesOnly = buildSiteData([fromFeed, fromAgency], makeConfig());
  assert.ok(sourcesOnly.nav.some((link) => link.name === '来源' && link.url === '/authors/'));
});

test('should label a source in English as "From", apart from the story\'s "Source" link', () => {
  const data = buildSiteData([fromFeed], makeConfig({ language: 'en' }));
  assert.equal(data.text.sourceName, 'From');
  assert.notEqual(data.text.sourceName, data.text.source);
  assert.equal(data.articlePages[0]?.authorIsSource, true);
});

test('should follow config content.sourceNames', () => {
  const config = makeConfig({ content: { sourceNames: ['林舟'] } });
  const pages = buildSiteData([byPerson, fromAgency], config).articlePages;
  assert.equal(pages.find((page) => page.title === byPerson.title)?.authorIsSource, true);
  assert.equal(pages.find((page) => page.title === fromAgency.title)?.authorIsSource, false, 'the default names are replaced');
});
