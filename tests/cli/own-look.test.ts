import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listFiles, REPO_ROOT, runCli } from '../helpers/run-cli.ts';

/** A site's own templates, blocks, static files and CSP hosts, without editing the package. */

const ROOT = await mkdtemp(path.join(tmpdir(), 'wirepress-own-look-'));
test.after(() => rm(ROOT, { recursive: true, force: true, maxRetries: 3 }));

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(ROOT, file)), { recursive: true });
  await writeFile(path.join(ROOT, file), text);
}

const build = () => runCli(['build', '--content', 'content', '--out', '_site', '--offline'], { cwd: ROOT });
const pages = async () => (await listFiles(path.join(ROOT, '_site'))).filter((file) => file.endsWith('.html'));

test.before(async () => {
  await cp(path.join(REPO_ROOT, 'content'), path.join(ROOT, 'content'), { recursive: true });
  await write('wirepress.config.yml', 'title: 早班电讯\ncsp:\n  scriptSrc: [plausible.io]\n  connectSrc: [plausible.io]\n');
  await write('templates/_includes/blocks/head.njk', '<script defer data-domain="news.example.org" src="https://plausible.io/js/script.js"></script>\n');
  await write('templates/_includes/blocks/footer.njk', '<p class="own-footer">本站内容转载自公开新闻源。</p>\n');
  await write('templates/_includes/blocks/article_end.njk', '<aside class="own-note">转载：{{ entry.title }}</aside>\n');
  await write('public/favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"><title>own</title></svg>\n');
  await write('public/extra.css', '.own-footer { color: gray; }\n');
});

test('a site should fill the blocks, shadow static files and widen the CSP by its config, and keep the rest built-in', async () => {
  const run = await build();
  assert.equal(run.code, 0, run.stderr);
  // Every page a reader reads: not the pages that send Hexo's old numbered URLs on at once (templates/redirect.njk).
  const html = (await Promise.all((await pages()).map((file) => readFile(file, 'utf8')))).filter((page) => !page.includes('<meta http-equiv="refresh"'));
  assert.ok(html.length > 20);
  for (const page of html) {
    assert.match(page, /<p class="own-footer">本站内容转载自公开新闻源。<\/p>/, 'every page has the footer block');
    assert.match(page, /src="https:\/\/plausible\.io\/js\/script\.js"/, 'and the head block');
    assert.match(page, /content="default-src 'self'; script-src 'self' plausible\.io; style-src 'self';[^"]*connect-src 'self' plausible\.io;/, 'and the CSP the config widens');
    assert.match(page, /class="site-header"/, 'the built-in layout is kept');
  }
  const articles = html.filter((page) => page.includes('class="article-body"'));
  assert.ok(articles.length > 5 && articles.every((page) => /<aside class="own-note">转载：[^<]+<\/aside>/.test(page)), 'each article ends with its block, its title escaped in');
  const site = path.join(ROOT, '_site');
  assert.match(await readFile(path.join(site, 'favicon.svg'), 'utf8'), /<title>own<\/title>/, 'an own static file replaces the built-in one');
  assert.match(await readFile(path.join(site, 'extra.css'), 'utf8'), /own-footer/, 'and an own one is published');
  assert.equal(await readFile(path.join(site, 'style.css'), 'utf8'), await readFile(path.join(REPO_ROOT, 'public', 'style.css'), 'utf8'), 'the rest stays built-in');
});

test('a changed block should render every page again, and a broken one should name the site\'s own file', async () => {
  await write('templates/_includes/blocks/footer.njk', '<p class="own-footer">版权所有。</p>\n');
  const again = await build();
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /wrote (\d+) pages to .* \(\1 rendered, 0 unchanged\)/, 'the footer is on every page');
  await write('templates/_includes/blocks/footer.njk', '{% if %}\n');
  const broken = await build();
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, new RegExp(`a template failed to render in ${path.join(ROOT, 'templates/_includes/blocks/footer.njk').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.match(await readFile((await pages())[0]!, 'utf8'), /版权所有/, 'the previous site stays');
});

test("a broken own page layout should fail the build naming the site's file, not publish pages without it", async () => {
  // The page templates chose their layout with `{% if %}` and `{% include %}`, and Nunjucks then
  // answers with the page before the include's error, which was lost: the build published empty articles.
  await write('templates/_includes/blocks/footer.njk', '<p class="own-footer">版权所有。</p>\n');
  for (const layout of ['article-page.njk', 'listing-page.njk']) {
    const file = `templates/_includes/${layout}`;
    await write(file, '{% extends "base.njk" %}{% block content %}{% if %}{% endblock %}\n');
    const run = await build();
    await rm(path.join(ROOT, file));
    assert.equal(run.code, 2, `${layout}: ${run.stderr}`);
    assert.match(run.stderr, new RegExp(`a template failed to render in ${path.join(ROOT, file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  }
});

test('the CSP should take hosts only, never a keyword or a directive', async () => {
  await write('wirepress.config.yml', "csp:\n  scriptSrc: [\"'unsafe-inline'\"]\n");
  const run = await build();
  assert.equal(run.code, 2);
  assert.match(run.stderr, /`csp\.scriptSrc\.0`: a host such as/);
});
