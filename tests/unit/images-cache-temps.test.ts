import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImageCache } from '../../src/images/cache.ts';

test('should delete temporary files of killed builds and keep those of running ones', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'wirepress-temps-'));
  const cache = new ImageCache(root);
  await mkdir(cache.variantsDir, { recursive: true });
  // pid 2^22 + 1 is above Linux's pid_max: no process has it.
  const stale = path.join(cache.variantsDir, `abc-480.jpg.${2 ** 22 + 1}.0a1b2c.tmp`);
  const live = path.join(cache.variantsDir, `abc-960.jpg.${process.pid}.0a1b2c.tmp`);
  const variant = path.join(cache.variantsDir, 'abc-480.jpg');
  for (const file of [stale, live, variant]) await writeFile(file, 'x');
  await cache.removeStaleTemps();
  assert.equal(existsSync(stale), false);
  assert.equal(existsSync(live), true);
  assert.equal(existsSync(variant), true);
});
