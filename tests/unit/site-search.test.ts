import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { renderSite } from '../../src/site/index.ts';
import { planSearchShards, SEARCH_SHARD_MIN, SEARCH_SHARD_SIZE, SEARCH_TEXT_CHARS, searchShardsFor, type SearchRecord } from '../../src/site/search-index.ts';
import { listFilesRecursive } from '../../src/system/list-files.ts';
import { makeConfig, makeSiteArticles } from '../fixtures/site/make-articles.ts';

const articles = makeSiteArticles();
let outDir = '';
let result: Awaited<ReturnType<typeof renderSite>>;
const read = (file: string) => readFile(path.join(outDir, file), 'utf8');

before(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-search-'));
  result = await renderSite(articles, makeConfig({ baseUrl: 'https://example.org/news/' }), { outDir });
});

after(async () => {
  await rm(outDir, { recursive: true, force: true });
});

test('should index the article pages only', async () => {
  const { shards } = JSON.parse(await read('pagefind/shards.json')) as { shards: string[] };
  // The fixture's few articles fit one shard.
  assert.equal(shards.length, 1);
  let pages = 0;
  for (const shard of shards) {
    assert.ok(existsSync(path.join(outDir, 'pagefind', shard, 'pagefind.js')));
    const entry = JSON.parse(await read(`pagefind/${shard}/pagefind-entry.json`)) as { languages: Record<string, { page_count: number }> };
    // In the site's language, holding only articles (listings are not indexed).
    assert.deepEqual(Object.keys(entry.languages), ['zh-cn']);
    pages += entry.languages['zh-cn']?.page_count ?? 0;
  }
  assert.equal(pages, articles.length);
  assert.equal(result.searchPages, articles.length);
});

test('should cut the search index along months and sizes, and keep the shards a new post does not touch', async () => {
  const record = (n: number): SearchRecord => ({ url: `/a/${n}/`, content: `第${n}篇`, meta: { title: `${n}`, date: '' }, filters: {} });
  const records = (from: number, count: number) => Array.from({ length: count }, (_, i) => record(from + i));
  const same = { identify: (post: SearchRecord) => post, toRecords: async (group: readonly SearchRecord[]) => group };
  // A busy month (cut by size), two quiet ones (gathered), then the current month.
  const posts = [...records(0, SEARCH_SHARD_SIZE + 10), ...records(1000, SEARCH_SHARD_MIN - 5), ...records(2000, 10), ...records(3000, 3)];
  const months = [...Array(SEARCH_SHARD_SIZE + 10).fill('2021-09'), ...Array(SEARCH_SHARD_MIN - 5).fill('2021-10'), ...Array(10).fill('2021-11'), ...Array(3).fill('2021-12')];
  const before = planSearchShards(posts, months, 'salt', same);
  assert.deepEqual(await Promise.all(before.map(async (shard) => (await shard.records()).length)), [SEARCH_SHARD_SIZE, 10, SEARCH_SHARD_MIN + 5, 3]);
  const after = planSearchShards([...posts, record(9999)], [...months, '2021-12'], 'salt', same);
  assert.deepEqual(after.slice(0, 3).map((shard) => shard.id), before.slice(0, 3).map((shard) => shard.id), 'older shards keep their names');
  assert.notEqual(after[3]?.id, before[3]?.id, 'the newest shard is indexed again');
  assert.notEqual(planSearchShards(posts, months, 'other code', same)[0]?.id, before[0]?.id, 'a new version of the code indexes everything again');
});

test('should index each article by title and the start of its text, with the date as the site shows it', async () => {
  const config = makeConfig({ baseUrl: 'https://example.org/news/' });
  const long = { ...articles[0]!, text: '长'.repeat(SEARCH_TEXT_CHARS + 500) };
  const records = async (posts: typeof articles) => (await Promise.all(searchShardsFor(posts, config, 'salt').map((shard) => shard.records()))).flat();
  const [record] = await records([long]);
  assert.equal(record?.url, `/news${long.url}`);
  assert.equal(record?.content, `${long.title}\n${'长'.repeat(SEARCH_TEXT_CHARS)}`, 'the text is capped: Pagefind holds the index in memory');
  assert.equal(record?.meta.title, long.title);
  assert.match(record?.meta.date ?? '', /\d{4}年\d{1,2}月\d{1,2}日/);
  const twoPaths = (await records(articles)).find((r) => r.url.endsWith('/two-paths/'));
  assert.deepEqual(twoPaths?.filters, { category: ['新媒体'] });
});

test('should serve a search form that works as a plain GET and loads its script from a file', async () => {
  const page = await read('search/index.html');
  assert.match(page, /<form class="search-form" role="search" action="\/news\/search\/" method="get"/);
  assert.match(page, /data-pagefind-dir="\/news\/pagefind\/" data-base="\/news\/"/);
  assert.match(page, /<input id="search-query" type="search" name="q"/);
  assert.match(page, /<label for="search-query">/);
  assert.match(page, /<script type="module" src="\/news\/search.js"><\/script>/);
  // Nothing of Pagefind on any other page: the bundle is imported by search.js on the first query.
  assert.doesNotMatch(await read('2021/10/21/two-paths/index.html'), /search\.js|pagefind\.js/);
  assert.ok(existsSync(path.join(outDir, 'search.js')));
});

test('should name every file it writes, so a build can later make a site in this folder (see clearStagedSite)', async () => {
  const written = (await listFilesRecursive(outDir)).map((file) => path.relative(outDir, file).split(path.sep).join('/'));
  const folders = result.otherFiles.filter((file) => file.endsWith('/'));
  const named = new Set([...result.plan.fingerprints.keys(), ...result.otherFiles]);
  const unnamed = written.filter((file) => !named.has(file) && !folders.some((folder) => file.startsWith(folder)));
  assert.deepEqual(unnamed, []);
  assert.ok(folders.length > 0 && folders.every((folder) => folder.startsWith('pagefind/')), 'search shards are named by their folders');
  assert.ok(result.otherFiles.includes('robots.txt') && result.otherFiles.includes('style.css'));
});

test('should leave no Pagefind process behind, not even an ended one no one waited for', { skip: existsSync('/proc/self/stat') ? false : 'needs /proc' }, async () => {
  const children: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    // "<pid> (<command>) <state> <parent pid> …"
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(parent) === process.pid) children.push(`${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))} ${state}`);
  }
  assert.deepEqual(children.filter((child) => child.startsWith('pagefind')), []);
});
