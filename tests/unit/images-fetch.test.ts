import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { fetchImage, USER_AGENT } from '../../src/images/fetch-image.ts';
import { sniffImageType } from '../../src/images/sniff-image-type.ts';
import { createLoopbackOnlyAgent } from '../helpers/loopback-only-agent.ts';
import { makeAnimatedGif, makeJpeg, makeTransparentPng, SVG_WITH_SCRIPT } from '../helpers/make-test-images.ts';
import { redirect, serve, startOriginServer, type Route } from '../helpers/origin-server.ts';

const png = await makeTransparentPng();
let flakyCalls = 0;
const flaky: Route = (_request, response) => {
  flakyCalls += 1;
  if (flakyCalls === 1) response.writeHead(500).end('try again');
  else response.writeHead(200, { 'content-type': 'image/png' }).end(png);
};
let droppedCalls = 0;
const dropsFirst: Route = (request, response) => {
  droppedCalls += 1;
  if (droppedCalls === 1) request.socket.destroy();
  else response.writeHead(200, { 'content-type': 'image/png' }).end(png);
};
const slow: Route = (_request, response) => {
  const timer = setTimeout(() => response.writeHead(200, { 'content-type': 'image/png' }).end(png), 3000);
  response.on('close', () => clearTimeout(timer));
};
// 8 MiB of zeros gzip to about 8 KB: the cap must count what it decodes to, not what travels.
const bomb = gzipSync(Buffer.concat([png.subarray(0, 8), Buffer.alloc(8 * 1024 * 1024)]));

const server = await startOriginServer({
  '/ok.png': serve(png, 'image/png; charset=binary'),
  '/flaky.png': flaky,
  '/drops.png': dropsFirst,
  '/down.png': (_request, response) => response.writeHead(503).end(),
  '/slow.png': slow,
  '/bomb.png': serve(bomb, 'image/png', { 'content-encoding': 'gzip' }),
  '/fake.jpg': serve('<!doctype html><title>404</title><p>Not found', 'image/jpeg'),
  '/page.jpg': serve(await makeJpeg(10, 10), 'text/html'),
  '/logo.svg': serve(SVG_WITH_SCRIPT, 'image/svg+xml'),
  '/svg-as-jpeg.jpg': serve(SVG_WITH_SCRIPT, 'image/jpeg'),
  '/r1': redirect('/r2', 301),
  '/r2': redirect('/ok.png', 307),
  '/loop': redirect('/loop'),
});
const { agent } = createLoopbackOnlyAgent();
after(async () => {
  await agent.close();
  await server.close();
});
const options = { dispatcher: agent, allowHosts: ['127.0.0.1'], timeoutMs: 1000, maxBytes: 1 << 20, retryDelayMs: 10 };
const url = (path: string) => `${server.origin}${path}`;

test('should download an image with our User-Agent and no Referer', async () => {
  const image = await fetchImage(url('/ok.png'), options);
  assert.equal(image.kind, 'png');
  assert.equal(image.contentType, 'image/png');
  assert.deepEqual(image.bytes, png);
  const request = server.requests.find((r) => r.path === '/ok.png');
  assert.equal(request?.headers['user-agent'], USER_AGENT);
  assert.equal(request?.headers.referer, undefined);
});

test('should retry a 5xx and succeed on the next attempt', async () => {
  const image = await fetchImage(url('/flaky.png'), options);
  assert.equal(image.kind, 'png');
  assert.equal(server.count('/flaky.png'), 2);
});

test('should retry after a network error', async () => {
  const image = await fetchImage(url('/drops.png'), options);
  assert.equal(image.kind, 'png');
  assert.equal(server.count('/drops.png'), 2);
});

test('should report a refused connection as a network error after retrying', async () => {
  const closed = await startOriginServer({});
  const target = `${closed.origin}/a.png`;
  await closed.close();
  await assert.rejects(fetchImage(target, options), /network error: ECONNREFUSED/);
});

test('should give up after two retries of a 5xx', async () => {
  await assert.rejects(fetchImage(url('/down.png'), options), /HTTP 503/);
  assert.equal(server.count('/down.png'), 3);
});

test('should not retry a 404', async () => {
  await assert.rejects(fetchImage(url('/missing.png'), options), /HTTP 404/);
  assert.equal(server.count('/missing.png'), 1);
});

test('should time out a slow origin', async () => {
  const started = Date.now();
  await assert.rejects(fetchImage(url('/slow.png'), { ...options, timeoutMs: 200 }), /timed out after 200 ms/);
  assert.ok(Date.now() - started < 1500, 'gave up long before the response');
  assert.equal(server.count('/slow.png'), 1);
});

test('should cap the decoded size, not the transferred size', async () => {
  assert.ok(bomb.length < 64 * 1024, `bomb is ${bomb.length} bytes on the wire`);
  await assert.rejects(fetchImage(url('/bomb.png'), options), /larger than 1048576 bytes/);
  // With a cap above the decoded size, the same response goes through: it is the counting that refused it.
  const image = await fetchImage(url('/bomb.png'), { ...options, maxBytes: 16 << 20 });
  assert.equal(image.bytes.length, 8 + 8 * 1024 * 1024);
});

test('should refuse an HTML page served as image/jpeg', async () => {
  await assert.rejects(fetchImage(url('/fake.jpg'), options), /not an image \(image\/jpeg body is no known image format\)/);
});

test('should refuse a non-image Content-Type even with image bytes', async () => {
  await assert.rejects(fetchImage(url('/page.jpg'), options), /not an image \(Content-Type text\/html\)/);
});

test('should take SVG only when served as image/svg+xml', async () => {
  assert.equal((await fetchImage(url('/logo.svg'), options)).kind, 'svg');
  await assert.rejects(fetchImage(url('/svg-as-jpeg.jpg'), options), /SVG body served as image\/jpeg/);
});

test('should follow redirects, at most five', async () => {
  assert.equal((await fetchImage(url('/r1'), options)).kind, 'png');
  await assert.rejects(fetchImage(url('/loop'), options), /more than 5 redirects/);
  assert.equal(server.count('/loop'), 6);
});

test('should recognise image formats by their magic bytes', async () => {
  assert.equal(sniffImageType(await makeJpeg(4, 4)), 'jpeg');
  assert.equal(sniffImageType(png), 'png');
  assert.equal(sniffImageType(await makeAnimatedGif()), 'gif');
  assert.equal(sniffImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')), 'webp');
  assert.equal(sniffImageType(Buffer.from('\0\0\0\x1cftypavif\0\0\0\0avifmif1', 'latin1')), 'avif');
  assert.equal(sniffImageType(Buffer.from('\uFEFF<!-- logo --><svg viewBox="0 0 1 1"></svg>')), 'svg');
  assert.equal(sniffImageType(Buffer.from('<html><svg></svg></html>')), undefined);
  assert.equal(sniffImageType(Buffer.from('\0\0\0\x1cftypmp42\0\0\0\0isom', 'latin1')), undefined);
  assert.equal(sniffImageType(Buffer.alloc(0)), undefined);
});
