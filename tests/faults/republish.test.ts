import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { runCli } from '../helpers/run-cli.ts';
import { buildLeftovers } from '../helpers/leftovers.ts';
import { generateSite } from '../helpers/generate-site.ts';

/**
 * A web server serving the output folder while the bot's builds republish
 * it: every request must find the file, whole. Builds with the CLI, each
 * after a post was edited, so every publish changes pages.
 */

const PUBLISHES = Number(process.env.WIREPRESS_REPUBLISHES ?? 30);
const [STOP, POLLS, MISSES, TORN] = [0, 1, 2, 3];

/** Reads the pages over and over on its own thread, counting reads that find no file, and files that are not a whole page. */
const READER = `
const { readFileSync } = require('node:fs');
const { workerData: { files, counters } } = require('node:worker_threads');
for (let i = 0; Atomics.load(counters, ${STOP}) === 0; i += 1) {
  let text;
  try { text = readFileSync(files[i % files.length], 'utf8'); } catch { Atomics.add(counters, ${MISSES}, 1); }
  if (text !== undefined && !text.trimEnd().endsWith('</html>')) Atomics.add(counters, ${TORN}, 1);
  Atomics.add(counters, ${POLLS}, 1);
}
`;

test(`a reader polling the live site should find every page whole during ${PUBLISHES} republishes`, { timeout: 600_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-republish-'));
  t.after(() => rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  const posts = await generateSite(path.join(dir, 'content'), { posts: 60 });
  const args = ['build', '--content', 'content', '--out', '_site', '--offline'];
  const first = await runCli([...args, '--report', 'report.json'], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as { articles: { output: string }[] };

  const site = path.join(dir, '_site');
  // Pages every version has: the home page, listings, and the article pages the edits change.
  const categories = (await readdir(path.join(site, 'categories'), { withFileTypes: true })).filter((entry) => entry.isDirectory()).slice(0, 2).map((entry) => `categories/${entry.name}/index.html`);
  const files = ['index.html', 'archives/index.html', ...categories, ...report.articles.slice(0, 4).map((article) => article.output)];

  const counters = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
  const reader = new Worker(READER, { eval: true, execArgv: [], workerData: { files: files.map((file) => path.join(site, file)), counters } });
  const exited = once(reader, 'exit');
  while (Atomics.load(counters, POLLS) === 0) await sleep(1);
  try {
    for (let i = 0; i < PUBLISHES; i += 1) {
      // Each build publishes a changed site: a new paragraph in one post, so its page, its listings and the feeds change.
      await appendFile(path.join(dir, 'content', posts[i % posts.length]!), `\n<p>第${i}次更新的段落。</p>\n`);
      const run = await runCli(args, { cwd: dir });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /wrote \d+ pages .*\(\d+ rendered/);
    }
  } finally {
    Atomics.store(counters, STOP, 1);
    await exited;
  }

  const polls = Atomics.load(counters, POLLS);
  t.diagnostic(`${polls} reads of ${files.length} pages during ${PUBLISHES} publishes`);
  assert.ok(polls > PUBLISHES * 100, 'the reader kept reading throughout');
  assert.equal(Atomics.load(counters, MISSES), 0, `a page was missing in ${Atomics.load(counters, MISSES)} of ${polls} reads`);
  assert.equal(Atomics.load(counters, TORN), 0, `a page was cut short in ${Atomics.load(counters, TORN)} of ${polls} reads`);
  assert.deepEqual(await buildLeftovers(dir), [], 'no version but the live one and its spare is left');
});
