import path from 'node:path';
import type { GeneratedPost } from '../lib/synth-posts.ts';
import type { SummaryInput } from '../lib/summarize.ts';
import type { Measured } from '../lib/measure-process.ts';
import { eleventyPeer } from './eleventy.ts';
import { hugoPeer } from './hugo.ts';
import type { Peer } from './peer.ts';

/** The peers compared with wirepress. */
export const PEERS: readonly Peer[] = [hugoPeer, eleventyPeer];

/** One measured peer build. */
export type PeerBuild = SummaryInput & Omit<Measured, 'output'> & { tool: string; round: number; pages: number | null; output?: string };

/** The outcome of one peer: its builds, or why it did not run. */
export interface PeerOutcome {
  name: string;
  version?: string;
  missing?: string;
  builds: PeerBuild[];
}

/**
 * Builds each peer over the same posts, `rounds` times: a cold build, then
 * a rebuild with nothing changed (neither keeps state between one-shot
 * builds, so edit/add/delete would cost the same as the rebuild).
 */
export async function runPeers(
  posts: readonly GeneratedPost[],
  rounds: number,
  workRoot: string,
  repoRoot: string,
  onBuild: (b: PeerBuild) => void,
): Promise<PeerOutcome[]> {
  const outcomes: PeerOutcome[] = [];
  for (const peer of PEERS) {
    const probe = await peer.probe(repoRoot);
    if ('missing' in probe) {
      outcomes.push({ name: peer.name, missing: probe.missing, builds: [] });
      continue;
    }
    const dir = path.join(workRoot, `peer-${peer.name}`);
    await peer.prepare(posts, dir);
    const builds: PeerBuild[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const [scenario, cold] of [['cold', true], ['no change', false]] as const) {
        const { output, pages, ...measured } = await peer.build(dir, cold, repoRoot);
        const build: PeerBuild = {
          ...measured,
          tool: peer.name,
          scenario,
          round,
          pages,
          report: { pages, timings: [] },
          ...(measured.ok ? {} : { output }),
        };
        builds.push(build);
        onBuild(build);
      }
    }
    outcomes.push({ name: peer.name, version: probe.version, builds });
  }
  return outcomes;
}
