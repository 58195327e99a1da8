import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { loadConfig, type SiteConfig } from '../../src/config/index.ts';
import { rehostImages } from '../../src/images/index.ts';
import { makeDeclaredGigapixelPng, makeJpeg, makeTransparentPng } from '../helpers/make-test-images.ts';
import { serve, startOriginServer, type Route } from '../helpers/origin-server.ts';

let inFlight = 0;
let maxInFlight = 0;
const delayed = (body: Buffer): Route => (_request, response) => {
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  setTimeout(() => {
    inFlight -= 1;
    response.writeHead(200, { 'content-type': 'image/jpeg' }).end(body);
  }, 80);
};
const jpeg = await makeJpeg(1000, 500);
const server = await startOriginServer({
  '/a.jpg': serve(jpeg, 'image/jpeg'),
  '/b.png': serve(await makeTransparentPng(), 'image/png'),
  '/fake.jpg': serve('<html>hot-link denied</html>', 'image/jpeg'),
  '/huge.png': serve(makeDeclaredGigapixelPng(), 'image/png'),
  '/late.jpg': serve(await makeJpeg(300, 200), 'image/jpeg'),
  '/slow1.jpg': delayed(jpeg),
  '/slow2.jpg': delayed(jpeg),
  '/slow3.jpg': delayed(jpeg),
  '/down.jpg': (_request, response) => void response.writeHead(503).end(),
});
const cacheRoots: string[] = [];
after(async () => {
  await server.close();
  await Promise.all(cacheRoots.map((dir) => rm(dir, { recursive: true, force: true })));
});

// A stand-in proxy on loopback: if the stage ever contacted the proxy, it would show up in server.requests.
const proxy = `${server.origin}/proxy/?`;
const at = (p: string) => `${server.origin}${p}`;

async function makeConfig(images: Partial<SiteConfig['images']> = {}): Promise<SiteConfig> {
  const root = await mkdtemp(path.join(tmpdir(), 'wirepress-rehost-'));
  cacheRoots.push(root);
  const config = await loadConfig({ cacheDir: path.join(root, 'cache'), allowHosts: ['127.0.0.1'] }, root);
  return {
    ...config,
    proxyPrefixes: [...config.proxyPrefixes, proxy],
    images: { ...config.images, widths: [320, 640], ...images },
  };
}

test('should re-host each distinct image once, then reuse the cache with no request', async () => {
  const config = await makeConfig();
  const originals = [`${proxy}${at('/a.jpg')}`, at('/a.jpg'), `${proxy}${at('/a.jpg')}`, at('/b.png'), at('/missing.jpg'), at('/fake.jpg')];
  const lines: string[] = [];
  const first = await rehostImages(originals, config, (line) => lines.push(line));

  assert.equal(first.outcomes.size, 5);
  assert.equal(server.count('/a.jpg'), 1, 'proxied and direct URL of one origin fetched once');
  assert.equal(server.requests.filter((r) => r.path.startsWith('/proxy')).length, 0, 'the proxy is never contacted');

  const a = first.outcomes.get(`${proxy}${at('/a.jpg')}`);
  assert.equal(a?.status, 'rehosted');
  assert.equal(a?.origin, at('/a.jpg'));
  assert.match(a?.url ?? '', /^\/images\/[a-f0-9]{20}-640\.jpg$/);
  assert.deepEqual([a?.width, a?.height], [640, 320]);
  assert.match(a?.srcset ?? '', /^\/images\/\S+-320\.jpg 320w, \/images\/\S+-640\.jpg 640w$/);
  assert.deepEqual(a?.sources?.map((s) => s.type), ['image/avif', 'image/webp']);
  assert.equal(first.outcomes.get(at('/a.jpg'))?.url, a?.url);
  assert.match(first.outcomes.get(at('/b.png'))?.url ?? '', /-120\.png$/, 'transparent image: PNG fallback at its own width');
  assert.deepEqual(
    { status: first.outcomes.get(at('/missing.jpg'))?.status, error: first.outcomes.get(at('/missing.jpg'))?.error },
    { status: 'failed', error: 'HTTP 404' },
  );
  assert.equal(first.outcomes.get(at('/fake.jpg'))?.status, 'failed');

  // Every URL in the outcomes is a published file that exists in the cache.
  const published = new Map(first.files.map((f) => [`/${f.to}`, f.from]));
  for (const outcome of first.outcomes.values()) {
    const urls = [outcome.srcset, ...(outcome.sources ?? []).map((s) => s.srcset)].join(', ').split(', ').filter(Boolean);
    for (const entry of urls) {
      const from = published.get(entry.split(' ')[0] ?? '');
      assert.ok(from, `${entry} is published`);
      assert.ok((await stat(from)).size > 0);
    }
  }
  const avif = first.files.find((f) => f.to.endsWith('-640.avif'));
  assert.equal((await sharp(avif?.from).metadata()).width, 640);
  assert.ok(lines.some((line) => /2 re-hosted, 0 cached, 2 failed/.test(line)));

  const before = server.requests.length;
  const secondLines: string[] = [];
  const second = await rehostImages(originals, config, (line) => secondLines.push(line));
  assert.deepEqual(server.requests.slice(before), [], 'nothing is asked again: the failures wait for their retry time');
  assert.equal(second.outcomes.get(at('/a.jpg'))?.status, 'cached');
  assert.equal(second.outcomes.get(at('/a.jpg'))?.url, a?.url);
  assert.deepEqual(second.files, first.files);
  const missing = second.outcomes.get(at('/missing.jpg'));
  assert.deepEqual([missing?.status, missing?.error], ['failed', 'HTTP 404'], 'the reason is remembered');
  const week = Date.parse(missing?.retryAt ?? '') - Date.now();
  assert.ok(week > 6.9 * 86_400_000 && week <= 7 * 86_400_000, `a 404 waits a week (${missing?.retryAt})`);
  assert.match(secondLines.join('\n'), /2 failed \(2 not tried again until their retry time, the first \d{4}-\d\d-\d\d \d\d:\d\d UTC; --retry-failed-images tries now\)/);

  const forced = await rehostImages(originals, { ...config, images: { ...config.images, retryFailed: true } });
  assert.deepEqual(server.requests.slice(before).map((r) => r.path).sort(), ['/fake.jpg', '/missing.jpg'], '--retry-failed-images asks again');
  assert.equal(forced.outcomes.get(at('/missing.jpg'))?.status, 'failed');
});

test('should try a server error again half an hour later, then wait twice as long after each failure more', async () => {
  const config = await makeConfig();
  const url = at('/down.jpg');
  const retryIn = async () => {
    const { outcomes } = await rehostImages([url], { ...config, images: { ...config.images, retryFailed: true } });
    return (Date.parse(outcomes.get(url)?.retryAt ?? '') - Date.now()) / 60_000;
  };
  const first = await retryIn();
  assert.ok(first > 29 && first <= 30, `first failure: ${first} min`);
  const second = await retryIn();
  assert.ok(second > 59 && second <= 60, `second failure in a row: ${second} min`);
  const before = server.count('/down.jpg');
  await rehostImages([url], config);
  assert.equal(server.count('/down.jpg'), before, 'a build before the retry time does not ask');
});

test('should make no request at all when offline', async () => {
  const config = await makeConfig();
  await rehostImages([at('/a.jpg')], config);
  const before = server.requests.length;
  const offline = await rehostImages([at('/a.jpg'), at('/late.jpg')], { ...config, images: { ...config.images, offline: true } });
  assert.equal(server.requests.length, before);
  assert.equal(offline.outcomes.get(at('/a.jpg'))?.status, 'cached');
  assert.deepEqual(
    { status: offline.outcomes.get(at('/late.jpg'))?.status, error: offline.outcomes.get(at('/late.jpg'))?.error },
    { status: 'skipped', error: 'offline' },
  );
});

test('should ignore a corrupt cache entry and fetch the image again', async () => {
  const config = await makeConfig();
  const first = await rehostImages([at('/late.jpg')], config);
  const originalsDir = path.join(config.cacheDir, 'images', 'originals');
  const names = await readdir(originalsDir);
  const bin = names.find((n) => n.endsWith('.bin'));
  assert.ok(bin);
  await writeFile(path.join(originalsDir, bin), 'truncated');
  const count = server.count('/late.jpg');
  const intact = await rehostImages([at('/late.jpg')], config);
  assert.equal(server.count('/late.jpg'), count, 'variants already made need no original: nothing is fetched');
  assert.equal(intact.outcomes.get(at('/late.jpg'))?.url, first.outcomes.get(at('/late.jpg'))?.url);

  // Without its variants the original is needed again, and the corrupt one is fetched anew.
  await rm(path.join(config.cacheDir, 'images', 'variants'), { recursive: true });
  const second = await rehostImages([at('/late.jpg')], config);
  assert.equal(server.count('/late.jpg'), count + 1);
  assert.equal(second.outcomes.get(at('/late.jpg'))?.status, 'rehosted');
  assert.equal(second.outcomes.get(at('/late.jpg'))?.url, first.outcomes.get(at('/late.jpg'))?.url);

  await writeFile(path.join(originalsDir, bin.replace(/\.bin$/, '.json')), '{"url": ');
  await rm(path.join(config.cacheDir, 'images', 'variants'), { recursive: true });
  await rehostImages([at('/late.jpg')], config);
  assert.equal(server.count('/late.jpg'), count + 2);
  // The repaired entry is used again.
  await rehostImages([at('/late.jpg')], config);
  assert.equal(server.count('/late.jpg'), count + 2);
  assert.equal((await readdir(originalsDir)).filter((n) => n.endsWith('.tmp')).length, 0, 'no temporary files left');
});

test('should report bad URLs and undecodable images as outcomes instead of throwing', async () => {
  const config = await makeConfig();
  const result = await rehostImages(['data:image/png;base64,iVBORw0KGgo=', '/relative.jpg', at('/huge.png')], config);
  assert.equal(result.outcomes.get('data:image/png;base64,iVBORw0KGgo=')?.status, 'skipped');
  assert.equal(result.outcomes.get('/relative.jpg')?.error, 'not an http(s) URL');
  assert.match(result.outcomes.get(at('/huge.png'))?.error ?? '', /100000×100000 pixels, more than the limit/);
  assert.deepEqual(result.files, []);
});

test('should keep at most `concurrency` downloads in flight', async () => {
  const config = await makeConfig({ concurrency: 2 });
  maxInFlight = 0;
  await rehostImages([at('/slow1.jpg'), at('/slow2.jpg'), at('/slow3.jpg')], config);
  assert.equal(maxInFlight, 2);
});

const corpus = new URL('../../../shared/corpus/', import.meta.url);
const hasCorpus = await stat(corpus).then(() => true, () => false);

test('should unwrap every real image URL to its origin and skip it when offline', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, async () => {
  const dir = new URL('real/', corpus);
  const srcs: string[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.md'))) {
    const text = await readFile(new URL(encodeURIComponent(name), dir), 'utf8');
    for (const match of text.matchAll(/<img\b[^>]*?\ssrc="([^"]+)"/g)) srcs.push(match[1] ?? '');
  }
  assert.ok(srcs.length > 50, `found ${srcs.length} images`);
  const config = await makeConfig({ offline: true });
  const { outcomes, files } = await rehostImages(srcs, config);
  assert.equal(outcomes.size, new Set(srcs).size);
  assert.deepEqual(files, []);
  for (const outcome of outcomes.values()) {
    assert.equal(outcome.status, 'skipped', outcome.original);
    assert.doesNotMatch(outcome.origin, /cors\.zfour\.workers\.dev/, outcome.original);
    assert.match(outcome.origin, /^https?:\/\/[^/]+\//, outcome.original);
  }
});
