import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers/run-cli.ts';

const MODULE = pathToFileURL(path.join(REPO_ROOT, 'src/system/exit-when-stalled.ts')).href;

/** Runs `exitWhenStalled(<work>, 2, 'stalled')` as the top-level await of a fresh process, as bin/wirepress.js does. */
function run(work: string) {
  const script = `import { exitWhenStalled } from ${JSON.stringify(MODULE)};\nprocess.exitCode = await exitWhenStalled(${work}, 2, 'stalled: the helper died\\n');\n`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
}

test('should exit 2 with its message when the work can never finish (a helper process died unheard)', () => {
  // A promise nothing will ever settle, like an answer from a helper that died without a word.
  const stalled = run('new Promise(() => {})');
  assert.equal(stalled.status, 2, stalled.stderr);
  assert.match(stalled.stderr, /stalled: the helper died/);
  assert.doesNotMatch(stalled.stderr, /top-level await/, 'not Node\'s own exit 13');
});

test('should exit with the work\'s own code, silently, when it finishes', () => {
  const done = run('new Promise((resolve) => setTimeout(() => resolve(1), 50))');
  assert.equal(done.status, 1, done.stderr);
  assert.doesNotMatch(done.stderr, /stalled/);
});
