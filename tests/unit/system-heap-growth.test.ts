import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { growingPercent, HEAP_GROWING_PERCENT, READING_HEAP_SLACK_BYTES } from '../../src/system/limit-heap-growth.ts';
import { REPO_ROOT } from '../helpers/run-cli.ts';

const MB = 1024 * 1024;

test('should let a heap grow by the slack while the posts are read, and by the fixed percent otherwise', () => {
  const slack = READING_HEAP_SLACK_BYTES;
  // 64 MB alive, 128 MB of slack: 200 %.
  assert.equal(growingPercent(slack / 2, slack), 200);
  // 100 MB alive: 128 % rounded up to a step of 5.
  assert.equal(growingPercent(100 * MB, slack), 130);
  // From four times the slack alive on, 25 % is the larger allowance.
  assert.equal(growingPercent(slack * 4, slack), HEAP_GROWING_PERCENT);
  // A nearly empty heap stops at V8's own limit, fourfold.
  assert.equal(growingPercent(1 * MB, slack), 300);
  assert.equal(growingPercent(0, slack), 300);
  // Without slack, 25 % whatever the size.
  assert.equal(growingPercent(1 * MB, 0), HEAP_GROWING_PERCENT);
  assert.equal(growingPercent(3000 * MB, 0), HEAP_GROWING_PERCENT);
});

test('should not keep the process alive: a command that limits heap growth still exits when its work is done', () => {
  const module = pathToFileURL(path.join(REPO_ROOT, 'src/system/limit-heap-growth.ts')).href;
  const script = `import { limitHeapGrowth, withHeapSlack } from ${JSON.stringify(module)};\nlimitHeapGrowth();\nawait withHeapSlack(async () => {\n  let kept = [];\n  for (let i = 0; i < 2e6; i++) { kept.push({ i }); if (kept.length > 5e5) kept = []; }\n});\nconsole.log('done');\n`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), 'done');
});
