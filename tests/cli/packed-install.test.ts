import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers/run-cli.ts';

// wirepress as a user gets it: packed (or cloned from git), installed with
// npm into the Hexo blog they already have, run there with
// `npx wirepress build` and no flags ("Moving from Hexo" in the README). The
// repository's own node_modules/ and its symlinks hide what this finds: an
// installed package once rendered 0 pages, its templates under node_modules/.
// npm fetches from the registry (cached after the first run); about a minute.

const INSTALL_TIMEOUT_MS = 10 * 60_000;
const ROOT = await mkdtemp(path.join(tmpdir(), 'wirepress-packed-'));
after(() => rm(ROOT, { recursive: true, force: true, maxRetries: 3 }));

/** The blog's `_config.yml`: a few of Hexo's keys, two of them (theme, deploy) for Hexo alone. */
const HEXO_CONFIG = `# Hexo Configuration
## Docs: https://hexo.io/docs/configuration.html

# Site
title: 海湾晚报 · 转载
author: 值班编辑
language: zh-CN
timezone: Asia/Shanghai

# URL
url: https://news.example.org
permalink: p/:abbrlink.html
abbrlink:
  alg: crc16
  rep: hex

# Pagination
per_page: 3

# Extensions
theme: landscape

# Deployment
deploy:
  type: git
`;

/** The package.json `hexo init` writes; its dependencies are Hexo's, wirepress is added by the install. */
const HEXO_PACKAGE = {
  name: 'hexo-site',
  version: '0.0.0',
  private: true,
  scripts: { build: 'hexo generate', clean: 'hexo clean', deploy: 'hexo deploy', server: 'hexo server' },
  hexo: { version: '7.3.0' },
  dependencies: {
    hexo: '^7.3.0',
    'hexo-generator-archive': '^2.0.0',
    'hexo-generator-category': '^2.0.0',
    'hexo-generator-index': '^4.0.0',
    'hexo-generator-tag': '^2.0.0',
    'hexo-renderer-ejs': '^2.0.0',
    'hexo-renderer-marked': '^6.3.0',
    'hexo-renderer-stylus': '^3.0.1',
    'hexo-server': '^3.0.0',
    'hexo-theme-landscape': '^1.0.0',
  },
};

const CNAME = 'news.example.org\n';

/** A post as a feed bot writes it, at source/_posts/<category>/<site>/<feed>/<title>.md. */
interface BotPost {
  readonly title: string;
  /** Category, site and feed: the post's folders and its `categories:`. */
  readonly categories: readonly [string, string, string];
  readonly date: string;
  readonly image: string;
  readonly body: string;
}

const BOT_POSTS: readonly BotPost[] = [
  {
    title: '渡轮码头新候船厅今起启用',
    categories: ['新媒体', 'ZAKER', 'channel'],
    date: 'Tue, 19 Oct 2021 00:49:00 GMT',
    image: 'https://img.example.org/ferry/hall_1024.jpg',
    body: '<p>新候船厅可同时容纳六百名旅客，售票窗口由四个增加到十个。</p><p><img src="https://img.example.org/ferry/hall_1024.jpg"></p><p>码头方面表示，旧候船厅将改建为行李寄存区。</p>',
  },
  {
    title: '城西图书馆延长周末开放时间',
    categories: ['新媒体', '城市快讯', 'feed'],
    date: 'Wed, 20 Oct 2021 03:15:00 GMT',
    image: 'https://img.example.org/library/reading-room.jpg',
    body: '<p>自下月起，城西图书馆周六、周日闭馆时间推迟到晚上九点。</p><p>少儿阅览区同步延长开放，需提前在线预约。</p>',
  },
  {
    title: 'Harbour tram line reopens after track renewal',
    categories: ['News', 'Example Wire', 'top'],
    date: 'Thu, 21 Oct 2021 11:02:00 GMT',
    image: 'https://img.example.org/tram/line2.jpg',
    body: '<p>Trams returned to the harbour loop on Thursday morning after six weeks of track work.</p><p>The operator says journeys between the ferry terminal and the old town are now four minutes shorter.</p>',
  },
];

/** A post the blog's owner wrote by hand, in Markdown. */
const MARKDOWN_POST = {
  file: 'moving-the-blog.md',
  title: 'Notes on moving this blog',
  text: `---
title: Notes on moving this blog
date: 2021-10-22 09:30:00
categories:
  - Notes
tags:
  - meta
---

The reposts above arrive by themselves; this one was typed by hand.

<!-- more -->

## What changed

| Step | Before | After |
| --- | --- | --- |
| build | hexo generate | wirepress build |
| preview | hexo server | wirepress dev |

Nothing else in the folder had to move.
`,
};

const TITLES = [...BOT_POSTS.map((p) => p.title), MARKDOWN_POST.title];

/** CRC-16/ARC (poly 0x8005 reflected as 0xA001, init 0, no final xor), table-driven: the test's own, not wirepress's. */
const CRC16_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
  return c;
});
function crc16Arc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = (crc >>> 8) ^ CRC16_TABLE[(crc ^ byte) & 0xff]!;
  return crc;
}
assert.equal(crc16Arc(new TextEncoder().encode('123456789')), 0xbb3d, 'CRC-16/ARC check value');

/** hexo-abbrlink's link with `alg: crc16, rep: hex`: the CRC of the UTF-8 title, lower-case hex, unpadded. */
function abbrlink(title: string): string {
  return crc16Arc(new TextEncoder().encode(title)).toString(16);
}
assert.equal(new Set(TITLES.map(abbrlink)).size, TITLES.length, 'the posts have distinct abbrlinks (no collision to move)');

/**
 * Writes a Hexo blog as its owner has it before installing wirepress:
 * `_config.yml`, `package.json`, the bots' posts and a hand-written one
 * under source/_posts/, an about page and a CNAME.
 */
async function writeBlog(dir: string): Promise<void> {
  const put = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  };
  await put('_config.yml', HEXO_CONFIG);
  await put('package.json', `${JSON.stringify(HEXO_PACKAGE, null, 2)}\n`);
  for (const post of BOT_POSTS) {
    const categories = post.categories.map((c) => ` - ${c}\n`).join('');
    await put(
      path.join('source/_posts', ...post.categories, `${post.title}.md`),
      `\n---\ntitle: '${post.title}'\ncategories: \n${categories}headimg: '${post.image}'\nauthor: ${post.categories[1]}\ncomments: false\ndate: ${post.date}\nthumbnail: '${post.image}'\n---\n\n<div>   \n${post.body}\n</div>\n`,
    );
  }
  await put(path.join('source/_posts', MARKDOWN_POST.file), MARKDOWN_POST.text);
  await put('source/about/index.md', '---\ntitle: About\n---\n\nDaily reposts of local news, kept by two volunteers.\n');
  await put('source/CNAME', CNAME);
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

/** Builds `blog` as the README says, `npx wirepress build` with no flags (offline here), and checks the site against Hexo's URLs. */
async function buildAndCheck(blog: string): Promise<void> {
  const built = await run('npx', ['wirepress', 'build', '--offline'], blog, 120_000);
  assert.equal(built.code, 0, built.stderr);
  const lines = built.stderr.split('\n');
  const summary = `Hexo blog: source/_posts (${TITLES.length} posts), 1 page, 1 static file → public/, permalink p/:abbrlink.html, zone Asia/Shanghai`;
  assert.ok(lines.includes(summary), `the summary line\n${built.stderr}`);
  const unused = lines.map((line) => /^_config\.yml: \d+ keys? not used by wirepress: (.*)$/.exec(line)?.[1]).filter((list) => list !== undefined);
  assert.deepEqual(unused, ['theme, deploy'], `one line of unused keys\n${built.stderr}`);

  const out = path.join(blog, 'public');
  assert.ok(existsSync(path.join(out, 'index.html')), 'public/index.html');
  assert.ok(existsSync(path.join(out, 'page', '2', 'index.html')), `per_page: 3 gave ${TITLES.length} posts a second home page in Hexo: its URL still answers`);
  assert.deepEqual((await readdir(path.join(out, 'p'))).sort(), TITLES.map((title) => `${abbrlink(title)}.html`).sort(), 'public/p/ holds one page per post');
  for (const title of TITLES) {
    const page = await readFile(path.join(out, 'p', `${abbrlink(title)}.html`), 'utf8');
    assert.ok(page.includes(title), `p/${abbrlink(title)}.html shows "${title}"`);
  }
  const markdown = await readFile(path.join(out, 'p', `${abbrlink(MARKDOWN_POST.title)}.html`), 'utf8');
  assert.match(markdown, /<table>/, 'the Markdown post renders its table');
  assert.ok((await readFile(path.join(out, 'about', 'index.html'), 'utf8')).includes('Daily reposts of local news'), 'public/about/index.html');
  assert.equal(await readFile(path.join(out, 'CNAME'), 'utf8'), CNAME, 'public/CNAME as written');
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
    for (const file of ['package.json', 'README.md', 'LICENSE', 'bin/wirepress.js', 'dist/cli.js', 'dist/sanitize/body-worker.js', 'dist/search/index-worker.js', 'dist/search/index-format.js', 'public/search-engine.js', 'templates/article.njk', 'public/style.css', 'docs/deploy.md', 'docs/publish-workflow.yml']) {
      assert.ok(packed.includes(file), `${file} is packed`);
    }
    assert.deepEqual(packed.filter((file) => /^(tests|bench|src|content|scripts)\//.test(file) || file.endsWith('.map')), []);
  });

  test('should build a Hexo blog after `npm install <tarball>`', { timeout: INSTALL_TIMEOUT_MS }, async () => {
    const blog = path.join(ROOT, 'from-tarball');
    await writeBlog(blog);
    await install(blog, tarball);
    await buildAndCheck(blog);
  });

  test('should build a Hexo blog after `npm install git+file://…`, which compiles it with `prepare`', { timeout: INSTALL_TIMEOUT_MS }, async () => {
    // The committed code, as a git install gets it (no dist/: `prepare` compiles it, with the dev dependencies).
    const clone = path.join(ROOT, 'clone');
    const cloned = await run('git', ['clone', '--quiet', '--no-local', REPO_ROOT, clone], ROOT);
    assert.equal(cloned.code, 0, cloned.stderr);
    const blog = path.join(ROOT, 'from-git');
    await writeBlog(blog);
    await install(blog, `git+${pathToFileURL(clone).href}`);
    assert.ok(!existsSync(path.join(blog, 'node_modules', 'wirepress', 'src')), 'the sources stay out of the installed package');
    await buildAndCheck(blog);
  });
});
