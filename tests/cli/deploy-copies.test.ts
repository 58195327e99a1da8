import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, lstat, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listFiles, REPO_ROOT, runCli } from '../helpers/run-cli.ts';

/**
 * The output folder is a link to the version published (see
 * src/publish/site-versions.ts). What deploys copy from it must be the
 * site's files, never a link into a folder the runner does not upload.
 * `cp -r _site dest` and `rsync -a _site dest`, without the trailing
 * slash, copy the link itself (as for any linked folder): the README's
 * deploy section and the first build's notice say so.
 */

const ROOT = await mkdtemp(path.join(tmpdir(), 'wirepress-deploy-'));
const SITE = path.join(ROOT, '_site');

test.before(async () => {
  await cp(path.join(REPO_ROOT, 'content'), path.join(ROOT, 'content'), { recursive: true });
  const run = await runCli(['build', '--content', 'content', '--out', '_site', '--offline'], { cwd: ROOT });
  assert.equal(run.code, 0, run.stderr);
  assert.ok((await lstat(SITE)).isSymbolicLink(), 'the output is a link to the version published');
});
test.after(() => rm(ROOT, { recursive: true, force: true, maxRetries: 3 }));

/** Every path under `dir`, relative, with whether it is a link. */
async function describeTree(dir: string): Promise<{ files: string[]; links: string[] }> {
  const files = (await listFiles(dir)).map((file) => path.relative(dir, file)).sort();
  const links: string[] = [];
  for (const file of files) if ((await lstat(path.join(dir, file))).isSymbolicLink()) links.push(file);
  return { files, links };
}

async function assertSameFiles(copy: string, how: string): Promise<void> {
  const site = await describeTree(SITE);
  const copied = await describeTree(copy);
  assert.ok(!(await lstat(copy)).isSymbolicLink(), `${how}: the copy is a folder, not a link`);
  assert.deepEqual(copied.links, [], `${how}: no link inside`);
  assert.deepEqual(copied.files, site.files, `${how}: every file of the site`);
  assert.equal(await readFile(path.join(copy, 'index.html'), 'utf8'), await readFile(path.join(SITE, 'index.html'), 'utf8'));
}

test('should copy as files with cp -r of the folder (the form deploy scripts write: _site/ or _site/.)', async () => {
  execFileSync('cp', ['-r', `${SITE}/`, path.join(ROOT, 'cp-slash')]);
  await assertSameFiles(path.join(ROOT, 'cp-slash'), 'cp -r _site/ dest');
  await mkdir(path.join(ROOT, 'cp-dot'));
  execFileSync('cp', ['-r', `${SITE}/.`, path.join(ROOT, 'cp-dot')]);
  await assertSameFiles(path.join(ROOT, 'cp-dot'), 'cp -r _site/. dest');
  execFileSync('cp', ['-rL', SITE, path.join(ROOT, 'cp-follow')]);
  await assertSameFiles(path.join(ROOT, 'cp-follow'), 'cp -rL _site dest');
});

test('should archive as files with tar -h, and as upload-pages-artifact runs it', async () => {
  const unpack = async (archive: string, into: string) => {
    await mkdir(into);
    execFileSync('tar', ['-xf', archive, '-C', into]);
  };
  execFileSync('tar', ['-h', '-cf', path.join(ROOT, 'h.tar'), '-C', ROOT, '_site']);
  await unpack(path.join(ROOT, 'h.tar'), path.join(ROOT, 'tar-h'));
  await assertSameFiles(path.join(ROOT, 'tar-h', '_site'), 'tar -h');
  // actions/upload-pages-artifact: tar --dereference --hard-dereference --directory "$INPUT_PATH" -cvf artifact.tar --exclude=.git --exclude=.github .
  execFileSync('tar', ['--dereference', '--hard-dereference', '--directory', SITE, '-cf', path.join(ROOT, 'pages.tar'), '--exclude=.git', '--exclude=.github', '.']);
  await unpack(path.join(ROOT, 'pages.tar'), path.join(ROOT, 'tar-pages'));
  await assertSameFiles(path.join(ROOT, 'tar-pages'), 'upload-pages-artifact');
});
