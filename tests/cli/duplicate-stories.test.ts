import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.ts';
import { assertSameSite } from '../helpers/same-site.ts';
import type { BuildReport } from '../../src/report/build-report.ts';
import { readableUrl } from '../../src/urls/index.ts';

/*
 * One story under three feeds, as the bots write it (issue #22's shape, our
 * own words): IT之家 twice, the second fetch with a new title and two more
 * paragraphs and the same date; ZAKER's copy earlier, in its own markup.
 * Built through the CLI: the signature is made when the body is sanitized,
 * kept in the cache, and the copies are found over all the posts.
 */
const ROOT = await mkdtemp(path.join(tmpdir(), 'wirepress-stories-'));
after(() => rm(ROOT, { recursive: true, force: true, maxRetries: 3 }));

const STORY = [
  '据外媒报道，某款办公软件的邮件服务器在新年后无法解析新的日期格式，导致大量邮件滞留在投递队列中，管理员的告警邮件也发不出去。',
  '报告称，更新推送的日期字段用有符号 32 位整数保存，新的日期值超出了上限，扫描引擎因此直接报错退出，整个传输服务随之停摆。',
  '为恢复投递，不少管理员只能先关闭服务器上的恶意软件扫描，这让服务器暴露在攻击之下，安全团队对此颇为担心。',
  '该问题影响 2013、2016 和 2019 三个版本，厂商尚未发表评论，社区论坛上已有上千条求助帖。',
];
const ANOTHER = '港口集装箱吞吐量今年前十个月同比增长百分之八，新开通的航线带动了外贸货物运输，港区自动化码头的作业效率也明显提升，码头工人的工作强度有所下降。';
const MORE = ['有人把这次故障比作当年的千年虫：只用两位数字记录年份的程序，跨年时就会出错。', '厂商随后表示，工程师正在日夜修复，预计几天内完成开发和部署。'];
const OTHER = '寒潮来临前，北方多地提前启动供暖，热力公司安排人员二十四小时值守，并开通热线电话受理居民报修，确保室温达标。气象部门提醒市民注意防寒保暖，出行时留意路面结冰。';

function botPost(title: string, categories: [string, string, string], date: string, body: string): string {
  return ['', '---', `title: '${title}'`, 'categories: ', ...categories.map((c) => ` - ${c}`), "headimg: ''", `author: ${categories[1]}`, 'comments: false', `date: ${date}`, "thumbnail: ''", '---', '', `<div>   \n${body}\n</div>`, ' '.repeat(12)].join('\n');
}

const POSTS: Record<string, string> = {
  'IT 之家/分类资讯/邮件服务器出现日期故障.md': botPost('邮件服务器出现日期故障', ['新媒体', 'IT 之家', '分类资讯'], 'Sat, 01 Jan 2022 23:50:06 GMT', STORY.map((p) => `<p data-vmark="1">${p}</p>`).join('')),
  'IT 之家/分类资讯/新千年虫_邮件服务器出现日期故障.md': botPost('新千年虫_邮件服务器出现日期故障', ['新媒体', 'IT 之家', '分类资讯'], 'Sat, 01 Jan 2022 23:50:06 GMT', [...STORY.slice(0, 2), MORE[0], ...STORY.slice(2), MORE[1]].map((p) => `<p>${p}</p>`).join('')),
  'ZAKER/channel/邮件服务器出现日期故障.md': botPost('邮件服务器出现日期故障', ['新媒体', 'ZAKER', 'channel'], 'Sat, 01 Jan 2022 18:24:00 GMT', `<p>${STORY[0]}</p><div class="img_box"></div>${STORY.slice(1).join('<p></p>')}`),
  'IT 之家/热榜/北方多地提前供暖.md': botPost('北方多地提前供暖', ['新媒体', 'IT 之家', '热榜'], 'Sun, 02 Jan 2022 09:00:00 GMT', `<p>${OTHER}</p>`),
};

const CONFIG = (hide: boolean) => `title: 早班电讯\nbaseUrl: https://news.example.com/\nlanguage: zh-CN\ntimezone: Asia/Shanghai\npermalink: ":year/:month/:day/:title/"\ncontent:\n  hideDuplicates: ${hide}\n`;

async function writeSite(dir: string, posts: Record<string, string>, hide = false): Promise<void> {
  for (const [file, text] of Object.entries(posts)) {
    await mkdir(path.dirname(path.join(dir, 'content', file)), { recursive: true });
    await writeFile(path.join(dir, 'content', file), text);
  }
  await writeFile(path.join(dir, 'wirepress.config.yml'), CONFIG(hide));
}

async function build(dir: string, out = '_site', cache = '.cache') {
  const run = await runCli(['build', '--offline', '--out', out, '--cache', cache, '--report', 'report.json'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as BuildReport;
  const page = (source: string) => readFile(path.join(dir, out, report.articles.find((a) => a.source === source)!.output), 'utf8');
  return { run, report, page, urlOf: (source: string) => report.articles.find((a) => a.source === source)!.url };
}

const CANONICAL = 'IT 之家/分类资讯/新千年虫_邮件服务器出现日期故障.md';
const COPIES = ['IT 之家/分类资讯/邮件服务器出现日期故障.md', 'ZAKER/channel/邮件服务器出现日期故障.md'];

test('should point the copies of a story at the newest, longest one and list them on every copy, and report the story', async () => {
  const dir = path.join(ROOT, 'site');
  await writeSite(dir, POSTS);
  const { report, page, urlOf } = await build(dir);

  assert.deepEqual(report.duplicates?.map((s) => [s.canonical.source, s.copies.map((c) => c.source).sort()]), [[CANONICAL, [...COPIES].sort()]]);
  for (const copy of report.duplicates![0]!.copies) assert.ok(copy.similarity >= 0.5 && copy.similarity <= 1, String(copy.similarity));

  const canonical = `https://news.example.com${urlOf(CANONICAL)}`;
  for (const source of COPIES) {
    const html = await page(source);
    assert.match(html, new RegExp(`<link rel="canonical" href="${canonical}">`), source);
    assert.match(html, /<h2 id="story-copies-heading">也见于<\/h2>/);
    assert.ok(html.includes(`<a href="${readableUrl(urlOf(CANONICAL))}">新千年虫_邮件服务器出现日期故障</a>`), `${source} lists the canonical copy`);
  }
  const own = await page(CANONICAL);
  assert.match(own, new RegExp(`<link rel="canonical" href="${canonical}">`));
  for (const source of COPIES) assert.ok(own.includes(`href="${readableUrl(urlOf(source))}"`), `the canonical page lists ${source}`);
  assert.ok(own.includes('<span class="copy-source">ZAKER / channel</span>'));
  assert.doesNotMatch(await page('IT 之家/热榜/北方多地提前供暖.md'), /story-copies/);
});

test('should redraw the copies a changed story reaches in an incremental build, to the byte of a cold one', async () => {
  const dir = path.join(ROOT, 'incremental');
  await writeSite(dir, POSTS);
  await build(dir);
  const warm = await build(dir);
  assert.match(warm.run.stderr, /\(0 rendered/);
  assert.equal(warm.report.duplicates?.length, 1, 'the copies are found again from the cache');

  // ZAKER's copy becomes another story: it leaves the story, whose pages are rendered again.
  await writeSite(dir, { 'ZAKER/channel/邮件服务器出现日期故障.md': botPost('邮件服务器出现日期故障', ['新媒体', 'ZAKER', 'channel'], 'Sat, 01 Jan 2022 18:24:00 GMT', `<p>${ANOTHER}</p>`) });
  const changed = await build(dir);
  assert.deepEqual(changed.report.duplicates?.map((s) => [s.canonical.source, s.copies.map((c) => c.source)]), [[CANONICAL, [COPIES[0]]]]);
  assert.ok(!(await changed.page(CANONICAL)).includes('ZAKER / channel'));
  assert.doesNotMatch(await changed.page(COPIES[1]!), /story-copies|rel="canonical" href="[^"]*%E6%96%B0/);
  await build(dir, '_cold', '.cache-cold');
  await assertSameSite(path.join(dir, '_site'), path.join(dir, '_cold'), 'after a copy changed story', { search: false });
});

test('should leave the other copies out of the listings with content.hideDuplicates', async () => {
  const dir = path.join(ROOT, 'hidden');
  await writeSite(dir, POSTS, true);
  const { page, urlOf } = await build(dir);
  const home = await readFile(path.join(dir, '_site', 'index.html'), 'utf8');
  assert.ok(home.includes(`href="${readableUrl(urlOf(CANONICAL))}"`));
  for (const source of COPIES) {
    assert.ok(!home.includes(`href="${readableUrl(urlOf(source))}"`), `home lists ${source}`);
    assert.match(await page(source), /<link rel="canonical"/);
  }
  const feed = await readFile(path.join(dir, '_site', 'atom.xml'), 'utf8');
  for (const source of COPIES) assert.ok(!feed.includes(urlOf(source)), `the feed holds ${source}`);
});
