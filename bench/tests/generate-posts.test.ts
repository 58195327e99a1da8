import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePosts } from '../generate-posts.ts';
import { MissingCorpusError, parseRealPost, readRealPosts } from '../lib/corpus.ts';
import { botTitle, fileNameForTitle, formatPost } from '../lib/post-format.ts';
import { createPostFactory } from '../lib/synth-posts.ts';

const corpusDir = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const hasCorpus = existsSync(path.join(corpusDir, 'real'));
const skip = hasCorpus ? false : 'needs ../shared/corpus';

test('should rewrite titles and file names by the bot’s rules', () => {
  assert.equal(botTitle('“瓣瓣同心”: A/B?'), '_瓣瓣同心__ A_B_');
  assert.equal(fileNameForTitle('少女☆歌劇 -The LIVE-#3 1.28万'), '少女☆歌劇 -The LIVE-3 128万.md');
  assert.equal(fileNameForTitle("+_&~_%！'^……"), "+_&~_%！'^…….md");
});

test('should reproduce every real post byte for byte from its parts', { skip }, () => {
  const real = path.join(corpusDir, 'real');
  const names = readdirSync(real).filter((n) => n.endsWith('.md') && n !== 'SOURCE.md');
  assert.ok(names.length > 0);
  for (const name of names) {
    const text = readFileSync(path.join(real, name), 'utf8');
    const post = parseRealPost(name, text);
    assert.ok(post, `${name} should have the bot's framing`);
    const { title, categories, headimg, author, date } = post;
    assert.equal(formatPost({ title, categories, headimg, author, date }, post.inner), text, name);
  }
});

test('should generate posts framed, named and dated like the real ones', { skip }, async () => {
  const next = createPostFactory(await readRealPosts(corpusDir));
  const posts = Array.from({ length: 1000 }, next);
  const names = new Set<string>();
  const paths = new Set<string>();
  let zoneless = 0;
  let long = 0;
  for (const post of posts) {
    assert.match(post.text, /^\n---\ntitle: .+\ncategories: \n - .+\n - .+\n - .+\nheadimg: .+\nauthor: .+\ncomments: false\ndate: .+\nthumbnail: .+\n---\n\n<div> {3}\n/);
    assert.ok(post.text.endsWith('\n</div>\n            '), 'ends with 12 spaces and no newline');
    const reparsed = parseRealPost('x.md', post.text);
    assert.equal(reparsed?.title, post.fields.title, 'the title survives YAML quoting');
    assert.equal(path.basename(post.relPath), fileNameForTitle(post.fields.title));
    names.add(path.basename(post.relPath).toLowerCase());
    paths.add(post.fields.categories.join('/'));
    if (!post.fields.date.endsWith(' GMT')) zoneless++;
    assert.ok(post.timestamp >= Date.UTC(2018, 11, 1) && post.timestamp <= Date.UTC(2022, 9, 1));
    const bytes = Buffer.byteLength(post.inner);
    assert.ok(bytes >= 1_900 && bytes < 100_000, `body of ${bytes} bytes`);
    if (bytes >= 60_000) long++;
  }
  assert.equal(names.size, posts.length, 'file names are unique');
  assert.ok(paths.size >= 25 && paths.size <= 30, `${paths.size} category paths`);
  assert.ok(zoneless > 120 && zoneless < 280, `${zoneless} zoneless dates of 1000`);
  assert.ok(long >= 5 && long <= 40, `${long} long bodies of 1000`);
  assert.ok(posts.some((p) => p.fields.headimg.startsWith('https://cors.zfour.workers.dev/?http')), 'some covers are proxied');
});

test('should generate the same posts for the same seed and others for another', { skip }, async () => {
  const real = await readRealPosts(corpusDir);
  const take = (seed: number) => {
    const next = createPostFactory(real, { seed });
    return Array.from({ length: 50 }, next).map((p) => p.text);
  };
  assert.deepEqual(take(7), take(7));
  assert.notDeepEqual(take(7), take(8));
});

test('should write the posts in the bot’s folder layout', { skip }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-gen-'));
  try {
    const out = path.join(dir, 'posts');
    const result = await generatePosts({ posts: 20, spare: 2, outDir: out, corpusDir });
    assert.equal(result.written.length, 20);
    assert.equal(result.spare.length, 2);
    const first = result.written[0]!;
    assert.equal(await readFile(path.join(out, first.relPath), 'utf8'), first.text);
    assert.equal(first.relPath.split('/').length, 4, 'category/site/feed/file');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('should refuse to empty a folder it did not create', { skip }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-gen-'));
  try {
    await writeFile(path.join(dir, 'keep.txt'), 'mine');
    await assert.rejects(generatePosts({ posts: 1, outDir: dir, corpusDir }), /refusing to empty/);
    assert.ok(existsSync(path.join(dir, 'keep.txt')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('should say clearly when the corpus is missing', async () => {
  await assert.rejects(readRealPosts(path.join(os.tmpdir(), 'no-such-corpus')), (error: unknown) => {
    assert.ok(error instanceof MissingCorpusError);
    assert.match(error.message, /shared\/corpus/);
    return true;
  });
});

test('should never start a file name with `_` or `.`, which Hexo and wirepress skip', { skip }, async () => {
  const next = createPostFactory(await readRealPosts(corpusDir));
  for (let i = 0; i < 2000; i++) assert.doesNotMatch(next().relPath.split('/').at(-1)!, /^[._]/);
});
