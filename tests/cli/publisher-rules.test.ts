import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { BuildReport } from '../../src/report/build-report.ts';
import { startImageOrigin, type ImageOrigin } from '../helpers/image-origin.ts';
import { copyFixture, runCli } from '../helpers/run-cli.ts';

/**
 * Config `content` through the built CLI (issue #22, "the publisher decides
 * what to keep"): tests/fixtures/cli/publisher-rules has a post from an
 * aggregator (its author is its category) with a placeholder header image,
 * affiliate links inside words, a promotion line and a 快科技-style footer,
 * and a post by a person with a real cover. The fixture's config adds the
 * local origin's `/placeholder/` path to the placeholder hosts, so the
 * placeholder would be fetched and become og:image if the rule failed.
 */
let origin: ImageOrigin;
let dir = '';
let report: BuildReport;
const page = (output: string) => readFile(path.join(dir, '_site', output), 'utf8');
const jsonLd = (html: string) => JSON.parse(html.match(/<script type="application\/ld\+json">([^<]*)<\/script>/)?.[1] ?? '{}') as Record<string, unknown>;
const ogImage = (html: string) => html.match(/<meta property="og:image" content="([^"]*)">/)?.[1];
const articleOf = (title: string) => {
  const article = report.articles.find((a) => a.title === title);
  assert.ok(article, title);
  return article;
};

before(async () => {
  origin = await startImageOrigin();
  dir = await copyFixture('publisher-rules', { PORT: origin.host.split(':')[1] ?? '' });
  const run = await runCli(['build', '--content', 'content', '--out', '_site', '--cache', '.cache', '--report', 'report.json', '--allow-host', '127.0.0.1'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as BuildReport;
});

after(async () => {
  await origin.close();
  await rm(dir, { recursive: true, force: true });
});

test('should say 来源 for an aggregator named as author and 作者 for a person, in the page and its JSON-LD', async () => {
  const source = await page(articleOf('新款平板电脑开售 首批用户评价不一').output);
  assert.match(source, /<span class="author"><span class="label">来源<\/span> <a href="\/authors\/[^"]+\/">快讯聚合<\/a><\/span>/);
  const sourceData = jsonLd(source);
  assert.deepEqual(sourceData.sourceOrganization, { '@type': 'Organization', name: '快讯聚合' });
  assert.equal(sourceData.author, undefined, 'an aggregator is not claimed as a person');
  assert.deepEqual(sourceData.publisher, { '@type': 'Organization', name: '快讯测试站', url: 'https://news.example.org/' });

  const person = await page(articleOf('一位港口调度员的夜班').output);
  assert.match(person, /<span class="author"><span class="label">作者<\/span> <a href="\/authors\/[^"]+\/">林舟<\/a><\/span>/);
  assert.deepEqual(jsonLd(person).author, [{ '@type': 'Person', name: '林舟' }]);
});

test('should never download, show or announce a placeholder header image as the cover', async () => {
  const article = articleOf('新款平板电脑开售 首批用户评价不一');
  const source = await page(article.output);
  assert.equal(ogImage(source), undefined, 'no og:image');
  assert.doesNotMatch(source, /placeholder/, 'no cover figure, no thumbnail, no JSON-LD image');
  assert.equal(origin.requests.get('/placeholder/400-300.jpg'), undefined, 'never fetched');
  assert.deepEqual(article.images.map((image) => image.origin), [`http://${origin.host}/photo.jpg`], 'the body image is re-hosted as usual');
  assert.doesNotMatch(await page('index.html'), /placeholder/, 'no listing thumbnail');

  const person = await page(articleOf('一位港口调度员的夜班').output);
  assert.match(ogImage(person) ?? '', /^https:\/\/news\.example\.org\/images\/.+\.(jpg|webp|avif)$/, 'a real cover is og:image');
});

test('should make affiliate links plain text inside their words, keep the source line and drop the promotion', async () => {
  const source = await page(articleOf('新款平板电脑开售 首批用户评价不一').output);
  const body = source.split('<div class="article-body">')[1]?.split('</div>')[0] ?? '';
  assert.match(body, /本周上市的Surface Pro 新款首批到货，Windows 11 预装。/);
  assert.doesNotMatch(body, /duomai|pvxt/);
  assert.match(body, /<p>转载请注明出处：快讯聚合<\/p>/);
  assert.doesNotMatch(body, /THE END|平板<\/a>|公众号/);
});
