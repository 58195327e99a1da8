import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, type BuildResult } from '../../src/build.ts';
import { serve } from '../../src/server/index.ts';
import { siteUrls } from '../../src/urls/index.ts';
import { openEventStream, waitUntil } from '../helpers/http-helpers.ts';
import { makeConfig } from '../helpers/make-config.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = path.join(REPO, 'tests/fixtures/server/site');
const LIBRARY = '社区图书馆延长开放时间';
const BUS = '城市夜间公交线路调整';
const FERRY = 'Harbour ferry timetable extended';

/** A post in the feed bot's format: blank first line, front matter, HTML body, 12 trailing spaces. */
function botPost(title: string, body: string, date = 'Thu, 21 Oct 2021 08:00:00 GMT'): string {
  return `\n---\ntitle: '${title}'\ncategories: \n - 新媒体\n - ZAKER\n - channel\nauthor: ZAKER\ncomments: false\ndate: ${date}\n---\n\n<div>\n<p>${body}</p>\n</div>\n            `;
}

test('should build, serve, and follow edits, new, broken and deleted posts on the real pipeline', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-server-dev-'));
  await cp(FIXTURE, dir, { recursive: true });
  const content = path.join(dir, 'content');
  const config = makeConfig(dir);
  const controller = new AbortController();
  const logs: string[] = [];
  let last: BuildResult | undefined;
  let url = '';
  let stopped!: Promise<number>;
  await new Promise<void>((resolve, reject) => {
    stopped = serve(
      config,
      { port: 0, host: '127.0.0.1', signal: controller.signal, onListening: (u) => ((url = u), resolve()) },
      { build: async (c, o) => (last = await buildSite(c, o)), stdout: () => {}, stderr: (t) => logs.push(t) },
    );
    stopped.catch(reject);
  });
  const get = async (target: string) => {
    const res = await fetch(new URL(target, url));
    return { status: res.status, body: await res.text() };
  };
  const urlOf = (title: string) => last?.articles.find((a) => a.title === title)?.url;

  try {
    assert.equal(last?.articles.length, 3, logs.join('\n'));
    const home = await get('/');
    assert.equal(home.status, 200);
    for (const title of [LIBRARY, BUS, FERRY]) assert.ok(home.body.includes(title), `home lists ${title}`);
    assert.match(home.body, /<script src="\/__wirepress\/live-reload\.js" defer><\/script>\s*<\/body>/i);

    const libraryUrl = urlOf(LIBRARY)!;
    const article = await get(libraryUrl);
    assert.equal(article.status, 200);
    assert.match(article.body, /自助借还设备/);
    assert.equal((await get(siteUrls(config).categoryUrl(['新媒体']))).status, 200, 'a Chinese category page is served');

    const events = await openEventStream(url);

    // Edit a post: the change shows.
    const libraryFile = path.join(content, `${LIBRARY}.md`);
    await writeFile(libraryFile, (await readFile(libraryFile, 'utf8')).replace('自助借还设备', '夜间还书箱'));
    await events.next('reload', 0);
    await waitUntil(async () => (await get(libraryUrl)).body.includes('夜间还书箱'), 'the edit is served');

    // Add a post: the home page lists it.
    let mark = events.events.length;
    await writeFile(path.join(content, '港口新增两台岸桥.md'), botPost('港口新增两台岸桥', '两台新岸桥本周投入使用。'));
    await events.next('reload', mark);
    await waitUntil(async () => (await get('/')).body.includes('港口新增两台岸桥'), 'the new post is on the home page');

    // Break a post: the server keeps serving and the browser gets an error.
    mark = events.events.length;
    const busFile = path.join(content, `${BUS}.md`);
    await writeFile(busFile, (await readFile(busFile, 'utf8')).replace(`title: '${BUS}'`, `title: '${BUS}`));
    const error = JSON.parse((await events.next('error', mark)).data);
    assert.ok(error.problems.some((p: { file?: string; line?: number }) => p.file?.endsWith(`${BUS}.md`) && typeof p.line === 'number'), JSON.stringify(error));
    const afterBreak = await get('/');
    assert.equal(afterBreak.status, 200);
    assert.ok(afterBreak.body.includes(LIBRARY), 'the other posts are still served');
    assert.ok(logs.some((l) => l.includes(`${BUS}.md`) && /\d+:\d+\s+error/.test(l)), 'the terminal names file:line');

    // Delete a post: its page and its home-page entry are gone.
    const ferryUrl = urlOf(FERRY)!;
    mark = events.events.length;
    await unlink(path.join(content, `${FERRY}.md`));
    await events.next('error', mark); // the broken post is still broken, so the event is an error report
    await waitUntil(async () => (await get(ferryUrl)).status === 404, 'the deleted post is gone');
    assert.ok(!(await get('/')).body.includes(FERRY));
    events.close();
  } finally {
    controller.abort();
    assert.equal(await stopped, 0);
    await rm(dir, { recursive: true, force: true });
  }
});

test('should exit 0 by itself on Ctrl-C (SIGINT) from the command line', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-server-cli-'));
  await cp(FIXTURE, dir, { recursive: true });
  const script = `import { main } from ${JSON.stringify(path.join(REPO, 'src/cli.ts'))}; process.exitCode = await main(process.argv.slice(1));`;
  const child = spawn(
    process.execPath,
    // tsx resolved from this repository: the child runs in a temp folder with no node_modules.
    ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script, 'dev', '--port', '0', '--offline', '--content', 'content', '--out', '_site', '--cache', '.cache'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout);
        if (match) resolve(match[0]);
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${code}:\n${stderr}`)));
    });
    assert.equal((await fetch(url)).status, 200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    assert.equal(await exited, 0, `the process should end by itself with 0:\n${stderr}`);
    clearTimeout(timer);
  } finally {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});
