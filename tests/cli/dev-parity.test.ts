import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { injectLiveReload } from '../../src/server/inject-live-reload.ts';
import { copyFixture, listFiles, REPO_ROOT, runCli } from '../helpers/run-cli.ts';

/** Starts `wirepress dev` in `cwd` on a free port; resolves once it says where it serves. */
async function startDev(args: readonly string[], cwd: string): Promise<{ dev: ChildProcess; url: string; exited: Promise<number | null> }> {
  const dev = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/wirepress.js'), 'dev', ...args, '--port', '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => dev.on('close', resolve));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev server did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /wirepress dev server: (http:\/\/\S+)/.exec(output)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    dev.stdout?.on('data', read);
    dev.stderr?.on('data', read);
  });
  return { dev, url, exited };
}

test('wirepress dev should serve the same pages that wirepress build writes', { timeout: 120_000 }, async () => {
  const dir = await copyFixture('basic', { PORT: '9' });
  const build = await runCli(['build', '--content', 'content', '--out', 'built', '--cache', '.cache', '--offline'], { cwd: dir });
  assert.equal(build.code, 0, build.stderr);

  const { dev, url, exited } = await startDev(['--content', 'content', '--out', 'served', '--cache', '.cache', '--offline'], dir);
  try {
    const built = path.join(dir, 'built');
    const pages = (await listFiles(built)).filter((file) => file.endsWith('.html'));
    assert.ok(pages.length >= 8);
    for (const file of pages) {
      const relative = path.relative(built, file).split(path.sep);
      const urlPath = relative.at(-1) === 'index.html' ? relative.slice(0, -1) : relative;
      const pageUrl = new URL(urlPath.map(encodeURIComponent).join('/') + (relative.at(-1) === 'index.html' && urlPath.length > 0 ? '/' : ''), url);
      const response = await fetch(pageUrl);
      const expected = await readFile(file, 'utf8');
      if (relative.join('/') === '404.html') continue;
      assert.equal(response.status, 200, pageUrl.href);
      assert.equal(await response.text(), injectLiveReload(expected), `${relative.join('/')} differs between dev and build`);
    }
  } finally {
    dev.kill('SIGINT');
  }
  assert.equal(await exited, 0, 'Ctrl-C stops the dev server cleanly');
});

test('wirepress dev should serve a Hexo blog with no flags, its pages and files, and a page saved while it runs', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-hexo-dev-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await cp(path.join(REPO_ROOT, 'tests/fixtures/hexo/date-permalink'), dir, { recursive: true, filter: (from) => !from.endsWith('.json') });
  const { dev, url, exited } = await startDev(['--offline'], dir);
  try {
    assert.match(await (await fetch(new URL('about/', url))).text(), /<h1>/);
    assert.equal(await (await fetch(new URL('CNAME', url))).text(), await readFile(path.join(dir, 'source/CNAME'), 'utf8'));
    await writeFile(path.join(dir, 'source/contact.md'), '---\ntitle: 联系我们\n---\n写信给 *编辑部*。\n');
    const deadline = Date.now() + 60_000;
    let page = await fetch(new URL('contact.html', url));
    while (page.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      page = await fetch(new URL('contact.html', url));
    }
    assert.equal(page.status, 200, 'the saved page is served once rebuilt');
    assert.match(await page.text(), /<em>编辑部<\/em>/);
  } finally {
    dev.kill('SIGINT');
  }
  assert.equal(await exited, 0, 'Ctrl-C stops the dev server cleanly');
});
