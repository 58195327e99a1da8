import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { makeConfig } from '../helpers/make-articles.ts';
import { ingestArticles, parseArticle } from '../../src/ingest/index.ts';

const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const hasCorpus = existsSync(path.join(corpus, 'real'));
const skip = hasCorpus ? false : 'needs ../shared/corpus';
const config = { timezone: 'Asia/Shanghai', permalink: ':year/:month/:day/:title/' };

function realPosts(): string[] {
  return readdirSync(path.join(corpus, 'real')).filter((name) => name.endsWith('.md') && name !== 'SOURCE.md').sort();
}

function parseCorpusFile(folder: string, name: string) {
  const file = path.join(corpus, folder, name);
  return parseArticle(`${folder}/${name}`, file, readFileSync(file), config);
}

test('should ingest every real post and the seed without a diagnostic', { skip }, () => {
  const names = realPosts();
  assert.equal(names.length, 54);
  const results = [...names.map((name) => parseCorpusFile('real', name)), parseCorpusFile('seed', 'xinhua-jingjinji.md')];
  for (const result of results) {
    assert.deepEqual(result.diagnostics, []);
    const article = result.article;
    assert.ok(article);
    assert.ok(article.title.length > 0);
    assert.match(article.date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/, `${article.source}: ${article.date}`);
    assert.equal(article.categories.length, 1, article.source);
    assert.equal(article.categories[0]?.length, 3, article.source);
    assert.ok(article.cover?.startsWith('http'), `${article.source}: cover as written`);
    assert.ok(article.bodyLine >= 14, `${article.source}: body after the front matter`);
    assert.equal(article.body, article.body.trimEnd(), 'no trailing whitespace');
  }
});

test('should read the zoneless corpus dates as Asia/Shanghai wall time', { skip }, () => {
  const zoneless = realPosts()
    .map((name) => ({ name, text: readFileSync(path.join(corpus, 'real', name), 'utf8') }))
    .map(({ name, text }) => ({ name, written: /^date: (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\s*$/m.exec(text)?.[1] }))
    .filter((post): post is { name: string; written: string } => post.written !== undefined);
  assert.equal(zoneless.length, 9);
  for (const { name, written } of zoneless) {
    assert.equal(parseCorpusFile('real', name).article?.date, `${written.replace(' ', 'T')}+08:00`, name);
  }
});

test('should read the seed\'s GMT date as 08:49 in Shanghai and keep its proxied cover as written', { skip }, () => {
  const { article } = parseCorpusFile('seed', 'xinhua-jingjinji.md');
  assert.equal(article?.date, '2021-10-19T08:49:00+08:00');
  assert.deepEqual(article?.categories, [['新媒体', 'ZAKER', 'source']]);
  assert.match(article?.cover ?? '', /^https:\/\/cors\.zfour\.workers\.dev\/\?http:\/\/zkres1\.myzaker\.com\//);
  assert.equal(article?.author, 'ZAKER');
});

test('should read the Eventernote and DT财经 bodies as text lines', { skip }, () => {
  const texts = realPosts()
    .map((name) => parseCorpusFile('real', name).article)
    .filter((article) => article?.bodyFormat === 'text');
  assert.ok(texts.length > 0);
  for (const article of texts) {
    assert.ok(['Eventernote', 'DT 财经'].includes(article?.categories[0]?.[1] ?? ''), article?.source);
    assert.doesNotMatch(article?.body ?? '', /<\/?div/);
  }
});

test('should ingest the whole corpus folder: every post kept, every other file reported', { skip }, async () => {
  const result = await ingestArticles({ ...makeConfig(config), contentDir: corpus });
  assert.equal(result.articles.length, 55);
  assert.deepEqual(result.excluded, []);
  // README.md and real/SOURCE.md are notes, not posts.
  assert.deepEqual(
    result.diagnostics.map((d) => [d.file, d.rule]),
    [
      ['README.md', 'ingest/front-matter'],
      ['real/SOURCE.md', 'ingest/front-matter'],
    ],
  );
  const urls = new Set(result.articles.map((a) => a.url));
  assert.equal(urls.size, 55);
  for (const article of result.articles) {
    assert.match(article.url, /^\/(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})+(?:\/(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})+)*\/$/, article.url);
    for (const segment of article.outputPath.split('/')) assert.ok(Buffer.byteLength(segment) <= 255);
  }
});
