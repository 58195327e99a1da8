import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../../src/article/article.ts';
import { findDuplicateStories, LISTED_COPIES, markDuplicateStories, SAME_STORY_SIMILARITY } from '../../src/article/near-duplicates.ts';
import { MIN_SIGNED_CHARS, signatureSimilarity, signatureValues, textSignature } from '../../src/article/text-signature.ts';
import { sanitizeArticle } from '../../src/sanitize/index.ts';
import { corpusPosts, formatOf, hasCorpus } from '../helpers/corpus-posts.ts';
import { makeArticle } from '../helpers/make-articles.ts';

/*
 * Fixtures are our own words in the shapes of issue #22: one story under
 * an aggregator (ZAKER: "IT 之家" spaced, straight quotes, no emphasis) and
 * twice under IT之家 (fetched again with a new title and two more
 * paragraphs, same date), beside other stories of the same topic.
 */
const STORY = [
  'IT之家 3 月 8 日消息，据外媒报道，某办公软件的邮件服务器在新年后无法解析新的日期格式，导致队列中的邮件暂时无法投递。',
  '报告指出，更新推送的日期字段采用有符号 32 位整数保存，“230101001”这样的值超出了上限 2.147.483.647，于是扫描引擎直接报错退出。',
  '为了让邮件重新流动，不少管理员只能先关闭服务器上的恶意软件扫描，这也让服务器暴露在攻击之下。',
  'IT之家了解到，该问题影响 2013、2016 和 2019 三个版本。厂商尚未就此发表评论。',
];
const MORE = [
  '有网友把这次故障比作当年的“千年虫”：只用两位数字记录年份的程序，跨年时就会出错。',
  '厂商随后回应称，工程师正在日夜修复，预计需要几天时间完成开发和部署，另一项需要客户手动操作的更新已进入最终测试。',
];
const AGGREGATED = STORY.map((p) => p.replace(/IT之家/g, 'IT 之家').replace(/[“”]/g, '"'));

const OTHER_STORIES = [
  '微软今天向预览通道推送了新版操作系统，开始菜单加入了推荐内容开关，任务栏也可以重新拖放文件了。此外，文件资源管理器的标签页功能正式上线，设置应用新增了存储清理建议。',
  '有用户发现，在不满足硬件要求的电脑上安装新系统后，桌面右下角会出现一行水印，提示系统要求未满足。微软表示这只是提醒，不影响正常使用，也不会阻止后续的安全更新。',
  '教程：通过修改注册表，可以让新系统的右键菜单恢复成旧样式。打开注册表编辑器，定位到指定的键值，新建一个空的子项，重启资源管理器后即可生效，想恢复时删除该子项即可。',
  '微软确认新系统存在三个与打印机有关的问题：部分网络打印机无法连接，部分用户每次打印都被要求输入管理员密码，还有一些设备在安装更新后打印时出现乱码。',
];

function post(slug: string, date: string, paragraphs: readonly string[], categories = [['新媒体', 'IT 之家', '分类资讯']]): Article {
  const text = paragraphs.join('\n');
  return { ...makeArticle({ title: slug, slug, date, text, categories }), signature: textSignature(text) };
}

function similarity(a: string, b: string): number {
  return signatureSimilarity(signatureValues(textSignature(a)!), signatureValues(textSignature(b)!));
}

test('should sign only texts with enough letters and digits, ignoring case, width, spaces and punctuation', () => {
  assert.equal(textSignature('番组计划 哔哩哔哩'), undefined);
  assert.equal(textSignature('字'.repeat(MIN_SIGNED_CHARS - 1) + '。，！  '), undefined);
  assert.ok(textSignature('字'.repeat(MIN_SIGNED_CHARS)));
  assert.equal(textSignature(STORY.join('\n'))!.length, textSignature(AGGREGATED.join(''))!.length);
  assert.equal(similarity(STORY.join('\n'), AGGREGATED.join('')), 1);
  assert.equal(similarity('ＡＢＣ１２３ Full Width 全角字符测试 '.repeat(4), 'abc123 full width 全角字符测试'.repeat(4)), 1);
});

test('should score copies of a story above the threshold and different stories far below it', () => {
  const first = STORY.join('\n');
  const again = [...STORY.slice(0, 2), MORE[0]!, ...STORY.slice(2), MORE[1]!].join('\n');
  assert.ok(similarity(first, again) >= SAME_STORY_SIMILARITY + 0.05, `re-fetched: ${similarity(first, again)}`);
  for (const [i, a] of OTHER_STORIES.entries()) {
    assert.ok(similarity(first, a) < 0.15, `story ${i}`);
    for (const b of OTHER_STORIES.slice(i + 1)) assert.ok(similarity(a, b) < 0.15);
  }
});

test('should make one story of the copies, the newest canonical and the longest of those dated alike', () => {
  const refetched = post('refetched', '2022-01-02T07:50:06+08:00', [...STORY.slice(0, 2), MORE[0]!, ...STORY.slice(2), MORE[1]!]);
  const first = post('first', '2022-01-02T07:50:06+08:00', STORY);
  const zaker = post('zaker', '2022-01-02T02:24:00+08:00', AGGREGATED, [['新媒体', 'ZAKER', 'channel']]);
  const others = OTHER_STORIES.map((text, i) => post(`win-${i}`, `2022-01-0${i + 3}T10:00:00+08:00`, [text]));
  const marked = markDuplicateStories([zaker, ...others, first, refetched]);

  assert.deepEqual(marked.map((a) => a.source), [zaker, ...others, first, refetched].map((a) => a.source), 'same order');
  for (const other of marked.filter((a) => a.source.startsWith('win-'))) assert.equal(other.story, undefined, other.source);
  const story = marked.find((a) => a.source === 'zaker.md')!.story!;
  assert.equal(story.canonical, 'refetched.md');
  assert.deepEqual(story.copies.map((c) => c.source), ['refetched.md', 'first.md', 'zaker.md']);
  assert.equal(story.copies[0]!.similarity, 1);
  for (const copy of story.copies.slice(1)) assert.ok(copy.similarity >= SAME_STORY_SIMILARITY && copy.similarity < 1, String(copy.similarity));
  for (const source of ['refetched.md', 'first.md', 'zaker.md']) assert.equal(marked.find((a) => a.source === source)!.story!.canonical, 'refetched.md');
  assert.equal(marked.find((a) => a.source === 'first.md')!.story!.similarity, story.copies[1]!.similarity);

  // A newer copy wins over a longer one.
  const newer = markDuplicateStories([refetched, { ...first, timestamp: first.timestamp + 1000, date: '2022-01-02T07:50:07+08:00' }]);
  assert.equal(newer[0]!.story!.canonical, 'first.md');
});

test('should find the same stories whatever the order of the articles', () => {
  const articles = [
    post('a', '2022-01-02T07:50:06+08:00', STORY),
    post('b', '2022-01-01T07:50:06+08:00', AGGREGATED),
    ...OTHER_STORIES.map((text, i) => post(`o${i}`, '2022-01-03T07:00:00+08:00', [text, text])),
    post('o0-copy', '2022-01-03T06:00:00+08:00', [OTHER_STORIES[0]!, OTHER_STORIES[0]!]),
  ];
  const expected = [...findDuplicateStories(articles)].sort();
  assert.equal(new Set([...expected].map(([, s]) => s.canonical)).size, 2);
  for (const shuffled of [[...articles].reverse(), [...articles.slice(3), ...articles.slice(0, 3)]]) {
    assert.deepEqual([...findDuplicateStories(shuffled)].sort(), expected);
  }
});

test('should leave Hexo pages and texts too short to sign out of every story, and drop a story an article no longer has', () => {
  const page = { ...post('about', '2022-01-02T08:00:00+08:00', STORY), kind: 'page' as const };
  const short = post('short', '2022-01-02T08:00:00+08:00', ['番组计划 哔哩哔哩']);
  const alsoShort = post('also-short', '2022-01-02T09:00:00+08:00', ['番组计划 哔哩哔哩']);
  const one = post('one', '2022-01-02T07:00:00+08:00', STORY);
  assert.deepEqual(markDuplicateStories([page, short, alsoShort, one]).map((a) => a.story), [undefined, undefined, undefined, undefined]);
  const stale = { ...one, story: { canonical: 'gone.md', similarity: 0.9, copies: [] } };
  const [unmarked] = markDuplicateStories([stale]);
  assert.equal(unmarked!.story, undefined);
  assert.ok(!('story' in unmarked!));
});

test('should join a thousand equal bodies into one story at linear cost, listing only the first copies', () => {
  const text = STORY.join('\n');
  const signature = textSignature(text);
  const articles = Array.from({ length: 3000 }, (_, i) => ({
    ...makeArticle({ title: `copy ${i}`, slug: `copy-${String(i).padStart(4, '0')}`, date: '2022-01-02T07:50:06+08:00', text }),
    timestamp: Date.parse('2022-01-02T07:50:06+08:00') + i * 1000,
    signature,
  }));
  const started = performance.now();
  const stories = findDuplicateStories(articles);
  const ms = performance.now() - started;
  assert.equal(stories.size, 3000);
  const story = stories.get('copy-0000.md')!;
  assert.equal(story.canonical, 'copy-2999.md', 'the newest');
  assert.equal(story.copies.length, LISTED_COPIES);
  assert.equal(new Set([...stories.values()].map((s) => s.canonical)).size, 1);
  // All pairs would be 4.5 million comparisons; a few per article take milliseconds.
  assert.ok(ms < 1500, `${ms} ms`);
});

const corpusOptions = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };

/** Every real post sanitized as the build does, signed from its text. */
function corpusArticles(): Article[] {
  return corpusPosts().map((real, i) => {
    const { format, body } = formatOf(real.body);
    const text = sanitizeArticle(body, format, corpusOptions).body.text;
    return { ...makeArticle({ title: real.name, slug: `real-${i}`, date: `2022-01-01T00:00:${String(i % 60).padStart(2, '0')}+08:00`, text }), signature: textSignature(text) };
  });
}

test('should find no story among the real posts: same-topic stories and shared boilerplate are not copies', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, () => {
  const articles = corpusArticles();
  assert.ok(articles.length >= 50);
  assert.deepEqual([...findDuplicateStories(articles).keys()], []);
  // The Bangumi posts are a cover and the same two links: nothing to compare.
  const bangumi = articles.filter((a) => a.title.includes('｜') && a.text.replace(/\s/g, '') === '番组计划哔哩哔哩');
  assert.ok(bangumi.length >= 2);
  for (const a of bangumi) assert.equal(a.signature, undefined);
  // Several Win11 stories and the Exchange one, from IT之家, ZAKER and 快科技.
  const windows = articles.filter((a) => /Win11|Win10|Exchange/.test(a.title) && a.signature);
  assert.ok(windows.length >= 6, `${windows.length} Windows stories`);
  for (const [i, a] of windows.entries()) {
    for (const b of windows.slice(i + 1)) {
      const score = signatureSimilarity(signatureValues(a.signature!), signatureValues(b.signature!));
      assert.ok(score < 0.1, `${a.title} / ${b.title}: ${score}`);
    }
  }
});

test('should recognise real posts fetched again or copied by another feed', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, () => {
  const articles = corpusArticles();
  const exchange = articles.find((a) => a.title.startsWith('微软 Exchange'));
  assert.ok(exchange?.signature, 'the Exchange story');
  const real = corpusPosts().find((p) => p.name === exchange.title)!;
  const paragraphs = sanitizeArticle(formatOf(real.body).body, 'html', corpusOptions).body.text.split(/\n+/).filter((p) => p.trim());
  // IT之家 fetched it again with a new title and two more paragraphs (issue #22), in other markup.
  const refetched = post('refetched', exchange.date, [...paragraphs.slice(0, 2), MORE[0]!, ...paragraphs.slice(2), MORE[1]!]);
  // Another feed's copy: CJK and Latin spaced, curly quotes, one line.
  const copied = post('copied', '2021-12-31T00:00:00+08:00', [paragraphs.join('').replace(/"([^"]*)"/g, '“$1”').replace(/([\p{Script=Han}])([A-Za-z0-9])/gu, '$1 $2')]);
  const stories = findDuplicateStories([...articles, refetched, copied]);
  assert.equal(stories.get(exchange.source)?.canonical, 'refetched.md');
  assert.equal(stories.get('copied.md')?.canonical, 'refetched.md');
  assert.equal(stories.size, 3, 'no other post joins');
});
