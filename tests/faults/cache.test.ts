import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { runCli } from '../helpers/run-cli.ts';
import { startImageOrigin, type ImageOrigin } from '../helpers/image-origin.ts';
import { checkLinks } from '../helpers/check-links.ts';
import { generateSite } from '../helpers/generate-site.ts';
import { buildLeftovers } from '../helpers/leftovers.ts';

/**
 * A crash or a bad disk can leave the persistent cache half-written; the
 * next build must notice, fetch or encode again, and publish sound images.
 */

let origin: ImageOrigin;
before(async () => {
  origin = await startImageOrigin();
});
after(() => origin.close());

const totalRequests = () => [...origin.requests.values()].reduce((a, b) => a + b, 0);

async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(dir, e.name)).sort();
}

/** Every local image the site's pages use decodes as an image. */
async function assertImagesDecode(siteDir: string): Promise<number> {
  const images = (await readdir(path.join(siteDir, 'images'), { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  for (const image of images) {
    const file = path.join(image.parentPath, image.name);
    await assert.doesNotReject(sharp(file).raw().toBuffer(), `${path.relative(siteDir, file)} decodes`);
  }
  return images.length;
}

async function builtSite(): Promise<{ dir: string; args: string[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-cache-'));
  await generateSite(path.join(dir, 'content'), { posts: 20, imageHost: origin.host, paragraphs: 2 });
  const args = ['build', '--content', 'content', '--out', '_site', '--cache', '.cache', '--allow-host', '127.0.0.1'];
  const first = await runCli(args, { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  return { dir, args };
}

test('should re-fetch truncated or garbled originals and re-encode missing variants on the next build', async () => {
  const { dir, args } = await builtSite();
  const originals = path.join(dir, '.cache/images/originals');
  const variants = path.join(dir, '.cache/images/variants');
  const bins = (await filesIn(originals)).filter((f) => f.endsWith('.bin'));
  assert.ok(bins.length >= 3, `${bins.length} originals cached`);

  // Half-written download, garbled bytes of the same length, garbled metadata.
  await truncate(bins[0]!, Math.floor((await readFile(bins[0]!)).length / 2));
  const garbled = await readFile(bins[1]!);
  garbled.fill(0x5a, 100, 400);
  await writeFile(bins[1]!, garbled);
  await writeFile(bins[2]!.replace(/\.bin$/, '.json'), '{"url": "http://exa');
  // Variants: an emptied file, a garbled manifest, and temp files a killed build left.
  const variantFiles = (await filesIn(variants)).filter((f) => !f.endsWith('.json'));
  await truncate(variantFiles[0]!, 0);
  const manifests = (await filesIn(variants)).filter((f) => f.endsWith('.json'));
  await writeFile(manifests.at(-1)!, 'not json');
  await writeFile(`${variantFiles[1]}.12345.abcdef.tmp`, 'half');
  // And a stale lock, a half-made link and a version without its record from a build killed at the same time.
  await writeFile(path.join(dir, '_site.lock'), '999999999');
  await symlink('.wirepress-_site/v1', path.join(dir, '_site.wirepress-link-999999999-1'));
  await mkdir(path.join(dir, '.wirepress-_site', 'v1'), { recursive: true });

  const requestsBefore = totalRequests();
  const run = await runCli(args, { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(totalRequests() - requestsBefore, 3, 'exactly the three corrupt originals are fetched again');
  assert.ok((await assertImagesDecode(path.join(dir, '_site'))) > 0);
  assert.deepEqual((await checkLinks(path.join(dir, '_site'))).broken, []);
  assert.deepEqual(await buildLeftovers(dir), []);

  // Offline, the repaired cache serves every image without a request.
  const offline = await runCli([...args, '--offline'], { cwd: dir });
  assert.equal(offline.code, 0, offline.stderr);
  assert.equal(totalRequests() - requestsBefore, 3);
});

test('should not publish a variant the disk cut short', async () => {
  const { dir, args } = await builtSite();
  const variants = path.join(dir, '.cache/images/variants');
  const jpeg = (await filesIn(variants)).find((f) => f.endsWith('.jpg'))!;
  await truncate(jpeg, Math.floor((await readFile(jpeg)).length / 2));
  const run = await runCli([...args, '--offline'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  await assertImagesDecode(path.join(dir, '_site'));
});
