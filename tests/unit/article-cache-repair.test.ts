import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../../src/build.ts';
import { listFiles, REPO_ROOT } from '../support/run-cli.ts';
import { makeConfig } from '../fixtures/server/make-config.ts';

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
    const bodies = (await listFiles(articlesDir)).filter((file) => path.dirname(file) !== articlesDir);
    assert.ok(bodies.length >= 10, 'one body file per post');

    // Bodies cut short, overwritten with other bytes, or gone; and the output folder replaced, so every page is rendered.
    await writeFile(bodies[0]!, (await readFile(bodies[0]!)).subarray(0, 20));
    await writeFile(bodies[1]!, Buffer.alloc(64, 7));
    await rm(bodies[2]!);
    await rm(config.outDir, { recursive: true });
    const repaired = await buildSite(config);
    assert.deepEqual(repaired.diagnostics.filter((d) => d.severity === 'error'), [], 'no post is lost');
    assert.deepEqual(await pages(config.outDir), expected, 'every page as before');

    // An index cut short: every post is read and made again.
    const [index] = (await readdir(articlesDir)).filter((name) => name.startsWith('index-'));
    await writeFile(path.join(articlesDir, index!), 'garbage');
    await rm(config.outDir, { recursive: true });
    await buildSite(config);
    assert.deepEqual(await pages(config.outDir), expected, 'every page as before');
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});
