import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/run-cli.ts';

/** Runs `lockOutput` at `startAt` (epoch ms) in a separate process that holds the lock for `holdMs`; resolves to what it printed. */
function contend(outDir: string, holdMs: number, startAt: number): Promise<string> {
  const script = `
    const { lockOutput } = await import(${JSON.stringify(path.join(REPO_ROOT, 'src/publish/index.ts'))});
    // Every contender starts at the same moment, so their checks and takeovers interleave.
    while (Date.now() < ${startAt});
    try {
      const lock = await lockOutput(${JSON.stringify(outDir)});
      process.stdout.write('got');
      await new Promise((r) => setTimeout(r, ${holdMs}));
      await lock.release();
    } catch (error) {
      process.stdout.write(/another wirepress build/.test(error.message) ? 'busy' : 'error: ' + error.message);
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

test('should let exactly one of several builds take over a stale lock', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-lock-'));
  const outDir = path.join(dir, '_site');
  // A lock left by a build killed with SIGKILL: its pid runs no more.
  const dead = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => dead.on('exit', resolve));
  await writeFile(`${outDir}.lock`, String(dead.pid));

  const startAt = Date.now() + 6000;
  const outcomes = await Promise.all(Array.from({ length: 6 }, () => contend(outDir, 8000, startAt)));
  assert.equal(outcomes.filter((o) => o === 'got').length, 1, outcomes.join(', '));
  assert.equal(outcomes.filter((o) => o === 'busy').length, 5, outcomes.join(', '));
  assert.deepEqual(await readdir(dir), [], 'the winner released its lock; no temp or moved-aside files are left');
});
