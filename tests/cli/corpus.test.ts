import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CORPUS_DIR, HAS_CORPUS, runCli } from '../helpers/run-cli.ts';
import type { BuildReport } from '../../src/report/build-report.ts';

const skip = HAS_CORPUS ? false : `needs the real posts in ${CORPUS_DIR} (absent here)`;

test('should build every real post in ../shared/corpus or report it', { skip }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-corpus-'));
  const content = path.join(dir, 'content');
  await mkdir(content);
  const posts: string[] = [];
  for (const folder of ['real', 'seed']) {
    for (const name of await readdir(path.join(CORPUS_DIR, folder))) {
      if (!name.endsWith('.md') || name === 'SOURCE.md') continue;
      await cp(path.join(CORPUS_DIR, folder, name), path.join(content, folder, name));
      posts.push(`${folder}/${name}`);
    }
  }
  assert.ok(posts.length >= 55, `found ${posts.length} posts`);

  const run = await runCli(['build', '--content', 'content', '--out', '_site', '--cache', '.cache', '--offline', '--report', 'report.json'], {
    cwd: dir,
    timeoutMs: 300_000,
  });
  const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as BuildReport;
  const accounted = new Set([...report.articles.map((a) => a.source), ...report.skipped.map((s) => s.source)]);
  assert.deepEqual(posts.filter((p) => !accounted.has(p)), [], 'every post is built or reported');
  assert.deepEqual(report.skipped, [], 'every real post is valid');
  assert.equal(run.code, 0, run.stderr);

  for (const article of report.articles) {
    assert.match(article.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/, `${article.source}: ${article.date}`);
    assert.equal(article.categories[0]?.length, 3, article.source);
    const page = await readFile(path.join(dir, '_site', article.output), 'utf8');
    assert.doesNotMatch(page, /cors\.zfour\.workers\.dev/, `${article.source}: the proxy is unwrapped`);
    assert.doesNotMatch(page, /<script(?![^>]*\bsrc=)(?! type="application\/ld\+json">)/i, `${article.source}: no inline script (JSON-LD is data)`);
    assert.doesNotMatch(page, /\son[a-z]+\s*=/i, `${article.source}: no event handler`);
  }
});
