/**
 * The benchmark: wirepress builds over generated bot-shaped posts, measured
 * from outside (wall time, CPU time, peak RSS), each the median of K rounds.
 *
 *   npm run bench -- [--posts 10000] [--runs 3] [--peers] [--out FILE] [--work DIR] [--seed N] [--corpus DIR]
 *
 * What it measures: bench/README.md. Needs the compiled CLI (`npm run bench`
 * compiles first) and ../shared/corpus.
 */
import os from 'node:os';
import path from 'node:path';
import { generatePosts } from './generate-posts.ts';
import { benchMain, log, median, out, provenance, REPO_ROOT, resultsFile, round2, table, writeJson } from './lib/common.ts';
import { hasGnuTime, type Measured } from './lib/measure-process.ts';
import { runPeers, type PeerBuild } from './lib/peers.ts';
import { BATCH_POSTS, runWirepressScenarios, type ScenarioBuild } from './lib/scenarios.ts';
import { snapshotApp } from '../tests/helpers/snapshot-app.ts';

type Build = (ScenarioBuild & { tool?: string }) | PeerBuild;

/** The medians of each tool's scenario over its successful rounds, in first-seen order; `steps`: the build report's, in its order (wirepress only). */
function summarize(builds: readonly Build[], posts: number) {
  const groups = new Map<string, Build[]>();
  for (const b of builds) groups.set(`${b.tool}\u0000${b.scenario}`, [...(groups.get(`${b.tool}\u0000${b.scenario}`) ?? []), b]);
  return [...groups.values()].map((all) => {
    const { tool = 'wirepress', scenario } = all[0]!;
    const ok = all.filter((b) => b.ok);
    const of = (value: (b: Build) => number | null | undefined) => median(ok.map(value));
    const [wallMs, cpuMs, rssKb] = [of((b) => b.wallMs), of((b) => b.cpuMs), of((b) => b.peakRssKb)];
    const steps = [...new Set(ok.flatMap((b) => b.report.timings.map((t) => t.step)))];
    return {
      tool, scenario, runs: all.length, failed: all.length - ok.length,
      wallMs: wallMs === null ? null : Math.round(wallMs),
      cpuMs: cpuMs === null ? null : Math.round(cpuMs),
      peakRssMb: rssKb === null ? null : Math.round(rssKb / 1024),
      msPerPost: wallMs === null ? null : Number((wallMs / posts).toFixed(3)),
      pages: of((b) => b.report.pages),
      steps: steps.map((step) => ({ step, ms: Math.round(of((b) => b.report.timings.filter((t) => t.step === step).reduce((s, t) => s + t.ms, 0)) ?? 0) })),
    };
  });
}
type Row = ReturnType<typeof summarize>[number];

/** wirepress's figures divided by each peer's, per scenario both measured (above 1: wirepress is slower or larger). */
function ratios(rows: readonly Row[]) {
  const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : Number((a / b).toFixed(2)));
  return rows.filter((r) => r.tool !== 'wirepress').flatMap((peer) => {
    const mine = rows.find((r) => r.tool === 'wirepress' && r.scenario === peer.scenario);
    return mine ? [{ peer: peer.tool, scenario: peer.scenario, wall: ratio(mine.wallMs, peer.wallMs), cpu: ratio(mine.cpuMs, peer.cpuMs), rss: ratio(mine.peakRssMb, peer.peakRssMb) }] : [];
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function describeBuild(b: Build): string {
  const cpu = b.cpuMs === null ? '' : ` (CPU ${seconds(b.cpuMs)})`;
  const rss = b.peakRssKb === null ? '' : `, ${Math.round(b.peakRssKb / 1024)} MB`;
  return `  ${b.tool ?? 'wirepress'} round ${b.round + 1} ${b.scenario}: ${seconds(b.wallMs)}${cpu}${rss}${b.ok ? '' : ` FAILED (exit ${b.exitCode})`}`;
}

await benchMain(['posts', 'runs', 'peers', 'out', 'work', 'seed', 'corpus'], { posts: 10_000, runs: 3 }, async (options) => {
  const { posts, runs, work } = options;
  const loadBefore = os.loadavg();
  log(`generating ${posts} posts…`);
  const generated = await generatePosts({ posts, spare: runs * (1 + BATCH_POSTS), outDir: path.join(work, `posts-${posts}`), ...options.generate });
  log(`  ${(generated.bytes / 1e6).toFixed(1)} MB in ${generated.outDir}`);
  log(`peak RSS: the largest of the process tree's summed VmRSS (polled every 50 ms), the main VmHWM${hasGnuTime() ? " and GNU time's %M" : ''}`);

  const outFile = resultsFile(options.out);
  const builds: ScenarioBuild[] = [];
  const peerBuilds: PeerBuild[] = [];
  let peers: Awaited<ReturnType<typeof runPeers>> = [];
  const rows = () => summarize([...builds, ...peerBuilds], posts);
  // Written after every build, so a long run that is stopped still leaves its figures.
  let saving = Promise.resolve();
  const save = (complete: boolean) => {
    const summary = rows();
    const strip = ({ output, ...rest }: Measured & { ok: boolean }) => (rest.ok ? rest : { ...rest, output: output.slice(-4000) });
    const gnu = hasGnuTime();
    const json = {
      ...provenance(),
      complete,
      loadAverage: { before: loadBefore.map(round2), now: os.loadavg().map(round2) },
      posts, postBytes: generated.bytes, runs, offline: true,
      rssMethod: `max of: summed VmRSS of the build's process tree (polled every 50 ms from /proc), the main process's VmHWM${gnu ? ", GNU time's %M (largest single process)" : ''}; CPU time from ${gnu ? "GNU time's %U+%S (includes reaped children)" : '/proc/<pid>/stat of the main process (own + waited-for children)'}`,
      summary, ratios: ratios(summary), peers,
      builds: [...builds.map((b) => ({ tool: 'wirepress', ...strip(b) })), ...peerBuilds.map(strip)],
    };
    return (saving = saving.then(() => writeJson(outFile, json)));
  };
  const onBuild = <T extends Build>(list: T[]) => (b: T) => {
    list.push(b);
    log(describeBuild(b));
    void save(false);
  };

  // A frozen copy of the compiled CLI: dist/ may be recompiled while the benchmark runs.
  const appRoot = await snapshotApp(REPO_ROOT, path.join(work, 'app'));
  await runWirepressScenarios({ appRoot, posts: generated.written, spare: generated.spare, contentDir: generated.outDir, workDir: path.join(work, 'wirepress'), rounds: runs, onBuild: onBuild(builds) });
  if (options.peers) {
    peers = await runPeers(generated.written, runs, work, REPO_ROOT, onBuild(peerBuilds));
    for (const peer of peers) if (peer.missing) log(`${peer.name}: skipped: ${peer.missing}`);
  }

  const summary = rows();
  const loadAfter = os.loadavg();
  out(`\nwirepress benchmark: ${posts} posts (${(generated.bytes / 1e6).toFixed(1)} MB), median of ${runs} run(s), --offline\n`);
  out(table(['tool', 'scenario', 'wall (median)', 'CPU', 'peak RSS', 'ms/post', 'pages', 'runs'], summary.map((r) => [
    r.tool, r.scenario, r.wallMs === null ? 'failed' : seconds(r.wallMs), r.cpuMs === null ? '–' : seconds(r.cpuMs), r.peakRssMb === null ? '–' : `${r.peakRssMb} MB`,
    r.msPerPost?.toFixed(2) ?? '–', String(r.pages ?? '–'), r.failed ? `${r.runs - r.failed}/${r.runs} ok` : String(r.runs),
  ]), 2));
  // The median step timings of the build report, e.g. `cold: ingest 812 ms · sanitize 9,120 ms · …`.
  out(`\n${summary.filter((r) => r.steps.length > 0).map((r) => `${r.tool} ${r.scenario}: ${r.steps.map((s) => `${s.step} ${s.ms.toLocaleString('en')} ms`).join(' · ')}`).join('\n')}\n`);
  // The site's size and what first queries fetched, after the last round's cold build and first edit.
  for (const { scenario, site } of builds.filter((b) => b.site).slice(-2)) {
    const queries = site!.queries.map((q) => `"${q.query}" ${q.files} files ${Math.round(q.bytes / 1024)} KB`).join(' · ');
    out(`site after ${scenario}: ${(site!.bytes / 1e6).toFixed(1)} MB, search index ${(site!.searchBytes / 1e6).toFixed(1)} MB; first queries: ${queries}`);
  }
  const load = `load average ${round2(loadBefore[0]!)} → ${round2(loadAfter[0]!)} on ${os.cpus().length} CPUs`;
  if (Math.max(loadBefore[0]!, loadAfter[0]!) > os.cpus().length) out(`warning: ${load}: other work competed; trust CPU time over wall time.`);
  for (const r of ratios(summary)) out(`wirepress/${r.peer} ${r.scenario}: ${r.wall ?? '–'}× wall time, ${r.cpu ?? '–'}× CPU time, ${r.rss ?? '–'}× peak RSS`);
  for (const failure of [...builds, ...peerBuilds].filter((b) => !b.ok).slice(0, 3)) {
    out(`\nfailed build (exit ${failure.exitCode}${failure.timedOut ? ', timed out' : ''}):\n${failure.output.slice(-2000)}`);
  }
  await save(true);
  out(`\nresults: ${outFile}`);
  return builds.every((b) => b.ok) ? 0 : 1;
});
