import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitizeArticle } from '../../src/sanitize/index.ts';
import { corpusPosts, formatOf, hasCorpus } from '../helpers/corpus-posts.ts';

const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };

test('should sanitize every real post safely, keeping each image and every ZAKER figure', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, () => {
  const all = corpusPosts();
  assert.ok(all.length >= 50, `only ${all.length} posts`);
  for (const post of all) {
    const { format, body } = formatOf(post.body);
    let result: ReturnType<typeof sanitizeArticle> | undefined;
    assert.doesNotThrow(() => {
      result = sanitizeArticle(body, format, options);
    }, post.name);
    const html = result?.body.html ?? '';
    assert.doesNotMatch(html, /<script/i, post.name);
    assert.doesNotMatch(html, / on\w+=/i, post.name);
    assert.doesNotMatch(html, /style=/i, post.name);
    assert.doesNotMatch(html, /javascript:/i, post.name);
    const boxes = post.body.match(/class="img_box"/g)?.length ?? 0;
    if (boxes > 0) assert.equal(html.match(/<figure>/g)?.length ?? 0, boxes, `${post.name}: ZAKER boxes → figures`);
    const images = post.body.match(/<img\b/gi)?.length ?? 0;
    assert.equal(result?.body.images.length, images, `${post.name}: image count`);
    assert.equal(html.match(/<img\b/g)?.length ?? 0, images, `${post.name}: <img> in the output`);
    assert.ok(!result?.warnings.some((w) => w.rule === 'sanitize/failed' || w.rule === 'sanitize/flattened'), post.name);
    assert.ok((result?.body.text.length ?? 0) > 0, `${post.name}: text`);
  }
});

test('should keep the line breaks of text bodies as paragraphs', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, () => {
  const textPosts = corpusPosts().map((p) => ({ ...p, ...formatOf(p.body) })).filter((p) => p.format === 'text');
  assert.ok(textPosts.length > 0);
  for (const post of textPosts) {
    const lines = post.body.split('\n').filter((line) => line.trim() !== '').length;
    assert.equal(sanitizeArticle(post.body, 'text', options).body.html.match(/<p>/g)?.length, lines, post.name);
  }
});

test('should give no h1 and no empty paragraph in any real post', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, () => {
  for (const post of corpusPosts()) {
    const { format, body } = formatOf(post.body);
    const { html } = sanitizeArticle(body, format, options).body;
    assert.doesNotMatch(html, /<h1/, post.name);
    assert.doesNotMatch(html, /<p>\s*<\/p>/, post.name);
    assert.doesNotMatch(html, / {2,}/, `${post.name}: whitespace runs`);
  }
});
