import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ARTICLE_LEAD_CHARS } from '../../src/article.ts';
import { buildSite } from '../../src/build.ts';
import { SEARCH_TEXT_CHARS } from '../../src/site/search-index.ts';
import { makeConfig } from '../fixtures/server/make-config.ts';
import { searchIndexHolds } from '../support/search-index.ts';

test('should index the text of a post well past the lead an article holds, and not past the search limit', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-search-text-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = makeConfig(dir);
  const filler = (chars: number) => '新闻内容'.repeat(Math.ceil(chars / 4)).slice(0, chars);
  // Markers after the lead, near the end of what is indexed, and beyond it.
  const body = `<p>${filler(ARTICLE_LEAD_CHARS + 100)}</p><p>midmarker</p><p>${filler(SEARCH_TEXT_CHARS - ARTICLE_LEAD_CHARS - 400)}</p><p>latemarker</p><p>${filler(600)}</p><p>pastmarker</p>`;
  await mkdir(config.contentDir, { recursive: true });
  await writeFile(path.join(config.contentDir, 'long.md'), `---\ntitle: 长文\ndate: 2021-10-19 08:00:00\n---\n${body}\n`);

  const result = await buildSite(config);
  assert.equal(result.articles.length, 1);
  assert.ok(result.articles[0]!.text.length <= ARTICLE_LEAD_CHARS, 'the article holds only the lead');
  assert.ok(await searchIndexHolds(config.outDir, 'midmarker'), 'text after the lead is indexed');
  assert.ok(await searchIndexHolds(config.outDir, 'latemarker'), 'text up to the search limit is indexed');
  assert.equal(await searchIndexHolds(config.outDir, 'pastmarker'), false, 'text past the search limit is not');
});
