import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generatePosts } from '../generate-posts.ts';
import { botTitle, createPostFactory, DEFAULT_CORPUS_DIR as corpusDir, fileNameForTitle, formatPost, MissingCorpusError, parseRealPost, readRealPosts } from '../lib/posts.ts';

const skip = existsSync(path.join(corpusDir, 'real')) ? false : 'needs ../shared/corpus';

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
    const post = parseRealPost(text);
    assert.ok(post, `${name} should have the bot's framing`);
    assert.equal(formatPost(post, post.inner), text, name);
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
    const reparsed = parseRealPost(post.text);
    assert.equal(reparsed?.title, post.fields.title, 'the title survives YAML quoting');
    assert.equal(path.basename(post.relPath), fileNameForTitle(post.fields.title));
    names.add(path.basename(post.relPath).toLowerCase());
    assert.doesNotMatch(path.basename(post.relPath), /^[._]/, 'Hexo and wirepress skip such files');
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

test('should write the posts in the bot’s folder layout, and empty only a folder it made', { skip }, async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-gen-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const out = path.join(dir, 'posts');
  const result = await generatePosts({ posts: 20, spare: 2, outDir: out, corpusDir });
  assert.deepEqual([result.written.length, result.spare.length], [20, 2]);
  const first = result.written[0]!;
  assert.equal(await readFile(path.join(out, first.relPath), 'utf8'), first.text);
  assert.equal(first.relPath.split('/').length, 4, 'category/site/feed/file');
  await generatePosts({ posts: 3, outDir: out, corpusDir });
  await writeFile(path.join(dir, 'keep.txt'), 'mine');
  await assert.rejects(generatePosts({ posts: 1, outDir: dir, corpusDir }), /refusing to empty/);
  assert.ok(existsSync(path.join(dir, 'keep.txt')));
});

test('should say clearly when the corpus is missing', async () => {
  await assert.rejects(readRealPosts(path.join(os.tmpdir(), 'no-such-corpus')), (error: unknown) => {
    assert.ok(error instanceof MissingCorpusError);
    assert.match(error.message, /shared\/corpus/);
    return true;
  });
});
