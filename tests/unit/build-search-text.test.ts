import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ARTICLE_LEAD_CHARS } from '../../src/article/article.ts';
import { buildSite } from '../../src/build.ts';
import { makeConfig } from '../helpers/make-config.ts';
import { searchIndexHolds } from '../helpers/search-index.ts';

test('should index the whole text of a long post, not only the lead an article holds', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-search-text-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = makeConfig(dir);
  const filler = (chars: number) => '新闻内容'.repeat(Math.ceil(chars / 4)).slice(0, chars);
  // Markers after the lead, in the middle, and at the very end of 30,000 characters.
  const body = `<p>${filler(ARTICLE_LEAD_CHARS + 100)}</p><p>midmarker</p><p>${filler(15_000)}</p><p>latemarker</p><p>${filler(15_000)}</p><p>尾声标记</p>`;
  await mkdir(config.contentDir, { recursive: true });
  await writeFile(path.join(config.contentDir, 'long.md'), `---\ntitle: 长文\ndate: 2021-10-19 08:00:00\n---\n${body}\n`);

  const result = await buildSite(config);
  assert.equal(result.articles.length, 1);
  assert.ok(result.articles[0]!.text.length <= ARTICLE_LEAD_CHARS, 'the article holds only the lead');
  assert.ok(await searchIndexHolds(config.outDir, 'midmarker'), 'text after the lead is found');
  assert.ok(await searchIndexHolds(config.outDir, 'latemarker'), 'text 15,000 characters in is found');
  assert.ok(await searchIndexHolds(config.outDir, '尾声标记'), 'the last words are found');
  assert.equal(await searchIndexHolds(config.outDir, 'nowheremarker'), false);
});
