import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../../src/build.ts';
import { listFiles, REPO_ROOT } from '../helpers/run-cli.ts';
import { assertSameSite } from '../helpers/same-site.ts';
import { buildLeftovers } from '../helpers/leftovers.ts';
import { makeConfig } from '../helpers/make-config.ts';

test('should publish, built in the site two builds old, exactly what a whole build publishes, writing only what changed', { timeout: 300_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-next-version-'));
  try {
    await cp(path.join(REPO_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    const live = makeConfig(dir, { pageSize: 4 });
    const cold = (name: string) => ({ ...live, outDir: path.join(dir, `${name}-out`), cacheDir: path.join(dir, `${name}-cache`) });
    const posts = (await listFiles(path.join(dir, 'content'))).filter((file) => file.endsWith('.md')).sort();
    await buildSite(live);
    const home = path.join(live.outDir, 'index.html');
    const untouched = (await listFiles(live.outDir)).find((file) => file.endsWith('index.html') && file.includes('/archives/'))!;

    const steps: [string, () => Promise<void>][] = [
      ['edit a body', async () => writeFile(posts[0]!, `${await readFile(posts[0]!, 'utf8')}\n<p>就地更新的段落。</p>\n`)],
      ['delete a post', () => unlink(posts[1]!)],
      ['add a post', () => writeFile(path.join(dir, 'content', 'new.md'), '---\ntitle: 新增的一篇\ndate: 2030-01-02 03:04:05\ncategories: [新分类]\n---\n<p>新文章的正文。</p>\n')],
    ];
    for (const [name, change] of steps) {
      const before = (await stat(untouched)).ino;
      await change();
      const result = await buildSite(live);
      const whole = cold(name.replace(/ /g, '-'));
      await buildSite(whole);
      await assertSameSite(live.outDir, whole.outDir, name);
      assert.ok(result.pages > 0);
      if (name === 'edit a body') assert.equal((await stat(untouched)).ino, before, 'a page that did not change is not written again');
    }
    assert.ok(existsSync(home));
    assert.deepEqual(await buildLeftovers(dir), [], 'no version but the live one and its spare is left');
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});
