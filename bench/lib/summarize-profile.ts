import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where the sampled time of one `.cpuprofile` went, in ms. */
export interface ProfileSummary {
  totalMs: number;
  /** Self time per function (`name file:line`), largest first. */
  functions: { name: string; ms: number }[];
  /** Self time per npm package, or per wirepress file under dist/, or per V8 bucket (GC, idle). */
  groups: { name: string; ms: number }[];
  /** Inclusive time of each wirepress function (under dist/), largest first. */
  ours: { name: string; ms: number }[];
}

/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and totals its samples.
 * @param file the `.cpuprofile` file
 * @param top how many entries per list (default: `25`)
 */
export async function summarizeProfile(file: string, top = 25): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const groups = new Map<string, number>();
  const ours = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    add(self, `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`, us);
    add(groups, groupOf(frame), us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      const dist = f.url.includes('/node_modules/') ? null : /\/dist\/(.+)$/.exec(f.url);
      const key = dist ? `${f.functionName || '(anonymous)'} ${dist[1]}` : undefined;
      if (key && !seen.has(key)) {
        seen.add(key);
        add(ours, key, us);
      }
    }
  });
  const list = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: Math.round(us / 1000) }));
  return { totalMs: Math.round(total / 1000), functions: list(self), groups: list(groups), ours: list(ours) };
}

function shortUrl(url: string): string {
  return url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/');
}

function groupOf(frame: ProfileNode['callFrame']): string {
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1]!;
  const dist = /\/dist\/(.+)$/.exec(frame.url);
  if (dist) return `wirepress ${dist[1]}`;
  if (frame.url.startsWith('node:')) return 'node internals';
  return frame.url === '' ? frame.functionName || '(native)' : frame.url;
}
