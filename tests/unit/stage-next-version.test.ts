import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { link, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { clearStagedSite } from '../../src/publish/stage-next-version.ts';

const root = await mkdtemp(path.join(os.tmpdir(), 'wirepress-clear-staged-'));
after(() => rm(root, { recursive: true, force: true }));

/** Writes `files` (path → content) under `dir`. */
async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
}

test('an older site kept to build in should keep only what the new site has unchanged, and leave no empty folder', async () => {
  const dir = path.join(root, 'keep');
  await writeTree(dir, {
    'index.html': 'home, old list',
    '2021/01/01/same/index.html': 'same',
    '2021/01/02/edited/index.html': 'edited, old',
    '2021/01/03/gone/index.html': 'gone',
    'atom.xml': 'feed',
    'robots.txt': 'robots',
    'bundle/list.json': '{}',
    'bundle/aaaa/entry.json': 'still listed',
    'bundle/bbbb/entry.json': 'no longer listed',
    'images/kept.webp': 'still shown',
    'images/dropped.webp': 'no longer shown',
  });
  const staged = {
    pages: new Map([
      ['index.html', 'h1'],
      ['2021/01/01/same/index.html', 's1'],
      ['2021/01/02/edited/index.html', 'e1'],
      ['2021/01/03/gone/index.html', 'g1'],
      ['atom.xml', 'f1'],
    ]),
    files: ['robots.txt', 'bundle/list.json', 'bundle/aaaa/', 'bundle/bbbb/', 'images/kept.webp', 'images/dropped.webp'],
  };
  const next = new Map([
    ['index.html', 'h2'],
    ['2021/01/01/same/index.html', 's1'],
    ['2021/01/02/edited/index.html', 'e2'],
    ['atom.xml', 'f1'],
    ['2021/01/04/new/index.html', 'n1'],
  ]);

  const kept = await clearStagedSite(dir, staged, { pages: next, files: new Set(['bundle/aaaa/', 'images/kept.webp', 'images/new.webp']) });

  assert.deepEqual([...kept].sort(), ['2021/01/01/same/index.html', 'atom.xml']);
  const present = (file: string) => existsSync(path.join(dir, file));
  for (const file of ['2021/01/01/same/index.html', 'atom.xml', 'bundle/aaaa/entry.json', 'images/kept.webp']) assert.ok(present(file), `${file} is kept`);
  for (const file of ['index.html', '2021/01/02/edited/index.html', 'robots.txt', 'bundle/list.json', 'bundle/bbbb', 'images/dropped.webp']) {
    assert.equal(present(file), false, `${file} goes: it is written again, or the new site has it no more`);
  }
  assert.ok(present('2021/01/02/edited'), "a changed page's folder stays for its new version");
  assert.equal(present('2021/01/03'), false, "a gone page's folders go once empty");
});

test('a page written again after clearing should never change the published file it was linked to', async () => {
  const published = path.join(root, 'published');
  const dir = path.join(root, 'linked');
  await writeTree(published, { 'a/index.html': 'published version', 'b/index.html': 'published too' });
  for (const file of ['a/index.html', 'b/index.html']) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await link(path.join(published, file), path.join(dir, file));
  }
  const staged = { pages: new Map([['a/index.html', 'old'], ['b/index.html', 'same']]), files: [] };

  await clearStagedSite(dir, staged, { pages: new Map([['a/index.html', 'new'], ['b/index.html', 'same']]), files: new Set() });
  // What a renderer does: open the path and write it.
  await writeFile(path.join(dir, 'a/index.html'), 'new version');

  assert.equal(await readFile(path.join(published, 'a/index.html'), 'utf8'), 'published version');
  assert.equal(await readFile(path.join(dir, 'a/index.html'), 'utf8'), 'new version');
});

test('a kept page missing from the older site should be left to make again, not counted as kept', async () => {
  const dir = path.join(root, 'missing');
  await writeTree(dir, { 'a/index.html': 'a' });
  const staged = { pages: new Map([['a/index.html', 'fa'], ['b/index.html', 'fb']]), files: [] };
  const kept = await clearStagedSite(dir, staged, { pages: staged.pages, files: new Set() });
  assert.deepEqual([...kept], ['a/index.html']);
});
