/**
 * Profiles one cold wirepress build over generated posts with `node
 * --cpu-prof` and prints where the time went (by function, by package, and
 * inclusive per wirepress function), beside the report's step timings.
 *
 *   node --import tsx bench/profile.ts [--posts 1000] [--work DIR]   (after `npm run compile`)
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generatePosts } from './generate-posts.ts';
import { measureProcess } from './lib/measure-process.ts';
import { snapshotApp } from '../tests/helpers/snapshot-app.ts';
import { summarizeProfile } from './lib/summarize-profile.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { posts: { type: 'string' }, work: { type: 'string' } } });
const posts = Number(values.posts ?? 1000);
const workRoot = path.resolve(values.work ?? path.join(os.tmpdir(), 'wirepress-bench'));
const dir = path.join(workRoot, 'profile');
await rm(dir, { recursive: true, force: true });

const generated = await generatePosts({ posts, outDir: path.join(workRoot, `posts-${posts}`) });
const app = await snapshotApp(REPO_ROOT, path.join(workRoot, 'app-profile'));
const profDir = path.join(dir, 'cpuprofile');
const report = path.join(dir, 'report.json');
const args = ['--cpu-prof', `--cpu-prof-dir=${profDir}`, path.join(app, 'bin', 'wirepress.js'), 'build'];
args.push('--content', generated.outDir, '--out', path.join(dir, 'out'), '--cache', path.join(dir, 'cache'), '--offline', '--report', report);
const run = await measureProcess(process.execPath, args, { cwd: workRoot });
process.stdout.write(`cold build of ${posts} posts under --cpu-prof: exit ${run.exitCode}, ${(run.wallMs / 1000).toFixed(1)} s wall, ${((run.cpuMs ?? 0) / 1000).toFixed(1)} s CPU, ${Math.round((run.peakRssKb ?? 0) / 1024)} MB peak RSS\n`);
try {
  const { timings } = JSON.parse(await readFile(report, 'utf8')) as { timings: { step: string; ms: number }[] };
  process.stdout.write(`report steps: ${timings.map((t) => `${t.step} ${t.ms} ms`).join(' · ')}\n`);
} catch {
  process.stdout.write(`no report was written; the build said:\n${run.output.slice(-2000)}\n`);
}
// The main thread's profile is the largest; others are workers (e.g. the ESM loader-hooks thread).
const files = (await readdir(profDir)).filter((f) => f.endsWith('.cpuprofile'));
const summaries = await Promise.all(files.map((f) => summarizeProfile(path.join(profDir, f))));
const main = summaries.sort((a, b) => b.totalMs - a.totalMs)[0];
if (main) {
  const show = (title: string, rows: { name: string; ms: number }[]) =>
    process.stdout.write(`\n${title}\n${rows.map((r) => `${String(r.ms).padStart(7)} ms  ${r.name}`).join('\n')}\n`);
  process.stdout.write(`\nmain thread: ${main.totalMs} ms sampled; profiles in ${profDir}\n`);
  show('self time by package / file:', main.groups);
  show('self time by function:', main.functions);
  show('inclusive time of wirepress functions (synchronous stacks only):', main.ours);
}
