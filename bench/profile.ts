/**
 * Profiles one cold wirepress build over generated posts with `node
 * --cpu-prof` and prints where the time went (by function, by package, and
 * inclusive per wirepress function), beside the report's step timings.
 *
 *   node --import tsx bench/profile.ts [--posts 1000] [--work DIR]   (after `npm run compile`)
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { generatePosts } from './generate-posts.ts';
import { benchMain, isMain, out, REPO_ROOT } from './lib/common.ts';
import { measureProcess } from './lib/measure-process.ts';
import { snapshotApp } from '../tests/helpers/snapshot-app.ts';

type Frame = { functionName: string; url: string; lineNumber: number };
type CpuProfile = { nodes: { id: number; callFrame: Frame; children?: number[] }[]; samples: number[]; timeDeltas: number[] };

/**
 * Totals the samples of a V8 CPU profile (`node --cpu-prof`), in ms, the `top`
 * largest per list: self time per function (`name file:line`) and per group
 * (npm package, wirepress file under dist/, or V8 bucket such as GC), and
 * inclusive time per wirepress function.
 */
export function summarizeProfile(profile: CpuProfile, top = 25) {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parent = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((c) => [c, n.id] as const)));
  const [functions, groups, ours] = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const frame = frames.get(id)!;
    const name = frame.functionName || '(anonymous)';
    add(functions, `${name} ${frame.url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${frame.lineNumber + 1}`, us);
    const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url)?.[1];
    const dist = /\/dist\/(.+)$/.exec(frame.url)?.[1];
    add(groups, pkg ?? (dist ? `wirepress ${dist}` : frame.url.startsWith('node:') ? 'node internals' : frame.url || frame.functionName || '(native)'), us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = frames.get(at)!;
      const ourFile = f.url.includes('/node_modules/') ? undefined : /\/dist\/(.+)$/.exec(f.url)?.[1];
      const key = `${f.functionName || '(anonymous)'} ${ourFile}`;
      if (ourFile && !seen.has(key)) {
        seen.add(key);
        add(ours, key, us);
      }
    }
  });
  const list = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: Math.round(us / 1000) }));
  return { totalMs: Math.round(total / 1000), functions: list(functions), groups: list(groups), ours: list(ours) };
}

if (isMain(import.meta.url)) {
  await benchMain(['posts', 'work', 'seed', 'corpus'], { posts: 1000 }, async ({ posts, work, generate }) => {
    const dir = path.join(work, 'profile');
    await rm(dir, { recursive: true, force: true });
    const generated = await generatePosts({ posts, outDir: path.join(work, `posts-${posts}`), ...generate });
    const app = await snapshotApp(REPO_ROOT, path.join(work, 'app-profile'));
    const [profDir, report] = [path.join(dir, 'cpuprofile'), path.join(dir, 'report.json')];
    const run = await measureProcess(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, path.join(app, 'bin', 'wirepress.js'), 'build',
      '--content', generated.outDir, '--out', path.join(dir, 'out'), '--cache', path.join(dir, 'cache'), '--offline', '--report', report], { cwd: work });
    out(`cold build of ${posts} posts under --cpu-prof: exit ${run.exitCode}, ${(run.wallMs / 1000).toFixed(1)} s wall, ${((run.cpuMs ?? 0) / 1000).toFixed(1)} s CPU, ${Math.round((run.peakRssKb ?? 0) / 1024)} MB peak RSS`);
    try {
      const { timings } = JSON.parse(await readFile(report, 'utf8')) as { timings: { step: string; ms: number }[] };
      out(`report steps: ${timings.map((t) => `${t.step} ${t.ms} ms`).join(' · ')}`);
    } catch {
      out(`no report was written; the build said:\n${run.output.slice(-2000)}`);
    }
    // The main thread's profile is the largest; others are workers (e.g. the ESM loader-hooks thread).
    const files = (await readdir(profDir)).filter((f) => f.endsWith('.cpuprofile'));
    const profiles = await Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(profDir, f), 'utf8')) as CpuProfile));
    const main = profiles.map((p) => summarizeProfile(p)).sort((a, b) => b.totalMs - a.totalMs)[0];
    if (!main) return 1;
    const show = (title: string, rows: { name: string; ms: number }[]) => out(`\n${title}\n${rows.map((r) => `${String(r.ms).padStart(7)} ms  ${r.name}`).join('\n')}`);
    out(`\nmain thread: ${main.totalMs} ms sampled; profiles in ${profDir}`);
    show('self time by package / file:', main.groups);
    show('self time by function:', main.functions);
    show('inclusive time of wirepress functions (synchronous stacks only):', main.ours);
    return 0;
  });
}
