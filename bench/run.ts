/**
 * The benchmark: wirepress builds over generated bot-shaped posts, measured
 * from outside (wall time, peak RSS), each the median of K rounds.
 *
 *   npm run bench -- [--posts 10000] [--runs 3] [--peers] [--out FILE] [--work DIR] [--seed N] [--corpus DIR]
 *
 * Needs the compiled CLI (`npm run bench` compiles first) and ../shared/corpus.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generatePosts } from './generate-posts.ts';
import { positiveInt, runBenchmark } from './lib/bench-main.ts';
import { formatSiteCost, formatSteps, formatTable } from './lib/format-table.ts';
import { hasGnuTime } from './lib/measure-process.ts';
import { computeRatios, round2, toResultsJson } from './lib/results-json.ts';
import { snapshotApp } from '../tests/helpers/snapshot-app.ts';
import { summarize, type ScenarioSummary } from './lib/summarize.ts';
import { runWirepressScenarios, type ScenarioBuild } from './lib/wirepress-scenarios.ts';
import { runPeers, type PeerBuild, type PeerOutcome } from './peers/run-peers.ts';

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
  log(`peak RSS: the largest of the process tree's summed VmRSS (polled every 50 ms), the main VmHWM${hasGnuTime() ? " and GNU time's %M" : ''}`);

  const outFile = path.resolve(values.out ?? path.join(REPO_ROOT, 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`));
  await mkdir(path.dirname(outFile), { recursive: true });
  const done: ScenarioBuild[] = [];
  const peerBuilds: PeerBuild[] = [];
  let peers: PeerOutcome[] = [];
  const rowsSoFar = (): ScenarioSummary[] => [
    ...summarize('wirepress', done, posts),
    ...[...new Set(peerBuilds.map((b) => b.tool))].flatMap((tool) => summarize(tool, peerBuilds.filter((b) => b.tool === tool), posts)),
  ];
  // Written after every build, so a long run that is stopped still leaves its figures.
  let saving = Promise.resolve();
  const save = (complete: boolean) => {
    const rows = rowsSoFar();
    const load = { before: loadBefore.map(round2), now: os.loadavg().map(round2) };
    const json = toResultsJson(REPO_ROOT, { posts, runs, bytes: generated.bytes, complete, load, rows, ratios: computeRatios(rows), builds: done, peerBuilds, peers });
    saving = saving.then(() => writeFile(outFile, `${JSON.stringify(json, null, 2)}\n`));
    return saving;
  };

  // A frozen copy of the compiled CLI: dist/ may be recompiled while the benchmark runs.
  const appRoot = await snapshotApp(REPO_ROOT, path.join(workRoot, 'app'));
  await runWirepressScenarios({
    appRoot,
    posts: generated.written,
    spare: generated.spare,
    contentDir: generated.outDir,
    workDir: path.join(workRoot, 'wirepress'),
    rounds: runs,
    onBuild: (b) => {
      done.push(b);
      log(describeBuild('wirepress', b.scenario, b.round, b));
      void save(false);
    },
  });
  if (values.peers) {
    peers = await runPeers(generated.written, runs, workRoot, REPO_ROOT, (b) => {
      peerBuilds.push(b);
      log(describeBuild(b.tool, b.scenario, b.round, b));
      void save(false);
    });
    for (const peer of peers) if (peer.missing) log(`${peer.name}: skipped: ${peer.missing}`);
  }

  const rows = rowsSoFar();
  const ratios = computeRatios(rows);
  const loadAfter = os.loadavg();
  process.stdout.write(`\nwirepress benchmark: ${posts} posts (${(generated.bytes / 1e6).toFixed(1)} MB), median of ${runs} run(s), --offline\n\n`);
  process.stdout.write(`${formatTable(rows)}\n\n${formatSteps(rows.filter((r) => r.tool === 'wirepress'))}\n\n${formatSiteCost(done)}\n`);
  if (Math.max(loadBefore[0]!, loadAfter[0]!) > os.cpus().length) {
    process.stdout.write(`warning: load average ${round2(loadBefore[0]!)} → ${round2(loadAfter[0]!)} on ${os.cpus().length} CPUs: other work competed; trust CPU time over wall time.\n`);
  }
  for (const r of ratios) process.stdout.write(`wirepress/${r.peer} ${r.scenario}: ${r.wall ?? '–'}× wall time, ${r.cpu ?? '–'}× CPU time, ${r.rss ?? '–'}× peak RSS\n`);
  for (const failure of [...done, ...peerBuilds].filter((b) => !b.ok).slice(0, 3)) {
    process.stdout.write(`\nfailed build (exit ${failure.exitCode}${failure.timedOut ? ', timed out' : ''}):\n${(failure.output ?? '').slice(-2000)}\n`);
  }
  await save(true);
  process.stdout.write(`\nresults: ${outFile}\n`);
  return done.every((b) => b.ok) ? 0 : 1;
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

await runBenchmark(main);
