import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseArticle } from '../../src/ingest/index.ts';

const config = { timezone: 'Asia/Shanghai', permalink: ':year/:month/:day/:title/' };
const bytes = (text: string) => new TextEncoder().encode(text);
const parse = (input: string | Uint8Array, options = {}) =>
  parseArticle('2021/storm.md', '/site/content/2021/storm.md', typeof input === 'string' ? bytes(input) : input, config, options);

// The shape of the real posts: a blank line first, 12 spaces and no newline at the end.
const POST = [
  '',
  '---',
  "title: '风暴 Storm'",
  'categories: ',
  ' - 新媒体',
  ' - ZAKER',
  ' - source',
  "headimg: 'https://cors.zfour.workers.dev/?http://img.example.org/a.jpg'",
  'author: ZAKER',
  'comments: false',
  'date: Tue, 19 Oct 2021 00:49:00 GMT',
  "thumbnail: 'https://example.org/thumb.jpg'",
  '---',
  '',
  '<div>   ',
  '<p>Rain.</p>',
  '</div>',
  '            ',
].join('\n');

test('should read a post shaped like the real ones', () => {
  const { article, diagnostics } = parse(POST);
  assert.deepEqual(diagnostics, []);
  assert.ok(article);
  assert.equal(article.source, '2021/storm.md');
  assert.equal(article.sourcePath, '/site/content/2021/storm.md');
  assert.equal(article.title, '风暴 Storm');
  assert.equal(article.date, '2021-10-19T08:49:00+08:00');
  assert.equal(article.timestamp, Date.UTC(2021, 9, 19, 0, 49));
  assert.equal(article.updated, undefined);
  assert.deepEqual(article.categories, [['新媒体', 'ZAKER', 'source']]);
  assert.equal(article.author, 'ZAKER');
  assert.equal(article.cover, 'https://cors.zfour.workers.dev/?http://img.example.org/a.jpg', 'headimg before thumbnail, as written');
  assert.equal(article.url, '/2021/10/19/2021/storm/');
  assert.equal(article.outputPath, '2021/10/19/2021/storm/index.html');
  assert.equal(article.body, '<div>   \n<p>Rain.</p>\n</div>');
  assert.equal(article.bodyLine, 15);
  assert.equal(article.bodyFormat, 'html');
  assert.equal(article.contentHash, createHash('sha256').update(POST).digest('hex'));
});

test('should read the same post with a BOM and CRLF line endings', () => {
  const crlf = parse(`\uFEFF${POST.replace(/\n/g, '\r\n')}`);
  const plain = parse(POST);
  assert.deepEqual(crlf.diagnostics, []);
  assert.equal(crlf.article?.title, plain.article?.title);
  assert.equal(crlf.article?.body, plain.article?.body);
  assert.equal(crlf.article?.bodyLine, plain.article?.bodyLine);
});

test('should tolerate several blank and whitespace-only lines before the opening ---', () => {
  const { article } = parse(`\n  \n\t\n${POST}`);
  assert.equal(article?.title, '风暴 Storm');
  assert.equal(article?.bodyLine, 18);
});

test('should read a plain-text body (no tags, or only a bare <div> around it) as text', () => {
  const text = parse('---\ntitle: A\ndate: 2021-10-19\n---\nline one\nline two\n');
  assert.equal(text.article?.bodyFormat, 'text');
  assert.equal(text.article?.body, 'line one\nline two');
  assert.equal(text.article?.bodyLine, 5);
  const wrapped = parse('\n---\ntitle: A\ndate: 2021-10-19\n---\n\n<div>   \nイベント A\n開演 2021-08-14 18:00\n  \n</div>\n            ');
  assert.equal(wrapped.article?.bodyFormat, 'text');
  assert.equal(wrapped.article?.body, 'イベント A\n開演 2021-08-14 18:00');
  assert.equal(wrapped.article?.bodyLine, 8);
  const html = parse('---\ntitle: A\ndate: 2021-10-19\n---\n<div>\nsee <a href="/x">x</a>\n</div>');
  assert.equal(html.article?.bodyFormat, 'html');
  assert.equal(parse('---\ntitle: A\ndate: 2021-10-19\n---\n1 < 2 and 3 > 2').article?.bodyFormat, 'text');
});

test('should exclude drafts and unpublished posts without an error', () => {
  for (const [line, reason] of [['draft: true', 'draft'], ['published: false', 'unpublished'], ['published: no', 'unpublished']] as const) {
    const result = parse(`---\ntitle: A\ndate: 2021-10-19\n${line}\n---\nbody`);
    assert.equal(result.article, undefined);
    assert.deepEqual(result.excluded, { source: '2021/storm.md', reason });
    assert.deepEqual(result.diagnostics, []);
  }
  assert.ok(parse('---\ntitle: A\ndate: 2021-10-19\npublished: true\ndraft: false\n---\nbody').article);
});

test('should read GB18030 bytes with an ingest/encoding warning', () => {
  const gb = new Uint8Array([
    ...bytes('---\ntitle: '),
    0xc4, 0xe3, 0xba, 0xc3, // 你好 in GB18030
    ...bytes('\ndate: 2021-10-19\n---\n<p>x</p>'),
  ]);
  const { article, diagnostics } = parse(gb);
  assert.equal(article?.title, '你好');
  assert.deepEqual(diagnostics.map((d) => [d.severity, d.rule]), [['warning', 'ingest/encoding']]);
});

test('should skip bytes that are neither UTF-8 nor GB18030 with an ingest/encoding error', () => {
  const { article, diagnostics } = parse(new Uint8Array([...bytes('---\ntitle: '), 0xff, 0xff, 0x80, ...bytes('\n---\n')]));
  assert.equal(article, undefined);
  assert.deepEqual(diagnostics.map((d) => [d.severity, d.rule]), [['error', 'ingest/encoding']]);
});

test('should skip binary files and empty files with an error', () => {
  const binary = parse(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  assert.deepEqual(binary.diagnostics.map((d) => d.rule), ['ingest/binary']);
  for (const empty of ['', '\n  \n', '\uFEFF']) {
    const result = parse(empty);
    assert.equal(result.article, undefined);
    assert.deepEqual(result.diagnostics.map((d) => [d.severity, d.rule]), [['error', 'ingest/empty']]);
  }
});

test('should take a title YAML reads as a number as the text written', () => {
  assert.equal(parse('---\ntitle: 2021\ndate: 2021-10-19\n---\nx').article?.title, '2021');
  assert.equal(parse('---\ntitle: 1.50 # price\ndate: 2021-10-19\n---\nx').article?.title, '1.50');
  assert.equal(parse('---\ntitle: "  Spaces  "\ndate: 2021-10-19\n---\nx').article?.title, 'Spaces');
});

test('should use the file mtime with an ingest/date-missing warning when date is missing', () => {
  const withMtime = parse('\n---\ntitle: A\n---\nx', { mtimeMs: Date.UTC(2022, 0, 1, 12) });
  assert.equal(withMtime.article?.date, '2022-01-01T20:00:00+08:00');
  assert.deepEqual(withMtime.diagnostics.map((d) => [d.severity, d.rule, d.line]), [['warning', 'ingest/date-missing', 2]]);
  const without = parse('---\ntitle: A\n---\nx');
  assert.equal(without.article, undefined);
  assert.deepEqual(without.diagnostics.map((d) => d.rule), ['ingest/date']);
});

test('should name the value received and list the accepted formats for a bad date', () => {
  const [diagnostic] = parse('---\ntitle: A\ndate: yesterday\n---\nx').diagnostics;
  assert.equal(diagnostic?.message, '`date`: expected a date, received "yesterday"');
  assert.equal(diagnostic?.line, 3);
  assert.match(diagnostic?.hint ?? '', /RFC 2822/);
  assert.match(diagnostic?.hint ?? '', /2021-10-19 08:49:00/);
});

test('should read updated, tags, tag and category aliases, author objects and cover before headimg', () => {
  const { article } = parse(
    [
      '---',
      'title: A',
      'date: 2021-10-19 08:00:00',
      'updated: 2021-10-20T00:00:00Z',
      'category: 新闻',
      'tag: weather',
      'author: {name: " Li Lei "}',
      'cover: https://example.org/cover.jpg',
      'headimg: https://example.org/head.jpg',
      'comments: false',
      'unknown_theme_key: {a: 1}',
      '---',
      'x',
    ].join('\n'),
  );
  assert.equal(article?.updated, '2021-10-20T08:00:00+08:00');
  assert.deepEqual(article?.categories, [['新闻']]);
  assert.deepEqual(article?.tags, ['weather']);
  assert.equal(article?.author, 'Li Lei');
  assert.equal(article?.cover, 'https://example.org/cover.jpg');
  const tags = parse('---\ntitle: A\ndate: 2021-10-19\ntags: [a, " b ", a, "", 3]\n---\nx').article?.tags;
  assert.deepEqual(tags, ['a', 'b', '3']);
});

test('should let slug and permalink keys set the URL', () => {
  assert.equal(parse('---\ntitle: A\ndate: 2021-10-19\nslug: my-storm\n---\nx').article?.url, '/2021/10/19/my-storm/');
  assert.equal(parse('---\ntitle: A\ndate: 2021-10-19\npermalink: /about/storm/\n---\nx').article?.url, '/about/storm/');
});

test('should keep dates as written text, never YAML timestamps read as UTC', () => {
  // YAML 1.1 would read this as 07:21:47 UTC, i.e. 15:21:47 in Shanghai.
  assert.equal(parse('---\ntitle: A\ndate: 2021-11-26 07:21:47\n---\nx').article?.date, '2021-11-26T07:21:47+08:00');
});

test('should turn hostile front matter into diagnostics quickly, never a crash', () => {
  const spaces = ' '.repeat(200_000);
  const hostile = [
    `---\ntitle: 1${spaces}\ndate: 2021-10-19\n---\nx`,
    `---\ntitle: a${spaces}b\ndate: ${'9'.repeat(100_000)}\n---\nx`,
    `---\nk${spaces}\ntitle: [${'['.repeat(20_000)}\n---\nx`,
    `---\na: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\ncategories: [*b, *b, *b, *b, *b, *b, *b, *b]\ntitle: A\ndate: 2021-10-19\n---\nx`,
    `---\n__proto__: {title: polluted}\nconstructor: x\ntitle: A\ndate: 2021-10-19\n---\nx`,
    `---\ntitle: "unclosed${spaces}\n---\nx`,
  ];
  const started = performance.now();
  for (const text of hostile) {
    const result = parse(text);
    assert.ok(result.article || result.diagnostics.some((d) => d.severity === 'error'));
  }
  assert.ok(performance.now() - started < 3000, 'no quadratic scans');
  assert.equal(({} as { title?: string }).title, undefined, 'no prototype pollution');
});
