import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BuildResult } from '../../src/build.ts';
import { createDevBuild, serve, type DevBuildOptions } from '../../src/server/index.ts';
import { REPO_ROOT } from '../helpers/run-cli.ts';
import { openEventStream, waitUntil } from '../helpers/http-helpers.ts';
import { makeConfig } from '../helpers/make-config.ts';
import { readIndexEntry, searchIndexHolds } from '../helpers/search-index.ts';

/** Resolves when `signal` aborts, or rejects after `timeoutMs`. */
function aborted(signal: AbortSignal, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the follow-up was not aborted within ${timeoutMs} ms`)), timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    if (signal.aborted) done();
    else signal.addEventListener('abort', done, { once: true });
  });
}

/** One call of the build by the dev server, as seen from outside. */
interface BuildCall {
  /** The follow-up the queue runs after a deferred build: no changed paths, and a signal to abort it. */
  followUp: boolean;
  changed?: readonly string[];
  outcome: 'running' | 'built' | 'aborted' | 'failed';
  result?: BuildResult;
  /** For a deferred build: the search index's entry right after it, before the follow-up could start. */
  entryAfter?: Awaited<ReturnType<typeof readIndexEntry>>;
}

const UPDATED = /^updated the search index in \d+ ms$/;
const BUILT = /^built \d+ pages in \d+ ms$/;

test('should show an edited post at once, update the search index after it without a second reload, and let a new edit supersede that update', { timeout: 600_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-server-edited-'));
  await cp(path.join(REPO_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  const config = makeConfig(dir);
  const controller = new AbortController();
  const logs: string[] = [];
  const calls: BuildCall[] = [];
  /** Set by the test to hold the next follow-up before it starts building. */
  let holdFollowUp: ((signal: AbortSignal) => Promise<void>) | undefined;
  const devBuild = createDevBuild();
  const build = async (c: typeof config, o: DevBuildOptions): Promise<BuildResult> => {
    // The first build passes neither; a rebuild passes `changed`; only the follow-up passes a signal alone.
    const call: BuildCall = { followUp: o.signal !== undefined && o.changed === undefined, changed: o.changed, outcome: 'running' };
    calls.push(call);
    if (call.followUp && holdFollowUp && o.signal) {
      const hold = holdFollowUp;
      holdFollowUp = undefined;
      await hold(o.signal);
    }
    try {
      call.result = await devBuild(c, o);
      call.outcome = 'built';
    } catch (error) {
      call.outcome = o.signal?.aborted ? 'aborted' : 'failed';
      throw error;
    }
    if (call.result.deferred) call.entryAfter = await readIndexEntry(c.outDir);
    return call.result;
  };

  let url = '';
  let stopped!: Promise<number>;
  await new Promise<void>((resolve, reject) => {
    stopped = serve(
      config,
      { port: 0, host: '127.0.0.1', signal: controller.signal, onListening: (u) => ((url = u), resolve()) },
      { build, stdout: () => {}, stderr: (text) => logs.push(text) },
    );
    stopped.catch(reject);
  });
  const page = (urlPath: string) => fetch(new URL(urlPath, url)).then((response) => response.text());
  const count = (pattern: RegExp, from = 0) => logs.slice(from).filter((line) => pattern.test(line)).length;
  const append = async (file: string, marker: string) => writeFile(file, `${await readFile(file, 'utf8')}\n<p>追加的一段：${marker}。</p>\n`);
  const run = Math.random().toString(36).slice(2, 8);
  const markers = { first: `firstedit${run}`, second: `secondedit${run}`, third: `thirdedit${run}` };

  try {
    const initial = calls[0]?.result;
    assert.ok(initial && initial.articles.length > 3, logs.join('\n'));
    // Any post: the search index holds the whole text, so a paragraph appended to it is found.
    const victim = initial.articles[Math.floor(initial.articles.length / 2)]!;
    const entryBefore = await readIndexEntry(config.outDir);
    assert.ok(!(await searchIndexHolds(config.outDir, markers.first)));
    const events = await openEventStream(url);
    const logsAtStart = logs.length;

    // 1. One edit: the quick path, then the search index.
    await append(victim.sourcePath, markers.first);
    await events.next('reload', 0, 120_000);
    assert.match(await page(victim.url), new RegExp(markers.first), 'the reload shows the edit');
    const quick = calls.find((call) => !call.followUp && call.changed?.includes(victim.sourcePath));
    assert.equal(quick?.result?.deferred, true, 'the edit took the quick path');
    assert.deepEqual(quick.entryAfter, entryBefore, 'the quick path leaves the search index to the follow-up');

    await waitUntil(async () => count(UPDATED, logsAtStart) > 0, 'the follow-up updates the search index', 120_000);
    const quickLine = logs.findIndex((line, i) => i >= logsAtStart && /; the search index follows$/.test(line));
    const updatedLine = logs.findIndex((line, i) => i >= logsAtStart && UPDATED.test(line));
    assert.ok(quickLine >= 0 && quickLine < updatedLine, `the quick path is announced, then the update:\n${logs.slice(logsAtStart).join('\n')}`);
    // rebuildSite prints `built N pages` just before it sends `reload`, in the same turn as `updated…`.
    assert.equal(count(BUILT, updatedLine), 0, `the follow-up rendered no page and sent no reload:\n${logs.slice(updatedLine).join('\n')}`);
    assert.equal(calls.filter((call) => call.followUp).length, 1, 'one follow-up');

    const entryAfter = await readIndexEntry(config.outDir);
    assert.notDeepEqual(entryAfter, entryBefore, 'the entry names the updated files');
    const indexFile = (name: string) => path.join(config.outDir, 'search-index', `${name}.bin`);
    for (const name of entryBefore.buckets.filter((name) => !entryAfter.buckets.includes(name))) assert.ok(!existsSync(indexFile(name)), `the old postings file ${name} is pruned`);
    for (const name of entryAfter.buckets) assert.ok(existsSync(indexFile(name)), `the postings file ${name} is there`);
    assert.ok(await searchIndexHolds(config.outDir, markers.first), 'the search index holds the edit');

    // 2. Two edits in a row, the second while the follow-up of the first runs (held until then, so the order is certain).
    let followUpHeld!: () => void;
    const held = new Promise<void>((resolve) => (followUpHeld = resolve));
    let releasedByAbort = false;
    holdFollowUp = async (signal) => {
      followUpHeld();
      await aborted(signal, 120_000);
      releasedByAbort = true;
    };
    const mark = events.events.length;
    const logsAtSecond = logs.length;
    await append(victim.sourcePath, markers.second);
    await events.next('reload', mark, 120_000);
    await held;
    const heldCall = calls.at(-1)!;
    assert.equal(heldCall.followUp, true);
    await append(victim.sourcePath, markers.third);
    await waitUntil(async () => releasedByAbort, 'the new edit aborts the running follow-up', 120_000);
    const afterHeld = () => calls.slice(calls.indexOf(heldCall) + 1);
    await waitUntil(async () => afterHeld().some((call) => call.outcome !== 'running'), 'the new edit is built', 120_000);
    assert.equal(heldCall.outcome, 'aborted', 'the superseded follow-up published nothing');
    const next = afterHeld()[0];
    assert.ok(next && !next.followUp && next.changed?.includes(victim.sourcePath), 'the edit ran next, with its path');
    assert.equal(next.result?.deferred, true, 'the aborted follow-up did not cost the edit its quick path');
    await waitUntil(async () => count(UPDATED, logsAtSecond) > 0, 'the follow-up runs again after the edit that superseded it', 120_000);
    const html = await page(victim.url);
    assert.ok(html.includes(markers.second) && html.includes(markers.third), 'both edits are served');
    assert.ok(await searchIndexHolds(config.outDir, markers.third), 'the search index holds the last edit');
    assert.ok(!logs.some((line) => line.startsWith('✖')), `no failure printed:\n${logs.join('\n')}`);

    // 3. Stop: the server ends the event stream, so every event it sent is in.
    controller.abort();
    assert.equal(await stopped, 0);
    await events.ended;
    const followUpsBuilt = afterHeld().filter((call) => call.followUp && call.outcome === 'built').length;
    assert.equal(count(UPDATED, logsAtSecond), followUpsBuilt, 'an aborted follow-up prints nothing');
    const reloads = events.events.filter((event) => event.event === 'reload').length;
    assert.equal(reloads, count(BUILT, logsAtStart), `one reload per rebuild that rendered pages, none for a follow-up; events: ${JSON.stringify(events.events)}`);
    assert.deepEqual(
      events.events.filter((event) => event.event !== 'reload'),
      [],
      'no error sent to the browsers',
    );
  } finally {
    controller.abort();
    await stopped.catch(() => undefined);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});
