import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sanitizeArticle } from '../../src/sanitize/index.ts';

/** Runs every real post of ../shared/corpus through the sanitizer (never copied into the repository). */
const corpus = new URL('../../../shared/corpus/', import.meta.url);
const hasCorpus = existsSync(corpus);
const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };

function posts(): { name: string; body: string }[] {
  const files: URL[] = [];
  for (const folder of ['real/', 'seed/']) {
    const dir = new URL(folder, corpus);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.md') && n !== 'SOURCE.md' && n !== 'README.md')) {
      files.push(new URL(encodeURIComponent(name), dir));
    }
  }
  return files.map((file) => ({ name: decodeURIComponent(file.pathname.split('/').pop() ?? ''), body: bodyOf(readFileSync(file, 'utf8')) }));
}

// The posts start with a blank line, then `---`, the front matter, `---`, and the body.
function bodyOf(raw: string): string {
  const lines = raw.split('\n');
  const first = lines.findIndex((line) => line.trim() === '---');
  const second = lines.findIndex((line, i) => i > first && line.trim() === '---');
  return lines.slice(second + 1).join('\n');
}

// Like ingest: a body whose only tag is the bot's outer <div> is text.
function formatOf(body: string): { format: 'html' | 'text'; body: string } {
  const inner = /^\s*<div>([\s\S]*)<\/div>\s*$/.exec(body)?.[1];
  return inner !== undefined && !/<[a-zA-Z/!]/.test(inner) ? { format: 'text', body: inner } : { format: 'html', body };
}

test('should sanitize every real post safely, keeping each image and every ZAKER figure', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, () => {
  const all = posts();
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
  const textPosts = posts().map((p) => ({ ...p, ...formatOf(p.body) })).filter((p) => p.format === 'text');
  assert.ok(textPosts.length > 0);
  for (const post of textPosts) {
    const lines = post.body.split('\n').filter((line) => line.trim() !== '').length;
    assert.equal(sanitizeArticle(post.body, 'text', options).body.html.match(/<p>/g)?.length, lines, post.name);
  }
});

test('should give no h1 and no empty paragraph in any real post', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, () => {
  for (const post of posts()) {
    const { format, body } = formatOf(post.body);
    const { html } = sanitizeArticle(body, format, options).body;
    assert.doesNotMatch(html, /<h1/, post.name);
    assert.doesNotMatch(html, /<p>\s*<\/p>/, post.name);
    assert.doesNotMatch(html, / {2,}/, `${post.name}: whitespace runs`);
  }
});
