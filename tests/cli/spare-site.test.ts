import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, link, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { listFiles, REPO_ROOT, runCli } from '../helpers/run-cli.ts';

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

/** An image host serving a JPEG of its own colour at each `/<name>.jpg`, so every image is a file of its own. */
async function startColourOrigin(): Promise<{ host: string; close(): Promise<void> }> {
  const server = http.createServer(async (request, response) => {
    const hue = createHash('sha256').update(request.url ?? '').digest();
    const jpeg = await sharp({ create: { width: 640, height: 400, channels: 3, background: { r: hue[0]!, g: hue[1]!, b: hue[2]! } } }).jpeg().toBuffer();
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length });
    response.end(jpeg);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test("a site's images should come and go with their posts when a build is made in the site two builds old", async () => {
  const origin = await startColourOrigin();
  const dir = path.join(ROOT, 'images');
  const content = path.join(dir, 'content');
  await mkdir(content, { recursive: true });
  const post = (name: string, day: number) =>
    writeFile(
      path.join(content, `${name}.md`),
      `---\ntitle: 图片新闻${name}\ndate: 2022-01-${String(day).padStart(2, '0')} 08:00:00\ncategories: [本地]\n---\n<p>第${name}条</p><p><img src="http://${origin.host}/${name}.jpg"></p>\n`,
    );
  const build = async (out: string, cache: string) => {
    const run = await runCli(['build', '--content', content, '--out', out, '--cache', cache, '--allow-host', '127.0.0.1'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
  };
  const tree = async (out: string) => {
    const files = new Map<string, string>();
    for (const file of await listFiles(out)) files.set(path.relative(out, file), createHash('sha256').update(await readFile(file)).digest('hex'));
    return files;
  };
  const out = path.join(dir, 'out');
  const cache = path.join(dir, 'cache');
  try {
    await Promise.all([post('a', 1), post('b', 2), post('c', 3)]);
    await build(out, cache);
    await rm(path.join(content, 'c.md'));
    await post('d', 4);
    await build(out, cache);
    await rm(path.join(content, 'a.md'));
    await post('e', 5);
    await build(out, cache);

    const cold = path.join(dir, 'cold');
    await build(cold, path.join(dir, 'cold-cache'));
    const [made, expected] = await Promise.all([tree(out), tree(cold)]);
    const images = [...expected.keys()].filter((file) => file.startsWith('images'));
    assert.ok(images.length >= 4, `the cold build re-hosts the four posts' images (${images.length} files)`);
    assert.deepEqual(made, expected, 'the same files, images included, as a cold build: those of deleted posts are gone');
  } finally {
    await origin.close();
  }
});
