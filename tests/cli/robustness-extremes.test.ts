import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.ts';
import type { BuildReport } from '../../src/report/build-report.ts';

/**
 * Posts too large, too deep or too odd to keep as fixture files: generated
 * here, built through the CLI.
 */

const BUILD = ['build', '--content', 'content', '--out', '_site', '--cache', '.cache', '--offline', '--report', 'report.json'];

function post(title: string, body: string, extra = ''): string {
  return `\n---\ntitle: ${JSON.stringify(title)}\ndate: 2021-10-19 08:49:00\ncategories: [Wire]\n${extra}---\n\n${body}\n`;
}

async function site(posts: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-extreme-'));
  for (const [name, text] of Object.entries(posts)) {
    await mkdir(path.dirname(path.join(dir, 'content', name)), { recursive: true });
    await writeFile(path.join(dir, 'content', name), text);
  }
  return dir;
}

const readReport = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as BuildReport;

test('should keep every page path segment within 255 bytes for a 1,200-character title and slug', async () => {
  const title = '港口集装箱吞吐量创新高'.repeat(110); // 1,210 characters, 3,630 bytes in UTF-8
  const dir = await site({ 'long.md': post(title, '<p>Long title.</p>', `slug: ${JSON.stringify(title)}\n`) });
  const run = await runCli(BUILD, { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const article = (await readReport(dir)).articles[0]!;
  for (const segment of article.output.split('/')) assert.ok(Buffer.byteLength(segment) <= 255, `${Buffer.byteLength(segment)} bytes`);
  const html = await readFile(path.join(dir, '_site', article.output), 'utf8');
  assert.ok(html.includes(title), 'the page shows the whole title');
});

test('should build a body nested 10,000 elements deep without a stack overflow', async () => {
  const body = `${'<div>'.repeat(10_000)}<p>Deepest paragraph.</p>${'</div>'.repeat(10_000)}`;
  const dir = await site({ 'deep.md': post('Deep', body) });
  const run = await runCli(BUILD, { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /Maximum call stack|RangeError/);
  const article = (await readReport(dir)).articles[0]!;
  assert.ok(article.warnings.some((w) => w.code === 'sanitize/flattened'), 'the flattening is reported');
  assert.match(await readFile(path.join(dir, '_site', article.output), 'utf8'), /Deepest paragraph\./);
});

test('should build a 5 MB body within a bounded time', { timeout: 240_000 }, async (t) => {
  const paragraphs = Array.from({ length: 46_000 }, (_, i) => `<p>Paragraph ${i}: harbour cranes, <b>rail</b> freight and <a href="https://example.com/${i}">a link</a>.</p>`);
  const body = paragraphs.join('\n');
  assert.ok(Buffer.byteLength(body) > 5_000_000);
  const dir = await site({ 'huge.md': post('Huge', body) });
  const started = performance.now();
  const run = await runCli(BUILD, { cwd: dir, timeoutMs: 230_000 });
  const seconds = (performance.now() - started) / 1000;
  t.diagnostic(`5 MB body: ${seconds.toFixed(1)} s; steps ${JSON.stringify((await readReport(dir)).timings)}`);
  assert.equal(run.code, 0, run.stderr);
  const article = (await readReport(dir)).articles[0]!;
  assert.match(await readFile(path.join(dir, '_site', article.output), 'utf8'), /Paragraph 45999:/, 'the end of the body is there');
});

test('should end a symbolic-link loop in the content folder and build each post once', async () => {
  const dir = await site({ 'a/story.md': post('Story', '<p>Once.</p>') });
  await symlink('..', path.join(dir, 'content/a/up'));
  await symlink('../a', path.join(dir, 'content/a/again'));
  const run = await runCli(BUILD, { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual((await readReport(dir)).articles.map((a) => a.source), ['a/story.md']);
});

test('should name a post that cannot be read (vanished link, pipe, no permission) and build the rest', async () => {
  const dir = await site({ 'good.md': post('Good', '<p>Good.</p>') });
  const content = path.join(dir, 'content');
  // A post deleted after its link was written: the link dangles (the same as a file vanishing mid-build).
  await symlink('deleted-meanwhile.md', path.join(content, 'vanished.md'));
  // A FIFO named like a post would block a read forever.
  execFileSync('mkfifo', [path.join(content, 'pipe.md')]);
  // A folder named like a post is a folder: its posts are built.
  await mkdir(path.join(content, 'folder.md'));
  await writeFile(path.join(content, 'folder.md', 'inside.md'), post('Inside', '<p>Inside.</p>'));
  const asRoot = process.getuid?.() === 0;
  if (!asRoot) {
    await writeFile(path.join(content, 'locked.md'), post('Locked', '<p>Locked.</p>'));
    await chmod(path.join(content, 'locked.md'), 0o000);
  }
  const run = await runCli(BUILD, { cwd: dir, timeoutMs: 60_000 });
  assert.equal(run.code, 1, run.stderr);
  const report = await readReport(dir);
  assert.deepEqual(report.articles.map((a) => a.source).sort(), ['folder.md/inside.md', 'good.md']);
  const skipped = new Map(report.skipped.map((s) => [s.source, s]));
  assert.match(skipped.get('vanished.md')?.message ?? '', /points nowhere.*ENOENT/);
  assert.match(skipped.get('pipe.md')?.message ?? '', /not a regular file/);
  if (!asRoot) assert.match(skipped.get('locked.md')?.message ?? '', /EACCES/);
  for (const name of ['vanished.md', 'pipe.md']) {
    assert.equal(skipped.get(name)?.code, 'ingest/read');
    assert.match(run.stderr, new RegExp(`content/${name.replace('.', '\\.')}\\n[^\\n]*ingest/read\\n\\s+hint: `));
  }
  assert.ok(existsSync(path.join(dir, '_site/index.html')));
});
