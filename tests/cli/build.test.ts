import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { copyFixture, runCli } from '../helpers/run-cli.ts';
import { startImageOrigin, type ImageOrigin } from '../helpers/image-origin.ts';
import type { BuildReport } from '../../src/report/build-report.ts';

let origin: ImageOrigin;
before(async () => {
  origin = await startImageOrigin();
});
after(() => origin.close());

const readReport = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as BuildReport;
const BUILD = ['build', '--content', 'content', '--out', '_site', '--cache', '.cache', '--report', 'report.json'];

test('should build the fixture site, re-host its images once, and write the report', async () => {
  const dir = await copyFixture('basic', { 'PORT': origin.host.split(':')[1]! });
  const run = await runCli([...BUILD, '--allow-host', '127.0.0.1'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);

  const report = await readReport(dir);
  assert.equal(report.articles.length, 3, 'the draft is left out');
  assert.deepEqual(report.excluded.map((e) => e.source), ['draft.md']);
  const zaker = report.articles.find((a) => a.title === '港口集装箱吞吐量创新高');
  assert.ok(zaker);
  assert.equal(zaker.date, '2021-10-19T08:49:00+08:00');
  assert.deepEqual(zaker.categories, [['新媒体', 'ZAKER', 'source']]);
  assert.equal(zaker.url, `/2021/10/19/${encodeURIComponent('港口集装箱吞吐量创新高')}/`);
  assert.equal(zaker.output, '2021/10/19/港口集装箱吞吐量创新高/index.html');
  assert.ok(zaker.images.length >= 2);
  for (const image of zaker.images) {
    assert.equal(image.status, 'rehosted', JSON.stringify(image));
    assert.match(image.origin, /^http:\/\/127\.0\.0\.1:\d+\/(cover|photo)\.jpg$/);
    assert.ok(image.url?.startsWith('/images/'));
    assert.ok(existsSync(path.join(dir, '_site', image.url!)), `${image.url} is published`);
  }
  assert.equal(origin.requests.get('/photo.jpg'), 1);
  assert.equal(origin.requests.get('/cover.jpg'), 1, 'the cover is fetched once though written twice');

  const rail = report.articles.find((a) => a.source === 'Rail freight doubles on the northern corridor.md');
  assert.equal(rail?.date, '2021-11-26T07:21:47+08:00', 'zoneless dates are Shanghai time');
  const railPage = await readFile(path.join(dir, '_site', rail!.output), 'utf8');
  assert.match(railPage, /Operators credit new scheduling software/);
  assert.doesNotMatch(railPage, /alert\(1\)|onclick|steal\(\)/);

  const templated = report.articles.find((a) => a.source === 'sub/template-text.md');
  const templatedPage = await readFile(path.join(dir, '_site', templated!.output), 'utf8');
  assert.ok(templatedPage.split('{{ 7*7 }}').length >= 3, 'title and body keep {{ 7*7 }} literally');
  assert.match(templatedPage, /\{% set answer = 49 %\}/, 'Nunjucks syntax that is no Hexo tag stays as text');

  const zakerPage = await readFile(path.join(dir, '_site', zaker.output), 'utf8');
  assert.doesNotMatch(zakerPage, /cors\.zfour\.workers\.dev/, 'the proxy is gone from the page');
  assert.match(zakerPage, /<figure>[\s\S]*<figcaption>码头上的起重机在夜色中作业（10 月 18 日摄）。通讯员 林舟 摄<\/figcaption>/);
  assert.ok(report.pages >= 8, `home, categories, archives and articles (${report.pages})`);
  for (const page of ['index.html', 'categories/index.html', 'categories/新媒体/ZAKER/index.html', 'archives/2021/10/index.html', 'archives/index.html']) {
    assert.ok(existsSync(path.join(dir, '_site', page)), page);
  }

  const again = await runCli([...BUILD, '--allow-host', '127.0.0.1'], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(origin.requests.get('/photo.jpg'), 1, 'a second build makes no request');
  const second = await readReport(dir);
  assert.ok(second.articles.flatMap((a) => a.images).every((i) => i.status === 'cached'));
});

test('should skip broken posts, name the file and line, build the rest and exit 1', async () => {
  const dir = await copyFixture('broken');
  const run = await runCli([...BUILD, '--offline'], { cwd: dir });
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /bad-date\.md[\s\S]*6:\d+\s+error[^\n]*yesterday/);
  assert.match(run.stderr, /bad-yaml\.md/);
  assert.match(run.stderr, /2 of 3 articles skipped/);
  const report = await readReport(dir);
  assert.deepEqual(report.articles.map((a) => a.source), ['good.md']);
  assert.deepEqual(report.skipped.map((s) => s.source).sort(), ['bad-date.md', 'bad-yaml.md']);
  const badDate = report.skipped.find((s) => s.source === 'bad-date.md');
  assert.equal(badDate?.line, 6);
  assert.ok(existsSync(path.join(dir, '_site', report.articles[0]!.output)));
});

test('should exit 0 with skipped posts under failOn: never, as a scheduled CI build wants, and 1 on warnings under failOn: warning', async () => {
  const dir = await copyFixture('broken');
  const never = await runCli([...BUILD, '--offline', '--fail-on', 'never'], { cwd: dir });
  assert.equal(never.code, 0, never.stderr);
  assert.match(never.stderr, /2 of 3 articles skipped/, 'the skipped posts are still told');
  await writeFile(path.join(dir, 'wirepress.config.yml'), 'failOn: never\n');
  assert.equal((await runCli([...BUILD, '--offline'], { cwd: dir })).code, 0, 'from the config too');
  await rm(path.join(dir, 'content', 'bad-date.md'));
  await rm(path.join(dir, 'content', 'bad-yaml.md'));
  // Offline, an image is not re-hosted: a warning.
  const good = path.join(dir, 'content', 'good.md');
  await writeFile(good, `${await readFile(good, 'utf8')}\n<p><img src="https://images.example.org/harbour.jpg"></p>\n`);
  assert.equal((await runCli([...BUILD, '--offline', '--fail-on', 'error'], { cwd: dir })).code, 0);
  assert.equal((await runCli([...BUILD, '--offline', '--fail-on', 'warning'], { cwd: dir })).code, 1);
  const bad = await runCli([...BUILD, '--offline', '--fail-on', 'sometimes'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /`failOn`: .*"error"\|"warning"\|"never"/);
});

test('should exit 2 on a broken config, naming the file and key, and leave the previous site untouched', async () => {
  const dir = await copyFixture('broken');
  assert.equal((await runCli([...BUILD, '--offline'], { cwd: dir })).code, 1);
  const before = await readFile(path.join(dir, '_site/index.html'), 'utf8');
  await writeFile(path.join(dir, 'wirepress.config.yml'), 'title: News\npageSize: many\n');
  const run = await runCli([...BUILD, '--offline'], { cwd: dir });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /wirepress\.config\.yml:2/);
  assert.match(run.stderr, /pageSize/);
  assert.equal(await readFile(path.join(dir, '_site/index.html'), 'utf8'), before);
});

test('check should report the same problems and write nothing', async () => {
  const dir = await copyFixture('broken');
  const run = await runCli(['check', '--content', 'content', '--report', 'report.json'], { cwd: dir });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /bad-date\.md/);
  assert.equal(existsSync(path.join(dir, '_site')), false);
  assert.equal(existsSync(path.join(dir, '.cache')), false);
  assert.equal((await readReport(dir)).skipped.length, 2);
});

test('should make no request with --offline, and fail with --strict when images were not re-hosted', async () => {
  const dir = await copyFixture('basic', { 'PORT': origin.host.split(':')[1]! });
  const seen = origin.requests.get('/photo.jpg') ?? 0;
  const run = await runCli([...BUILD, '--offline', '--allow-host', '127.0.0.1'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(origin.requests.get('/photo.jpg') ?? 0, seen);
  const report = await readReport(dir);
  const images = report.articles.flatMap((a) => a.images);
  assert.ok(images.length > 0 && images.every((i) => i.status === 'skipped'));
  // Its own code: the dev server hides these while it fetches the images behind the build.
  const codes = report.articles.flatMap((a) => a.warnings.map((w) => w.code)).filter((code) => code.startsWith('images/'));
  assert.deepEqual([...new Set(codes)], ['images/offline']);
  const strict = await runCli([...BUILD, '--offline', '--strict'], { cwd: dir });
  assert.equal(strict.code, 1, 'offline images are warnings, failures under --strict');
});

test('should refuse a loopback image host unless it is named with --allow-host', async () => {
  const dir = await copyFixture('basic', { 'PORT': origin.host.split(':')[1]! });
  const seen = origin.requests.get('/photo.jpg') ?? 0;
  const run = await runCli(BUILD, { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(origin.requests.get('/photo.jpg') ?? 0, seen, 'no request reached the private address');
  const report = await readReport(dir);
  const images = report.articles.flatMap((a) => a.images);
  assert.ok(images.every((i) => i.status === 'failed' && i.error), JSON.stringify(images));
  const zaker = report.articles.find((a) => a.images.length > 0)!;
  const page = await readFile(path.join(dir, '_site', zaker.output), 'utf8');
  assert.match(page, new RegExp(`src="http://${origin.host.replace('.', '\\.')}/photo\\.jpg"`), 'linked to its origin');
  assert.match(run.stderr, /2 images in 1 post +refused: 127\.0\.0\.1 is not a public address +127\.0\.0\.1:\d+ \(2\)/, 'told once, by cause');
  // The guard's refusal is not remembered: naming the host lets the next build fetch it.
  const allowed = await runCli([...BUILD, '--allow-host', '127.0.0.1'], { cwd: dir });
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.ok((origin.requests.get('/photo.jpg') ?? 0) > seen, 'fetched once allowed');
});

test('should remove the pages of deleted posts on the next build', async () => {
  const dir = await copyFixture('broken');
  await runCli([...BUILD, '--offline'], { cwd: dir });
  const page = (await readReport(dir)).articles[0]!.output;
  assert.ok(existsSync(path.join(dir, '_site', page)));
  await rm(path.join(dir, 'content/good.md'));
  await runCli([...BUILD, '--offline'], { cwd: dir });
  assert.equal(existsSync(path.join(dir, '_site', page)), false);
});

test('should refuse an output folder that overlaps the content', async () => {
  const dir = await copyFixture('broken');
  const run = await runCli(['build', '--content', 'content', '--out', 'content/site', '--offline'], { cwd: dir });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /refusing to publish/);
  assert.equal(existsSync(path.join(dir, 'content/site')), false);
});

test('should explain usage errors and exit 2', async () => {
  const dir = await copyFixture('broken');
  const unknownFlag = await runCli(['build', '--frobnicate'], { cwd: dir });
  assert.equal(unknownFlag.code, 2);
  assert.match(unknownFlag.stderr, /frobnicate[\s\S]*Usage:/);
  assert.equal((await runCli(['publish'], { cwd: dir })).code, 2);
  const help = await runCli(['--help'], { cwd: dir });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /build +build the site/);
});

test('should answer typos with "did you mean", take Hexo\'s verbs, and give each command its own help', async () => {
  const dir = await copyFixture('broken');
  const expect = async (args: string[], code: number, pattern: RegExp) => {
    const run = await runCli(args, { cwd: dir });
    assert.equal(run.code, code, `${args.join(' ')}: ${run.stderr}`);
    assert.match(`${run.stdout}${run.stderr}`, pattern, args.join(' '));
  };
  await expect(['buidl'], 2, /unknown command "buidl"; did you mean "build"\?/);
  await expect(['build', '--contnet', 'content'], 2, /unknown option --contnet; did you mean --content\?/);
  await expect(['check', '--port', '3000'], 2, /--port is not an option of check \(it is of dev\)/);
  await expect(['build', '--content'], 2, /--content needs a value: --content DIR/);
  await expect(['deploy'], 2, /no "deploy" command: .*"Deploy" in the README/);
  await expect(['build', '--help'], 0, /Usage: wirepress build \[options\][\s\S]*--offline +make no network request/);
  await expect(['dev', '--help'], 0, /--port N/);
  // Hexo's `hexo g`: a build like any other (the fixture has a broken post: exit 1).
  await expect(['g', '--content', 'content', '--out', 'public', '--offline'], 1, /wrote \d+ pages/);
  assert.ok(existsSync(path.join(dir, 'public', 'index.html')));
});

test('clean should remove the output folder, its versions and the cache, saying so, and refuse a folder holding the blog', async () => {
  const dir = await copyFixture('broken');
  const built = await runCli(['build', '--content', 'content', '--out', '_site', '--cache', '.cache', '--offline'], { cwd: dir });
  assert.equal(built.code, 1, built.stderr);
  assert.ok(existsSync(path.join(dir, '.wirepress-_site')) && existsSync(path.join(dir, '.cache')));
  const clean = await runCli(['clean', '--out', '_site', '--cache', '.cache'], { cwd: dir });
  assert.equal(clean.code, 0, clean.stderr);
  assert.match(clean.stderr, /removing _site\nremoving \.wirepress-_site\nremoving \.cache/);
  for (const gone of ['_site', '.wirepress-_site', '.cache']) assert.equal(existsSync(path.join(dir, gone)), false, `${gone} is gone`);
  assert.ok(existsSync(path.join(dir, 'content')), 'the posts stay');
  const again = await runCli(['clean', '--out', '_site', '--cache', '.cache'], { cwd: dir });
  assert.match(again.stderr, /nothing to remove/);
  const refused = await runCli(['clean', '--out', '_site', '--cache', '.'], { cwd: dir });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /refusing to remove the cache folder/);
  assert.ok(existsSync(path.join(dir, 'content')), 'the posts stay');
});

test('should drop images that were not re-hosted when the config says images.onFailure: drop', async () => {
  const dir = await copyFixture('basic', { 'PORT': origin.host.split(':')[1]! });
  await writeFile(path.join(dir, 'wirepress.config.yml'), 'images:\n  onFailure: drop\n');
  const run = await runCli([...BUILD, '--offline'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const zaker = (await readReport(dir)).articles.find((a) => a.images.length > 0)!;
  const page = await readFile(path.join(dir, '_site', zaker.output), 'utf8');
  assert.doesNotMatch(page, /photo\.jpg|cover\.jpg/, 'neither the body image nor the cover links its origin');
  assert.match(page, /通讯员 林舟 摄/, 'the caption stays');
});
