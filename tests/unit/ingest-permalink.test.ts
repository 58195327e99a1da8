import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { resolvePermalink, type PermalinkInput } from '../../src/ingest/permalink.ts';
import { wallTimeInZone } from '../../src/ingest/zone-time.ts';

const timestamp = Date.UTC(2021, 9, 19, 0, 49, 5); // 2021-10-19 08:49:05 in Shanghai

function input(overrides: Partial<PermalinkInput> = {}): PermalinkInput {
  return {
    source: 'news/storm.md',
    title: 'Storm Hits: the Coast!',
    slug: undefined,
    permalink: undefined,
    id: undefined,
    wall: wallTimeInZone(timestamp, 'Asia/Shanghai'),
    timestamp,
    categories: [['新媒体', 'ZAKER', 'source']],
    ...overrides,
  };
}

const url = (pattern: string, overrides: Partial<PermalinkInput> = {}) => resolvePermalink(pattern, input(overrides)).url;
const decoded = (pattern: string, overrides: Partial<PermalinkInput> = {}) => decodeURIComponent(url(pattern, overrides));

test('should expand the default pattern with the source path as :title, as Hexo does', () => {
  assert.deepEqual(resolvePermalink(':year/:month/:day/:title/', input()), {
    url: '/2021/10/19/news/storm/',
    outputPath: '2021/10/19/news/storm/index.html',
  });
});

test('should expand the date tokens in the site timezone', () => {
  assert.equal(url(':year-:month-:day-:hour-:minute-:second/'), '/2021-10-19-08-49-05/');
  const march = Date.UTC(2021, 2, 4, 0, 0);
  assert.equal(url(':i_month/:i_day/:month/:day/', { wall: wallTimeInZone(march, 'Asia/Shanghai'), timestamp: march }), '/3/4/03/04/');
});

test('should use the slug for :title and its last segment for :name', () => {
  assert.equal(url(':title/', { slug: 'custom/slug' }), '/custom/slug/');
  assert.equal(url(':name/', { slug: 'custom/slug' }), '/slug/');
  assert.equal(url(':name/'), '/storm/');
});

test('should slugize and lower-case the title for :post_title', () => {
  assert.equal(url(':post_title/'), '/storm-hits-the-coast/');
  assert.equal(decoded(':post_title/', { title: 'Café «Ünïcode»  ガ 新闻' }), '/cafe-«unicode»-ガ-新闻/');
});

test('should use the slug path of the first hierarchy\'s deepest category for :category, else uncategorized', () => {
  assert.equal(decoded(':category/:name/'), '/新媒体/ZAKER/source/storm/');
  assert.equal(decoded(':category/:name/', { categories: [['DT 财经', 'x'], ['b']] }), '/DT-财经/x/storm/');
  assert.equal(url(':category/:name/', { categories: [] }), '/uncategorized/storm/');
});

test('should compute :hash as Hexo does and use the id key for :id', () => {
  const hash = createHash('sha1').update(`news/storm${Math.floor(timestamp / 1000)}`).digest('hex').slice(0, 12);
  assert.equal(url(':hash/'), `/${hash}/`);
  assert.equal(url(':id/'), `/${hash}/`);
  assert.equal(url(':id/', { id: '42' }), '/42/');
});

test('should let the permalink key replace the pattern', () => {
  assert.equal(url(':year/:title/', { permalink: 'special/page/' }), '/special/page/');
  assert.equal(url(':year/:title/', { permalink: '/special' }), '/special/');
  assert.equal(url(':year/:title/', { permalink: 'https://old.example.org/2020/x/' }), '/2020/x/');
});

test('should keep a pattern ending in .html as a file URL', () => {
  assert.deepEqual(resolvePermalink(':year/:name.html', input()), { url: '/2021/storm.html', outputPath: '2021/storm.html' });
});

test('should never let ../ in a slug, permalink or title escape the output folder', () => {
  for (const overrides of [
    { slug: '../../../etc/passwd' },
    { permalink: '../../outside/' },
    { permalink: '..\\..\\windows\\' },
    { source: '../up.md' },
    { slug: '..' },
    { permalink: '/./../' },
  ]) {
    const { url: u, outputPath } = resolvePermalink(':title/', input(overrides));
    assert.ok(!outputPath.split('/').some((s) => s === '..' || s === '.' || s === ''), `${outputPath} stays inside`);
    assert.ok(!outputPath.startsWith('/'), outputPath);
    assert.match(u, /^\/.+\/$/, 'never the home page');
  }
  assert.equal(url(':title/', { slug: '../../../etc/passwd' }), '/etc/passwd/');
  assert.equal(url(':post_title/', { title: '../../x' }), '/x/');
});

test('should fall back to the source path when nothing is left of the URL', () => {
  assert.equal(url(':title/', { slug: '../..' }), '/news/storm/');
});

test('should percent-encode %, ?, # and spaces so they cannot end or escape the path', () => {
  const { url: u, outputPath } = resolvePermalink(':title/', input({ slug: '100% sure? #1' }));
  assert.equal(u, '/100-%20sure-%20-1/');
  assert.equal(outputPath, '100- sure- -1/index.html');
  assert.equal(decoded(':title/', { slug: 'a\u3000b' }).includes('%'), false);
  assert.doesNotMatch(url(':title/', { slug: 'a\u3000b' }), /[\u3000 ]/);
});

test('should keep every segment within 255 bytes, also for long .html file names', () => {
  const long = '长'.repeat(100); // 300 bytes of UTF-8
  for (const pattern of [':title/', ':title.html']) {
    const { outputPath } = resolvePermalink(pattern, input({ slug: long }));
    for (const segment of outputPath.split('/')) assert.ok(Buffer.byteLength(segment) <= 255, `${pattern}: ${Buffer.byteLength(segment)} bytes`);
    if (pattern.endsWith('.html')) assert.match(outputPath, /\.html$/);
  }
  const a = resolvePermalink(':title/', input({ slug: `${long}a` })).url;
  const b = resolvePermalink(':title/', input({ slug: `${long}b` })).url;
  assert.notEqual(a, b, 'long titles sharing a prefix still differ');
});

test('should expand unknown tokens (even Object.prototype names) to nothing', () => {
  assert.equal(url(':year/:constructor:toString:lang/:name/'), '/2021/storm/');
});

test('should decode a percent-encoded permalink key once, then re-encode it safely', () => {
  assert.equal(decoded(':title/', { permalink: '/2021/%E6%96%B0%E9%97%BB/' }), '/2021/新闻/');
  assert.equal(url(':title/', { permalink: '/a%2F..%2F..%2Fb/' }), '/a/b/');
  assert.equal(url(':title/', { permalink: '/100%/' }), '/100-/');
});
