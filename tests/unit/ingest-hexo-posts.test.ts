import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SiteConfig, SiteOptions } from '../../src/config/index.ts';
import { abbrlinkNumber, formatAbbrlink } from '../../src/ingest/abbrlink.ts';
import { ingestArticles } from '../../src/ingest/index.ts';
import { BuildError } from '../../src/report/build-error.ts';
import { makeConfig } from '../helpers/make-articles.ts';

const post = (title: string, extra = '') => `---\ntitle: ${title}\ndate: 2021-10-19 08:00:00\n${extra}---\n<p>${title}</p>\n`;

/** A Hexo blog folder: `files` under it, config as Hexo's keys would map. */
async function blog(t: { after(fn: () => Promise<void>): void }, files: Record<string, string>, options: SiteOptions = {}): Promise<SiteConfig> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-hexo-posts-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const base = makeConfig(options);
  return { ...base, contentDir: path.join(dir, 'source/_posts'), sourceDir: path.join(dir, 'source'), draftsDir: path.join(dir, 'source/_drafts') };
}

test("should make hexo-abbrlink's link: the CRC-16/ARC of the UTF-8 title, in hex or decimal", () => {
  // The check value of CRC-16/ARC for the ASCII digits 1–9 is 0xBB3D.
  assert.equal(abbrlinkNumber('123456789', 'crc16'), 0xbb3d);
  assert.equal(abbrlinkNumber('123456789', 'crc32'), 0xcbf43926);
  assert.equal(formatAbbrlink(0xbb3d, 'hex'), 'bb3d');
  assert.equal(formatAbbrlink(0x0b3d, 'hex'), 'b3d', 'no padding, as the plugin writes it');
  assert.equal(formatAbbrlink(0xbb3d, 'dec'), '47933');
});

test('should publish p/:abbrlink.html posts at their abbrlink, an abbrlink: key winning, a taken link moving on with a warning naming both files', async (t) => {
  const title = '港口集装箱吞吐量创新高';
  const generated = formatAbbrlink(abbrlinkNumber(title, 'crc16'), 'hex');
  const next = formatAbbrlink(abbrlinkNumber(title, 'crc16') + 1, 'hex');
  const config = await blog(
    t,
    {
      'source/_posts/a/first.md': post(title),
      'source/_posts/b/second.md': post(title),
      'source/_posts/c/own.md': post('自己的链接', 'abbrlink: 1a2b\n'),
    },
    { permalink: 'p/:abbrlink.html', abbrlink: { alg: 'crc16', rep: 'hex' } },
  );
  const result = await ingestArticles(config);
  const urls = Object.fromEntries(result.articles.map((a) => [a.source, a.url]));
  assert.deepEqual(urls, { 'a/first.md': `/p/${generated}.html`, 'b/second.md': `/p/${next}.html`, 'c/own.md': '/p/1a2b.html' });
  const warning = result.diagnostics.find((d) => d.rule === 'ingest/abbrlink-collision');
  assert.equal(warning?.file, 'b/second.md');
  assert.match(warning?.message ?? '', /a\/first\.md/);
  assert.match(warning?.hint ?? '', new RegExp(`abbrlink: ${next}`));
});

test('should stop on a permalink token nothing fills, naming it, and fill one from permalink_defaults or the front matter', async (t) => {
  const unknown = await blog(t, { 'source/_posts/a.md': post('A') }, { permalink: ':year/:urlname/' });
  await assert.rejects(ingestArticles(unknown), (error: unknown) => error instanceof BuildError && /:urlname/.test(error.message) && /permalink_defaults/.test(error.hint ?? ''));

  const config = await blog(
    t,
    { 'source/_posts/a.md': post('A', 'urlname: storm-hits\n'), 'source/_posts/b.md': post('B') },
    { permalink: ':lang/:urlname/:timestamp/', permalinkDefaults: { lang: 'zh', urlname: 'news' } },
  );
  const urls = (await ingestArticles(config)).articles.map((a) => a.url);
  const seconds = Date.parse('2021-10-19T00:00:00Z') / 1000;
  assert.deepEqual(urls, [`/zh/storm-hits/${seconds}/`, `/zh/news/${seconds}/`]);
});

test('should read pages and files of the source folder, drafts only when asked, and leave out what Hexo leaves out', async (t) => {
  const files = {
    'source/_posts/news.md': post('News'),
    'source/_drafts/later.md': post('Later'),
    'source/about/index.md': '---\ntitle: 关于\n---\n# 关于本站\n',
    'source/links.md': '---\ntitle: Links\n---\n- one\n',
    'source/CNAME': 'news.example.org\n',
    'source/robots.txt': 'User-agent: *\nDisallow: /private/\n',
    'source/images/logo.png': 'png',
    'source/_partial.md': post('Partial'),
    'source/.DS_Store': 'x',
    'source/verify/google123.html': '<p>google-site-verification</p>',
    'source/private/secret.md': post('Secret'),
    'source/tags/index.md': '---\ntitle: 标签\ntype: tags\n---\n',
  };
  const config = { ...(await blog(t, files, { skipRender: ['verify/**'], exclude: ['private/**'] })) };
  const result = await ingestArticles(config);
  assert.deepEqual(
    result.articles.map((a) => [a.source, a.kind, a.url]).sort(),
    [
      ['../about/index.md', 'page', '/about/'],
      ['../links.md', 'page', '/links.html'],
      ['news.md', 'post', '/2021/10/19/news/'],
    ],
  );
  assert.deepEqual(result.files.map((f) => f.to).sort(), ['CNAME', 'images/logo.png', 'robots.txt', 'verify/google123.html']);
  assert.deepEqual(result.counts, { posts: 1, pages: 3, drafts: 0 });
  assert.deepEqual(result.excluded, [{ source: '../tags/index.md', reason: 'listing' }], "a theme's tag page gives way to the site's own, quietly");
  assert.deepEqual(result.diagnostics, []);

  const withDrafts = await ingestArticles({ ...config, drafts: true });
  const draft = withDrafts.articles.find((a) => a.source === '../_drafts/later.md');
  assert.equal(draft?.url, '/2021/10/19/later/', 'a draft is named by its file, as a post');
  assert.equal(withDrafts.counts.drafts, 1);
});

test('should leave out posts dated in the future when future is false', async (t) => {
  const config = await blog(t, { 'source/_posts/now.md': post('Now'), 'source/_posts/later.md': post('Later').replace('2021-10-19', '2999-01-01') }, { future: false });
  const result = await ingestArticles(config);
  assert.deepEqual(result.articles.map((a) => a.source), ['now.md']);
  assert.deepEqual(result.excluded, [{ source: 'later.md', reason: 'future' }]);
});

test("should keep posts off the listings' folders the config names", async (t) => {
  const config = await blog(
    t,
    { 'source/_posts/fenlei/a.md': post('A'), 'source/_posts/categories/b.md': post('B') },
    { permalink: ':title/', dirs: { categories: 'fenlei' } },
  );
  const result = await ingestArticles(config);
  assert.deepEqual(result.articles.map((a) => a.url), ['/categories/b/'], '/categories/ is free once the categories live in /fenlei/');
  assert.match(result.diagnostics.find((d) => d.file === 'fenlei/a.md')?.message ?? '', /used by the site's own pages/);
});

test("should fill :category with Hexo's slug of the category: category_map, filename_case, else default_category", async (t) => {
  const config = await blog(
    t,
    {
      'source/_posts/a.md': post('A', 'categories: [科技, Tech News]\n'),
      'source/_posts/b.md': post('B'),
    },
    { permalink: ':category/:title/', categoryMap: { 科技: 'keji' }, filenameCase: 1, defaultCategory: 'misc' },
  );
  const urls = (await ingestArticles(config)).articles.map((a) => decodeURIComponent(a.url));
  assert.deepEqual(urls, ['/keji/tech-news/a/', '/misc/b/']);
});

test('should read posts in every Markdown extension Hexo renders, and .htm', async (t) => {
  const config = await blog(t, {
    'source/_posts/a.markdown': post('A'),
    'source/_posts/b.mkd': post('B'),
    'source/_posts/c.htm': post('C'),
    'source/_posts/notes.txt': 'not a post',
  });
  const result = await ingestArticles(config);
  assert.deepEqual(result.articles.map((a) => a.source), ['a.markdown', 'b.mkd', 'c.htm']);
});

test("should warn of a blog's file that takes the place of one the site writes, and stop a page that would", async (t) => {
  const config = await blog(t, {
    'source/_posts/a.md': post('A'),
    'source/style.css': 'body { color: red }',
    'source/images/logo.png': 'png',
    'source/404.md': '---\ntitle: Lost\n---\nNot here.\n',
  });
  const result = await ingestArticles(config);
  const replaced = result.diagnostics.filter((d) => d.rule === 'ingest/replaces-site-file');
  assert.deepEqual(replaced.map((d) => d.file), ['../style.css'], 'images/ is shared, not replaced');
  const page = result.diagnostics.find((d) => d.file === '../404.md');
  assert.equal(page?.rule, 'ingest/url-collision');
  assert.match(page?.hint ?? '', /Rename the page's file/);
});
