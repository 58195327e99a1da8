import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { BuildReport } from '../../src/report/build-report.ts';
import { REPO_ROOT } from '../support/run-cli.ts';

// wirepress as a user gets it: packed (or cloned from git), installed into a
// blog of their own with npm, run there with `npx wirepress build`. The
// repository's own node_modules/ and its symlinks hide what this finds: an
// installed package once rendered 0 pages, its templates under node_modules/.
// npm fetches from the registry (cached after the first run); about a minute.

const INSTALL_TIMEOUT_MS = 10 * 60_000;
const ROOT = await mkdtemp(path.join(tmpdir(), 'wirepress-packed-'));
after(() => rm(ROOT, { recursive: true, force: true, maxRetries: 3 }));

/** The flags of the build, beside the blog's layout in {@link writeBlog}. */
const BUILD_FLAGS = ['--content', 'content', '--out', '_site'];

/** A post as a feed bot writes it. */
interface BotPost {
  readonly file: string;
  readonly title: string;
  readonly categories: readonly string[];
  readonly date: string;
  readonly body: string;
}

const POSTS: readonly BotPost[] = [
  {
    file: '港口夜间装卸效率提升三成.md',
    title: '港口夜间装卸效率提升三成',
    categories: ['新媒体', 'ZAKER', 'channel'],
    date: 'Tue, 14 Mar 2023 22:10:00 GMT',
    body: '<p>新投用的自动化桥吊让夜班作业不再依赖人工瞭望。</p><p>码头负责人表示，下一步将把同样的调度系统推广到散货泊位。</p>',
  },
  {
    file: 'Community orchard opens its first cider press.md',
    title: 'Community orchard opens its first cider press',
    categories: ['News', 'Local'],
    date: '2023-09-30 16:45:00',
    body: '<p>Volunteers pressed two tonnes of windfall apples on the opening weekend.</p><p>The juice is sold by donation at the gate.</p>',
  },
  {
    file: '2023/旧城区慢行步道全线贯通.md',
    title: '旧城区慢行步道全线贯通',
    categories: ['城市'],
    date: '2023-11-02 08:00:00',
    body: '<p>步道串起了七座口袋公园，沿线新增了二十处休息座椅。</p>',
  },
];

/**
 * Writes a blog as its owner has it before installing wirepress: a
 * package.json and the bots' posts under content/ (see BUILD_FLAGS).
 */
async function writeBlog(dir: string, posts: readonly BotPost[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'my-news-blog', version: '1.0.0', private: true }, null, 2)}\n`);
  for (const post of posts) {
    const file = path.join(dir, 'content', post.file);
    await mkdir(path.dirname(file), { recursive: true });
    const categories = post.categories.map((c) => ` - ${c}\n`).join('');
    await writeFile(file, `---\ntitle: ${post.title}\ncategories:\n${categories}date: ${post.date}\n---\n\n<div>\n${post.body}\n</div>\n`);
  }
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command the way a user's shell does: without the npm_* settings
 * and the repository's node_modules/.bin on PATH of the `npm test` this
 * runs under, so `npx wirepress` can only be the blog's own.
 */
function run(command: string, args: readonly string[], cwd: string, timeoutMs = INSTALL_TIMEOUT_MS): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_|^NODE_TEST_CONTEXT$|^INIT_CWD$/i.test(name)));
  const PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !dir.split(path.sep).includes('node_modules'))
    .join(path.delimiter);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...env, PATH, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `npm install <spec>` into `blog`, as the README says. */
async function install(blog: string, spec: string): Promise<void> {
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', spec], blog);
  assert.equal(installed.code, 0, `npm install ${spec}\n${installed.stderr}`);
}

/** Builds `blog` with the installed wirepress and checks that every post became a page. */
async function buildAndCheck(blog: string): Promise<void> {
  const built = await run('npx', ['wirepress', 'build', ...BUILD_FLAGS, '--offline', '--report', 'report.json'], blog, 120_000);
  assert.equal(built.code, 0, built.stderr);
  const out = path.join(blog, '_site');
  assert.ok(existsSync(path.join(out, 'index.html')), 'index.html');
  const report = JSON.parse(await readFile(path.join(blog, 'report.json'), 'utf8')) as BuildReport;
  assert.deepEqual(report.articles.map((a) => a.title).sort(), POSTS.map((p) => p.title).sort());
  assert.ok(report.pages > POSTS.length, `articles and listings (${report.pages} pages)`);
  for (const article of report.articles) {
    const page = await readFile(path.join(out, article.output), 'utf8');
    assert.ok(page.includes(article.title), `${article.output} shows its title`);
  }
}

describe('installed as users install it', { concurrency: true, timeout: 2 * INSTALL_TIMEOUT_MS }, () => {
  let tarball = '';
  let packed: string[] = [];
  before(async () => {
    // --ignore-scripts: `npm test` has compiled dist/, and `prepare` compiling it again would rewrite it under the other CLI tests running beside this one.
    const pack = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', ROOT], REPO_ROOT);
    assert.equal(pack.code, 0, pack.stderr);
    const [result] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    assert.ok(result);
    tarball = path.join(ROOT, result.filename);
    packed = result.files.map((f) => f.path);
  });

  test('should pack what the CLI runs with, and no tests, benchmarks, sources or source maps', () => {
    for (const file of ['package.json', 'README.md', 'LICENSE', 'bin/wirepress.js', 'dist/cli.js', 'dist/workers/body-worker.js', 'dist/workers/search-worker.js', 'templates/article.njk', 'public/style.css']) {
      assert.ok(packed.includes(file), `${file} is packed`);
    }
    assert.deepEqual(packed.filter((file) => /^(tests|bench|src|content|scripts)\//.test(file) || file.endsWith('.map')), []);
  });

  test('should build every post of a blog after `npm install <tarball>`', { timeout: INSTALL_TIMEOUT_MS }, async () => {
    const blog = path.join(ROOT, 'from-tarball');
    await writeBlog(blog, POSTS);
    await install(blog, tarball);
    await buildAndCheck(blog);
  });

  test('should build every post of a blog after `npm install git+file://…`, which compiles it with `prepare`', { timeout: INSTALL_TIMEOUT_MS }, async () => {
    // The committed code, as a git install gets it (no dist/: `prepare` compiles it, with the dev dependencies).
    const clone = path.join(ROOT, 'clone');
    const cloned = await run('git', ['clone', '--quiet', '--no-local', REPO_ROOT, clone], ROOT);
    assert.equal(cloned.code, 0, cloned.stderr);
    const blog = path.join(ROOT, 'from-git');
    await writeBlog(blog, POSTS);
    await install(blog, `git+${pathToFileURL(clone).href}`);
    assert.ok(!existsSync(path.join(blog, 'node_modules', 'wirepress', 'src')), 'the sources stay out of the installed package');
    await buildAndCheck(blog);
  });
});
