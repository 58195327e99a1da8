import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { BuildReport } from '../../src/report/build-report.ts';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';

/**
 * A build whose posts, settings, templates and code are the ones the
 * published site was made from tells so from their stamps, reads no post,
 * and says and reports what a build that read them all says.
 */

const ROOT = await mkdtemp(path.join(tmpdir(), 'wirepress-unchanged-'));
after(() => rm(ROOT, { recursive: true, force: true }));
const POST = path.join(ROOT, 'content', 'Regional rail operator pilots tap-to-ride with smart rings.md');

async function build(name: string, ...flags: string[]): Promise<{ console: string; report: BuildReport; steps: string[] }> {
  const file = path.join(ROOT, `${name}.json`);
  const run = await runCli(['build', '--offline', '--report', file, ...flags], { cwd: ROOT });
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(await readFile(file, 'utf8')) as BuildReport & { timings: { step: string }[] };
  // What differs between two builds of the same site: how long each step took.
  const console = run.stderr.replace(/^ {2}[a-z ]+ +\d+\.\d+ s.*\n/gm, '').replace(/done in .*/, '');
  return { console, report: { ...report, timings: [] }, steps: report.timings.map((t) => t.step) };
}

test('a build with nothing changed should read no post, and say and report what a build that read them says', { timeout: 300_000 }, async () => {
  await cp(path.join(REPO_ROOT, 'content'), path.join(ROOT, 'content'), { recursive: true });
  await cp(path.join(REPO_ROOT, 'wirepress.config.yml'), path.join(ROOT, 'wirepress.config.yml'));
  await build('cold');
  // A new modification time, the same text: the build reads every post again, finds nothing changed.
  const now = new Date();
  await utimes(POST, now, now);
  const read = await build('read');
  assert.ok(read.steps.includes('ingest and sanitize'), `this build reads the posts: ${read.steps.join(', ')}`);
  assert.match(read.console, /kept \d+ pages in .* nothing changed since it was built/);

  const stamped = await build('stamped');
  assert.ok(!stamped.steps.includes('ingest and sanitize'), `this build reads no post: ${stamped.steps.join(', ')}`);
  assert.equal(stamped.console, read.console);
  assert.deepEqual(stamped.report, read.report);
  assert.ok(stamped.report.articles.length > 10);
});

test('a build should read the posts again when a post, the settings or a flag changed', { timeout: 300_000 }, async () => {
  await writeFile(POST, (await readFile(POST, 'utf8')).replace('About 500 volunteers', 'About 900 volunteers'));
  const edited = await build('edited');
  assert.ok(edited.steps.includes('render'), edited.steps.join(', '));
  const page = edited.report.articles.find((article) => article.source.endsWith('smart rings.md'));
  assert.match(await readFile(path.join(ROOT, '_site', page!.output), 'utf8'), /About 900 volunteers/);

  const flagged = await build('flagged', '--base-url', 'https://news.example.org/');
  assert.ok(flagged.steps.includes('render'), `a new base URL is on every page: ${flagged.steps.join(', ')}`);
  const again = await build('again', '--base-url', 'https://news.example.org/');
  assert.ok(!again.steps.includes('ingest and sanitize'), again.steps.join(', '));

  await writeFile(path.join(ROOT, 'wirepress.config.yml'), `${await readFile(path.join(ROOT, 'wirepress.config.yml'), 'utf8')}\nsubtitle: 每日电讯\n`);
  const configured = await build('configured', '--base-url', 'https://news.example.org/');
  assert.ok(configured.steps.includes('render'), configured.steps.join(', '));
});
