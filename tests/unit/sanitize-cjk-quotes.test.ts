import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sanitizeArticle } from '../../src/sanitize/index.ts';
import { restoreQuotes } from '../../src/sanitize/rehype-restore-cjk-quotes.ts';

const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };
const seed = new URL('../../../shared/corpus/seed/xinhua-jingjinji.md', import.meta.url);
const hasSeed = existsSync(seed);

test('should restore padded ASCII quotes around CJK words to full-width quotes', () => {
  assert.equal(restoreQuotes('新华社北京电 题：" 携手同行 " 共筑梦——记两地合作'), '新华社北京电 题：“携手同行”共筑梦——记两地合作');
  assert.equal(restoreQuotes('本报开设 " 新时代 · 新答卷 " 专栏，连续刊发。'), '本报开设“新时代 · 新答卷”专栏，连续刊发。');
});

test('should restore several pairs in one text, around CJK punctuation', () => {
  assert.equal(
    restoreQuotes('打破 " 各自为战 " 思维，一体化推进。" 十五五 " 开局之年'),
    '打破“各自为战”思维，一体化推进。“十五五”开局之年',
  );
  assert.equal(restoreQuotes('交通网络 " 通起来 "，"2 小时通勤圈 " 覆盖更广'), '交通网络“通起来”，“2 小时通勤圈”覆盖更广');
});

test('should keep the space-free join to digits after a closing quote', () => {
  assert.equal(restoreQuotes('打通 " 断头路 "3000 多公里。'), '打通“断头路”3000 多公里。');
});

test('should leave text alone when the quotes do not pair up', () => {
  for (const text of [
    '一个 " 奇数 " 引号 " 留下',
    'He said "hello" to 朋友',
    '"5G" 网络',
    'a "b" c "d" e',
    '尺寸为 3" 的屏幕和 5" 的屏幕',
  ]) {
    assert.equal(restoreQuotes(text), text, text);
  }
});

test('should restore quotes in sanitized bodies but not in code', () => {
  const { body } = sanitizeArticle('<p>京津冀打破 " 一方一地 " 定式</p><pre><code>echo " 你好 "</code></pre>', 'html', options);
  assert.equal(body.html, '<p>京津冀打破“一方一地”定式</p><pre><code>echo " 你好 "</code></pre>');
  assert.match(body.text, /“一方一地”/);
});

test('should leave a pair split across inline markup untouched', () => {
  const { body } = sanitizeArticle('<p>打破 " <b>一方一地</b> " 定式</p>', 'html', options);
  assert.equal(body.html, '<p>打破 " <b>一方一地</b> " 定式</p>');
});

test('should restore the padded quotes of the Xinhua seed post', { skip: hasSeed ? false : 'needs ../shared/corpus' }, () => {
  const source = readFileSync(seed, 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
  const padded = (source.match(/" [\u4e00-\u9fff]/g) ?? []).length;
  const { body } = sanitizeArticle(source, 'html', options);
  const restored = (body.html.match(/“/g) ?? []).length;
  assert.ok(padded > 0);
  // Most of them pair up within their paragraph; the rest are left as written, never half-converted.
  assert.ok(restored >= padded / 2, `${restored} of ${padded}`);
  assert.equal((body.html.match(/“/g) ?? []).length, (body.html.match(/”/g) ?? []).length);
});
