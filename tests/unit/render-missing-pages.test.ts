import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { buildSite } from '../../src/build.ts';
import { BuildError } from '../../src/report/build-error.ts';
import { renderSite } from '../../src/site/index.ts';
import { loadHtml, makeConfig as makeSiteConfig, makeSiteArticles } from '../helpers/make-articles.ts';
import { makeConfig as makeBuildConfig } from '../helpers/make-config.ts';
import { listFiles, REPO_ROOT } from '../helpers/run-cli.ts';

const articles = makeSiteArticles();
let dir = '';
/** The package's templates without article.njk: listings render, articles do not. */
let noArticleTemplates = '';

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-missing-pages-'));
  noArticleTemplates = path.join(dir, 'templates-without-articles');
  await cp(path.join(REPO_ROOT, 'templates'), noArticleTemplates, { recursive: true });
  await rm(path.join(noArticleTemplates, 'article.njk'));
});

after(() => rm(dir, { recursive: true, force: true }));

test('should render every page from templates that lie under node_modules/, as in an installed package', async () => {
  const blog = path.join(dir, 'blog');
  const templatesDir = path.join(blog, 'node_modules', 'wirepress', 'templates');
  await cp(path.join(REPO_ROOT, 'templates'), templatesDir, { recursive: true });
  // From the blog, as `npx wirepress build` runs: Eleventy matches its ignores against paths relative to the working directory.
  const cwd = process.cwd();
  process.chdir(blog);
  try {
    const { files } = await renderSite(articles, makeSiteConfig(), { loadHtml, outDir: path.join(blog, '_site'), templatesDir });
    for (const article of articles) assert.ok(files.includes(article.outputPath), `missing ${article.outputPath}`);
    assert.ok(files.includes('index.html'));
  } finally {
    process.chdir(cwd);
  }
});

test('should throw a BuildError naming the templates folder when no article page was written', async () => {
  await assert.rejects(renderSite(articles, makeSiteConfig(), { loadHtml, outDir: path.join(dir, 'render-out'), templatesDir: noArticleTemplates }), (error: unknown) => {
    assert.ok(error instanceof BuildError, String(error));
    assert.equal(error.file, noArticleTemplates);
    assert.match(error.message, new RegExp(`^${articles.length} of ${articles.length} articles got no page: `));
    assert.match(error.hint ?? '', /article\.njk/);
    return true;
  });
});

test('should still render a site with no articles from the same templates', async () => {
  const { files } = await renderSite([], makeSiteConfig(), { loadHtml, outDir: path.join(dir, 'empty-out'), templatesDir: noArticleTemplates });
  assert.ok(files.includes('index.html'));
});

test('should fail the build and leave the published site untouched when posts were read but no article page written', { timeout: 120_000 }, async () => {
  const site = path.join(dir, 'site');
  await mkdir(path.join(site, 'content'), { recursive: true });
  await writeFile(path.join(site, 'content', 'ferry.md'), '---\ntitle: 渡轮夜航班次恢复\ndate: 2024-05-06 07:08:09\ncategories: [交通]\n---\n<div><p>夏季夜航从本周五起恢复。</p></div>\n');
  const config = makeBuildConfig(site);
  await buildSite(config, { threads: 1 });
  const published = await snapshot(config.outDir);
  assert.ok(published.size > 0);

  await writeFile(path.join(site, 'content', 'ferry.md'), '---\ntitle: 渡轮夜航班次再调整\ndate: 2024-05-07 07:08:09\ncategories: [交通]\n---\n<div><p>末班船推迟半小时。</p></div>\n');
  await assert.rejects(buildSite({ ...config, templatesDir: noArticleTemplates }, { threads: 1 }), BuildError);
  assert.deepEqual(await snapshot(config.outDir), published, 'the previous site is untouched');
});

/** Relative path → text of every file under `root`. */
async function snapshot(root: string): Promise<Map<string, string>> {
  const files = await listFiles(root);
  return new Map(await Promise.all(files.map(async (file) => [path.relative(root, file), await readFile(file, 'utf8')] as const)));
}
