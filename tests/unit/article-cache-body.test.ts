import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { ArticleCache } from '../../src/cache/article-cache.ts';
import { parsePostFile } from '../../src/ingest/index.ts';
import { makeConfig } from '../helpers/make-config.ts';

const stamp = { size: 1, ino: 1, mtimeMs: 1, ctimeMs: 1 };
const body = { sanitizedHtml: '<p>sanitized</p>', imageSlots: [], text: 'sanitized' };
const post = (title: string) => new TextEncoder().encode(`---\ntitle: ${title}\ndate: 2021-10-19 08:00:00\n---\n<p>${title}</p>\n`);

async function bodyFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    // Not the index's segments.
    if (entry.isFile() && entry.name.endsWith('.bin') && !path.basename(entry.parentPath).startsWith('index-')) found.push(path.join(entry.parentPath, entry.name));
  }
  return found;
}

test('should keep a body file, read back only while it matches the hash recorded for it', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-cache-body-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = makeConfig(dir);
  const file = { source: 'storm.md', sourcePath: path.join(config.contentDir, 'storm.md'), bytes: post('Storm'), stats: stamp, kind: 'post' as const, name: 'storm.md' };

  const cache = await ArticleCache.open(config, { writable: true, parse: parsePostFile });
  assert.ok(cache.parse(file, config).article);
  const bodyHash = cache.storeBody('storm.md', body);
  assert.equal(await cache.body('storm.md'), undefined, 'not before its hash is recorded');
  cache.record('storm.md', { text: 'sanitized', images: [], removed: {}, warnings: [], bodyHash }, { key: 'key', htmlHash: 'html' });
  assert.deepEqual(await cache.body('storm.md'), body, 'read back while it is being written');
  await cache.flush();

  // A second cache of this process starts from the index just written and reads the body file.
  const next = await ArticleCache.open(config, { writable: false, parse: parsePostFile });
  assert.deepEqual(await next.body('storm.md'), body);
  const [bin] = await bodyFiles(dir);
  assert.ok(bin, 'one body file');
  await writeFile(bin, serialize({ ...body, sanitizedHtml: '<p>another post</p>' }));
  assert.equal(await next.body('storm.md'), undefined, 'a body file that does not match is not used');
  await writeFile(bin, serialize(body).subarray(0, 10));
  assert.equal(await next.body('storm.md'), undefined, 'nor one cut short');
});

test('should write no body file from a read-only cache (wirepress check)', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-cache-body-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = makeConfig(dir);
  const readOnly = await ArticleCache.open(config, { writable: false, parse: parsePostFile });
  readOnly.parse({ source: 'other.md', sourcePath: path.join(config.contentDir, 'other.md'), bytes: post('Other'), stats: stamp, kind: 'post', name: 'other.md' }, config);
  readOnly.storeBody('other.md', body);
  await readOnly.flush();
  assert.deepEqual(await bodyFiles(dir).catch(() => []), []);
});
