/**
 * Image throughput: how many images per second the images stage re-hosts on
 * this machine, cold (fetch + decode + AVIF/WebP/JPEG variants) and warm
 * (everything cached), with the configured encoder settings.
 *
 *   node --import tsx bench/images.ts [--images N] [--runs K]   (defaults: 200, 3)
 *
 * A local origin on 127.0.0.1 serves N distinct 1600×1067 JPEG photos
 * (smooth gradients with grain, which encode like photographs, unlike flat
 * colours); N posts each show one of them through the CORS proxy, as the
 * real posts do. The build runs with `--allow-host 127.0.0.1`. Needs the
 * compiled CLI (`npm run compile`).
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { benchMain, median, REPO_ROOT } from './lib/common.ts';
import { formatPost, rfc2822Date } from './lib/posts.ts';

/** A distinct photo-like JPEG for image `n`. */
async function photo(n: number): Promise<Buffer> {
  const [width, height] = [1600, 1067];
  const hue = (n * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,35%)"/><stop offset="1" stop-color="hsl(${(hue + 120) % 360},50%,70%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${(n * 97) % width}" cy="${(n * 53) % height}" r="300" fill="hsl(${(hue + 200) % 360},70%,55%)" opacity="0.6"/></svg>`;
  const grain = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 12 } } }).png().toBuffer();
  return sharp(Buffer.from(svg)).composite([{ input: grain, blend: 'overlay' }]).jpeg({ quality: 85 }).toBuffer();
}

await benchMain(['images', 'runs'], { images: 200, runs: 3 }, async ({ images: count, runs }) => {
  const photos = await Promise.all(Array.from({ length: count }, (_, n) => photo(n)));
  const server = http.createServer((request, response) => {
    const body = photos[Number(/^\/img\/(\d+)\.jpg$/.exec(request.url ?? '')?.[1] ?? -1)];
    if (body === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  const work = path.join(os.tmpdir(), 'wirepress-bench-images');
  await rm(work, { recursive: true, force: true });
  await mkdir(path.join(work, 'content'), { recursive: true });
  for (let n = 0; n < count; n += 1) {
    const image = `https://cors.zfour.workers.dev/?http://${origin}/img/${n}.jpg`;
    const fields = { title: `Image post ${n}`, categories: ['Bench', 'Images', 'feed'] as const, headimg: image, author: 'bench', date: rfc2822Date(Date.UTC(2021, 9, 1) + n * 3_600_000) };
    await writeFile(path.join(work, 'content', `image-post-${n}.md`), formatPost(fields, `<p>Photo ${n}</p><p><img src="${image}"></p>`));
  }

  /** One build; returns the images step's milliseconds from the report. */
  const imagesStepMs = async () => {
    const report = path.join(work, 'report.json');
    const args = [path.join(REPO_ROOT, 'bin/wirepress.js'), 'build', '--content', 'content', '--out', '_site', '--cache', '.cache', '--allow-host', '127.0.0.1', '--report', report];
    await promisify(execFile)(process.execPath, args, { cwd: work, maxBuffer: 1 << 26 });
    const { timings } = JSON.parse(await readFile(report, 'utf8')) as { timings: { step: string; ms: number }[] };
    return timings.find((t) => t.step === 'images')?.ms ?? Number.NaN;
  };
  const [cold, warm]: [number[], number[]] = [[], []];
  for (let round = 1; round <= runs; round += 1) {
    await rm(path.join(work, '.cache'), { recursive: true, force: true });
    cold.push(await imagesStepMs());
    warm.push(await imagesStepMs());
    console.log(`round ${round}: cold ${cold.at(-1)} ms, warm ${warm.at(-1)} ms`);
  }
  server.close();
  const rate = (ms: number | null) => (ms ? (count / (ms / 1000)).toFixed(1) : 'n/a');
  console.log(`\n${count} distinct images, ${os.availableParallelism()} cores, median of ${runs}:`);
  console.log(`  cold (fetch + 3 widths × AVIF/WebP/JPEG): ${median(cold)} ms · ${rate(median(cold))} images/s`);
  console.log(`  warm (all cached):                        ${median(warm)} ms · ${rate(median(warm))} images/s`);
  return 0;
});
