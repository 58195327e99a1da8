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

/** The pack files holding the body files (see body-packs.ts). */
async function bodyFiles(dir: string): Promise<string[]> {
  const packs = path.join(dir, '.cache', 'articles', 'packs');
  return (await readdir(packs)).map((name) => path.join(packs, name));
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

test('should gather the bodies of eight small packs into one, and delete the packs no post uses', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-cache-packs-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = makeConfig(dir);
  const names = Array.from({ length: 9 }, (_, i) => `post-${i}.md`);
  const fileOf = (name: string) => ({ source: name, sourcePath: path.join(config.contentDir, name), bytes: post(name), stats: stamp, kind: 'post' as const, name });
  const bodyOf = (name: string) => ({ ...body, sanitizedHtml: `<p>${name}</p>`, text: name });
  // A build that recalls the posts `kept` and makes the post `made`, each build's body in a pack of its own.
  const build = async (kept: readonly string[], made?: string) => {
    const cache = await ArticleCache.open(config, { writable: true, parse: parsePostFile });
    for (const name of kept) assert.ok(cache.recall(name, fileOf(name).sourcePath, stamp), `${name} recalled`);
    if (made) {
      cache.parse(fileOf(made), config);
      const bodyHash = cache.storeBody(made, bodyOf(made));
      cache.record(made, { text: made, images: [], removed: {}, warnings: [], bodyHash }, { key: 'key', htmlHash: 'html' });
    }
    await cache.flush();
    return cache;
  };

  for (const [i, name] of names.slice(0, 8).entries()) await build(names.slice(0, i), name);
  assert.equal((await bodyFiles(dir)).length, 8, 'one pack per build');
  const gathered = await build(names.slice(0, 8), names[8]);
  assert.equal((await bodyFiles(dir)).length, 1, 'the eight small packs gathered into the ninth build\'s');
  for (const name of names) assert.deepEqual(await gathered.body(name), bodyOf(name), `${name} read back`);

  await build(names.slice(1));
  assert.equal((await bodyFiles(dir)).length, 1, 'a pack some post uses stays');
  await build([]);
  assert.deepEqual(await bodyFiles(dir), [], 'a pack no post uses is deleted');
});
