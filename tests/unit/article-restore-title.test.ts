import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { restoredTitleOf, restoreTitle, type TitleEvidence } from '../../src/article/restore-title.ts';
import { buildSite } from '../../src/build.ts';
import { toReport } from '../../src/report/to-report.ts';
import { makeConfig } from '../helpers/make-config.ts';
import { searchSite } from '../helpers/search-index.ts';

/** A sanitized body as restoreTitle reads it: its text, its images' alt texts, its HTML. */
function body(text: string, options: { alts?: string[]; html?: string } = {}): TitleEvidence {
  return { text, images: (options.alts ?? []).map((alt, i) => ({ original: `https://img.example.com/${i}.jpg`, alt })), html: options.html ?? '' };
}

test('should restore the title from a Xinhua headline line', () => {
  const text = '新华社某地 3 月 1 日电 题：“春风十里”不如你——记一座小城的十年 编者按：……';
  assert.equal(restoreTitle('_春风十里_不如你——记一座小城的十年', body(text)), '“春风十里”不如你——记一座小城的十年');
});

test('should prefer the headline line to another writing of the title in the text', () => {
  const text = '今天推出《[春风十里]不如你》。 新华社某地电 题：“春风十里”不如你 正文从这里开始。';
  assert.equal(restoreTitle('_春风十里_不如你', body(text)), '“春风十里”不如你');
});

test('should restore the title where the text writes it, whitespace aside, keeping the title\'s own spacing', () => {
  const text = 'イベント 「星空コンサート 第二部」5月3日(土) 19:30～21:00回 開催場所 どこかのホール';
  assert.equal(restoreTitle('「星空コンサート　第二部」5月3日(土) 19_30～21_00回', body(text)), '「星空コンサート　第二部」5月3日(土) 19:30～21:00回');
  assert.equal(restoreTitle('公演 8_15 14_00 追加公演', body('公演 8/15 14:00 追加公演 会場 どこか')), '公演 8/15 14:00 追加公演');
});

test('should restore the title from an image alt text or title attribute', () => {
  const alt = 'A社：《远航》意在“给每位玩家自己的航线”';
  assert.equal(restoreTitle('A社：《远航》意在_给每位玩家自己的航线_', body('开发者说，玩家可以“自由选择”。', { alts: [alt] })), alt);
  const html = '<p>正文</p><figure><img src="https://img.example.com/a.png" title="微软 Win12/Win11 &#x26; Server 推送新补丁" alt=""></figure>';
  assert.equal(restoreTitle('微软 Win12_Win11 & Server 推送新补丁', body('正文', { html })), '微软 Win12/Win11 & Server 推送新补丁');
});

test('should restore a `_` between two words only where the body writes them so', () => {
  assert.equal(restoreTitle('CI_CD 流水线的十个坑', body('我们把 CI/CD 流水线搬到了新集群。')), 'CI/CD 流水线的十个坑');
  assert.equal(restoreTitle('微软 Win12 Beta _ Preview 通道更新', body('向 Win12 Beta / Preview 通道用户推送更新。')), '微软 Win12 Beta / Preview 通道更新');
  // Only the `_` the body explains: the second stays.
  assert.equal(restoreTitle('Q_RT_ Again', body('the band Q/RT is back.')), 'Q/RT_ Again');
  // Inside a longer word it is no evidence: `XCI/CD`, `CI/CDE`.
  assert.equal(restoreTitle('CI_CD 入门', body('XCI/CDE 是另一回事。')), 'CI_CD 入门');
  assert.equal(restoreTitle('Win12_13 下卡顿', body('Win12 下卡顿，Win13 下也有。')), 'Win12_13 下卡顿');
});

test('should take the body\'s own quotation marks for `_X_` over the rule', () => {
  assert.equal(restoreTitle('咖啡为何成了年轻人的_新宠_？', body('咖啡成了年轻人的[新宠]。')), '咖啡为何成了年轻人的[新宠]？');
});

test('should read `_X_` as “X” around CJK text or a whole word, without evidence', () => {
  const none = body('正文里没有别的写法。');
  assert.equal(restoreTitle('咖啡为何成了年轻人的_新宠_？', none), '咖啡为何成了年轻人的“新宠”？');
  assert.equal(restoreTitle('新版浏览器自带_bug_', none), '新版浏览器自带“bug”');
  assert.equal(restoreTitle('_Nightfall_ 发布首个预告', none), '“Nightfall” 发布首个预告');
  assert.equal(restoreTitle('被机器盯住的_心结_与_瘾_', none), '被机器盯住的“心结”与“瘾”');
});

test('should read `HH_MM` as a time only after a date or in a range of times', () => {
  const none = body('');
  assert.equal(restoreTitle('追加公演 11_3 17_00', none), '追加公演 11_3 17:00');
  assert.equal(restoreTitle('見本市 6月2日(金) 18_15～19_45回', none), '見本市 6月2日(金) 18:15～19:45回');
  // A time that may be a date, a season, a ratio: left alone.
  assert.equal(restoreTitle('追加公演 11_3 10_30', none), '追加公演 11_3 10_30');
  assert.equal(restoreTitle('球队 19_20 赛季总结', none), '球队 19_20 赛季总结');
  assert.equal(restoreTitle('3月1日 15_16赛季回顾', none), '3月1日 15_16赛季回顾');
  assert.equal(restoreTitle('比分 21_15', none), '比分 21_15');
});

test('should leave alone what the body does not explain and the rules do not cover', () => {
  const unchanged = [
    'snake_case 命名规范',
    '__init__ 方法详解',
    'Python 的 my_var_name 与 read_file_lines',
    'Win12_13 下锐龙卡顿',
    '+_&~_%！\'^……',
    '_',
    '____',
    '_ _',
    '_1_',
    'K_DA_ More',
    '_'.repeat(500),
    'a_'.repeat(200),
  ];
  const text = 'read_file_lines 读取每一行；__init__ 是构造函数。 Win12 下卡顿，Win13 下也是。 K-DA 回来了。';
  for (const title of unchanged) assert.equal(restoreTitle(title, body(text)), title, title);
});

test('should take only the characters the bot replaced as evidence', () => {
  // `-`, `"` and full-width `：` were never replaced by `_`: their presence explains nothing.
  assert.equal(restoreTitle('CI_CD 入门', body('CI-CD 入门，CI"CD，CI：CD')), 'CI_CD 入门');
});

test('should not restore the title of a Markdown post, whose `_` are its author\'s', () => {
  const evidence = body('题：“强调”一下');
  assert.equal(restoredTitleOf({ title: '_强调_一下', bodyFormat: 'markdown' }, evidence), undefined);
  assert.equal(restoredTitleOf({ title: '_强调_一下', bodyFormat: 'html' }, evidence), '“强调”一下');
  assert.equal(restoredTitleOf({ title: '没有下划线', bodyFormat: 'html' }, evidence), undefined);
});

test('should show the restored title on the page, in the feed and the search index, keep the URL, and list it in the report', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-restore-title-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = makeConfig(dir);
  await mkdir(config.contentDir, { recursive: true });
  const filed = '_春风十里_不如你';
  const post = `---\ntitle: '${filed}'\ndate: 2021-10-19 08:00:00\n---\n<div><p>新华社电 题：" 春风十里 " 不如你</p><p>小城十年的变化。</p></div>\n`;
  await writeFile(path.join(config.contentDir, `${filed}.md`), post);
  await writeFile(path.join(config.contentDir, 'plain_name.md'), `---\ntitle: 'plain_name 用法'\ndate: 2021-10-18 08:00:00\n---\n<div><p>plain_name 是一个函数。</p></div>\n`);

  const first = await buildSite(config);
  const restored = first.articles.find((a) => a.source === `${filed}.md`);
  assert.equal(restored?.title, '“春风十里”不如你');
  assert.equal(decodeURIComponent(restored?.url ?? ''), `/2021/10/19/${filed}/`, 'the URL is made from the file, as before');
  const page = await readFile(path.join(config.outDir, restored.outputPath), 'utf8');
  assert.match(page, /<title>“春风十里”不如你/);
  assert.match(page, /"headline":"“春风十里”不如你"/);
  assert.doesNotMatch(page, /_春风十里_/);
  for (const feed of ['atom.xml', 'rss.xml', 'feed.json']) assert.match(await readFile(path.join(config.outDir, feed), 'utf8'), /“春风十里”不如你/, feed);
  const found = (await searchSite(config.outDir, '春风十里')).found.map((a) => a.title.map((part) => part.text).join(''));
  assert.deepEqual(found, ['“春风十里”不如你']);

  const report = toReport(first);
  assert.deepEqual(report.titles, [{ source: `${filed}.md`, from: filed, to: '“春风十里”不如你' }]);
  assert.deepEqual([...report.articles].map((a) => a.title).sort(), ['plain_name 用法', '“春风十里”不如你']);

  // A second build recalls the post from the cache: the same title, without sanitizing again.
  const second = await buildSite(config);
  assert.equal(second.articles.find((a) => a.source === `${filed}.md`)?.title, '“春风十里”不如你');
  assert.deepEqual(toReport(second).titles, report.titles);
});
