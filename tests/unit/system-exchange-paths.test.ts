import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exchangePaths } from '../../src/system/exchange-paths.ts';
import { REPO_ROOT } from '../support/run-cli.ts';

/** Where the exchange must work: Debian's Essential perl on a known architecture. */
const EXPECTED = process.platform === 'linux' && ['x64', 'arm64'].includes(process.arch);

/** Two folders `新站` and `旧站` (non-ASCII, as output paths can be), each holding one different file. */
async function twoFolders(t: TestContext) {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-exchange-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const [a, b] = [path.join(dir, '新站'), path.join(dir, '旧站')];
  await mkdir(a);
  await mkdir(b);
  await writeFile(path.join(a, 'new.html'), 'new');
  await writeFile(path.join(b, 'old.html'), 'old');
  return { dir, a, b };
}

test('should swap two folders, contents and inodes', async (t) => {
  const { a, b } = await twoFolders(t);
  const [inodeA, inodeB] = [(await stat(a)).ino, (await stat(b)).ino];
  const swapped = await exchangePaths(a, b);
  if (EXPECTED) assert.equal(swapped, true, 'available on Linux x64 and arm64 (perl-base is Essential)');
  if (!swapped) return t.skip(`exchange not available on ${process.platform} ${process.arch}`);
  assert.deepEqual(await readdir(a), ['old.html']);
  assert.deepEqual(await readdir(b), ['new.html']);
  assert.equal((await stat(a)).ino, inodeB);
  assert.equal((await stat(b)).ino, inodeA);
});

test('should reject with code ENOENT, like fs, when a path is missing, and touch nothing', { skip: !EXPECTED && 'exchange not expected here' }, async (t) => {
  const { dir, a } = await twoFolders(t);
  const missing = path.join(dir, 'missing');
  await assert.rejects(exchangePaths(a, missing), { code: 'ENOENT', syscall: 'renameat2', path: a, dest: missing, message: /^ENOENT: / });
  assert.deepEqual(await readdir(a), ['new.html']);
  // Not cached as "unavailable": a failure of the paths says nothing about the system.
  assert.equal(await exchangePaths(a, path.join(dir, '旧站')), true);
});

test('should report the exchange unavailable, not fail, when perl cannot be found, and remember it', { skip: !EXPECTED && 'exchange not expected here' }, async (t) => {
  const { a, b } = await twoFolders(t);
  // A fresh process, since the answer "unavailable" is kept for the life of the process.
  const script = `import { exchangePaths } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'src/system/exchange-paths.ts')).href)};
const [a, b] = process.argv.slice(1);
const found = process.env.PATH;
process.env.PATH = '';
const withoutPerl = await exchangePaths(a, b);
process.env.PATH = found;
process.stdout.write(JSON.stringify([withoutPerl, await exchangePaths(a, b)]));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, a, b], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), [false, false], 'unavailable, and still so once perl is back: not looked for again');
  assert.deepEqual(await readdir(a), ['new.html'], 'nothing swapped');
});
