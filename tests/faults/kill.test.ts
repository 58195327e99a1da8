import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { startImageOrigin, type ImageOrigin } from '../helpers/image-origin.ts';
import { checkLinks } from '../helpers/check-links.ts';
import { generateSite, hashTree, seededRandom } from '../helpers/generate-site.ts';
import { buildLeftovers } from '../helpers/leftovers.ts';

/**
 * SIGKILL at any moment must never publish half a site, never touch the
 * posts, and never stop the next build. Bounded by run count and wall time
 * (WIREPRESS_KILL_RUNS, default 30; WIREPRESS_KILL_BUDGET_S, default 80).
 */

const RUNS = Number(process.env.WIREPRESS_KILL_RUNS ?? 30);
const BUDGET_MS = Number(process.env.WIREPRESS_KILL_BUDGET_S ?? 80) * 1000;
const SEED = Number(process.env.WIREPRESS_KILL_SEED ?? 7);

let origin: ImageOrigin;
before(async () => {
  origin = await startImageOrigin();
});
after(() => origin.close());

/**
 * Starts a build and kills it with SIGKILL `delayMs` after it starts — or, with `after`, after it
 * prints a progress line matching `after` (so kills land in the late steps on slow machines too) —
 * and says how far it got.
 */
function buildAndKill(cwd: string, args: string[], delayMs: number, after?: RegExp): Promise<{ step: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/wirepress.js'), ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = () => (timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (after?.test(stderr)) arm();
    });
    if (!after) arm();
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // The build logs `read N posts` after ingest, `images: …` after the images step, `wrote N pages` after publishing.
      const step = signal === null ? 'finished before the kill'
        : /wrote \d+ pages/.test(stderr) ? 'after publish (report, summary)'
        : /images: /.test(stderr) ? 'render / copy images / publish'
        : /read \d+ posts/.test(stderr) ? 'sanitize / images'
        : 'start-up / config / ingest';
      resolve({ step, code });
    });
  });
}

test('should publish all or nothing when a build is killed at any moment, and recover on the next build', { timeout: 400_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-kill-'));
  const posts = await generateSite(path.join(dir, 'content'), { posts: 200, imageHost: origin.host });
  let contentHash = await hashTree(path.join(dir, 'content'));
  const args = ['build', '--content', 'content', '--out', '_site', '--cache', '.cache', '--offline'];

  // Fill the image cache once (online), so killed builds also hard-link variants from it.
  const warm = await runCli(['build', '--content', 'content', '--out', '_warm', '--cache', '.cache', '--allow-host', '127.0.0.1'], { cwd: dir });
  assert.equal(warm.code, 0, warm.stderr);
  const reference = await checkLinks(path.join(dir, '_warm'));
  assert.deepEqual(reference.broken, []);
  const started = performance.now();
  const timed = await runCli([...args, '--report', 'timed.json'], { cwd: dir });
  const buildMs = performance.now() - started;
  assert.equal(timed.code, 0, timed.stderr);
  const { timings } = JSON.parse(await readFile(path.join(dir, 'timed.json'), 'utf8')) as { timings: { step: string; ms: number }[] };
  // From the `images:` line to the end: plan, reuse and render beside the search index, copy images, publish.
  const stepMs = (name: string) => timings.find((s) => s.step === name)?.ms ?? 0;
  const lateMs = Math.max(stepMs('plan') + stepMs('reuse') + stepMs('render'), stepMs('search index')) + stepMs('copy images') + stepMs('publish');
  await rm(path.join(dir, '_site'), { recursive: true });

  const random = seededRandom(SEED);
  const steps = new Map<string, number>();
  const failures: string[] = [];
  let published = false;
  let runs = 0;
  const loopStart = performance.now();
  while (runs < RUNS && performance.now() - loopStart < BUDGET_MS) {
    runs += 1;
    // A third of the kills in the first 3 s (start-up, ingest), a third after ingest (sanitize, images),
    // a third after the images step, anywhere up to just past the publish (render, copy, publish).
    const kind = runs % 3;
    const delay = Math.floor(kind === 1 ? random() * 3000 : kind === 2 ? random() * 1000 : random() * lateMs * 1.15);
    const after = kind === 2 ? /read \d+ posts/ : kind === 0 ? /images: / : undefined;
    // The bot's next post edit: every build has a site to publish (one finding nothing changed ends before most kills).
    await appendFile(path.join(dir, 'content', posts[runs % posts.length]!), `\n<p>第${runs}次修改。</p>\n`);
    contentHash = await hashTree(path.join(dir, 'content'));
    const { step } = await buildAndKill(dir, args, delay, after);
    steps.set(step, (steps.get(step) ?? 0) + 1);

    const out = path.join(dir, '_site');
    if (!existsSync(out)) {
      if (published) failures.push(`run ${runs} (${delay} ms, ${step}): the published site vanished`);
    } else {
      published = true;
      const links = await checkLinks(out);
      if (!existsSync(path.join(out, 'index.html'))) failures.push(`run ${runs}: no index.html`);
      if (links.pages !== reference.pages) failures.push(`run ${runs} (${delay} ms, ${step}): ${links.pages} pages, expected ${reference.pages}`);
      if (links.broken.length > 0) failures.push(`run ${runs} (${delay} ms, ${step}): broken links ${links.broken.slice(0, 3).join(', ')}`);
    }
    if ((await hashTree(path.join(dir, 'content'))) !== contentHash) failures.push(`run ${runs}: the content folder changed`);
    // A normal build after some kills must succeed over whatever was left (lock, staging, half-written cache entries).
    if (runs % 10 === 0) {
      const repair = await runCli(args, { cwd: dir });
      if (repair.code !== 0) failures.push(`run ${runs}: the next build failed (exit ${repair.code}): ${repair.stderr.slice(-500)}`);
      else published = true;
    }
  }

  const final = await runCli(args, { cwd: dir });
  assert.equal(final.code, 0, final.stderr);
  const links = await checkLinks(path.join(dir, '_site'));
  assert.deepEqual(links.broken, []);
  assert.equal(links.pages, reference.pages);
  const leftovers = await buildLeftovers(dir);
  assert.deepEqual(leftovers, [], 'no version but the live one and its spare, and no lock, is left after a normal build');
  assert.equal(await hashTree(path.join(dir, 'content')), contentHash);

  t.diagnostic(`${runs} kills in ${((performance.now() - loopStart) / 1000).toFixed(0)} s (clean build ${(buildMs / 1000).toFixed(1)} s); kill points: ${JSON.stringify(Object.fromEntries(steps))}; failures: ${failures.length}`);
  assert.deepEqual(failures, []);
});
