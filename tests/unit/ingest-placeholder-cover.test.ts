import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseSettingsOf, siteOptionsSchema } from '../../src/config/index.ts';
import { parseArticle } from '../../src/ingest/index.ts';
import { keptCover } from '../../src/ingest/placeholder-cover.ts';
import { sanitizeArticle } from '../../src/sanitize/index.ts';
import { makeConfig } from '../helpers/make-articles.ts';
import { CORPUS_DIR, HAS_CORPUS } from '../helpers/run-cli.ts';

const PROXY = ['https://cors.zfour.workers.dev/?'];
const content = siteOptionsSchema.parse({}).content;
const config = { timezone: 'Asia/Shanghai', permalink: ':year/:month/:day/:title/', content, proxyPrefixes: PROXY };

/** A post in the bots' shape, with the header image they write when a story has no picture. */
function post(cover: string): Uint8Array {
  const lines = ['', '---', "title: '港口新闻'", 'categories: ', ' - 新媒体', ' - 某站', ' - 最新', `headimg: '${cover}'`, 'author: 某站', 'comments: false'];
  lines.push('date: Tue, 19 Oct 2021 00:49:00 GMT', `thumbnail: '${cover}'`, '---', '', '<div>   ', '<p>正文。<img src="https://picsum.photos/640/480?random=2"></p>', '</div>', '            ');
  return new TextEncoder().encode(lines.join('\n'));
}

const parse = (bytes: Uint8Array, settings: Parameters<typeof parseArticle>[3] = config) => parseArticle('2021/port.md', '/site/content/2021/port.md', bytes, settings);

test('should give a post whose header image is the bot\'s random picsum picture no cover', () => {
  assert.equal(parse(post('https://picsum.photos/400/300?random=83')).article?.cover, undefined);
  assert.equal(parse(post('https://cors.zfour.workers.dev/?https://picsum.photos/400/300?random=9')).article?.cover, undefined, 'behind the proxy too');
  assert.equal(parse(post('https://fastly.picsum.photos/id/5/400/300.jpg')).article?.cover, undefined, 'where picsum redirects');
  const real = 'https://img.ithome.com/newsuploadfiles/2022/3/a.jpg';
  assert.equal(parse(post(real)).article?.cover, real, 'a real cover stays');
  assert.equal(parse(post('https://picsum.photos/400/300?random=83'), { timezone: 'Asia/Shanghai', permalink: ':year/:month/:day/:title/' }).article?.cover, 'https://picsum.photos/400/300?random=83', 'no content rules: kept as written');
});

test('should keep a picsum <img> of the body as a body image', () => {
  const article = parse(post('https://picsum.photos/400/300?random=83')).article;
  assert.ok(article);
  const { images } = sanitizeArticle(article.body, article.bodyFormat, { proxyPrefixes: PROXY, content }).body;
  assert.deepEqual(images.map((image) => image.original), ['https://picsum.photos/640/480?random=2']);
});

test('should match the config\'s own placeholder hosts, and none when the list is empty', () => {
  assert.equal(keptCover('https://img.example.com/placeholder/1.jpg', ['img.example.com/placeholder/'], []), undefined);
  assert.equal(keptCover('https://img.example.com/photos/1.jpg', ['img.example.com/placeholder/'], []), 'https://img.example.com/photos/1.jpg');
  assert.equal(keptCover('https://picsum.photos/1', [], PROXY), 'https://picsum.photos/1');
  assert.equal(keptCover(undefined, content.placeholderCovers, PROXY), undefined);
});

test('should key the parsed-post cache by the placeholder hosts', () => {
  const a = makeConfig();
  const b = makeConfig({ content: { placeholderCovers: ['img.example.com'] } });
  assert.notDeepEqual(parseSettingsOf(a), parseSettingsOf(b));
});

test('should leave no real post with a picsum cover', { skip: HAS_CORPUS ? false : `needs ${CORPUS_DIR}` }, () => {
  const dir = path.join(CORPUS_DIR, 'real');
  let placeholders = 0;
  let covers = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.md') && n !== 'SOURCE.md')) {
    const bytes = readFileSync(path.join(dir, name));
    const written = /^headimg: '([^']*)'/m.exec(bytes.toString('utf8'))?.[1] ?? '';
    const { article } = parseArticle(`real/${name}`, path.join(dir, name), bytes, config);
    assert.ok(article, name);
    if (written.includes('picsum.photos')) {
      placeholders += 1;
      assert.equal(article.cover, undefined, name);
    } else if (written !== '') {
      covers += 1;
      assert.equal(article.cover, written, name);
    }
  }
  assert.ok(placeholders >= 10 && covers >= 30, `${placeholders} placeholder covers, ${covers} real ones`);
});
