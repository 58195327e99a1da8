import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BuildResult } from '../../src/build.ts';
import { serve } from '../../src/server/index.ts';
import { rawRequest } from '../helpers/http-helpers.ts';
import { makeConfig } from '../helpers/make-config.ts';

const SECRET = 'top secret: never served';
let dir: string;
let url: string;
let port: number;
let stopped: Promise<number>;
const controller = new AbortController();

/** A stand-in for buildSite: writes a small site straight into the output folder. */
async function fakeBuild(config: { outDir: string }): Promise<BuildResult> {
  const out = config.outDir;
  const files: Record<string, string | Buffer> = {
    'index.html': '<!doctype html><html><body><h1>home</h1></body></html>',
    'categories/新媒体/index.html': '<!doctype html><html><body><h1>新媒体</h1></body></html>',
    'style.css': 'body { color: black }',
    'a.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    '404.html': '<!doctype html><html><body><h1>Not here</h1></body></html>',
  };
  for (const [file, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(out, file)), { recursive: true });
    await writeFile(path.join(out, file), body);
  }
  await symlink(path.join(dir, 'outside.txt'), path.join(out, 'link.txt'));
  await symlink(path.join(dir, '_site-secret'), path.join(out, 'dirlink'));
  return { articles: [], diagnostics: [], excluded: [], total: 0, pages: 3, rendered: 3, timings: [] };
}

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirepress-server-static-'));
  await mkdir(path.join(dir, 'content'));
  await mkdir(path.join(dir, '_site-secret'));
  await writeFile(path.join(dir, '_site-secret', 'secret.txt'), SECRET);
  await writeFile(path.join(dir, 'outside.txt'), SECRET);
  await new Promise<void>((resolve) => {
    stopped = serve(
      makeConfig(dir),
      { port: 0, host: '127.0.0.1', signal: controller.signal, onListening: (u) => ((url = u), resolve()) },
      { build: (config) => fakeBuild(config), stdout: () => {}, stderr: () => {} },
    );
  });
  port = Number(new URL(url).port);
});

after(async () => {
  controller.abort();
  assert.equal(await stopped, 0);
  await rm(dir, { recursive: true, force: true });
});

test('should print a real URL on 127.0.0.1 when asked for port 0', () => {
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.notEqual(port, 0);
});

test('should serve index.html for directory URLs, with live reload injected and no caching', async () => {
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const body = await res.text();
  assert.equal(body, '<!doctype html><html><body><h1>home</h1><script src="/__wirepress/live-reload.js" defer></script>\n</body></html>');
  const onDisk = await readFile(path.join(dir, '_site', 'index.html'), 'utf8');
  assert.doesNotMatch(onDisk, /live-reload/, 'the file on disk is untouched');
});

test('should decode UTF-8 paths such as Chinese category folders', async () => {
  const res = await fetch(new URL('/categories/%E6%96%B0%E5%AA%92%E4%BD%93/', url));
  assert.equal(res.status, 200);
  assert.match(await res.text(), /<h1>新媒体<\/h1>/);
});

test('should redirect a directory URL without its slash', async () => {
  const res = await rawRequest(url, '/categories/%E6%96%B0%E5%AA%92%E4%BD%93?x=1');
  assert.equal(res.status, 301);
  assert.equal(res.headers.location, '/categories/%E6%96%B0%E5%AA%92%E4%BD%93/?x=1');
});

test('should send the right content type for assets', async () => {
  const css = await fetch(new URL('/style.css', url));
  assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
  assert.equal(await css.text(), 'body { color: black }');
  const png = await fetch(new URL('/a.png', url));
  assert.equal(png.headers.get('content-type'), 'image/png');
  assert.equal((await png.arrayBuffer()).byteLength, 8);
});

test('should answer unknown paths with the site’s 404.html and status 404', async () => {
  const res = await fetch(new URL('/no/such/page/', url));
  assert.equal(res.status, 404);
  const body = await res.text();
  assert.match(body, /<h1>Not here<\/h1>/);
  assert.match(body, /live-reload\.js/);
});

test('should answer HEAD with headers only and refuse other methods with 405', async () => {
  const head = await rawRequest(url, '/style.css', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-length'], String('body { color: black }'.length));
  assert.equal(head.body, '');
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
    const res = await rawRequest(url, '/', { method });
    assert.equal(res.status, 405, method);
    assert.equal(res.headers.allow, 'GET, HEAD');
  }
});

test('should never serve anything outside the output folder', async () => {
  const hostile = [
    '/../_site-secret/secret.txt',
    '/../outside.txt',
    '/%2e%2e/_site-secret/secret.txt',
    '/%2E%2E%2F_site-secret%2Fsecret.txt',
    '/..%2f_site-secret%2fsecret.txt',
    '/..%5c_site-secret%5csecret.txt',
    '/%252e%252e/_site-secret/secret.txt',
    '/%252e%252e%252f_site-secret%252fsecret.txt',
    '/_site-secret/secret.txt',
    '/link.txt',
    '/dirlink/secret.txt',
    '/%00',
    '/secret.txt%00.html',
    '/%',
    '/%E6%96',
    `/${'../'.repeat(20)}etc/passwd`,
  ];
  for (const target of hostile) {
    const res = await rawRequest(url, target);
    assert.ok([400, 403, 404].includes(res.status), `${target} → ${res.status}`);
    assert.doesNotMatch(res.body, /top secret/, target);
  }
});

test('should refuse requests whose Host is not the server’s own (DNS rebinding)', async () => {
  for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`]) {
    const res = await rawRequest(url, '/', { headers: { Host: host } });
    assert.equal(res.status, 403, host);
    assert.doesNotMatch(res.body, /home/);
  }
  for (const host of [`localhost:${port}`, `[::1]:${port}`]) {
    assert.equal((await rawRequest(url, '/', { headers: { Host: host } })).status, 200, host);
  }
});

test('should survive malformed requests and keep serving', async () => {
  const garbage = ['GARBAGE\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n', 'GET /\u0000 HTTP/1.1\r\n\r\n', '\u0016\u0003\u0001\u0000\u00a5'];
  for (const text of garbage) {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(text));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(data));
    });
    assert.ok(reply === '' || reply.startsWith('HTTP/1.1 400'), JSON.stringify(reply));
  }
  assert.equal((await fetch(url)).status, 200);
});

test('should serve the live-reload script as a file that builds the overlay without innerHTML', async () => {
  const res = await fetch(new URL('/__wirepress/live-reload.js', url));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
  const script = await res.text();
  assert.match(script, /new EventSource\("\/__wirepress\/events"\)/);
  assert.match(script, /textContent/);
  assert.doesNotMatch(script, /innerHTML|insertAdjacentHTML|document\.write/);
});
