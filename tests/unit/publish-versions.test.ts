import { test } from 'node:test';
// A reader polling the site while it is republished: tests/faults/republish.test.ts.
import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { discardVersion, loadPreviousSite, prepareNextVersion, publishVersion, versionsFolder } from '../../src/publish/index.ts';
import { buildLeftovers } from '../helpers/leftovers.ts';

/** Makes a one-page site as the next version and publishes it, as a build does. */
async function publishSite(outDir: string, body: string): Promise<void> {
  const next = await prepareNextVersion(outDir);
  await writeFile(path.join(next.dir, 'index.html'), body);
  await publishVersion(next.dir, outDir, { pages: new Map([['index.html', body]]), files: [], named: [], inputs: body });
}

test('should take the site published before as the spare to make the next one in, and trust only a version with its record', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-publish-'));
  t.after(() => rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  const outDir = path.join(dir, '_site');
  await publishSite(outDir, '<p>one</p>');
  const first = (await loadPreviousSite(outDir))!;
  assert.deepEqual([...first.pages], [['index.html', '<p>one</p>']]);
  await publishSite(outDir, '<p>two</p>');

  const next = await prepareNextVersion(outDir);
  assert.equal(next.dir, first.dir, 'the next site is made in the one two builds old');
  assert.deepEqual(next.spare?.files, []);
  // A build killed while making it: its record went first, so the folder is never taken again.
  const killed = await prepareNextVersion(outDir);
  assert.notEqual(killed.dir, next.dir);
  assert.equal(killed.spare, undefined, 'a fresh folder, no spare to trust');
  await discardVersion(killed.dir);
  assert.equal(await readFile(path.join(outDir, 'index.html'), 'utf8'), '<p>two</p>', 'the published site was never touched');
});

test('should move a real folder at the output path aside, put it back when killed before the link, and delete it after', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-publish-'));
  t.after(() => rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  const outDir = path.join(dir, 'public');
  await mkdir(outDir);
  await writeFile(path.join(outDir, 'index.html'), '<p>made by Hexo</p>');
  // What a build killed between moving the folder aside and linking the new version leaves.
  await mkdir(versionsFolder(outDir), { recursive: true });
  await rename(outDir, path.join(versionsFolder(outDir), 'moved-aside-1'));

  const next = await prepareNextVersion(outDir);
  assert.equal(await readFile(path.join(outDir, 'index.html'), 'utf8'), '<p>made by Hexo</p>', 'the old site is back');
  assert.equal((await lstat(outDir)).isSymbolicLink(), false);
  await writeFile(path.join(next.dir, 'index.html'), '<p>made by wirepress</p>');
  await publishVersion(next.dir, outDir, { pages: new Map(), files: [], named: [], inputs: undefined });
  assert.equal((await lstat(outDir)).isSymbolicLink(), true);
  assert.equal(await readFile(path.join(outDir, 'index.html'), 'utf8'), '<p>made by wirepress</p>');
  assert.deepEqual(await buildLeftovers(dir), [], 'the old site is deleted');
});
