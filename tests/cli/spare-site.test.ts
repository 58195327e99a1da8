import assert from 'node:assert/strict';
import { cp, link, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { listFiles, REPO_ROOT, runCli } from '../support/run-cli.ts';

const ROOT = await mkdtemp(path.join(tmpdir(), 'wirepress-spare-'));
after(() => rm(ROOT, { recursive: true, force: true, maxRetries: 3 }));

const CONTENT = path.join(ROOT, 'content');
const OUT = path.join(ROOT, 'out');
const POST = path.join(CONTENT, 'Regional rail operator pilots tap-to-ride with smart rings.md');

async function build(): Promise<void> {
  const run = await runCli(['build', '--content', CONTENT, '--out', OUT, '--cache', path.join(ROOT, 'cache'), '--offline'], { cwd: ROOT });
  assert.equal(run.code, 0, run.stderr);
}

async function edit(from: string, to: string): Promise<void> {
  const text = await readFile(POST, 'utf8');
  assert.ok(text.includes(from), `the fixture post holds "${from}"`);
  await writeFile(POST, text.replace(from, to));
}

test('a build made in the site two builds old should leave the published site untouched until it swaps', async () => {
  await cp(path.join(REPO_ROOT, 'content'), CONTENT, { recursive: true });
  await build();
  const first = await stat(OUT);
  await edit('About 500 volunteers', 'About 800 volunteers');
  await build();

  // Links to every published file: anything written into one of them in place shows here.
  const witness = path.join(ROOT, 'witness');
  const published = await listFiles(OUT);
  const bytes = new Map<string, Buffer>();
  for (const file of published) {
    const copy = path.join(witness, path.relative(OUT, file));
    await mkdir(path.dirname(copy), { recursive: true });
    await link(file, copy);
    bytes.set(copy, await readFile(file));
  }

  await edit('begun a three-month trial', 'begun a six-month trial');
  await build();

  assert.equal((await stat(OUT)).ino, first.ino, 'the third build made its site in the folder the first one published');
  assert.match(await readFile(path.join(OUT, 'categories/Tech/Byteline/index.html'), 'utf8'), /begun a six-month trial/, 'the listing showing its excerpt is new');
  const changed = [];
  for (const [copy, before] of bytes) if (!before.equals(await readFile(copy))) changed.push(path.relative(witness, copy));
  assert.deepEqual(changed, [], 'no file of the site published before was written into');
});
