import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite, type BuildResult } from '../../src/build.ts';
import { rehostImages } from '../../src/images/index.ts';
import { createBackgroundImages } from '../../src/server/background-images.ts';
import { serve } from '../../src/server/index.ts';
import { startImageOrigin } from '../helpers/image-origin.ts';
import { openEventStream, waitUntil } from '../helpers/http-helpers.ts';
import { makeConfig } from '../helpers/make-config.ts';

function post(title: string, image: string): string {
  return `---\ntitle: ${title}\ndate: 2021-10-21 08:00:00\ncategories: [新闻]\n---\n<p>正文第一段。</p><p><img src="${image}" alt="图"></p>\n`;
}

test('should serve pages at once with uncached images linked to their origin, then fetch them in the background and reload', { timeout: 120_000 }, async () => {
  const origin = await startImageOrigin();
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-server-images-'));
  await mkdir(path.join(dir, 'content'));
  await writeFile(path.join(dir, 'content', 'photo.md'), post('图片新闻', `http://${origin.host}/photo.jpg`));
  const config = makeConfig(dir, {
    images: { widths: [480], concurrency: 2, timeoutMs: 5000, maxBytes: 1 << 22, maxPixels: 1 << 24, offline: false, retryFailed: false, onFailure: 'link', allowHosts: ['127.0.0.1'] },
  });
  const controller = new AbortController();
  const logs: string[] = [];
  const builds: BuildResult[] = [];
  let url = '';
  let firstBuildRequests = -1;
  // The download waits until the test listens to the event stream, so the reload cannot be missed.
  let listening!: () => void;
  const streamOpen = new Promise<void>((resolve) => (listening = resolve));
  const stopped = new Promise<number>((resolve, reject) => {
    serve(
      config,
      { port: 0, signal: controller.signal, onListening: (u) => void (url = u) },
      {
        build: async (c, o) => {
          const result = await buildSite(c, o);
          if (builds.length === 0) firstBuildRequests = origin.requests.get('/photo.jpg') ?? 0;
          builds.push(result);
          return result;
        },
        rehost: async (...args) => {
          await streamOpen;
          return rehostImages(...args);
        },
        stdout: () => {},
        stderr: (t) => logs.push(t),
      },
    ).then(resolve, reject);
  });
  try {
    await waitUntil(async () => url !== '', 'the server listens', 30_000);
    assert.equal(firstBuildRequests, 0, 'the first build does not wait for the download');
    const page = () => fetch(new URL(builds[0]!.articles[0]!.url, url)).then((r) => r.text());
    assert.match(await page(), new RegExp(`src="http://${origin.host}/photo\\.jpg"`), 'meanwhile the page links the origin');
    const events = await openEventStream(url);
    listening();
    await events.next('reload', 0, 60_000);
    assert.equal(builds.length, 2, 'one rebuild once the image arrived');
    const html = await page();
    assert.match(html, /src="\/images\/[0-9a-f]+-\d+\.jpg"/, 'the page shows the re-hosted image');
    assert.ok(!html.includes(origin.host), 'and no longer links the origin');
    assert.equal(origin.requests.get('/photo.jpg'), 1, 'the image was downloaded once');
    assert.ok(logs.some((l) => /fetching 1 image in the background/.test(l)), logs.join('\n'));
    assert.ok(!logs.some((l) => /not re-hosted \(offline\)/.test(l)), 'no warning about images being fetched');
    events.close();
  } finally {
    controller.abort();
    assert.equal(await stopped, 0);
    await origin.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});

test('should try each missing image once per session and never when the site is offline', async () => {
  const asked: string[][] = [];
  let ready = 0;
  const images = createBackgroundImages({
    rehost: async (originals) => {
      asked.push([...originals]);
      return { outcomes: new Map(originals.map((o) => [o, { original: o, origin: o, status: 'failed' as const, error: 'HTTP 404' }])), files: [] };
    },
    onReady: () => void (ready += 1),
    print: () => {},
  });
  const skipped = (original: string) => ({ original, origin: original, status: 'skipped' as const, error: 'offline' });
  const result = { articles: [{ images: [skipped('https://a.example/1.jpg'), skipped('https://a.example/1.jpg')] }] } as unknown as BuildResult;
  const online = makeConfig('/tmp/unused', {});
  const onlineConfig = { ...online, images: { ...online.images, offline: false } };
  images.fetchMissing(online, result);
  images.fetchMissing(onlineConfig, result);
  images.fetchMissing(onlineConfig, result);
  await images.close();
  assert.deepEqual(asked, [['https://a.example/1.jpg']], 'asked once, de-duplicated, never for an offline site');
  assert.equal(ready, 0, 'no rebuild when nothing arrived');
});

test('should say where the whole background download stands after each batch: running totals, not the batch', async () => {
  const lines: string[] = [];
  const origins = Array.from({ length: 40 }, (_, i) => `https://img.example.org/${i}.jpg`);
  const images = createBackgroundImages({
    // Every fifth image is gone.
    rehost: (async (batch: readonly string[]) => ({
      outcomes: new Map(batch.map((original) => [original, { original, origin: original, status: Number(/(\d+)\.jpg/.exec(original)![1]) % 5 === 0 ? 'failed' : 'rehosted' }])),
      files: [],
    })) as unknown as Parameters<typeof createBackgroundImages>[0]['rehost'],
    onReady: () => {},
    print: (line) => lines.push(line),
  });
  const base = makeConfig(await mkdtemp(path.join(tmpdir(), 'wirepress-totals-')));
  const config = { ...base, images: { ...base.images, offline: false } };
  const skipped = origins.map((original) => ({ original, origin: original, status: 'skipped', error: 'offline' }));
  images.fetchMissing(config, { articles: [{ images: skipped }] } as unknown as BuildResult);
  for (let waited = 0; !lines.at(-1)?.endsWith('all tried') && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  await images.close();
  assert.equal(lines.at(-1), 'images: 32 fetched, 8 failed (their pages keep linking the origin), all tried');
  assert.match(lines[1]!, /^images: 12 fetched, 4 failed .*, 24 to go$/);
});
