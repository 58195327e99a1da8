import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { hasGnuTime } from './measure-process.ts';
import type { ScenarioSummary } from './summarize.ts';
import type { ScenarioBuild } from './wirepress-scenarios.ts';
import type { PeerBuild, PeerOutcome } from '../peers/run-peers.ts';

/** Rounds to two decimals. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** wirepress's figure divided by a peer's, for one scenario. */
export interface Ratio {
  peer: string;
  scenario: string;
  wall: number | null;
  cpu: number | null;
  rss: number | null;
}

/** wirepress's figures divided by each peer's, per scenario both measured (above 1: wirepress is slower or larger). */
export function computeRatios(rows: readonly ScenarioSummary[]): Ratio[] {
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

/** Everything the results file holds. */
export interface ResultsInput {
  posts: number;
  runs: number;
  bytes: number;
  complete: boolean;
  load: { before: number[]; now: number[] };
  rows: ScenarioSummary[];
  ratios: Ratio[];
  builds: ScenarioBuild[];
  peerBuilds: PeerBuild[];
  peers: PeerOutcome[];
}

/**
 * The results file: machine, method, medians, ratios and every build.
 * @param repoRoot the repository, for its git commit
 * @param input the figures
 */
export function toResultsJson(repoRoot: string, { posts, runs, bytes, complete, load, rows, ratios, builds, peerBuilds, peers }: ResultsInput) {
  const strip = <T extends { output?: string; ok: boolean }>(b: T) => {
    const { output, ...rest } = b;
    return b.ok ? rest : { ...rest, output: output?.slice(-4000) };
  };
  return {
    date: new Date().toISOString(),
    commit: gitCommit(repoRoot),
    // The working tree differed from the commit (other work in progress): the snapshot measured is not that commit.
    dirty: gitDirty(repoRoot),
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
    complete,
    loadAverage: load,
    posts,
    postBytes: bytes,
    runs,
    offline: true,
    rssMethod: `max of: summed VmRSS of the build's process tree (polled every 50 ms from /proc), the main process's VmHWM${hasGnuTime() ? ", GNU time's %M (largest single process)" : ''}; CPU time from ${hasGnuTime() ? "GNU time's %U+%S (includes reaped children)" : '/proc/<pid>/stat of the main process (own + waited-for children)'}`,
    summary: rows,
    ratios,
    peers: peers.map((p) => ({ name: p.name, version: p.version ?? null, missing: p.missing ?? null })),
    builds: [...builds.map((b) => ({ tool: 'wirepress', ...strip(b) })), ...peerBuilds.map(strip)],
  };
}

function gitCommit(repoRoot: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function gitDirty(repoRoot: string): boolean | null {
  try {
    return execFileSync('git', ['status', '--porcelain', '--', 'src', 'templates', 'public'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
  } catch {
    return null;
  }
}

