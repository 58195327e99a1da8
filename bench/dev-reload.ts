/**
 * Live-reload latency of the dev server: how long after a post is saved the
 * open pages are told to reload, over generated bot-shaped posts.
 *
 *   npm run bench:dev -- [--posts 1000] [--runs 5] [--work DIR] [--out FILE] [--seed N] [--corpus DIR]
 *
 * What it measures: bench/README.md, "Dev server". Needs the compiled CLI
 * (`npm run bench:dev` compiles first) and ../shared/corpus.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { generatePosts } from './generate-posts.ts';
import { benchMain, log, median, out, provenance, REPO_ROOT, resultsFile, round2, table, UsageError, writeJson } from './lib/common.ts';
import { statusKb } from './lib/measure-process.ts';
import { fileNameForTitle, formatPost, rfc2822Date, type GeneratedPost } from './lib/posts.ts';
import { openEventStream, type EventStream, type SseEvent } from '../tests/helpers/http-helpers.ts';
import { snapshotApp } from '../tests/helpers/snapshot-app.ts';

const STARTUP_TIMEOUT_MS = 30 * 60_000; // the first build plus the watcher's scan: minutes at 10,000 posts on a busy machine
const EVENT_TIMEOUT_MS = 120_000; // far above any rebuild, so only a lost event times out
const QUIET_MS = 400; // no server output for this long: the rebuild is over and none follows
const STOP_TIMEOUT_MS = 10_000; // a clean Ctrl-C must end the server within this

const SCENARIOS = ['edit 1', 'add 1', 'delete 1', 'break 1', 'restore 1'] as const;
type Scenario = (typeof SCENARIOS)[number];
/** One line of the server's stderr, stamped on arrival. */
type Line = { at: number; text: string };
type DevServer = Awaited<ReturnType<typeof startServer>>;
type Sample = Awaited<ReturnType<typeof timeChange>>;
/** A round's four posts: edited, deleted, broken and restored, copied as the added one. */
type Picks = [GeneratedPost, GeneratedPost, GeneratedPost, GeneratedPost];
/** One timed change: the event it must bring, and `check`, which returns what is wrong with the page served, if anything. */
type Step = { scenario: Scenario; expect: 'reload' | 'error'; change: () => Promise<void>; check: (event: SseEvent) => Promise<string | undefined> };

await benchMain(['posts', 'runs', 'out', 'work', 'seed', 'corpus'], { posts: 1000, runs: 5 }, async ({ posts: postCount, runs, out: outOption, work, generate }) => {
  if (postCount < 4 * runs) throw new UsageError('--posts must be at least 4 × --runs (each round changes four posts of its own)');
  // Its own folder under the work root: `npm run bench` may use <work>/posts-N and <work>/app meanwhile, and this run edits its posts.
  const workDir = path.join(work, 'dev-reload');
  const outFile = resultsFile(outOption, 'dev-reload-');
  const loadBefore = os.loadavg();

  log(`generating ${postCount} posts…`);
  const generated = await generatePosts({ posts: postCount, outDir: path.join(workDir, `posts-${postCount}`), ...generate });
  // A frozen copy of the compiled CLI: dist/ may be recompiled while the benchmark runs.
  const appRoot = await snapshotApp(REPO_ROOT, path.join(workDir, 'app'));
  const dirs = { appRoot, workDir, contentDir: generated.outDir, outDir: path.join(workDir, 'out'), cacheDir: path.join(workDir, 'cache') };
  for (const dir of [dirs.outDir, dirs.cacheDir]) await rm(dir, { recursive: true, force: true });

  log('cold start (no output, no cache)…');
  const cold = await startServer(dirs, 'cold');
  log(`  ${describeStartup(cold)}`);
  const stops = [await stopServer(cold)];
  log('warm start (output and cache kept)…');
  const server = await startServer(dirs, 'warm');
  log(`  ${describeStartup(server)}`);
  const samples: Sample[] = [];
  try {
    const events = await openEventStream(server.url);
    const urls = await findPostUrls(server.url, generated.written);
    log(`  found the URLs of ${urls.size} of ${generated.written.length} posts on the home page's pages`);
    const known = generated.written.filter((p) => urls.has(p));
    if (known.length < 4 * runs) throw new Error(`only ${known.length} posts have a known URL; ${4 * runs} are needed`);
    // Four different posts a round, spread over the whole set, none changed twice.
    const pick = (k: number) => known[Math.floor((k * known.length) / (4 * runs))]!;
    const runId = Date.now().toString(36);
    for (let round = 0; round < runs; round++) {
      const picks = [0, 1, 2, 3].map((i) => pick(4 * round + i)) as Picks;
      for (const s of await runRound({ server, events, urls, contentDir: dirs.contentDir }, round, picks, `wpbench-${runId}-r${round + 1}`)) {
        samples.push(s);
        log(`  round ${round + 1} ${s.scenario}: ${ms(s.ms)} (detect ${ms(s.detectMs)}, build ${ms(s.buildMs)}, ${s.rendered ?? '–'} rendered${s.rebuilds === 1 ? '' : `, ${s.rebuilds} rebuilds`})${s.failure ? ` FAILED: ${s.failure}` : ''}`);
      }
    }
    events.close();
  } finally {
    stops.push(await stopServer(server));
  }

  const failures = samples.filter((s) => s.failure).map((s) => `round ${s.round + 1} ${s.scenario}: ${s.failure}`);
  for (const s of stops) if (!s.ok) failures.push(`${s.label} server: SIGINT → exit code ${s.exitCode} (${s.signal ?? 'no signal'}) after ${ms(s.ms)}; expected 0 within ${STOP_TIMEOUT_MS / 1000} s`);
  const loadAfter = os.loadavg();
  const rows = SCENARIOS.map((scenario) => summarize(scenario, samples.filter((s) => s.scenario === scenario)));
  out(`\nwirepress dev live reload: ${postCount} posts (${(generated.bytes / 1e6).toFixed(1)} MB), ${runs} round(s), --offline\n`);
  out(table(['scenario', 'median', 'min', 'max', 'runs', 'detect', 'server build', 'rendered'], rows.map((r) => [
    r.scenario + (r.scenario === 'break 1' ? ' (→ error)' : ''), ...[r.medianMs, r.minMs, r.maxMs].map(ms),
    r.ok === r.runs ? String(r.runs) : `${r.ok}/${r.runs} ok`, ms(r.detectMs), ms(r.buildMs), String(r.rendered ?? '–'),
  ])));
  out('\nmedian/min/max: file write → event; detect: write → "rebuilding…" (watcher + 100 ms debounce); server build and rendered: medians of the server\'s own lines\n');
  out(`start-up: cold ${describeStartup(cold)}\n          warm ${describeStartup(server)}`);
  out(`stop (SIGINT → exit): ${stops.map((s) => `${s.label} ${ms(s.ms)}, code ${s.exitCode}`).join('; ')}`);
  out(`server peak memory (VmHWM): ${stops.map((s) => `${s.label} ${s.peakRssMb ?? '–'} MB`).join(', ')}`);
  out(`load average ${round2(loadBefore[0]!)} → ${round2(loadAfter[0]!)} on ${os.cpus().length} CPUs`);
  if (Math.max(loadBefore[0]!, loadAfter[0]!) > os.cpus().length) out('warning: the load average exceeded the CPU count: other work competed; the latencies are inflated.');
  for (const failure of failures) out(`FAILED: ${failure}`);

  await writeJson(outFile, {
    ...provenance(),
    loadAverage: { before: loadBefore.map(round2), after: loadAfter.map(round2) },
    posts: postCount, postBytes: generated.bytes, runs, offline: true,
    method: 'ms from the start of the file write to the arrival of the server-sent event (reload; error for "break 1")',
    startup: { cold: { startupMs: Math.round(cold.startupMs), ...cold.firstBuild }, warm: { startupMs: Math.round(server.startupMs), ...server.firstBuild } },
    stops, summary: rows, samples, failures,
  });
  out(`\nresults: ${outFile}\nserver logs: ${path.join(workDir, 'server-{cold,warm}.log')}`);
  return failures.length === 0 ? 0 : 1;
});

/**
 * One round: edit, add, delete, break, restore, each timed and checked; then
 * the posts are put back (untimed), so every round starts from the same posts.
 * `id` is unique across runs, so a page left from an earlier run cannot pass a check.
 */
async function runRound(ctx: { server: DevServer; events: EventStream; urls: Map<GeneratedPost, string>; contentDir: string }, round: number, [edited, deleted, broken, template]: Picks, id: string) {
  const { server, events, urls, contentDir } = ctx;
  const fileOf = (relPath: string) => path.join(contentDir, relPath);
  const write = (relPath: string, text: string) => writeFile(fileOf(relPath), text);
  const page = (url: string) => fetch(new URL(url, server.url)).then(async (r) => ({ status: r.status, body: await r.text() }));
  const expectPage = async (url: string, marker?: string) => {
    const { status, body } = await page(url);
    if (status !== 200) return `${decodeURI(url)} answered ${status}`;
    return marker && !body.includes(marker) ? `${decodeURI(url)} does not hold "${marker}" (stale page served)` : undefined;
  };
  // A copy of another post under a new title, dated after every generated post so it heads the home page.
  const addedTitle = `Bench added post ${id}`;
  const addedRel = path.join(path.dirname(template.relPath), fileNameForTitle(addedTitle));
  const addedFields = { ...template.fields, title: addedTitle, date: rfc2822Date(Date.UTC(2022, 9, 1) + round * 60_000) };
  // The event's data is JSON, so the file name appears JSON-escaped (titles may hold `"`).
  const brokenName = JSON.stringify(path.basename(broken.relPath)).slice(1, -1);

  const steps: Step[] = [
    // A paragraph appended to the body: the title, date and URL stay.
    { scenario: 'edit 1', expect: 'reload', change: () => write(edited.relPath, formatPost(edited.fields, `${edited.inner}\n<p>${id}-edit</p>`)), check: () => expectPage(urls.get(edited)!, `${id}-edit`) },
    { scenario: 'add 1', expect: 'reload', change: () => write(addedRel, formatPost(addedFields, `${template.inner}\n<p>${id}-added</p>`)), check: async () => {
      const link = summaryLinks((await page('/')).body).find((l) => l.title === addedTitle);
      return link ? expectPage(link.url, `${id}-added`) : `the home page has no link to "${addedTitle}"`;
    } },
    { scenario: 'delete 1', expect: 'reload', change: () => unlink(fileOf(deleted.relPath)), check: async () => {
      const { status } = await page(urls.get(deleted)!);
      return status === 404 ? undefined : `the deleted post's page still answers ${status}`;
    } },
    // An unclosed flow sequence: the front matter is no longer YAML, so the post is skipped and the overlay shows it.
    { scenario: 'break 1', expect: 'error', change: () => write(broken.relPath, broken.text.replace('\n---\n', '\n---\nbench_broken: [unclosed\n')), check: async (event) =>
      event.data.includes(brokenName) ? undefined : `the error event does not name ${brokenName}: ${event.data.slice(0, 300)}` },
    { scenario: 'restore 1', expect: 'reload', change: () => write(broken.relPath, broken.text), check: () => expectPage(urls.get(broken)!) },
  ];
  const samples: Sample[] = [];
  try {
    for (const step of steps) samples.push(await timeChange(server, events, round, step));
  } finally {
    const from = events.events.length;
    for (const post of [broken, edited, deleted]) await write(post.relPath, post.text);
    await rm(fileOf(addedRel), { force: true });
    // Untimed: the next round's first change must not queue behind this rebuild.
    await events.next('reload', from, EVENT_TIMEOUT_MS).catch(() => undefined);
    await quiet(server);
  }
  return samples;
}

/** Times one change (write → event), with the server's lines in between, then checks it; the server is quiet before and after, so no rebuild overlaps. */
async function timeChange(server: DevServer, events: EventStream, round: number, { scenario, expect, change, check }: Step) {
  await quiet(server);
  const fromEvent = events.events.length;
  const fromLine = server.lines.length;
  const started = performance.now();
  await change();
  let event: SseEvent | undefined;
  let eventAt = Infinity;
  let failure: string | undefined;
  try {
    event = await events.next(expect, fromEvent, EVENT_TIMEOUT_MS);
    // `next` resolves in the stream's data callback, so this is the arrival time.
    eventAt = performance.now();
    const other = events.events.slice(fromEvent, events.events.indexOf(event)).find((e) => e.event !== expect);
    if (other) failure = `an "${other.event}" event came first: ${other.data.slice(0, 300)}`;
  } catch (error) {
    failure = (error as Error).message;
  }
  await quiet(server);
  const { rebuildAt, rebuilds, buildMs, rendered, unchanged } = buildFigures(server.lines.slice(fromLine).filter((l) => l.at <= eventAt));
  if (event && !failure) failure = await check(event).catch((error: Error) => `the check failed: ${error.message}`);
  return {
    scenario, round,
    // ms: write → the event (null: it never came); detectMs: write → "… changed; rebuilding…" (the watcher and its debounce).
    ms: event ? Math.round(eventAt - started) : null, detectMs: rebuildAt === null ? null : Math.round(rebuildAt - started),
    // The server's own figures; rebuilds started before the event: 1 expected.
    buildMs, rendered, unchanged, rebuilds,
    ...(failure ? { failure } : {}),
  };
}

/** The server's own figures in its lines: the last build before the event is the one that sent it. */
function buildFigures(lines: readonly Line[]) {
  const rebuilding = lines.filter((l) => l.text.endsWith('rebuilding…'));
  const last = (pattern: RegExp) => lines.map((l) => pattern.exec(l.text)).filter((m) => m !== null).at(-1);
  const built = last(/^built (\d+) pages in (\d+) ms$/);
  // "kept" when a build finds nothing changed (a warm start).
  const wrote = last(/^(?:wrote|kept) \d+ pages .*\((\d+) rendered, (\d+) unchanged\)/);
  const n = (match: RegExpExecArray | undefined, i: number) => (match ? Number(match[i]) : null);
  return { rebuildAt: rebuilding[0]?.at ?? null, rebuilds: rebuilding.length, pages: n(built, 1), buildMs: n(built, 2), rendered: n(wrote, 1), unchanged: n(wrote, 2) };
}

function describeStartup({ startupMs, firstBuild: f }: DevServer): string {
  return `${ms(startupMs)} spawn → URL; the server's build: ${f.pages ?? '?'} pages in ${ms(f.buildMs)}, ${f.rendered ?? '?'} rendered, ${f.unchanged ?? '?'} unchanged`;
}

/** Resolves once the server has printed nothing for {@link QUIET_MS} and owes no search index (a quick rebuild leaves it to a follow-up). */
async function quiet(server: DevServer): Promise<void> {
  const count = (pattern: RegExp) => server.lines.filter((l) => pattern.test(l.text)).length;
  for (;;) {
    const owed = count(/the search index follows$/) > count(/^updated the search index in \d+ ms$/);
    const wait = owed ? QUIET_MS : (server.lines.at(-1)?.at ?? 0) + QUIET_MS - performance.now();
    if (wait <= 0) return;
    await new Promise((r) => setTimeout(r, wait));
  }
}

/** Starts `wirepress dev` on a free port; resolves once it prints its URL (after the first build and the watcher's scan). */
async function startServer(dirs: { appRoot: string; workDir: string; contentDir: string; outDir: string; cacheDir: string }, label: string) {
  const args = [path.join(dirs.appRoot, 'bin', 'wirepress.js'), 'dev', '--content', dirs.contentDir, '--out', dirs.outDir, '--cache', dirs.cacheDir, '--port', '0', '--offline'];
  const started = performance.now();
  // The working folder holds no wirepress.config.yml: the defaults apply, as in `npm run bench`.
  const child = spawn(process.execPath, args, { cwd: dirs.workDir, stdio: ['ignore', 'pipe', 'pipe'] });
  // Never leave a server behind when the benchmark itself fails.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  // Kept for the figures, and in <work>/server-<label>.log for whoever reads a failure.
  const logFile = createWriteStream(path.join(dirs.workDir, `server-${label}.log`));
  const lines: Line[] = [];
  createInterface({ input: child.stderr }).on('line', (text) => {
    lines.push({ at: performance.now(), text });
    logFile.write(`${text}\n`);
  });
  child.once('close', () => logFile.end());
  const url = await new Promise<string>((resolve, reject) => {
    // Left to fire once the promise is settled (then it does nothing); unref'd so it never holds the process.
    setTimeout(() => reject(new Error(`the ${label} server printed no URL within ${STARTUP_TIMEOUT_MS / 60_000} min`)), STARTUP_TIMEOUT_MS).unref();
    createInterface({ input: child.stdout }).on('line', (text) => {
      const match = /^wirepress dev server: (\S+)$/.exec(text);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the ${label} server exited (code ${code}) before printing its URL:\n${lines.slice(-20).map((l) => l.text).join('\n')}`)));
  });
  const { pages, buildMs, rendered, unchanged } = buildFigures(lines);
  return { label, child, url, lines, startupMs: performance.now() - started, firstBuild: { pages, buildMs, rendered, unchanged } };
}

/** Reads the server's peak memory, sends SIGINT (Ctrl-C) and waits up to {@link STOP_TIMEOUT_MS} for exit code 0; kills it otherwise. */
async function stopServer({ label, child }: DevServer) {
  // A server that crashed has nothing to stop or read.
  if (child.exitCode !== null || child.signalCode !== null) return { label, exitCode: child.exitCode, signal: child.signalCode, ms: 0, ok: false, peakRssMb: null };
  // VmHWM: the kernel's high-water mark of the process, its worker threads (sanitizer, search index) included.
  const hwm = statusKb(child.pid!, 'VmHWM');
  const started = performance.now();
  const exited = new Promise<[number | null, string | null]>((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
  child.kill('SIGINT');
  const outcome = await Promise.race([exited, new Promise<null>((r) => setTimeout(r, STOP_TIMEOUT_MS, null).unref())]);
  const ms = Math.round(performance.now() - started);
  if (outcome === null) child.kill('SIGKILL');
  const [exitCode, signal] = outcome ?? [null, 'SIGKILL (did not stop)'];
  return { label, exitCode, signal, ms, ok: exitCode === 0, peakRssMb: hwm === null ? null : Math.round(hwm / 1024) };
}

/** The post links of a listing page: `<h2 class="summary-title"><a href="URL">title</a>`, as Nunjucks escapes them. */
function summaryLinks(html: string): { url: string; title: string }[] {
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
  const unescape = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => entities[e]!);
  return [...html.matchAll(/<h2 class="summary-title"><a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => ({ url: unescape(m[1]!), title: unescape(m[2]!) }));
}

/** Each post's URL, found by title on the home page and its pages as a reader finds it: the permalink rule is the server's to apply. */
async function findPostUrls(base: string, posts: readonly GeneratedPost[]): Promise<Map<GeneratedPost, string>> {
  const byTitle = new Map(posts.map((p) => [p.fields.title, p]));
  const urls = new Map<GeneratedPost, string>();
  for (let n = 1; urls.size < posts.length; n++) {
    const response = await fetch(new URL(n === 1 ? '/' : `/page/${n}/`, base));
    if (response.status !== 200) break;
    for (const { url, title } of summaryLinks(await response.text())) if (byTitle.has(title)) urls.set(byTitle.get(title)!, url);
  }
  return urls;
}

function summarize(scenario: Scenario, samples: readonly Sample[]) {
  const times = samples.flatMap((s) => (s.ms === null ? [] : [s.ms]));
  const of = (key: 'detectMs' | 'buildMs' | 'rendered') => median(samples.map((s) => s[key]));
  return {
    scenario, medianMs: median(times), minMs: times.length ? Math.min(...times) : null, maxMs: times.length ? Math.max(...times) : null,
    runs: samples.length, ok: samples.filter((s) => !s.failure).length, detectMs: of('detectMs'), buildMs: of('buildMs'), rendered: of('rendered'),
  };
}

function ms(value: number | null): string {
  return value === null ? '–' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}
