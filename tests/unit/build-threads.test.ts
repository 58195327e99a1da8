import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../../src/build.ts';
import { THREADS_FROM_BODIES } from '../../src/sanitize/body-work.ts';
import { listFiles, REPO_ROOT } from '../helpers/run-cli.ts';
import { makeConfig } from '../helpers/make-config.ts';

/** Relative path → bytes of every file under `dir`. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (file) => [path.relative(dir, file), await readFile(file)] as const)));
}

/**
 * Posts whose bodies are the sanitizer's fixtures (hostile markup, ZAKER and
 * 36kr figures, lazy and proxied images…), enough of them for the build to
 * start worker threads.
 */
async function writePosts(contentDir: string): Promise<number> {
  const fixtures = path.join(REPO_ROOT, 'tests', 'fixtures', 'sanitize');
  const names = (await readdir(fixtures)).filter((name) => existsSync(path.join(fixtures, name, 'input.html'))).sort();
  const count = Math.max(names.length, THREADS_FROM_BODIES + 20);
  await mkdir(contentDir, { recursive: true });
  for (let i = 0; i < count; i += 1) {
    const name = names[i % names.length]!;
    const body = await readFile(path.join(fixtures, name, 'input.html'), 'utf8');
    const day = String((i % 28) + 1).padStart(2, '0');
    const front = `---\ntitle: 线程测试 ${i} ${name}\ndate: 2024-0${(i % 9) + 1}-${day} 08:00:00\ncategories: [测试, ${name.split('-')[0]}]\ncover: https://cors.zfour.workers.dev/?https://img.example.com/${i}.jpg\n---\n`;
    await writeFile(path.join(contentDir, `post-${i}.md`), `${front}${body}\n`);
  }
  return count;
}

test('should build the same site, byte for byte and warning for warning, in worker threads as in one thread', { timeout: 300_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-threads-'));
  try {
    const posts = await writePosts(path.join(dir, 'content'));
    const site = (name: string) => makeConfig(dir, { outDir: path.join(dir, `${name}-out`), cacheDir: path.join(dir, `${name}-cache`) });
    const threaded = await buildSite(site('threaded'), { threads: 2 });
    const single = await buildSite(site('single'), { threads: 1 });
    assert.ok(threaded.articles.length > THREADS_FROM_BODIES, `${threaded.articles.length} of ${posts} posts built`);
    assert.equal(threaded.articles.length, single.articles.length);
    assert.deepEqual(threaded.diagnostics, single.diagnostics);
    assert.ok(threaded.diagnostics.some((d) => d.rule === 'sanitize/removed'), 'the hostile bodies were sanitized');
    const [a, b] = await Promise.all([tree(site('threaded').outDir), tree(site('single').outDir)]);
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
    for (const [file, bytes] of b) assert.ok(a.get(file)?.equals(bytes), `${file} differs`);
    const articlePages = [...a.entries()].filter(([file]) => /^2024\/\d\d\/\d\d\/post-\d+\/index\.html$/.test(file));
    assert.equal(articlePages.length, threaded.articles.length);
    assert.ok(
      articlePages.some(([, bytes]) => bytes.includes('referrerpolicy="no-referrer"')),
      'images not re-hosted (offline) were rewritten to their origin',
    );
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});
