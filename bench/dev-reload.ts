/**
 * Live-reload latency of the dev server: how long after a post is saved the
 * open pages are told to reload, over generated bot-shaped posts.
 *
 *   npm run bench:dev -- [--posts 1000] [--runs 5] [--work DIR] [--out FILE] [--seed N] [--corpus DIR]
 *
 * Starts `wirepress dev` (a frozen copy of the compiled CLI, offline, port 0)
 * cold (no output, no cache) and again warm (cache and output kept), listens
 * to `/__wirepress/events` like a browser tab, and per round times file write
 * → event for: one post's body edited, one post added, one deleted, one made
 * unreadable (→ `error`) and restored (→ `reload`). After each change the
 * page is fetched to check the change is what is served. Needs the compiled
 * CLI (`npm run bench:dev` compiles first) and ../shared/corpus.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generatePosts } from './generate-posts.ts';
import { positiveInt, runBenchmark } from './lib/bench-main.ts';
import { fileNameForTitle, formatPost, rfc2822Date } from './lib/post-format.ts';
import { round2 } from './lib/results-json.ts';
import { snapshotApp } from '../tests/helpers/snapshot-app.ts';
import { median } from './lib/stats.ts';
import type { GeneratedPost } from './lib/synth-posts.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The server's build plus chokidar's scan; 10,000 posts on a busy machine take minutes. */
const STARTUP_TIMEOUT_MS = 30 * 60_000;
/** One rebuild; far above what any rebuild should take, so only a lost event times out. */
const EVENT_TIMEOUT_MS = 120_000;
/** No server output for this long after an event: the rebuild is over and no other one follows. */
const QUIET_MS = 400;
/** The brief's limit for a clean Ctrl-C. */
const STOP_TIMEOUT_MS = 10_000;

const SCENARIOS = ['edit 1', 'add 1', 'delete 1', 'break 1', 'restore 1'] as const;
type Scenario = (typeof SCENARIOS)[number];

/** One line of the server's stderr, stamped when it arrived. */
interface LogLine {
  at: number;
  text: string;
}

/** One server-sent event, stamped when it arrived. */
interface SseEvent {
  at: number;
  event: string;
  data: string;
}

/** A running `wirepress dev`. */
interface DevServer {
  child: ChildProcess;
  url: string;
  lines: LogLine[];
  startupMs: number;
  /** How many of `lines` came before the URL: the first build's. */
  startupLines: number;
}

/** How the server ended on SIGINT. */
interface StopOutcome {
  label: string;
  exitCode: number | null;
  signal: string | null;
  ms: number;
  ok: boolean;
}

/** One timed change. */
interface Sample {
  scenario: Scenario;
  round: number;
  /** File write → the awaited event; `null` when it never came. */
  ms: number | null;
  /** File write → the server's "… changed; rebuilding…" line (watcher + debounce). */
  detectMs: number | null;
  /** The server's own "built N pages in M ms". */
  buildMs: number | null;
  rendered: number | null;
  unchanged: number | null;
  /** Rebuilds started between the write and the event (1 expected). */
  rebuilds: number;
  failure?: string;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string' },
      runs: { type: 'string' },
      out: { type: 'string' },
      work: { type: 'string' },
      seed: { type: 'string' },
      corpus: { type: 'string' },
    },
  });
  const postCount = positiveInt('--posts', values.posts, 1000);
  const runs = positiveInt('--runs', values.runs, 5);
  if (postCount === undefined || runs === undefined) return 2;
  if (postCount < 4 * runs) {
    process.stderr.write(`bench: --posts must be at least 4 × --runs (each round edits, deletes and breaks other posts)\n`);
    return 2;
  }
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) {
    process.stderr.write('bench: dist/cli.js is missing; run `npm run compile` first (`npm run bench:dev` does).\n');
    return 2;
  }
  // Own folders under the work root: `npm run bench` may run meanwhile on <work>/posts-N and <work>/app, and this run edits its posts.
  const workDir = path.join(path.resolve(values.work ?? path.join(os.tmpdir(), 'wirepress-bench')), 'dev-reload');
  const outFile = path.resolve(values.out ?? path.join(REPO_ROOT, 'bench', 'results', `dev-reload-${new Date().toISOString().replace(/[:.]/g, '-')}.json`));
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const loadBefore = os.loadavg();

  log(`generating ${postCount} posts…`);
  const generated = await generatePosts({
    posts: postCount,
    outDir: path.join(workDir, `posts-${postCount}`),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    ...(values.corpus ? { corpusDir: path.resolve(values.corpus) } : {}),
  });
  log(`  ${(generated.bytes / 1e6).toFixed(1)} MB in ${generated.outDir}`);
  // A frozen copy of the compiled CLI: dist/ may be recompiled while the benchmark runs.
  const appRoot = await snapshotApp(REPO_ROOT, path.join(workDir, 'app'));
  const dirs = { appRoot, workDir, contentDir: generated.outDir, outDir: path.join(workDir, 'out'), cacheDir: path.join(workDir, 'cache') };
  const failures: string[] = [];
  const stops: StopOutcome[] = [];

  await rm(dirs.outDir, { recursive: true, force: true });
  await rm(dirs.cacheDir, { recursive: true, force: true });
  log('cold start (no output, no cache)…');
  const cold = await startServer(dirs, 'cold');
  log(`  ${ms(cold.startupMs)} to the URL; ${describeStartup(cold)}`);
  stops.push(await stopServer(cold, 'cold'));

  log('warm start (output and cache kept)…');
  const server = await startServer(dirs, 'warm');
  log(`  ${ms(server.startupMs)} to the URL; ${describeStartup(server)}`);
  const samples: Sample[] = [];
  let memory: { vmRssMb: number | null; vmHwmMb: number | null } = { vmRssMb: null, vmHwmMb: null };
  try {
    const events = await openEventStream(server.url);
    log('finding the posts\' URLs (walking the home page\'s pages)…');
    const urls = await findPostUrls(server.url, generated.written);
    log(`  ${urls.size} of ${generated.written.length} found`);
    const plan = planRounds(generated.written.filter((p) => urls.has(p)), runs);
    for (let round = 0; round < runs; round++) {
      const roundSamples = await runRound({ server, events, urls, contentDir: dirs.contentDir, round, picks: plan[round]!, runId: Date.now().toString(36) });
      for (const s of roundSamples) {
        samples.push(s);
        log(`  round ${round + 1} ${s.scenario}: ${s.ms === null ? 'no event' : ms(s.ms)} (detect ${ms(s.detectMs)}, build ${ms(s.buildMs)}, ${s.rendered ?? '–'} rendered${s.rebuilds === 1 ? '' : `, ${s.rebuilds} rebuilds`})${s.failure ? ` FAILED: ${s.failure}` : ''}`);
        if (s.failure) failures.push(`round ${round + 1} ${s.scenario}: ${s.failure}`);
      }
    }
    events.close();
    memory = readMemory(server.child.pid);
  } finally {
    stops.push(await stopServer(server, 'warm'));
  }
  for (const stop of stops) if (!stop.ok) failures.push(`${stop.label} server: SIGINT → exit code ${stop.exitCode}${stop.signal ? ` (${stop.signal})` : ''} after ${ms(stop.ms)} (expected 0 within ${STOP_TIMEOUT_MS / 1000} s)`);

  const loadAfter = os.loadavg();
  const rows = SCENARIOS.map((scenario) => summarizeScenario(scenario, samples.filter((s) => s.scenario === scenario)));
  process.stdout.write(`\nwirepress dev live reload: ${postCount} posts (${(generated.bytes / 1e6).toFixed(1)} MB), ${runs} round(s), --offline\n\n`);
  process.stdout.write(`${formatRows(rows)}\n\n`);
  process.stdout.write(`startup (spawn → URL printed): cold ${ms(cold.startupMs)} (${describeStartup(cold)}), warm ${ms(server.startupMs)} (${describeStartup(server)})\n`);
  process.stdout.write(`stop (SIGINT → exit): ${stops.map((s) => `${s.label} ${ms(s.ms)}, code ${s.exitCode}`).join('; ')}\n`);
  process.stdout.write(`server memory at the end: RSS ${memory.vmRssMb ?? '–'} MB, peak ${memory.vmHwmMb ?? '–'} MB\n`);
  process.stdout.write(`load average ${round2(loadBefore[0]!)} → ${round2(loadAfter[0]!)} on ${os.cpus().length} CPUs\n`);
  if (Math.max(loadBefore[0]!, loadAfter[0]!) > os.cpus().length) {
    process.stdout.write('warning: the load average exceeded the CPU count: other work competed; the latencies are inflated.\n');
  }
  for (const failure of failures) process.stdout.write(`FAILED: ${failure}\n`);

  const dirty = git(['status', '--porcelain', '--', 'src', 'templates', 'public']);
  const json = {
    date: new Date().toISOString(),
    commit: git(['rev-parse', 'HEAD']),
    // The working tree differed from the commit (other work in progress): the snapshot measured is not that commit.
    dirty: dirty === null ? null : dirty !== '',
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
    loadAverage: { before: loadBefore.map(round2), after: loadAfter.map(round2) },
    posts: postCount,
    postBytes: generated.bytes,
    runs,
    offline: true,
    method: 'ms from the start of the file write to the arrival of the server-sent event (reload; error for "break 1")',
    startup: { cold: startupFigures(cold), warm: startupFigures(server) },
    stops,
    memory,
    summary: rows,
    samples,
    failures,
  };
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`\nresults: ${outFile}\nserver logs: ${path.join(workDir, 'server-cold.log')}, ${path.join(workDir, 'server-warm.log')}\n`);
  return failures.length === 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------
// The rounds

/** The posts one round changes: all different, and different from other rounds'. */
interface RoundPicks {
  edited: GeneratedPost;
  deleted: GeneratedPost;
  broken: GeneratedPost;
  /** Copied (fields and body) into the added post. */
  template: GeneratedPost;
}

/** Spreads the changed posts over the whole set, a different set each round. */
function planRounds(posts: readonly GeneratedPost[], rounds: number): RoundPicks[] {
  if (posts.length < 4 * rounds) throw new Error(`only ${posts.length} posts have a known URL; ${4 * rounds} are needed`);
  const used = new Set<number>();
  // The next unused post at or after position `i` (wrapping), so the picks never collide.
  const take = (i: number) => {
    let k = i % posts.length;
    while (used.has(k)) k = (k + 1) % posts.length;
    used.add(k);
    return posts[k]!;
  };
  return Array.from({ length: rounds }, (_, round) => ({
    edited: take(round * 7919 + 13),
    deleted: take(Math.floor(round * 104_729 + posts.length / 2)),
    broken: take(Math.floor(round * 6007 + posts.length / 3)),
    template: take(Math.floor(round * 3001 + (posts.length * 5) / 6)),
  }));
}

interface RoundInput {
  server: DevServer;
  events: EventStream;
  urls: Map<GeneratedPost, string>;
  contentDir: string;
  round: number;
  picks: RoundPicks;
  /** Makes the markers unique across benchmark runs, so an old page can never pass the check. */
  runId: string;
}

/**
 * One round: edit, add, delete, break, restore, each timed and checked; then
 * the edited, added and deleted posts are put back (untimed), so every round
 * starts from the same posts.
 */
async function runRound(input: RoundInput): Promise<Sample[]> {
  const { server, urls, contentDir, round, picks } = input;
  const base = server.url;
  const fileOf = (relPath: string) => path.join(contentDir, relPath);
  const id = `wpbench-${input.runId}-r${round + 1}`;
  const samples: Sample[] = [];
  const timed = async (scenario: Scenario, expect: 'reload' | 'error', change: () => Promise<void>, check: (event: SseEvent) => Promise<string | undefined>) => {
    const sample = await timeChange(server, input.events, scenario, round, expect, change, check);
    samples.push(sample);
  };

  // The added post: a copy of another with a new title and file name, dated after every generated post so it heads the home page.
  const addedTitle = `Bench added post ${id}`;
  const addedFields = { ...picks.template.fields, title: addedTitle, date: rfc2822Date(Date.UTC(2022, 9, 1) + round * 60_000) };
  const addedRel = path.join(path.dirname(picks.template.relPath), fileNameForTitle(addedTitle));
  let restoreFrom = input.events.events.length;
  try {
    // A new paragraph at the end of the body: the title, date and URL stay.
    const editMarker = `${id}-edit`;
    await timed('edit 1', 'reload', () => writeFile(fileOf(picks.edited.relPath), formatPost(picks.edited.fields, `${picks.edited.inner}\n<p>${editMarker}</p>`)), () =>
      expectPage(base, urls.get(picks.edited)!, editMarker),
    );

    const addMarker = `${id}-added-body`;
    await timed('add 1', 'reload', () => writeFile(fileOf(addedRel), formatPost(addedFields, `${picks.template.inner}\n<p>${addMarker}</p>`)), async () => {
      const home = await get(base, '/');
      const link = summaryLinks(home.body).find((l) => l.title.includes(id));
      return link ? expectPage(base, link.url, addMarker) : `the home page has no link to "${addedTitle}"`;
    });

    await timed('delete 1', 'reload', () => unlink(fileOf(picks.deleted.relPath)), async () => {
      const page = await get(base, urls.get(picks.deleted)!);
      return page.status === 404 ? undefined : `the deleted post's page still answers ${page.status}`;
    });

    // An unclosed flow sequence: the front matter is no longer YAML, so the post is skipped and the overlay shows it.
    const brokenText = picks.broken.text.replace('\n---\n', '\n---\nbench_broken: [unclosed\n');
    const brokenName = path.basename(picks.broken.relPath);
    await timed('break 1', 'error', () => writeFile(fileOf(picks.broken.relPath), brokenText), async (event) =>
      event.data.includes(brokenName) ? undefined : `the error event does not name ${brokenName}: ${event.data.slice(0, 300)}`,
    );
    await timed('restore 1', 'reload', () => writeFile(fileOf(picks.broken.relPath), picks.broken.text), () => expectPage(base, urls.get(picks.broken)!, undefined));
  } finally {
    restoreFrom = input.events.events.length;
    await writeFile(fileOf(picks.broken.relPath), picks.broken.text);
    await writeFile(fileOf(picks.edited.relPath), picks.edited.text);
    await writeFile(fileOf(picks.deleted.relPath), picks.deleted.text);
    await rm(fileOf(addedRel), { force: true });
  }
  // Untimed: wait for the rebuild of the restored posts, so the next round's first change does not queue behind it.
  await input.events.next('reload', restoreFrom, EVENT_TIMEOUT_MS).catch(() => undefined);
  await quiet(server);
  return samples;
}

/**
 * Times one change: the write, then the first `expect` event after it; reads
 * the server's lines in between for where the time went, then runs `check`
 * (a failure message, or undefined). Waits for the server to be quiet
 * afterwards, so the next change starts with no rebuild running.
 */
async function timeChange(
  server: DevServer,
  events: EventStream,
  scenario: Scenario,
  round: number,
  expect: 'reload' | 'error',
  change: () => Promise<void>,
  check: (event: SseEvent) => Promise<string | undefined>,
): Promise<Sample> {
  await quiet(server);
  const fromEvent = events.events.length;
  const fromLine = server.lines.length;
  const started = performance.now();
  await change();
  let event: SseEvent | undefined;
  let failure: string | undefined;
  try {
    event = await events.next(expect, fromEvent, EVENT_TIMEOUT_MS);
  } catch (error) {
    failure = (error as Error).message;
  }
  const other = events.events.slice(fromEvent).find((e) => e.event !== expect && (!event || e.at <= event.at));
  if (other && !failure) failure = `an "${other.event}" event came first: ${other.data.slice(0, 300)}`;
  await quiet(server);
  const lines = server.lines.slice(fromLine).filter((l) => !event || l.at <= event.at);
  const figures = buildFigures(lines);
  if (event && !failure) failure = await check(event).catch((error: Error) => `the check failed: ${error.message}`);
  return {
    scenario,
    round,
    ms: event ? Math.round(event.at - started) : null,
    detectMs: figures.rebuildAt === null ? null : Math.round(figures.rebuildAt - started),
    buildMs: figures.buildMs,
    rendered: figures.rendered,
    unchanged: figures.unchanged,
    rebuilds: figures.rebuilds,
    ...(failure ? { failure } : {}),
  };
}

/** `undefined` when `url` answers 200 and (if given) holds `marker`; else what went wrong. */
async function expectPage(base: string, url: string, marker: string | undefined): Promise<string | undefined> {
  const page = await get(base, url);
  if (page.status !== 200) return `${decodeURI(url)} answered ${page.status}`;
  if (marker !== undefined && !page.body.includes(marker)) return `${decodeURI(url)} does not hold "${marker}" (stale page served)`;
  return undefined;
}

// ---------------------------------------------------------------------------
// The server's output

/** What the server's lines say about one rebuild (or the first build). */
function buildFigures(lines: readonly LogLine[]) {
  const rebuilding = lines.filter((l) => /rebuilding…$/.test(l.text));
  const built = lines.map((l) => /^built (\d+) pages in (\d+) ms$/.exec(l.text)).filter((m) => m !== null);
  const wrote = lines.map((l) => /^wrote (\d+) pages to .* \((\d+) rendered, (\d+) unchanged\)/.exec(l.text)).filter((m) => m !== null);
  // The last build before the event is the one that sent it.
  const lastBuilt = built.at(-1);
  const lastWrote = wrote.at(-1);
  return {
    rebuildAt: rebuilding[0]?.at ?? null,
    rebuilds: rebuilding.length,
    pages: lastBuilt ? Number(lastBuilt[1]) : null,
    buildMs: lastBuilt ? Number(lastBuilt[2]) : null,
    rendered: lastWrote ? Number(lastWrote[2]) : null,
    unchanged: lastWrote ? Number(lastWrote[3]) : null,
  };
}

function describeStartup(server: DevServer): string {
  const f = buildFigures(server.lines.slice(0, server.startupLines));
  return `the server's build: ${f.pages ?? '?'} pages in ${ms(f.buildMs)}, ${f.rendered ?? '?'} rendered, ${f.unchanged ?? '?'} unchanged`;
}

function startupFigures(server: DevServer) {
  const f = buildFigures(server.lines.slice(0, server.startupLines));
  return { startupMs: Math.round(server.startupMs), buildMs: f.buildMs, pages: f.pages, rendered: f.rendered, unchanged: f.unchanged };
}

/**
 * Resolves once the server has printed nothing for {@link QUIET_MS} and
 * has finished the search index a quick rebuild left to a full one (no
 * rebuild running or starting).
 */
async function quiet(server: DevServer): Promise<void> {
  const count = (pattern: RegExp) => server.lines.filter((l) => pattern.test(l.text)).length;
  for (;;) {
    const last = server.lines.at(-1)?.at ?? 0;
    const owed = count(/the search index follows$/) > count(/^updated the search index in \d+ ms$/);
    const wait = owed ? QUIET_MS : last + QUIET_MS - performance.now();
    if (wait <= 0) return;
    await new Promise((r) => setTimeout(r, wait));
  }
}

// ---------------------------------------------------------------------------
// The process

interface Dirs {
  appRoot: string;
  workDir: string;
  contentDir: string;
  outDir: string;
  cacheDir: string;
}

/**
 * Starts `wirepress dev` on a free port and resolves once it prints its URL
 * (after the first build and the watcher's scan). Its stderr is kept, stamped
 * per line, and copied to `<work>/server-<label>.log`.
 */
async function startServer(dirs: Dirs, label: string): Promise<DevServer> {
  const args = [
    path.join(dirs.appRoot, 'bin', 'wirepress.js'),
    'dev',
    '--content', dirs.contentDir,
    '--out', dirs.outDir,
    '--cache', dirs.cacheDir,
    '--port', '0',
    '--offline',
  ];
  const started = performance.now();
  // The working folder holds no wirepress.config.yml: the defaults apply, as in `npm run bench`.
  const child = spawn(process.execPath, args, { cwd: dirs.workDir, stdio: ['ignore', 'pipe', 'pipe'] });
  // Never leave a server behind when the benchmark itself fails.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));

  const logFile = createWriteStream(path.join(dirs.workDir, `server-${label}.log`));
  const lines: LogLine[] = [];
  splitLines(child.stderr!, (text) => {
    lines.push({ at: performance.now(), text });
    logFile.write(`${text}\n`);
  });
  child.once('close', () => logFile.end());

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ${label} server printed no URL within ${STARTUP_TIMEOUT_MS / 60_000} min`)), STARTUP_TIMEOUT_MS);
    splitLines(child.stdout!, (text) => {
      const match = /^wirepress dev server: (\S+)$/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the ${label} server exited (code ${code}, ${signal ?? 'no signal'}) before printing its URL:\n${lines.slice(-20).map((l) => l.text).join('\n')}`));
    });
  });
  return { child, url, lines, startupMs: performance.now() - started, startupLines: lines.length };
}

/** Sends SIGINT (Ctrl-C) and waits up to {@link STOP_TIMEOUT_MS} for exit code 0; kills it otherwise. */
async function stopServer(server: DevServer, label: string): Promise<StopOutcome> {
  const { child } = server;
  const started = performance.now();
  const exited = new Promise<[number | null, string | null]>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve([child.exitCode, child.signalCode]);
    else child.once('exit', (code, signal) => resolve([code, signal]));
  });
  child.kill('SIGINT');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref());
  const outcome = await Promise.race([exited, timeout]);
  const ms = Math.round(performance.now() - started);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await exited;
    return { label, exitCode: null, signal: 'SIGKILL (did not stop)', ms, ok: false };
  }
  const [exitCode, signal] = outcome;
  return { label, exitCode, signal, ms, ok: exitCode === 0 };
}

function splitLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
    }
  });
}

/** The server's resident and peak memory (Linux /proc), in MB. */
function readMemory(pid: number | undefined): { vmRssMb: number | null; vmHwmMb: number | null } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (field: string) => {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Math.round(Number(match[1]) / 1024) : null;
    };
    return { vmRssMb: mb('VmRSS'), vmHwmMb: mb('VmHWM') };
  } catch {
    return { vmRssMb: null, vmHwmMb: null };
  }
}

// ---------------------------------------------------------------------------
// HTTP

/** A live connection to `/__wirepress/events`, keeping every event with its arrival time. */
interface EventStream {
  events: SseEvent[];
  /** Resolves with the first event of this type at or after index `from` of `events`. */
  next(type: string, from: number, timeoutMs: number): Promise<SseEvent>;
  close(): void;
}

/** Opens the event stream as a page's EventSource would, and resolves once connected. */
function openEventStream(base: string): Promise<EventStream> {
  const url = new URL('/__wirepress/events', base);
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const waiters = new Set<() => void>();
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${url.href} answered ${res.statusCode}`));
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        // Stamped on arrival, before parsing, so the figure is the server's and not ours.
        const at = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const fields = new Map<string, string>();
          for (const line of buffer.slice(0, end).split('\n')) {
            const colon = line.indexOf(':');
            if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).replace(/^ /, ''));
          }
          buffer = buffer.slice(end + 2);
          const event = fields.get('event');
          if (event) events.push({ at, event, data: fields.get('data') ?? '' });
        }
        for (const wake of waiters) wake();
      });
      res.on('error', () => {});
      resolve({
        events,
        next(type, from, timeoutMs) {
          return new Promise((done, fail) => {
            const check = () => {
              const found = events.slice(from).find((e) => e.event === type);
              if (!found) return;
              waiters.delete(check);
              clearTimeout(timer);
              done(found);
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no "${type}" event within ${timeoutMs / 1000} s`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function get(base: string, url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(new URL(url, base));
  return { status: response.status, body: await response.text() };
}

/** The post links of a listing page (home, category, archive): `<h2 class="summary-title"><a href="URL">title</a>`. */
function summaryLinks(html: string): { url: string; title: string }[] {
  return [...html.matchAll(/<h2 class="summary-title"><a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => ({ url: unescapeHtml(m[1]!), title: unescapeHtml(m[2]!) }));
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Each post's page URL, read from the served home page and its pages
 * (`/page/2/`, …) by title, as a reader would find it: the permalink rule
 * (date in the site's time zone, title made path-safe) is the server's to apply.
 */
async function findPostUrls(base: string, posts: readonly GeneratedPost[]): Promise<Map<GeneratedPost, string>> {
  const byTitle = new Map(posts.map((p) => [normalizeTitle(p.fields.title), p]));
  const urls = new Map<GeneratedPost, string>();
  for (let page = 1; urls.size < posts.length; page++) {
    const listing = await get(base, page === 1 ? '/' : `/page/${page}/`);
    if (listing.status !== 200) break;
    for (const link of summaryLinks(listing.body)) {
      const post = byTitle.get(normalizeTitle(link.title));
      if (post) urls.set(post, link.url);
    }
  }
  return urls;
}

function normalizeTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------
// Results

interface Row {
  scenario: Scenario;
  medianMs: number | null;
  minMs: number | null;
  maxMs: number | null;
  runs: number;
  ok: number;
  /** Medians of the server's own figures. */
  detectMs: number | null;
  buildMs: number | null;
  rendered: number | null;
}

function summarizeScenario(scenario: Scenario, samples: readonly Sample[]): Row {
  const times = samples.filter((s) => s.ms !== null).map((s) => s.ms!);
  const of = (pick: (s: Sample) => number | null) => median(samples.map(pick).filter((v): v is number => v !== null));
  return {
    scenario,
    medianMs: median(times),
    minMs: times.length ? Math.min(...times) : null,
    maxMs: times.length ? Math.max(...times) : null,
    runs: samples.length,
    ok: samples.filter((s) => !s.failure).length,
    detectMs: of((s) => s.detectMs),
    buildMs: of((s) => s.buildMs),
    rendered: of((s) => s.rendered),
  };
}

function formatRows(rows: readonly Row[]): string {
  const header = ['scenario', 'median', 'min', 'max', 'runs', 'detect', 'server build', 'rendered'];
  const cell = (v: number | null) => (v === null ? '–' : `${Math.round(v)} ms`);
  const body = rows.map((r) => [
    r.scenario + (r.scenario === 'break 1' ? ' (→ error)' : ''),
    cell(r.medianMs),
    cell(r.minMs),
    cell(r.maxMs),
    r.ok === r.runs ? String(r.runs) : `${r.ok}/${r.runs} ok`,
    cell(r.detectMs),
    cell(r.buildMs),
    r.rendered === null ? '–' : String(r.rendered),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const notes = 'median/min/max: file write → event; detect: write → "rebuilding…" (watcher + 100 ms debounce); server build and rendered: medians of the server\'s own lines';
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), '', notes].join('\n');
}

function ms(value: number | null): string {
  return value === null ? '–' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

await runBenchmark(main);
