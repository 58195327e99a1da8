import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SiteConfig } from '../../src/config/index.ts';
import { ingestArticles } from '../../src/ingest/index.ts';
import { BuildError } from '../../src/report/build-error.ts';
import { makeConfig } from '../helpers/make-articles.ts';

const post = (title: string, extra = '') => `\n---\ntitle: ${title}\ndate: 2021-10-19 08:00:00\n${extra}---\n<p>${title}</p>\n`;

async function site(files: Record<string, string>): Promise<{ dir: string; config: SiteConfig }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-ingest-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const config: SiteConfig = { ...makeConfig({ permalink: ':year/:month/:day/:title/' }), contentDir: dir };
  return { dir, config };
}

test('should find .md and .html posts in sorted order with POSIX paths, skipping hidden files, _-prefixed folders and other files, keeping _-prefixed posts the bot writes', async (t) => {
  const { dir, config } = await site({
    'b.md': post('B'),
    'a/z.html': post('Z'),
    'a/c.md': post('C'),
    'A.MD': post('Upper'),
    '.hidden.md': post('Hidden'),
    '.git/x.md': post('Git'),
    '_drafts/d.md': post('Draft folder'),
    '_partial.md': post('Underscore'),
    'notes.txt': 'not a post',
    'image.png': '\u0089PNG',
    'backup.md~': post('Editor backup'),
  });
  t.after(() => rm(dir, { recursive: true, force: true }));
  const result = await ingestArticles(config);
  assert.deepEqual(result.articles.map((a) => a.source), ['A.MD', '_partial.md', 'a/c.md', 'a/z.html', 'b.md']);
  assert.deepEqual(result.diagnostics, []);
  assert.equal(result.articles[2]?.sourcePath, path.join(dir, 'a', 'c.md'));
  assert.equal(result.articles[2]?.url, '/2021/10/19/a/c/');
});

test('should not hang on a symlinked folder that loops, and still read linked posts once', async (t) => {
  const { dir, config } = await site({ 'real/post.md': post('Real') });
  t.after(() => rm(dir, { recursive: true, force: true }));
  await symlink(path.join(dir, 'real'), path.join(dir, 'real', 'loop'));
  await symlink(dir, path.join(dir, 'root-loop'));
  await symlink(path.join(dir, 'real', 'post.md'), path.join(dir, 'alias.md'));
  const result = await ingestArticles(config);
  assert.deepEqual(result.articles.map((a) => a.source), ['alias.md', 'real/post.md']);
});

test('should keep the first of two posts with one URL and name both files in the error', async (t) => {
  const { dir, config } = await site({
    'cnbeta/same.md': post('Same story', 'slug: same\n'),
    'mydrivers/same.md': post('Same story', 'slug: same\n'),
    'other.md': post('Other'),
  });
  t.after(() => rm(dir, { recursive: true, force: true }));
  const result = await ingestArticles(config);
  assert.deepEqual(result.articles.map((a) => a.source), ['cnbeta/same.md', 'other.md']);
  const [collision] = result.diagnostics;
  assert.equal(result.diagnostics.length, 1);
  assert.equal(collision?.rule, 'ingest/url-collision');
  assert.equal(collision?.severity, 'error');
  assert.equal(collision?.file, 'mydrivers/same.md');
  assert.match(collision?.message ?? '', /cnbeta\/same\.md/);
  assert.match(collision?.message ?? '', /mydrivers\/same\.md/);
  assert.match(collision?.hint ?? '', /slug/);
});

test('should reject a post whose file would sit inside another post\'s file, or on the site\'s own pages', async (t) => {
  const { dir, config } = await site({
    'a.md': post('A', 'permalink: x/page.html\n'),
    'b.md': post('B', 'permalink: x/page.html/\n'),
    'c.md': post('C', 'permalink: categories/news/\n'),
  });
  t.after(() => rm(dir, { recursive: true, force: true }));
  const result = await ingestArticles(config);
  assert.deepEqual(result.articles.map((a) => a.outputPath), ['x/page.html']);
  assert.deepEqual(result.diagnostics.map((d) => [d.file, d.rule]), [
    ['b.md', 'ingest/url-collision'],
    ['c.md', 'ingest/url-collision'],
  ]);
});

test('should report bad posts, broken links and drafts, and keep the rest', async (t) => {
  const { dir, config } = await site({
    'good.md': post('Good'),
    'bad-date.md': '---\ntitle: Bad\ndate: yesterday\n---\nx',
    'draft.md': post('Draft', 'draft: true\n'),
    'empty.md': '',
  });
  t.after(() => rm(dir, { recursive: true, force: true }));
  await symlink(path.join(dir, 'missing-target.md'), path.join(dir, 'broken.md'));
  const result = await ingestArticles(config);
  assert.deepEqual(result.articles.map((a) => a.source), ['good.md']);
  assert.deepEqual(result.excluded, [{ source: 'draft.md', reason: 'draft' }]);
  assert.deepEqual(result.diagnostics.map((d) => [d.file, d.rule, d.line]), [
    ['bad-date.md', 'ingest/date', 3],
    ['broken.md', 'ingest/read', undefined],
    ['empty.md', 'ingest/empty', 1],
  ]);
});

test('should hand each article to onArticle as it is read, a few at a time, and keep what it returns', async (t) => {
  const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`p${String(i).padStart(2, '0')}.md`, post(`Post ${i}`)]));
  const { dir, config } = await site({ ...files, 'bad-date.md': '---\ntitle: Bad\ndate: yesterday\n---\nx', 'draft.md': post('Draft', 'draft: true\n') });
  t.after(() => rm(dir, { recursive: true, force: true }));
  const seen: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const result = await ingestArticles(config, {
    onArticle: async (article) => {
      seen.push(article.body);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return { ...article, body: '' };
    },
  });
  assert.equal(result.articles.length, 40);
  assert.deepEqual(seen.sort(), Object.keys(files).map((_, i) => `<p>Post ${i}</p>`).sort(), 'every article once, with its body; no draft, no broken post');
  assert.ok(result.articles.every((article) => article.body === ''), 'what onArticle returned is kept');
  assert.ok(mostInFlight > 1 && mostInFlight <= 16, `${mostInFlight} articles held at once`);
});

test('should throw a BuildError naming the folder when the content folder does not exist', async () => {
  const config: SiteConfig = { ...makeConfig({ timezone: 'UTC', permalink: ':title/' }), contentDir: path.join(tmpdir(), 'wirepress-no-such-folder') };
  await assert.rejects(ingestArticles(config), (error: unknown) => error instanceof BuildError && /wirepress-no-such-folder/.test(error.message));
});
