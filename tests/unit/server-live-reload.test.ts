import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SiteConfig } from '../../src/config/index.ts';
import { BuildError } from '../../src/report/build-error.ts';
import { serve } from '../../src/server/index.ts';
import { openEventStream, waitUntil } from '../helpers/http-helpers.ts';
import { createFakeBuild, HOSTILE_MESSAGE } from '../helpers/fake-build.ts';
import { makeConfig } from '../helpers/make-config.ts';

async function startServer(configure: (dir: string) => SiteConfig, extra: { reloadConfig?: () => Promise<SiteConfig> } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-server-live-'));
  await mkdir(path.join(dir, 'content'));
  await writeFile(path.join(dir, 'content', 'post.md'), 'v1');
  const fake = createFakeBuild();
  const controller = new AbortController();
  const logs: string[] = [];
  let url = '';
  let stopped!: Promise<number>;
  const config = configure(dir);
  await new Promise<void>((resolve, reject) => {
    stopped = serve(
      config,
      { port: 0, host: '127.0.0.1', signal: controller.signal, onListening: (u) => ((url = u), resolve()), ...extra },
      { build: fake.build, stdout: () => {}, stderr: (t) => logs.push(t), debounceMs: 50 },
    );
    stopped.catch(reject);
  });
  const page = async () => (await fetch(url)).text();
  const cleanup = async () => {
    controller.abort();
    const code = await stopped;
    await rm(dir, { recursive: true, force: true });
    return code;
  };
  return { dir, url, fake, logs, page, cleanup, controller };
}

test('should rebuild on a change, send reload, and serve the new page', async () => {
  const s = await startServer((dir) => makeConfig(dir));
  try {
    const stream = await openEventStream(s.url);
    assert.match(await s.page(), /v1/);
    await writeFile(path.join(s.dir, 'content', 'post.md'), 'v2');
    await stream.next('reload', 0);
    assert.match(await s.page(), /v2/);
    stream.close();
  } finally {
    assert.equal(await s.cleanup(), 0);
  }
});

test('should fold a burst of changes into few builds and never run two at once', async () => {
  const s = await startServer((dir) => makeConfig(dir));
  try {
    const before = s.fake.state.builds;
    for (let i = 0; i < 20; i += 1) {
      await writeFile(path.join(s.dir, 'content', `burst-${i % 5}.md`), String(i));
      await new Promise((r) => setTimeout(r, 20));
    }
    await writeFile(path.join(s.dir, 'content', 'post.md'), 'after the burst');
    await waitUntil(async () => /after the burst/.test(await s.page()), 'the last change is served');
    assert.equal(s.fake.state.maxRunning, 1, 'two builds ran at once');
    // 21 writes 20 ms apart: debouncing must fold them. The bound is loose because a loaded machine
    // (CI runs every test file at once) can stretch the gaps past the debounce window now and then.
    assert.ok(s.fake.state.builds - before <= 10, `${s.fake.state.builds - before} builds for 21 changes`);
  } finally {
    assert.equal(await s.cleanup(), 0);
  }
});

test('should send skipped posts to the overlay and repeat them to pages loaded later', async () => {
  const s = await startServer((dir) => makeConfig(dir));
  try {
    const stream = await openEventStream(s.url);
    s.fake.state.mode = 'skip';
    await writeFile(path.join(s.dir, 'content', 'post.md'), 'v3');
    const event = await stream.next('error', 0);
    const report = JSON.parse(event.data);
    assert.equal(report.published, true, 'the rest of the site was rebuilt: the page reloads');
    assert.equal(report.problems[0].file, path.join(path.relative(process.cwd(), path.join(s.dir, 'content')), 'broken.md'));
    assert.equal(report.problems[0].line, 3);
    assert.equal(report.problems[0].message, HOSTILE_MESSAGE);
    assert.match(await s.page(), /v3/, 'the good posts are still published');
    assert.ok(s.logs.some((l) => /broken\.md/.test(l) && /3:1\s+error/.test(l)), 'diagnostics printed with file:line');

    const late = await openEventStream(s.url);
    const replay = await late.next('error', 0);
    assert.equal(JSON.parse(replay.data).published, false, 'a replay must not reload the page again');

    s.fake.state.mode = 'ok';
    await writeFile(path.join(s.dir, 'content', 'post.md'), 'v4');
    await late.next('reload', 0);
    const fresh = await openEventStream(s.url);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(fresh.events, [], 'no overlay after a good build');
    for (const es of [stream, late, fresh]) es.close();
  } finally {
    assert.equal(await s.cleanup(), 0);
  }
});

test('should keep serving the last good site after a fatal rebuild error', async () => {
  const s = await startServer((dir) => makeConfig(dir));
  try {
    const stream = await openEventStream(s.url);
    s.fake.state.mode = 'fatal';
    await writeFile(path.join(s.dir, 'content', 'post.md'), 'v5');
    const report = JSON.parse((await stream.next('error', 0)).data);
    assert.equal(report.published, false);
    assert.equal(report.problems[0].file, 'templates/post.njk');
    assert.match(report.problems[0].message, /template error/);
    assert.match(await s.page(), /v1/, 'the last good site is still served');
    assert.ok(s.logs.some((l) => /✖ template error/.test(l)));
    stream.close();
  } finally {
    assert.equal(await s.cleanup(), 0);
  }
});

test('should reload the config when its file changes and serve the new output folder', async () => {
  let configFile = '';
  let reloads = 0;
  const s = await startServer(
    (dir) => {
      configFile = path.join(dir, 'wirepress.config.yml');
      return makeConfig(dir, { configFiles: [configFile] });
    },
    {
      reloadConfig: async () => {
        reloads += 1;
        const dir = path.dirname(configFile);
        return makeConfig(dir, { configFiles: [configFile], outDir: path.join(dir, 'public-out') });
      },
    },
  );
  try {
    await writeFile(configFile, 'title: first\n');
    await waitUntil(async () => reloads > 0, 'the config is reloaded');
    await waitUntil(async () => (await readFile(path.join(s.dir, 'public-out', 'index.html'), 'utf8')).includes('v1'), 'the new folder is built');
    await writeFile(path.join(s.dir, 'public-out', 'marker.txt'), 'new folder');
    assert.equal(await (await fetch(new URL('/marker.txt', s.url))).text(), 'new folder');
  } finally {
    assert.equal(await s.cleanup(), 0);
  }
});

test('should end event streams, watchers and the server on abort, resolving 0', async () => {
  const handlesBefore = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout').length;
  const s = await startServer((dir) => makeConfig(dir));
  const stream = await openEventStream(s.url);
  s.controller.abort();
  assert.equal(await s.cleanup(), 0);
  stream.close();
  await new Promise((r) => setTimeout(r, 100));
  const leftover = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout');
  assert.ok(leftover.length <= handlesBefore, `left behind: ${leftover.join(', ')}`);
  await assert.rejects(fetch(s.url), 'the server no longer answers');
});

test('should fail with a BuildError when the port is taken', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const port = (blocker.address() as { port: number }).port;
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-server-port-'));
  try {
    await assert.rejects(
      serve(makeConfig(dir), { port, host: '127.0.0.1' }, { build: createFakeBuild().build, stdout: () => {}, stderr: () => {} }),
      (error: unknown) => error instanceof BuildError && /EADDRINUSE/.test(error.message),
    );
  } finally {
    blocker.close();
    await rm(dir, { recursive: true, force: true });
  }
});
