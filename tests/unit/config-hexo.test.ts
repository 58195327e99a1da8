import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/index.ts';
import { readHexoConfig } from '../../src/config/hexo-config.ts';
import { BuildError } from '../../src/report/build-error.ts';

const HEXO_CONFIG = `# Site
title: 新闻聚合
subtitle: 每小时更新
description: 各大新闻源的转载
author: 编辑部
language: zh-CN
timezone: ''
url: https://news.example.org
permalink: p/:abbrlink.html
abbrlink:
  alg: crc16
  rep: hex
per_page: 100
pagination_dir: seite
category_dir: fenlei
tag_map:
  Open Source: oss
index_generator:
  path: ''
  per_page: 20
  order_by: -date
theme: butterfly
deploy:
  type: git
highlight:
  enable: true
`;

/** A folder with these files and, unless told otherwise, the `source/` folder that makes it a Hexo blog. */
async function blog(files: Record<string, string>, options: { source?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-hexo-config-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  if (options.source ?? true) await mkdir(path.join(dir, 'source/_posts'), { recursive: true });
  return dir;
}

test("should read a Hexo blog's _config.yml in the working directory, as Hexo means each key", async (t) => {
  const dir = await blog({ '_config.yml': HEXO_CONFIG });
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = await loadConfig({}, dir);
  assert.equal(config.title, '新闻聚合');
  assert.equal(config.subtitle, '每小时更新');
  assert.equal(config.author, '编辑部');
  assert.equal(config.baseUrl, 'https://news.example.org/');
  assert.equal(config.permalink, 'p/:abbrlink.html');
  assert.deepEqual(config.abbrlink, { alg: 'crc16', rep: 'hex' });
  assert.equal(config.pageSize, 100);
  assert.equal(config.homePageSize, 20, 'index_generator.per_page is the home page');
  assert.equal(config.dirs.pagination, 'seite');
  assert.equal(config.dirs.categories, 'fenlei');
  assert.equal(config.dirs.tags, 'tags');
  assert.deepEqual(config.slugs.tagMap, { 'Open Source': 'oss' });
  assert.equal(config.timezone, Intl.DateTimeFormat().resolvedOptions().timeZone, "an empty timezone is the machine's, as in Hexo");
  assert.equal(config.hexo?.zoneFromMachine, true);
  assert.equal(config.dateTimeZone, 'UTC', 'and dates without an offset are UTC, as Hexo reads them then');
  assert.equal(config.contentDir, path.join(dir, 'source/_posts'));
  assert.equal(config.sourceDir, path.join(dir, 'source'));
  assert.equal(config.outDir, path.join(dir, 'public'), 'the site goes where the deploy scripts expect it');
  assert.deepEqual(config.hexo?.unusedKeys, ['theme', 'deploy', 'highlight'], 'keys wirepress does not use are listed, never an error');
});

test('should let wirepress.config.yml beside _config.yml override it, key by key', async (t) => {
  const dir = await blog({ '_config.yml': HEXO_CONFIG, 'wirepress.config.yml': 'title: Override\ntimezone: Asia/Tokyo\nimages:\n  offline: true\n' });
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = await loadConfig({}, dir);
  assert.equal(config.title, 'Override');
  assert.equal(config.timezone, 'Asia/Tokyo');
  assert.equal(config.dateTimeZone, 'Asia/Tokyo', 'a timezone set over Hexo\'s empty one reads dates in it');
  assert.equal(config.hexo?.zoneFromMachine, false);
  assert.equal(config.images.offline, true);
  assert.equal(config.pageSize, 100, "Hexo's keys still count");
  assert.deepEqual(config.configFiles, [path.join(dir, '_config.yml'), path.join(dir, 'wirepress.config.yml')]);
});

test('should read --config _config.yml as a Hexo config, not reject its keys', async (t) => {
  const dir = await blog({ '_config.yml': HEXO_CONFIG });
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = await loadConfig({ configFile: '_config.yml' }, dir);
  assert.equal(config.pageSize, 100);
});

test("should name Hexo's own key and its line when a value is wrong", async (t) => {
  const dir = await blog({ '_config.yml': HEXO_CONFIG.replace('per_page: 100', 'per_page: many') });
  t.after(() => rm(dir, { recursive: true, force: true }));
  await assert.rejects(loadConfig({}, dir), (error: unknown) => {
    assert.ok(error instanceof BuildError);
    assert.match(error.message, /_config\.yml:13: `per_page`/);
    return true;
  });
});

test("should join Hexo's url and root, and take root from url when url has a path", () => {
  assert.equal(readHexoConfig({ url: 'https://example.org', root: '/blog/' }).options.baseUrl, 'https://example.org/blog/');
  assert.equal(readHexoConfig({ url: 'https://example.org/blog', root: '/blog/' }).options.baseUrl, 'https://example.org/blog');
  assert.equal(readHexoConfig({ language: ['en', 'zh-CN'] }).options.language, 'en', 'the first of a list of languages');
  assert.equal(readHexoConfig({ language: 'zh_CN' }).options.language, 'zh-CN', "a theme's language name is a language tag");
  assert.equal(readHexoConfig({ per_page: 0 }).options.pageSize, 0, 'per_page 0 is one page');
  assert.deepEqual(readHexoConfig({ exclude: 'a/**', ignore: ['b/**'] }).options.exclude, ['a/**', 'b/**']);
});

test("should leave a Jekyll _config.yml alone: without a source folder beside it, it is not Hexo's", async (t) => {
  const dir = await blog({ '_config.yml': 'theme: minima\ntitle: Pages site\n', 'wirepress.config.yml': 'title: News\n' }, { source: false });
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = await loadConfig({}, dir);
  assert.equal(config.hexo, undefined);
  assert.equal(config.title, 'News');
  assert.equal(config.contentDir, path.join(dir, 'content'));
});
