import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '../../src/server/index.ts';
import { CHROMIUM, HAS_CHROMIUM, launchChromium } from '../helpers/browser.ts';
import { createFakeBuild, HOSTILE_MESSAGE } from '../helpers/fake-build.ts';
import { makeConfig } from '../helpers/make-config.ts';

const OVERLAY = '#wirepress-error-overlay';

// The site's own policy: no inline script, no inline style (the overlay must still work).
// Waits use locators, not page functions: the page's CSP forbids the eval behind `waitForFunction`.
const page = (version: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'"><title>t</title></head><body><p id="v">${version}</p></body></html>`;

test('should reload the page, show the overlay as text under a strict CSP, and clear it on a good build', { skip: HAS_CHROMIUM ? false : `needs Chromium at ${CHROMIUM}`, timeout: 120_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-server-browser-'));
  await mkdir(path.join(dir, 'content'));
  const post = path.join(dir, 'content', 'post.md');
  await writeFile(post, 'v1');
  const fake = createFakeBuild(page);
  const controller = new AbortController();
  let url = '';
  const stopped = new Promise<number>((resolveCode, reject) => {
    const running = serve(
      makeConfig(dir),
      { port: 0, host: '127.0.0.1', signal: controller.signal, onListening: (u) => (url = u) },
      { build: fake.build, stdout: () => {}, stderr: () => {}, debounceMs: 50 },
    );
    running.then(resolveCode, reject);
  });
  while (url === '') await new Promise((r) => setTimeout(r, 20));
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    const problems: string[] = [];
    // Failed loads are checked by URL below (Chromium asks for /favicon.ico, which this site lacks).
    tab.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
    tab.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`));
    tab.on('pageerror', (e) => problems.push(e.message));
    const connected = () => {
      const waiting = tab.waitForResponse((r) => r.url().endsWith('/__wirepress/events'));
      waiting.catch(() => {}); // awaited below; a failure elsewhere must not surface as an unhandled rejection
      return waiting;
    };
    let ready = connected();
    await tab.goto(url);
    await ready;
    assert.equal(await tab.textContent('#v'), 'v1');

    // A good rebuild reloads the page.
    ready = connected();
    await writeFile(post, 'v2');
    await tab.locator('#v', { hasText: /^v2$/ }).waitFor();
    await ready;

    // A skipped post: the page reloads, then the replayed error shows the overlay, as text.
    fake.state.mode = 'skip';
    ready = connected();
    await writeFile(post, 'v3');
    await tab.waitForSelector(OVERLAY);
    await ready;
    assert.equal(await tab.textContent('#v'), 'v3');
    const overlay = await tab.textContent(OVERLAY);
    assert.ok(overlay?.includes(HOSTILE_MESSAGE), overlay ?? '');
    assert.match(overlay ?? '', /broken\.md:3/);
    assert.equal(await tab.locator(`${OVERLAY} img`).count(), 0, 'the message markup stayed text');
    assert.equal(await tab.evaluate('typeof window.pwned'), 'undefined');

    // A fatal error: no reload, the old page stays under the overlay.
    fake.state.mode = 'fatal';
    await writeFile(post, 'v4');
    await tab.locator(OVERLAY, { hasText: 'template error' }).waitFor();
    assert.equal(await tab.textContent('#v'), 'v3');

    // The next good build clears the overlay.
    fake.state.mode = 'ok';
    await writeFile(post, 'v5');
    await tab.locator('#v', { hasText: /^v5$/ }).waitFor();
    await tab.waitForLoadState('load');
    assert.equal(await tab.locator(OVERLAY).count(), 0);
    assert.deepEqual(problems, [], 'no CSP violation or script error');
  } finally {
    await browser.close();
    controller.abort();
    assert.equal(await stopped, 0);
    await rm(dir, { recursive: true, force: true });
  }
});
