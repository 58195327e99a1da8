import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.ts';
import { checkLinks } from '../helpers/check-links.ts';
import { generateSite, hashTree } from '../helpers/generate-site.ts';
import { buildLeftovers } from '../helpers/leftovers.ts';

/**
 * A fatal error (full disk, unwritable output, a second build) exits 2 and
 * leaves the previously published site exactly as it was.
 */

const isRoot = process.getuid?.() === 0;

/** Mounts a tmpfs of `size` at `dir`; false when this machine does not allow it. */
function mountTmpfs(dir: string, size: string, readOnly = false): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${readOnly ? ',ro' : ''}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function canMount(): boolean {
  if (!isRoot) return false;
  const probe = path.join(tmpdir(), `wirepress-mount-probe-${process.pid}`);
  execFileSync('mkdir', ['-p', probe]);
  const ok = mountTmpfs(probe, '64k');
  if (ok) execFileSync('umount', [probe]);
  return ok;
}
const MOUNT = canMount();

async function project(posts: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-output-'));
  await generateSite(path.join(dir, 'content'), { posts });
  return dir;
}

const build = (out: string) => ['build', '--content', 'content', '--out', out, '--cache', '.cache', '--offline'];

test('should exit 2 on a full disk, name ENOSPC with a hint, and keep the previous site whole', { skip: MOUNT ? false : 'needs root and tmpfs mounts' }, async () => {
  const dir = await project(3);
  const disk = path.join(dir, 'disk');
  await mkdir(disk);
  assert.ok(mountTmpfs(disk, '3m'));
  try {
    const out = path.join(disk, '_site');
    const first = await runCli(build(out), { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    const before = await hashTree(out);

    await generateSite(path.join(dir, 'content'), { posts: 150, seed: 2 });
    const full = await runCli(build(out), { cwd: dir });
    assert.equal(full.code, 2, full.stderr);
    assert.match(full.stderr, /ENOSPC/);
    assert.match(full.stderr, /hint: [^\n]*(free|space)/i, 'the hint says to free space');
    assert.equal(await hashTree(out), before, 'the previous site is byte-identical');
    assert.deepEqual((await checkLinks(out)).broken, []);
    assert.deepEqual(await buildLeftovers(disk), [], 'no half-made version or lock is left behind');
  } finally {
    execFileSync('umount', [disk]);
  }
});

test('should exit 2 when the output folder cannot be written, naming it, and keep the previous site', async (t) => {
  const dir = await project(3);
  const parent = path.join(dir, 'public_html');
  await mkdir(parent);
  const out = path.join(parent, '_site');
  assert.equal((await runCli(build(out), { cwd: dir })).code, 0);
  const before = await hashTree(out);
  // Root ignores permissions; a read-only mount stops root too.
  let restore: () => Promise<void>;
  if (isRoot) {
    if (!MOUNT) return t.skip('needs tmpfs mounts when run as root');
    execFileSync('mount', ['--bind', '-o', 'ro', parent, parent]);
    restore = async () => {
      execFileSync('umount', [parent]);
    };
  } else {
    await chmod(parent, 0o555);
    restore = () => chmod(parent, 0o755);
  }
  try {
    const run = await runCli(build(out), { cwd: dir });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, new RegExp(`${parent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\n]*(EROFS|EACCES|read-only|permission)`, 'i'));
    assert.match(run.stderr, /previous output was left untouched/);
  } finally {
    await restore();
  }
  assert.equal(await hashTree(out), before);
});

test('should stop a second build on the same output with exit 2 and a clear message', async () => {
  const dir = await project(5);
  assert.equal((await runCli(build('_site'), { cwd: dir })).code, 0);
  const before = await hashTree(path.join(dir, '_site'));
  // A lock held by a running process (this test) is respected…
  await writeFile(path.join(dir, '_site.lock'), String(process.pid));
  const blocked = await runCli(build('_site'), { cwd: dir });
  assert.equal(blocked.code, 2);
  assert.match(blocked.stderr, new RegExp(`another wirepress build \\(pid ${process.pid}\\)[^\\n]*_site`));
  assert.match(blocked.stderr, /hint: Wait for it to finish/);
  assert.equal(await hashTree(path.join(dir, '_site')), before);

  // …and one left by a killed process is taken over.
  const dead = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => dead.on('exit', resolve));
  await writeFile(path.join(dir, '_site.lock'), String(dead.pid));
  const takeover = await runCli(build('_site'), { cwd: dir });
  assert.equal(takeover.code, 0, takeover.stderr);
  assert.equal(existsSync(path.join(dir, '_site.lock')), false, 'the lock is released');
});

test('should never corrupt the output when two builds start at once', async () => {
  const dir = await project(60);
  const runs = await Promise.all([runCli(build('_site'), { cwd: dir }), runCli(build('_site'), { cwd: dir })]);
  const codes = runs.map((r) => r.code).sort();
  assert.ok(codes[0] === 0, `one build succeeds: ${codes.join(', ')}\n${runs.map((r) => r.stderr).join('\n')}`);
  assert.ok(codes[1] === 0 || codes[1] === 2, `the other succeeds after it or stops with exit 2: ${codes[1]}`);
  for (const run of runs.filter((r) => r.code === 2)) assert.match(run.stderr, /another wirepress build \(pid \d+\)/);
  const links = await checkLinks(path.join(dir, '_site'));
  assert.deepEqual(links.broken, []);
  assert.ok(existsSync(path.join(dir, '_site/index.html')));
  assert.deepEqual(await buildLeftovers(dir), []);
  await rm(dir, { recursive: true, force: true });
});
