import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { codeFingerprint, fingerprintInstalledDependencies } from '../../src/system/code-fingerprint.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-fingerprint-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** Writes `<folder>/package.json`. */
async function writeManifest(folder: string, manifest: Record<string, unknown>): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'package.json'), JSON.stringify(manifest));
}

/**
 * A blog with wirepress installed as npm lays it out: wirepress in
 * node_modules/, no lock file beside it, its dependencies hoisted beside it,
 * one nested where two versions clash.
 */
async function makeInstalledBlog(name: string): Promise<{ blog: string; wirepress: string }> {
  const blog = path.join(dir, name);
  const modules = path.join(blog, 'node_modules');
  const wirepress = path.join(modules, 'wirepress');
  await writeManifest(blog, { name: 'blog', dependencies: { wirepress: '^0.1.0', 'left-pad': '^1.0.0' } });
  await writeManifest(wirepress, { name: 'wirepress', version: '0.1.0', dependencies: { 'rehype-sanitize': '^6.0.0', unified: '^11.0.0' }, optionalDependencies: { 'sharp-other-platform': '1.0.0' } });
  await writeManifest(path.join(modules, 'rehype-sanitize'), { name: 'rehype-sanitize', version: '6.0.0', dependencies: { 'hast-util-sanitize': '^5.0.0' } });
  await writeManifest(path.join(modules, 'hast-util-sanitize'), { name: 'hast-util-sanitize', version: '5.0.1' });
  await writeManifest(path.join(modules, 'unified'), { name: 'unified', version: '11.0.5', dependencies: { vfile: '^6.0.0' } });
  await writeManifest(path.join(modules, 'vfile'), { name: 'vfile', version: '5.3.7' });
  await writeManifest(path.join(modules, 'unified', 'node_modules', 'vfile'), { name: 'vfile', version: '6.0.3' });
  await writeManifest(path.join(modules, 'left-pad'), { name: 'left-pad', version: '1.3.0' });
  return { blog, wirepress };
}

test('should change when a direct dependency of the installed package changes version', async () => {
  const { wirepress } = await makeInstalledBlog('direct');
  const before = fingerprintInstalledDependencies(wirepress);
  assert.equal(fingerprintInstalledDependencies(wirepress), before, 'stable while nothing changes');
  await writeManifest(path.join(wirepress, '..', 'unified'), { name: 'unified', version: '11.0.6', dependencies: { vfile: '^6.0.0' } });
  assert.notEqual(fingerprintInstalledDependencies(wirepress), before);
});

test('should change when a dependency of a dependency changes, hoisted or nested', async () => {
  const { wirepress } = await makeInstalledBlog('transitive');
  const first = fingerprintInstalledDependencies(wirepress);
  await writeManifest(path.join(wirepress, '..', 'hast-util-sanitize'), { name: 'hast-util-sanitize', version: '5.0.2' });
  const second = fingerprintInstalledDependencies(wirepress);
  assert.notEqual(second, first, 'the hoisted one');
  await writeManifest(path.join(wirepress, '..', 'unified', 'node_modules', 'vfile'), { name: 'vfile', version: '6.0.4' });
  assert.notEqual(fingerprintInstalledDependencies(wirepress), second, 'the nested one, which unified resolves before the hoisted one');
});

test('should not change when a package wirepress does not use changes, or the hoisted copy its dependency does not resolve to', async () => {
  const { wirepress } = await makeInstalledBlog('unrelated');
  const before = fingerprintInstalledDependencies(wirepress);
  await writeManifest(path.join(wirepress, '..', 'left-pad'), { name: 'left-pad', version: '1.3.1' });
  await writeManifest(path.join(wirepress, '..', 'vfile'), { name: 'vfile', version: '5.3.8' });
  assert.equal(fingerprintInstalledDependencies(wirepress), before);
});

test('should change when a missing optional dependency gets installed', async () => {
  const { wirepress } = await makeInstalledBlog('optional');
  const before = fingerprintInstalledDependencies(wirepress);
  await writeManifest(path.join(wirepress, '..', 'sharp-other-platform'), { name: 'sharp-other-platform', version: '1.0.0' });
  assert.notEqual(fingerprintInstalledDependencies(wirepress), before);
});

test('should follow linked packages to their real folder, as pnpm lays them out', async () => {
  const root = path.join(dir, 'pnpm');
  const store = path.join(root, 'node_modules', '.pnpm');
  await writeManifest(root, { name: 'site', dependencies: { unified: '^11.0.0' } });
  await writeManifest(path.join(store, 'unified@11.0.5', 'node_modules', 'unified'), { name: 'unified', version: '11.0.5', dependencies: { vfile: '^6.0.0' } });
  await writeManifest(path.join(store, 'vfile@6.0.3', 'node_modules', 'vfile'), { name: 'vfile', version: '6.0.3' });
  // Only unified's own folder in the store sees vfile, through a link beside it.
  await symlink(path.join(store, 'vfile@6.0.3', 'node_modules', 'vfile'), path.join(store, 'unified@11.0.5', 'node_modules', 'vfile'), 'dir');
  await symlink(path.join(store, 'unified@11.0.5', 'node_modules', 'unified'), path.join(root, 'node_modules', 'unified'), 'dir');
  const before = fingerprintInstalledDependencies(root);
  await writeManifest(path.join(store, 'vfile@6.0.3', 'node_modules', 'vfile'), { name: 'vfile', version: '6.0.4' });
  assert.notEqual(fingerprintInstalledDependencies(root), before);
});

test('should fingerprint this repository as one hash', async () => {
  assert.match(await codeFingerprint(), /^[0-9a-f]{64}$/);
});
