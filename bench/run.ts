/**
 * The benchmark: wirepress builds over generated bot-shaped posts, measured
 * from outside (wall time, peak RSS), each the median of K rounds.
 *
 *   npm run bench -- [--posts 10000] [--runs 3] [--peers] [--out FILE] [--work DIR] [--seed N] [--corpus DIR]
 *
 * Needs the compiled CLI (`npm run bench` compiles first) and ../shared/corpus.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generatePosts } from './generate-posts.ts';
import { MissingCorpusError } from './lib/corpus.ts';
import { formatSteps, formatTable } from './lib/format-table.ts';
import { hasGnuTime } from './lib/measure-process.ts';
import { snapshotApp } from './lib/snapshot-app.ts';
import { summarize, type ScenarioSummary } from './lib/summarize.ts';
import { runWirepressScenarios, type ScenarioBuild } from './lib/wirepress-scenarios.ts';
import { runPeers, type PeerOutcome } from './peers/run-peers.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string' },
      runs: { type: 'string' },
      peers: { type: 'boolean' },
      out: { type: 'string' },
      work: { type: 'string' },
      seed: { type: 'string' },
      corpus: { type: 'string' },
    },
  });
  const posts = positiveInt('--posts', values.posts, 10_000);
  const runs = positiveInt('--runs', values.runs, 3);
  if (posts === undefined || runs === undefined) return 2;
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) {
    process.stderr.write('bench: dist/cli.js is missing; run `npm run compile` first (`npm run bench` does).\n');
    return 2;
  }
  const workRoot = path.resolve(values.work ?? path.join(os.tmpdir(), 'wirepress-bench'));
  const log = (message: string) => process.stderr.write(`${message}\n`);

  const loadBefore = os.loadavg();
  log(`generating ${posts} posts…`);
  const generated = await generatePosts({
    posts,
    spare: runs,
    outDir: path.join(workRoot, `posts-${posts}`),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    ...(values.corpus ? { corpusDir: path.resolve(values.corpus) } : {}),
  });
  log(`  ${(generated.bytes / 1e6).toFixed(1)} MB in ${generated.outDir}`);
  log(`peak RSS from ${hasGnuTime() ? 'GNU time (%M), VmHWM polled as a cross-check' : '/proc/<pid>/status VmHWM polled every 50 ms'}`);

  // A frozen copy of the compiled CLI: dist/ may be recompiled while the benchmark runs.
  const appRoot = await snapshotApp(REPO_ROOT, path.join(workRoot, 'app'));
  const builds = await runWirepressScenarios({
    appRoot,
    posts: generated.written,
    spare: generated.spare,
    contentDir: generated.outDir,
    workDir: path.join(workRoot, 'wirepress'),
    rounds: runs,
    onBuild: (b) => log(describeBuild('wirepress', b.scenario, b.round, b)),
  });
  const rows: ScenarioSummary[] = summarize('wirepress', builds, posts);

  let peers: PeerOutcome[] = [];
  if (values.peers) {
    peers = await runPeers(generated.written, runs, workRoot, REPO_ROOT, (b) => log(describeBuild(b.tool, b.scenario, b.round, b)));
    for (const peer of peers) {
      if (peer.missing) log(`${peer.name}: skipped: ${peer.missing}`);
      else rows.push(...summarize(peer.name, peer.builds, posts));
    }
  }

  const ratios = computeRatios(rows);
  const load = { before: loadBefore.map(round2), after: os.loadavg().map(round2) };
  process.stdout.write(`\nwirepress benchmark: ${posts} posts (${(generated.bytes / 1e6).toFixed(1)} MB), median of ${runs} run(s), --offline\n\n`);
  process.stdout.write(`${formatTable(rows)}\n\n${formatSteps(rows.filter((r) => r.tool === 'wirepress'))}\n`);
  if (Math.max(load.before[0]!, load.after[0]!) > os.cpus().length) {
    process.stdout.write(`warning: load average ${load.before[0]} → ${load.after[0]} on ${os.cpus().length} CPUs: other work competed; trust CPU time over wall time.\n`);
  }
  for (const r of ratios) process.stdout.write(`wirepress/${r.peer} ${r.scenario}: ${r.wall ?? '–'}× wall time, ${r.cpu ?? '–'}× CPU time, ${r.rss ?? '–'}× peak RSS\n`);
  for (const failure of [...builds, ...peers.flatMap((p) => p.builds)].filter((b) => !b.ok).slice(0, 3)) {
    process.stdout.write(`\nfailed build (exit ${failure.exitCode}${failure.timedOut ? ', timed out' : ''}):\n${(failure.output ?? '').slice(-2000)}\n`);
  }

  const outFile = path.resolve(values.out ?? path.join(REPO_ROOT, 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`));
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(toJson(posts, runs, generated.bytes, load, rows, ratios, builds, peers), null, 2)}\n`);
  process.stdout.write(`\nresults: ${outFile}\n`);
  return builds.every((b) => b.ok) ? 0 : 1;
}

function describeBuild(
  tool: string,
  scenario: string,
  round: number,
  b: { ok: boolean; wallMs: number; cpuMs: number | null; peakRssKb: number | null; exitCode: number | null },
): string {
  const cpu = b.cpuMs === null ? '' : ` (CPU ${(b.cpuMs / 1000).toFixed(2)} s)`;
  const rss = b.peakRssKb === null ? '' : `, ${Math.round(b.peakRssKb / 1024)} MB`;
  return `  ${tool} round ${round + 1} ${scenario}: ${(b.wallMs / 1000).toFixed(2)} s${cpu}${rss}${b.ok ? '' : ` FAILED (exit ${b.exitCode})`}`;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

interface Ratio {
  peer: string;
  scenario: string;
  wall: number | null;
  cpu: number | null;
  rss: number | null;
}

// wirepress's figure divided by the peer's, per scenario both measured (> 1: wirepress is slower / larger).
function computeRatios(rows: readonly ScenarioSummary[]): Ratio[] {
  const ours = rows.filter((r) => r.tool === 'wirepress');
  return rows
    .filter((r) => r.tool !== 'wirepress')
    .flatMap((peer) => {
      const mine = ours.find((r) => r.scenario === peer.scenario);
      if (!mine) return [];
      const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : Number((a / b).toFixed(2)));
      return [{ peer: peer.tool, scenario: peer.scenario, wall: ratio(mine.wallMs, peer.wallMs), cpu: ratio(mine.cpuMs, peer.cpuMs), rss: ratio(mine.peakRssMb, peer.peakRssMb) }];
    });
}

function toJson(posts: number, runs: number, bytes: number, load: { before: number[]; after: number[] }, rows: ScenarioSummary[], ratios: Ratio[], builds: ScenarioBuild[], peers: PeerOutcome[]) {
  const strip = <T extends { output?: string; ok: boolean }>(b: T) => {
    const { output, ...rest } = b;
    return b.ok ? rest : { ...rest, output: output?.slice(-4000) };
  };
  return {
    date: new Date().toISOString(),
    commit: gitCommit(),
    // The working tree differed from the commit (other work in progress): the snapshot measured is not that commit.
    dirty: gitDirty(),
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
    loadAverage: load,
    posts,
    postBytes: bytes,
    runs,
    offline: true,
    rssMethod: hasGnuTime() ? 'gnu-time %M (VmHWM polled every 50 ms as a cross-check)' : '/proc/<pid>/status VmHWM polled every 50 ms',
    summary: rows,
    ratios,
    peers: peers.map((p) => ({ name: p.name, version: p.version ?? null, missing: p.missing ?? null })),
    builds: [...builds.map((b) => ({ tool: 'wirepress', ...strip(b) })), ...peers.flatMap((p) => p.builds.map(strip))],
  };
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function gitDirty(): boolean | null {
  try {
    return execFileSync('git', ['status', '--porcelain', '--', 'src', 'templates', 'public'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
  } catch {
    return null;
  }
}

function positiveInt(flag: string, value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (Number.isInteger(n) && n > 0) return n;
  process.stderr.write(`bench: ${flag} expects a positive integer, received "${value}"\n`);
  return undefined;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof MissingCorpusError)) throw error;
  process.stderr.write(`bench: ${error.message}\n`);
  process.exitCode = 2;
}
