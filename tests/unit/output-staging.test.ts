import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { createStagingDir, publishStagingDir } from '../../src/publish/staging.ts';
import { buildLeftovers } from '../support/leftovers.ts';

/** Where publishing swaps the folders in one step (renameat2 through perl, see src/system/exchange-paths.ts). */
const ATOMIC = process.platform === 'linux' && ['x64', 'arm64'].includes(process.arch);

const [STOP, POLLS, MISSES] = [0, 1, 2];
/** With two renames instead of the swap, the watcher missed the site thousands of times in 30 publishes (5 runs of 5). */
const PUBLISHES = 30;

/**
 * Polls a file of the site as fast as it can on its own thread, like a web
 * server serving it, counting the polls that find nothing (the file is
 * missing whenever its folder is).
 */
const WATCHER = `
const { statSync } = require('node:fs');
const { workerData: { file, counters } } = require('node:worker_threads');
while (Atomics.load(counters, ${STOP}) === 0) {
  if (!statSync(file, { throwIfNoEntry: false })) Atomics.add(counters, ${MISSES}, 1);
  Atomics.add(counters, ${POLLS}, 1);
}
`;

/** Builds a one-page site in a fresh staging folder and publishes it, as a build does. */
async function publishSite(outDir: string, body: string): Promise<void> {
  const staging = await createStagingDir(outDir);
  await writeFile(path.join(staging, 'index.html'), body);
  await publishStagingDir(staging, outDir);
}

test(`should never leave the site missing, not for an instant, while it is republished ${PUBLISHES} times`, { skip: !ATOMIC && 'atomic exchange needs Linux renameat2', timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-publish-'));
  t.after(() => rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  const outDir = path.join(dir, '_site');
  const home = path.join(outDir, 'index.html');
  await publishSite(outDir, '<p>first</p>');

  const counters = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  const watcher = new Worker(WATCHER, { eval: true, execArgv: [], workerData: { file: home, counters } });
  const exited = once(watcher, 'exit');
  while (Atomics.load(counters, POLLS) === 0) await sleep(1);
  try {
    for (let i = 0; i < PUBLISHES; i += 1) await publishSite(outDir, `<p>${i}</p>`);
  } finally {
    Atomics.store(counters, STOP, 1);
    await exited;
  }

  const polls = Atomics.load(counters, POLLS);
  t.diagnostic(`${polls} polls`);
  assert.equal(Atomics.load(counters, MISSES), 0, `the site was missing in ${Atomics.load(counters, MISSES)} of ${polls} polls`);
  assert.equal(await readFile(home, 'utf8'), `<p>${PUBLISHES - 1}</p>`);
  assert.deepEqual(await buildLeftovers(dir), [], 'no staging, retired or trash folder is left: every previous site is deleted');
});

test('should delete the previous site a build killed right after the swap left under the staging name, and keep the published one', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-publish-'));
  t.after(() => rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  const outDir = path.join(dir, '_site');
  await publishSite(outDir, '<p>published</p>');
  // What the swap leaves when the build dies before renaming the previous site to trash.
  const killed = path.join(dir, '_site.wirepress-staging-1-2');
  await mkdir(killed);
  await writeFile(path.join(killed, 'index.html'), '<p>previous</p>');

  const staging = await createStagingDir(outDir);
  assert.deepEqual(await readdir(staging), [], 'a fresh, empty staging folder');
  assert.equal(existsSync(killed), false, 'the previous site is gone');
  assert.equal(await readFile(path.join(outDir, 'index.html'), 'utf8'), '<p>published</p>', 'not put back over the published site');
});
