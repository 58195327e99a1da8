import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyBody } from '../../src/ingest/classify-body.ts';

const BOT_HTML = '<div>   \n<p>题：_瓣瓣同心_ 向阳开</p><ul><li>一</li></ul>\n</div>';
const BOT_TEXT = '<div>   \n開場 2021-08-14 13:00\n# 1 終演 16:16\n  \n</div>';
const md = { extension: '.md' };

test('should classify as before when no extension is given (current callers)', () => {
  assert.equal(classifyBody(BOT_HTML, 15).bodyFormat, 'html');
  assert.deepEqual(classifyBody(BOT_TEXT, 15), { body: '開場 2021-08-14 13:00\n# 1 終演 16:16', bodyLine: 16, bodyFormat: 'text' });
  assert.equal(classifyBody('# Title\n\n**bold**', 1).bodyFormat, 'text');
});

test('should keep a .md file whose body is the bot HTML fragment as HTML, _瓣瓣同心_ and all', () => {
  assert.deepEqual(classifyBody(BOT_HTML, 15, md), { body: BOT_HTML, bodyLine: 15, bodyFormat: 'html' });
  assert.equal(classifyBody('<!-- note -->\n<p>a</p>\n<p>b</p>', 3, md).bodyFormat, 'html');
});

test('should keep the bots\' text lines in a bare <div> as text, unwrapped as before, even with # or - lines', () => {
  assert.deepEqual(classifyBody(BOT_TEXT, 15, md), classifyBody(BOT_TEXT, 15));
  assert.equal(classifyBody('<div>\n- 一\n- 二\n</div>', 1, md).bodyFormat, 'text');
});

test('should read a hand-written .md post with Markdown syntax and no tag as Markdown', () => {
  for (const body of ['# 标题\n\n正文', '正文\n\n- 一\n- 二', '1. 第一\n2. 第二', '```js\nx\n```', '> 引用', '见 [文档](https://example.com)', '**重点**', '一 *强调* 二', '`code`', '~~旧~~', '| a | b |\n|---|---|\n| 1 | 2 |', '正文\n\n---\n\n后记', '标题\n===']) {
    assert.deepEqual(classifyBody(body, 5, md), { body, bodyLine: 5, bodyFormat: 'markdown' }, body);
  }
});

test('should read a .md body mixing Markdown and tags, or starting with a tag but not ending with one, as Markdown', () => {
  assert.equal(classifyBody('Intro with <b>bold</b>\n\n<!-- more -->\n\nRest', 1, md).bodyFormat, 'markdown');
  assert.equal(classifyBody('<img src="a.png">\n\nText after', 1, md).bodyFormat, 'markdown');
  assert.equal(classifyBody('<https://example.com> is a link>', 1, md).bodyFormat, 'markdown');
});

test('should keep plain .md lines without Markdown syntax as text: underscores, lone * and # are no syntax', () => {
  for (const body of ['第一行\n第二行', '_瓣瓣同心_向阳开\n5 * 3 * 2 = 30', '#话题 没有空格', '1 < 2 and 3 > 2']) {
    assert.equal(classifyBody(body, 1, md).bodyFormat, 'text', body);
  }
});

test('should read the other Markdown extensions in any case, and never read .html files as Markdown', () => {
  assert.equal(classifyBody('# T', 1, { extension: '.MARKDOWN' }).bodyFormat, 'markdown');
  assert.equal(classifyBody('# T', 1, { extension: '.mkd' }).bodyFormat, 'markdown');
  assert.equal(classifyBody('# T\n\n**b** <b>x</b>', 1, { extension: '.html' }).bodyFormat, 'html');
});

test('should let format: markdown or html in the front matter decide', () => {
  assert.equal(classifyBody(BOT_HTML, 1, { ...md, format: 'markdown' }).bodyFormat, 'markdown');
  assert.equal(classifyBody('plain line', 1, { extension: '.html', format: ' MarkDown ' }).bodyFormat, 'markdown');
  assert.equal(classifyBody('# T\n\n**b**', 1, { ...md, format: 'md' }).bodyFormat, 'markdown');
  assert.equal(classifyBody('# T\n\n<b>b</b>', 1, { ...md, format: 'html' }).bodyFormat, 'html');
  assert.equal(classifyBody('# T\n\n**b**', 1, { ...md, format: 'HTML' }).bodyFormat, 'text');
});

test('should report an unknown format: and classify as if it were absent', () => {
  const rst = classifyBody('# T', 1, { ...md, format: 'rst' });
  assert.equal(rst.bodyFormat, 'markdown');
  assert.equal(rst.formatProblem, '`format`: expected `markdown` or `html`, received "rst"; ignored');
  assert.equal(classifyBody(BOT_HTML, 1, { ...md, format: 42 }).bodyFormat, 'html');
  assert.match(classifyBody(BOT_HTML, 1, { ...md, format: ['md'] }).formatProblem ?? '', /received a list/);
});

test('should take an empty or null format: as absent, without a problem', () => {
  for (const format of [null, '', '  ', undefined]) {
    const result = classifyBody('# T', 1, { ...md, format });
    assert.equal(result.bodyFormat, 'markdown');
    assert.equal('formatProblem' in result, false);
  }
});
