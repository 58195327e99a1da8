import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/run-cli.ts';

/**
 * What numbering pages from the oldest buys a bot-fed blog: a new post
 * re-renders the listings' own pages and the few numbered pages nearest
 * them, not every page it pushes down (as Hexo's numbering from the newest
 * does), and an old page keeps its bytes.
 */

const ROOT = await mkdtemp(path.join(tmpdir(), 'wirepress-anchored-'));
after(() => rm(ROOT, { recursive: true, force: true }));

const POSTS = 60;

/** A small site of `POSTS` posts a day apart, in one category, two to a page. */
async function makeSite(name: string, pagination: 'anchored' | 'newest'): Promise<string> {
  const dir = path.join(ROOT, name);
  await mkdir(path.join(dir, 'content'), { recursive: true });
  await writeFile(path.join(dir, 'wirepress.config.yml'), `title: 电讯\nbaseUrl: http://localhost:8080/\npageSize: 2\npagination: ${pagination}\n`);
  for (let i = 0; i < POSTS; i += 1) await writePost(dir, i);
  return dir;
}

async function writePost(dir: string, i: number): Promise<void> {
  const date = new Date(Date.UTC(2021, 0, 1 + i, 2)).toISOString();
  await writeFile(
    path.join(dir, 'content', `post-${i}.md`),
    `---\ntitle: 第 ${i} 条电讯\ndate: ${date}\ncategories:\n - 科技\n---\n\n<p>第 ${i} 条电讯的正文，讲一件新的事。</p>\n`,
  );
}

/** Builds the site offline; returns how many pages it wrote and rendered. */
async function build(dir: string): Promise<{ pages: number; rendered: number }> {
  const run = await runCli(['build', '--offline'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const counts = /(\d+) pages to .+ \((\d+) rendered/.exec(run.stderr);
  assert.ok(counts, run.stderr);
  return { pages: Number(counts[1]), rendered: Number(counts[2]) };
}

test('a new post should re-render a handful of listing pages, and leave the older pages as they were', { timeout: 300_000 }, async () => {
  const anchored = await makeSite('anchored', 'anchored');
  const hexo = await makeSite('newest', 'newest');
  await Promise.all([build(anchored), build(hexo)]);
  const oldest = path.join(anchored, '_site/page/1/index.html');
  const before = await readFile(oldest, 'utf8');

  await Promise.all([writePost(anchored, POSTS), writePost(hexo, POSTS)]);
  const [afterAnchored, afterHexo] = [await build(anchored), await build(hexo)];

  // Its own page, its neighbour's, the front pages of home, category, archives, year, month; the pages near them.
  assert.ok(afterAnchored.rendered <= 20, `numbered from the oldest: ${afterAnchored.rendered} of ${afterAnchored.pages} pages rendered`);
  // Numbered from the newest, every page of those listings moves by one post.
  assert.ok(afterHexo.rendered >= 100, `numbered from the newest: ${afterHexo.rendered} of ${afterHexo.pages} pages rendered`);
  assert.equal(await readFile(oldest, 'utf8'), before, 'the page of the oldest posts is unchanged');
  assert.match(before, /第 0 条电讯/);
  const home = await readFile(path.join(anchored, '_site/index.html'), 'utf8');
  assert.match(home, /第 60 条电讯/, 'the new post is on the home page');
});
