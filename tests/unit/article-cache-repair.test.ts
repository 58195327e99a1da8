import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../../src/build.ts';
import { listFiles, REPO_ROOT } from '../helpers/run-cli.ts';
import { makeConfig } from '../helpers/make-config.ts';

/** Relative path → text of every HTML page under `dir`. */
async function pages(dir: string): Promise<Map<string, string>> {
  const files = (await listFiles(dir)).filter((file) => file.endsWith('.html'));
  return new Map(await Promise.all(files.map(async (file) => [path.relative(dir, file), await readFile(file, 'utf8')] as const)));
}

test('should rebuild the same site from a cache whose body files and index were corrupted or lost', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-cache-repair-'));
  try {
    await cp(path.join(REPO_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    const config = makeConfig(dir);
    await buildSite(config);
    const expected = await pages(config.outDir);
    const articlesDir = path.join(config.cacheDir, 'articles');
    const packsDir = path.join(articlesDir, 'packs');
    const [pack, ...others] = await readdir(packsDir);
    assert.ok(pack && others.length === 0, 'the few bodies of the sample site in one pack');
    const packFile = path.join(packsDir, pack);
    const packed = await readFile(packFile);

    // Bodies overwritten with other bytes (in the middle) and cut short (at the end); and the output folder replaced, so every page is rendered.
    packed.fill(7, Math.floor(packed.length / 3), Math.floor(packed.length / 3) + 64);
    await writeFile(packFile, packed.subarray(0, packed.length - 20));
    await rm(config.outDir, { recursive: true });
    const repaired = await buildSite(config);
    assert.deepEqual(repaired.diagnostics.filter((d) => d.severity === 'error'), [], 'no post is lost');
    assert.deepEqual(await pages(config.outDir), expected, 'every page as before');

    // Every body gone.
    await rm(packsDir, { recursive: true });
    await rm(config.outDir, { recursive: true });
    const remade = await buildSite(config);
    assert.deepEqual(remade.diagnostics.filter((d) => d.severity === 'error'), [], 'no post is lost');
    assert.deepEqual(await pages(config.outDir), expected, 'every page as before');

    // An index cut short, one segment garbled and one gone: their posts are read and made again. In a
    // copy of the cache: this process keeps the index it wrote in memory, under the folder's path.
    const copied = { ...config, cacheDir: path.join(dir, 'cache-copy') };
    await cp(config.cacheDir, copied.cacheDir, { recursive: true });
    const indexDir = path.join(copied.cacheDir, 'articles', (await readdir(articlesDir)).find((name) => name.startsWith('index-'))!);
    const segments = (await readdir(indexDir)).sort();
    assert.ok(segments.length >= 2, 'the index is in segments');
    await writeFile(path.join(indexDir, segments[0]!), 'garbage');
    await rm(path.join(indexDir, segments[1]!));
    await rm(config.outDir, { recursive: true });
    const again = await buildSite(copied);
    assert.deepEqual(again.diagnostics.filter((d) => d.severity === 'error'), [], 'no post is lost');
    assert.deepEqual(await pages(config.outDir), expected, 'every page as before');
    assert.deepEqual((await readdir(indexDir)).sort(), segments, 'the lost segments are written again');
    assert.notEqual(await readFile(path.join(indexDir, segments[0]!), 'utf8'), 'garbage', 'the garbled segment is written again');
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});

test('should write only the index segment of an edited post', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-cache-segments-'));
  try {
    await cp(path.join(REPO_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    const config = makeConfig(dir);
    await buildSite(config);
    const articlesDir = path.join(config.cacheDir, 'articles');
    const indexDir = path.join(articlesDir, (await readdir(articlesDir)).find((name) => name.startsWith('index-'))!);
    const inodes = async () => new Map(await Promise.all((await readdir(indexDir)).map(async (name) => [name, (await stat(path.join(indexDir, name))).ino] as const)));
    const before = await inodes();
    const post = (await listFiles(config.contentDir)).filter((file) => file.endsWith('.md')).sort()[0]!;
    await writeFile(post, `${await readFile(post, 'utf8')}\n<p>多一段。</p>\n`);
    await buildSite(config);
    const after = await inodes();
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    const rewritten = [...after].filter(([name, inode]) => before.get(name) !== inode);
    assert.equal(rewritten.length, 1, `one segment written, not ${rewritten.map(([name]) => name).join(', ')}`);
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});
