import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import type { BuildReport } from '../../src/report/build-report.ts';

/** What real Hexo 8 made of a fixture blog (tests/fixtures/hexo/README.md). */
interface HexoOutput {
  machineTZ: string;
  posts: Record<string, { path: string; abbrlink?: string | number }>;
  dropped: { file: string; reason: string }[];
  pages: Record<string, { path: string }>;
  pathCollisions: { path: string; files: string[] }[];
  routes: string[];
}

const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/hexo');

/**
 * Hexo reads a date as the machine's wall time before moving it to
 * `timezone`, so its URLs depend on the machine's zone too; the output
 * recorded on a machine in the blog's own zone is the one a reader knows.
 */
async function hexoOutput(blog: string): Promise<HexoOutput> {
  return JSON.parse(await readFile(path.join(FIXTURES, blog, 'hexo-output.tz-asia-shanghai.json'), 'utf8')) as HexoOutput;
}

/** Builds a copy of a fixture Hexo blog as a user would: in its folder, with no flags but the report and offline. */
async function buildBlog(t: { after(fn: () => Promise<void>): void }, blog: string, flags: string[] = [], env: Record<string, string> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), `wirepress-hexo-${blog}-`));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await cp(path.join(FIXTURES, blog), dir, { recursive: true, filter: (from) => !from.endsWith('.json') });
  const run = await runCli(['build', '--offline', '--report', 'report.json', ...flags], { cwd: dir, timeoutMs: 300_000, env });
  const report = existsSync(path.join(dir, 'report.json')) ? (JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as BuildReport) : undefined;
  return { dir, run, report };
}

/** A route as Hexo lists it: the decoded file path under public/. */
const routeOf = (url: string) => decodeURIComponent(url.replace(/^\//, '')).replace(/(^|\/)$/, '$1index.html');

for (const blog of ['date-permalink', 'abbrlink', 'abbrlink-crc32-dec']) {
  test(`should give every post and page of the Hexo blog "${blog}" the URL Hexo 8 gave it, with no flags`, async (t) => {
    const expected = await hexoOutput(blog);
    const { dir, run, report } = await buildBlog(t, blog);
    assert.ok(report, run.stderr);
    assert.match(run.stderr, /^Hexo blog: source\/_posts \(\d+ posts\), 1 page, \d+ static files? → public\/, permalink /m);
    const bySource = new Map(report.articles.map((a) => [a.source, a]));
    const shared = new Set(expected.pathCollisions.flatMap((c) => c.files));
    for (const [file, post] of Object.entries(expected.posts)) {
      const built = bySource.get(file);
      assert.ok(built, `${file} is built`);
      if (shared.has(file)) continue;
      assert.equal(routeOf(built.url), routeOf(post.path), file);
      assert.ok(existsSync(path.join(dir, 'public', built.output)), `${built.output} is written`);
    }
    // Hexo gives two posts one link (hexo-abbrlink's hex mode); one of them keeps it, the other moves on and is named.
    for (const collision of expected.pathCollisions) {
      const urls = collision.files.map((file) => routeOf(bySource.get(file)?.url ?? ''));
      assert.ok(urls.includes(routeOf(collision.path)), `one of ${collision.files.join(', ')} keeps ${collision.path}`);
      assert.ok(report.articles.some((a) => collision.files.includes(a.source) && a.warnings.some((w) => w.code === 'ingest/abbrlink-collision')));
    }
    for (const [file, page] of Object.entries(expected.pages)) {
      const built = bySource.get(`../${file}`);
      assert.equal(built && routeOf(built.url), routeOf(page.path), file);
    }
    // The posts Hexo 8 drops (`_` names, `%` in names) are published all the same.
    for (const { file } of expected.dropped) assert.ok(bySource.has(file), `${file} is published`);
  });
}

test("should date a blog with `timezone: ''` in the machine's zone, as Hexo does, wherever it is built", async (t) => {
  const expected = JSON.parse(await readFile(path.join(FIXTURES, 'machine-zone/hexo-output.json'), 'utf8')) as { paths: Record<string, Record<string, string>> };
  for (const [zone, paths] of Object.entries(expected.paths)) {
    const { run, report } = await buildBlog(t, 'machine-zone', [], { TZ: zone });
    assert.ok(report, run.stderr);
    assert.match(run.stderr, new RegExp(`zone ${zone} \\(this machine's: \`timezone\` is empty\\)`));
    const urls = new Map(report.articles.map((a) => [a.source, routeOf(a.url)]));
    for (const [file, hexoPath] of Object.entries(paths)) assert.equal(urls.get(file), routeOf(hexoPath), `${file} built on a machine in ${zone}`);
  }
});

test('should read slugs and dates from file names as new_post_name says, as Hexo does', async (t) => {
  const expected = JSON.parse(await readFile(path.join(FIXTURES, 'post-name/hexo-output.json'), 'utf8')) as { machineTZ: string; paths: Record<string, string> };
  const { run, report } = await buildBlog(t, 'post-name', [], { TZ: expected.machineTZ });
  assert.ok(report, run.stderr);
  const urls = new Map(report.articles.map((a) => [a.source, routeOf(a.url)]));
  assert.deepEqual(Object.fromEntries(urls), Object.fromEntries(Object.entries(expected.paths).map(([file, hexoPath]) => [file, routeOf(hexoPath)])));
});

test("should publish every page Hexo 8 publishes for the blog, listings included, and its own files", async (t) => {
  const expected = await hexoOutput('date-permalink');
  const { dir, run } = await buildBlog(t, 'date-permalink');
  assert.equal(run.code, 0, run.stderr);
  const missing = expected.routes.filter((route) => !existsSync(path.join(dir, 'public', route)));
  assert.deepEqual(missing, []);
  assert.equal(await readFile(path.join(dir, 'public/CNAME'), 'utf8'), await readFile(path.join(dir, 'source/CNAME'), 'utf8'));
  assert.equal(await readFile(path.join(dir, 'public/robots.txt'), 'utf8'), await readFile(path.join(dir, 'source/robots.txt'), 'utf8'), "the blog's robots.txt wins");
});

test("should give posts the URLs a changed _config.yml says, though their files have not changed", async (t) => {
  const { dir, report } = await buildBlog(t, 'abbrlink');
  const isPost = (a: { source: string }) => !a.source.startsWith('../');
  assert.ok(report?.articles.filter(isPost).every((a) => /^\/p\/[0-9a-f]+\.html$/.test(a.url)));
  const config = path.join(dir, '_config.yml');
  await writeFile(config, (await readFile(config, 'utf8')).replace('rep: hex', 'rep: dec').replace('trailing_html: true', 'trailing_html: false'));
  const run = await runCli(['build', '--offline', '--report', 'report.json'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const rebuilt = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as BuildReport;
  // hello-wirepress.md keeps the `abbrlink: 1f2e` written in it; the others' links are made again, in decimal.
  const urls = Object.fromEntries(rebuilt.articles.filter(isPost).map((a) => [a.source, a.url]));
  assert.equal(urls['hello-wirepress.md'], '/p/1f2e');
  const made = Object.entries(urls).filter(([source]) => source !== 'hello-wirepress.md');
  assert.ok(made.length > 0 && made.every(([, url]) => /^\/p\/\d+$/.test(url)), JSON.stringify(made));
});

test("should say which of the blog's files replace the site's own, and publish them", async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-hexo-replaced-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await cp(path.join(FIXTURES, 'date-permalink'), dir, { recursive: true, filter: (from) => !from.endsWith('.json') });
  await writeFile(path.join(dir, 'source/style.css'), 'body { font-family: serif }\n');
  const run = await runCli(['build', '--offline'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /source\/style\.css\n.*warning\s+style\.css is published in place of the site's own \/style\.css/);
  assert.equal(await readFile(path.join(dir, 'public/style.css'), 'utf8'), 'body { font-family: serif }\n');
});

test('should build the drafts only with --drafts', async (t) => {
  const expected = await hexoOutput('date-permalink');
  const drafts = Object.keys((expected as unknown as { drafts: Record<string, unknown> }).drafts ?? {});
  const without = await buildBlog(t, 'date-permalink');
  assert.ok(!without.report?.articles.some((a) => a.source.startsWith('../_drafts/')));
  const withDrafts = await buildBlog(t, 'date-permalink', ['--drafts']);
  assert.ok(withDrafts.report?.articles.some((a) => a.source.startsWith('../_drafts/')), JSON.stringify(drafts));
});

test('should say what it looked for, and where, in a folder with no blog', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-no-blog-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const run = await runCli(['build'], { cwd: dir });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /no blog in .*: found neither a Hexo blog \(_config\.yml and source\/_posts\/\) nor a wirepress site/);
});
