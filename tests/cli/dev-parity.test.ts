import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { injectLiveReload } from '../../src/server/inject-live-reload.ts';
import { copyFixture, listFiles, REPO_ROOT, runCli } from '../support/run-cli.ts';

test('wirepress dev should serve the same pages that wirepress build writes', { timeout: 120_000 }, async () => {
  const dir = await copyFixture('basic', { PORT: '9' });
  const build = await runCli(['build', '--content', 'content', '--out', 'built', '--cache', '.cache', '--offline'], { cwd: dir });
  assert.equal(build.code, 0, build.stderr);

  const dev = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/wirepress.js'), 'dev', '--content', 'content', '--out', 'served', '--cache', '.cache', '--offline', '--port', '0'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
    dev.stdout.on('data', read);
    dev.stderr.on('data', read);
  });

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
