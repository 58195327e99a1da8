import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Article } from '../../src/article/article.ts';
import { markDuplicateStories } from '../../src/article/near-duplicates.ts';
import { textSignature } from '../../src/article/text-signature.ts';
import { buildSiteData } from '../../src/site/pages/site-data.ts';
import { renderSite } from '../../src/site/index.ts';
import { outputPathForUrl } from '../../src/urls/index.ts';
import { loadHtml, makeArticle, makeConfig } from '../helpers/make-articles.ts';

/*
 * One story three times (issue #22's shape, our own words): IT之家 fetched
 * it twice, the second time with a new title and two more paragraphs and
 * the same date; ZAKER copied it earlier, the only post of its feed and of
 * its tag. Three other stories around them.
 */
const STORY = [
  '据外媒报道，某款办公软件的邮件服务器在新年后无法解析新的日期格式，导致大量邮件滞留在投递队列中。',
  '报告称，更新推送的日期字段用有符号 32 位整数保存，新的日期值超出了上限，扫描引擎因此直接报错退出。',
  '为恢复投递，不少管理员只能先关闭服务器上的恶意软件扫描，这让服务器暴露在攻击之下。',
  '该问题影响 2013、2016 和 2019 三个版本，厂商尚未发表评论。',
];
const MORE = ['有人把这次故障比作当年的千年虫：只用两位数字记录年份的程序，跨年时就会出错。', '厂商随后表示，工程师正在日夜修复，几天内完成部署。'];
const OTHERS = [
  '港口集装箱吞吐量今年前十个月同比增长百分之八，新开通的航线带动了外贸货物运输，港区自动化码头的作业效率也明显提升。',
  '寒潮来临前，北方多地提前启动供暖，热力公司安排人员二十四小时值守，并开通热线电话受理居民报修，确保室温达标。',
  '新版开源构建工具发布，加入了增量构建和新的插件接口，官方称大型项目的重新构建时间缩短了一半以上，迁移指南已经上线。',
];

function post(slug: string, date: string, paragraphs: readonly string[], categories: string[], tags: string[] = []): Article {
  const text = paragraphs.join('\n');
  const html = paragraphs.map((p) => `<p>${p}</p>`).join('');
  return { ...makeArticle({ title: `${slug} 标题`, slug, date, text, html, categories: [categories], tags, author: categories[1] }), signature: textSignature(text) };
}

const articles = markDuplicateStories([
  post('refetched', '2022-01-02T07:50:06+08:00', [...STORY.slice(0, 2), MORE[0]!, ...STORY.slice(2), MORE[1]!], ['新媒体', 'IT 之家', '分类资讯']),
  post('first', '2022-01-02T07:50:06+08:00', STORY, ['新媒体', 'IT 之家', '热榜']),
  post('zaker', '2022-01-02T02:24:00+08:00', STORY.map((p) => p.replace(/(\d+)/g, ' $1 ')), ['新媒体', 'ZAKER', 'channel'], ['邮件']),
  post('harbour', '2022-01-03T09:00:00+08:00', [OTHERS[0]!], ['新媒体', 'IT 之家', '分类资讯']),
  post('heating', '2022-01-02T05:00:00+08:00', [OTHERS[1]!], ['新媒体', 'IT 之家', '热榜']),
  post('tool', '2022-01-01T09:00:00+08:00', [OTHERS[2]!], ['科技', 'cnBeta', '最新']),
]);
const url = (slug: string) => articles.find((a) => a.source === `${slug}.md`)!.url;
const file = (slug: string) => outputPathForUrl(url(slug));

const shown = new Map<string, string>();
const hidden = new Map<string, string>();
const dirs: string[] = [];

async function render(into: Map<string, string>, hideDuplicates: boolean): Promise<void> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-stories-'));
  dirs.push(outDir);
  await renderSite(articles, makeConfig({ content: { hideDuplicates } }), { loadHtml, outDir });
  for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) into.set(path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'), await readFile(path.join(entry.parentPath, entry.name), 'utf8'));
  }
}

before(async () => {
  await render(shown, false);
  await render(hidden, true);
});

after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** The "也见于" list of a page: each copy's link, source and date as shown. */
function alsoIn(page: string): string[] {
  const aside = /<aside class="story-copies"[\s\S]*?<\/aside>/.exec(page)?.[0];
  if (!aside) return [];
  assert.match(aside, /<h2 id="story-copies-heading">也见于<\/h2>/);
  return [...aside.matchAll(/<li><a href="([^"]*)">([^<]*)<\/a>(?: <span class="copy-source">([^<]*)<\/span>)? <time datetime="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]} · ${m[3]} · ${m[4]}`);
}

function canonicalOf(page: string): string | undefined {
  return /<link rel="canonical" href="([^"]*)">/.exec(page)?.[1];
}

test('should name the canonical copy, the newest and longest, from the other copies with rel=canonical and og:url', () => {
  const canonical = `http://localhost:8080${url('refetched')}`;
  for (const slug of ['first', 'zaker']) {
    const page = shown.get(file(slug))!;
    assert.equal(canonicalOf(page), canonical, slug);
    assert.match(page, new RegExp(`<meta property="og:url" content="${canonical}">`));
  }
  assert.equal(canonicalOf(shown.get(file('refetched'))!), canonical);
  assert.equal(canonicalOf(shown.get(file('harbour'))!), `http://localhost:8080${url('harbour')}`);
});

test('should list on every copy the others, the canonical one first, with their source and date', () => {
  assert.deepEqual(alsoIn(shown.get(file('zaker'))!), [
    `${url('refetched')} refetched 标题 · IT 之家 / 分类资讯 · 2022-01-02T07:50:06+08:00`,
    `${url('first')} first 标题 · IT 之家 / 热榜 · 2022-01-02T07:50:06+08:00`,
  ]);
  assert.deepEqual(alsoIn(shown.get(file('refetched'))!), [
    `${url('first')} first 标题 · IT 之家 / 热榜 · 2022-01-02T07:50:06+08:00`,
    `${url('zaker')} zaker 标题 · ZAKER / channel · 2022-01-02T02:24:00+08:00`,
  ]);
  assert.match(shown.get(file('zaker'))!, /2022年1月2日 07:50<\/time><\/li>/);
  for (const slug of ['harbour', 'heating', 'tool']) assert.doesNotMatch(shown.get(file(slug))!, /story-copies/, slug);
});

test('should keep every copy in the listings by default, and list only canonical pages in the sitemap', () => {
  for (const slug of ['refetched', 'first', 'zaker']) assert.ok(shown.get('index.html')!.includes(`href="${url(slug)}"`), slug);
  const sitemap = shown.get('sitemap.xml')!;
  assert.ok(sitemap.includes(`http://localhost:8080${url('refetched')}`));
  for (const slug of ['first', 'zaker']) assert.ok(!sitemap.includes(`http://localhost:8080${url(slug)}</loc>`), slug);
});

test('should leave the other copies out of listings, feeds and neighbour links with content.hideDuplicates, keeping their pages', () => {
  const copies = ['first', 'zaker'].map(url);
  const listings = [...hidden].filter(([name]) => !articles.some((a) => a.outputPath === name) && /\.(html|xml|json)$/.test(name) && name !== 'sitemap.xml');
  assert.ok(listings.some(([name]) => name === 'categories/新媒体/ZAKER/channel/index.html'));
  assert.ok(listings.some(([name]) => name.endsWith('.json')), 'the JSON feed');
  for (const [name, text] of listings) for (const copy of copies) assert.ok(!text.includes(`${copy}"`) && !text.includes(`${copy}<`), `${name} lists ${copy}`);
  assert.ok(hidden.get('index.html')!.includes(`href="${url('refetched')}"`));
  // Pages still there, still saying where the story is; neighbours skip them.
  for (const slug of ['first', 'zaker']) assert.equal(canonicalOf(hidden.get(file(slug))!), `http://localhost:8080${url('refetched')}`);
  assert.match(hidden.get(file('refetched'))!, new RegExp(`class="older" href="${url('heating')}"`));
  assert.match(hidden.get(file('heating'))!, new RegExp(`class="newer" href="${url('refetched')}"`));
  // Counts leave them out too.
  const data = buildSiteData(articles, makeConfig({ content: { hideDuplicates: true } }));
  const tree = data.listingPages.find((page) => page.kind === 'categories')!.tree;
  assert.deepEqual(tree.map((node) => [node.name, node.count]), [['科技', 1], ['新媒体', 3]]);
});

test('should break no link when copies are hidden: the pages a hidden copy links are still there', () => {
  const broken: string[] = [];
  for (const [name, text] of hidden) {
    if (!name.endsWith('.html')) continue;
    for (const [, href] of text.matchAll(/<a\b[^>]*\shref="(\/[^"]*\/)"/g)) if (!hidden.has(outputPathForUrl(decodeURI(href!)))) broken.push(`${name} → ${href}`);
  }
  assert.deepEqual(broken, []);
  assert.ok(hidden.has('categories/新媒体/ZAKER/channel/index.html'));
  assert.ok(hidden.has('tags/邮件/index.html'));
});
