import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitizeArticle } from '../../src/sanitize/index.ts';

const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };
const sanitize = (body: string, format: 'html' | 'text' = 'html') => sanitizeArticle(body, format, options);

test('should list images in order with the src as resolved, still proxied', () => {
  const { body } = sanitize(
    '<p><img src="https://cors.zfour.workers.dev/?http://a.example/1.jpg" alt=" One "></p>' +
      '<p><img src="/loading.gif" data-src="https://b.example/2.png"></p>',
  );
  assert.deepEqual(body.images, [
    { original: 'https://cors.zfour.workers.dev/?http://a.example/1.jpg', alt: 'One' },
    { original: 'https://b.example/2.png', alt: '' },
  ]);
});

test('should take an image without alt text its alt from the figure caption', () => {
  const { body } = sanitize(
    '<div class="img_box"><div class="content_img_div"><img data-original="http://z.example/a.jpg" src="https://cors.zfour.workers.dev/?http://z.example/a.jpg"></div></div>桥梁夜景。记者 张三 摄<p>正文</p>',
  );
  assert.deepEqual(body.images, [{ original: 'http://z.example/a.jpg', alt: '桥梁夜景。记者 张三 摄' }]);
  assert.match(body.html, /<figure><img [^>]*><figcaption>桥梁夜景。记者 张三 摄<\/figcaption><\/figure><p>正文<\/p>/);
});

test('should keep bare text after a ZAKER box as a paragraph when it is not a caption', () => {
  const { body } = sanitize(
    '<div class="img_box"><div class="content_img_div"><img src="https://z.example/a.jpg"></div></div>此外，会议还讨论了预算。<p>下一段</p>',
  );
  assert.equal(body.html, '<figure><img src="https://z.example/a.jpg"></figure><p>此外，会议还讨论了预算。</p><p>下一段</p>');
});

test('should return the text with whitespace collapsed', () => {
  const { body } = sanitize('<div>  <h2>Title</h2>\n\n<p>One   two</p><p>three</p><script>var hidden</script></div>');
  assert.equal(body.text, 'Title One two three');
});

test('should make each non-empty line of a text body a paragraph, escaped', () => {
  const { body, warnings } = sanitize('first <b>line</b>\n\n  second & third  \r\nfourth', 'text');
  assert.equal(body.html, '<p>first &#x3C;b>line&#x3C;/b></p>\n<p>second &#x26; third</p>\n<p>fourth</p>');
  assert.equal(body.text, 'first <b>line</b> second & third fourth');
  assert.deepEqual(warnings, []);
});

test('should survive 5,000 nested elements, flattening them with a warning', () => {
  const depth = 5000;
  const { body, warnings } = sanitize(`${'<div><span>'.repeat(depth / 2)}deep text${'</span></div>'.repeat(depth / 2)}<p>after</p>`);
  assert.match(body.html, /deep text/);
  assert.match(body.html, /<p>after<\/p>/);
  assert.ok(warnings.some((w) => w.rule === 'sanitize/flattened'));
});

test('should survive 100,000 unclosed formatting elements', () => {
  const { body } = sanitize(`${'<b>'.repeat(100_000)}x`);
  assert.match(body.html, /x/);
});

test('should flatten pathological nesting instead of failing', () => {
  const shapes = {
    'self-closing divs': '<div/>'.repeat(10_000),
    'nested tables': '<table><tr><td>'.repeat(3000),
    'nested lists': '<ul><li>'.repeat(5000),
    'nested definition lists': '<dl><dt><dd>'.repeat(5000),
    'formatting soup': '<b><i><u><s><em><strong><small><code><tt>'.repeat(1000),
    'deep svg': `<svg>${'<g>'.repeat(10_000)}</svg>`,
    'quoted >': '<div title="a>b">'.repeat(6000),
  };
  for (const [name, markup] of Object.entries(shapes)) {
    const { body, warnings } = sanitize(`${markup}needle`);
    assert.ok(!warnings.some((w) => w.rule === 'sanitize/failed'), name);
    if (name !== 'deep svg') assert.match(body.text, /needle/, name);
  }
});

test('should keep normal nesting untouched (no flattening warning)', () => {
  const { body, warnings } = sanitize(`${'<p>para</p>'.repeat(2000)}${'<ul><li>'.repeat(20)}deep${'</li></ul>'.repeat(20)}`);
  assert.equal(warnings.length, 0);
  assert.equal(body.html.match(/<li>/g)?.length, 20);
});

test('should sanitize a multi-megabyte body in reasonable time', () => {
  const paragraph = '<p>Some <strong>news</strong> text with a <a href="https://example.com/">link</a>.</p>\n';
  const huge = `<div>${paragraph.repeat(25_000)}</div>`;
  assert.ok(huge.length > 2_000_000);
  const started = Date.now();
  const { body } = sanitize(huge);
  assert.equal(body.html.match(/<p>/g)?.length, 25_000);
  assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
});

test('should never throw, whatever the body', () => {
  const inputs = ['', '   ', '<', '<<<>>>', '</div></div></p>', '<!--', '<![CDATA[', '&#xFFFFFFFF;', '\u0000\uFFFF\uD800', '<a href="', '<img src=">'];
  for (const input of inputs) {
    for (const format of ['html', 'text'] as const) {
      assert.doesNotThrow(() => sanitize(input, format), JSON.stringify(input));
    }
  }
  // Not a string at all (a YAML quirk upstream must not crash the build either).
  assert.doesNotThrow(() => sanitizeArticle(undefined as unknown as string, 'html', options));
});

test('should shift headings down so the body has no h1', () => {
  const { body } = sanitize('<h1>A</h1><h2>B</h2><h6>C</h6>');
  assert.equal(body.html, '<h2>A</h2><h3>B</h3><h6>C</h6>');
});

test('should turn a video into a link to its origin, behind the proxy', () => {
  const { body } = sanitize('<video src="https://cors.zfour.workers.dev/?http://v.example/play?id=1" controls></video>');
  assert.equal(body.html, '<p><a href="http://v.example/play?id=1" rel="nofollow noopener noreferrer">▶ v.example</a></p>');
});

test('should unwrap links that lead nowhere and keep their text', () => {
  const { body } = sanitize('<p><a href="/tag/x">relative</a> <a>bare</a> <a href="mailto:a@example.com" target="_blank">mail</a></p>');
  assert.equal(body.html, '<p>relative bare <a href="mailto:a@example.com">mail</a></p>');
});
