import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ArticleCache, type SanitizedHead } from '../../src/cache/article-cache.ts';
import { parsePostFile } from '../../src/ingest/index.ts';
import { makeConfig } from '../fixtures/server/make-config.ts';

const head: SanitizedHead = { text: 'Storm', images: [], removed: {}, warnings: [] };
const stamp = { size: 1, ino: 1, mtimeMs: 1, ctimeMs: 1 };
const sanitized = { sanitizedHtml: '<p>sanitized</p>', imageSlots: [], text: 'sanitized' };

test('should hold a stashed sanitized body on disk until its rewritten body replaces it', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-cache-stash-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = makeConfig(dir);
  const bytes = new TextEncoder().encode('---\ntitle: Storm\ndate: 2021-10-19 08:00:00\n---\n<p>Storm</p>\n');
  const file = { source: 'storm.md', sourcePath: path.join(config.contentDir, 'storm.md'), bytes, stats: stamp };

  const cache = await ArticleCache.open(config, { writable: true, parse: parsePostFile });
  assert.ok(cache.parse(file, config).article);
  assert.equal(cache.stash('storm.md', sanitized), true);
  assert.deepEqual(await cache.sanitizedBody('storm.md'), sanitized);
  assert.equal(await cache.body('storm.md'), undefined, 'a stashed body is not a body whose images were rewritten');
  assert.equal(cache.stash('unknown.md', sanitized), false, 'only a post this build parsed');

  cache.store('storm.md', head, { ...sanitized, html: '<p>rewritten</p>' }, 'key');
  await cache.flush();
  // A second cache of this process starts from the index just written and reads the body file.
  const next = await ArticleCache.open(config, { writable: false, parse: parsePostFile });
  assert.deepEqual(await next.body('storm.md'), { ...sanitized, html: '<p>rewritten</p>' }, 'the stored body replaced the stash on disk');

  const readOnly = await ArticleCache.open(config, { writable: false, parse: parsePostFile });
  readOnly.parse({ ...file, bytes: new TextEncoder().encode('---\ntitle: Other\ndate: 2021-10-19 08:00:00\n---\n<p>Other</p>\n') }, config);
  assert.equal(readOnly.stash('storm.md', sanitized), false, 'a read-only cache (wirepress check) stashes nothing');
});
