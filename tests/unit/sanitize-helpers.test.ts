import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/run-cli.ts';
import { sanitizeArticle } from '../../src/sanitize/index.ts';
import { parseFragmentTree } from '../../src/sanitize/parse-fragment.ts';
import { hasLiteralTags, mayHoldLiteralTags } from '../../src/sanitize/rehype-restore-literal-tags.ts';
import { isCaptionText } from '../../src/sanitize/is-caption-text.ts';
import { limitNesting } from '../../src/sanitize/limit-nesting.ts';
import { normalizeUrl, isScriptUrl, isFetchableUrl } from '../../src/sanitize/normalize-url.ts';
import { stripTags } from '../../src/sanitize/text-to-tree.ts';

test('should recognise captions by credit, source or figure number', () => {
  for (const caption of ['河边的晚霞（5 月 1 日摄）。本报记者 李四 摄', '一只猫。｜图片来源：示例', '图 2：两种方案的耗时对比', 'Photo: Example Agency']) {
    assert.ok(isCaptionText(caption), caption);
  }
  for (const paragraph of ['此外，会议还讨论了明年的预算。', '新华社北京 1 月 1 日电 题：示例标题', '', '   ']) {
    assert.ok(!isCaptionText(paragraph), paragraph);
  }
});

test('should leave shallow markup byte for byte as it is', () => {
  const html = `<div>${'<p>a <b>b</b></p>'.repeat(1000)}</div>`;
  assert.deepEqual(limitNesting(html), { html, flattened: 0 });
});

test('should drop start and end tags beyond the nesting limit, keeping text', () => {
  const { html, flattened } = limitNesting(`${'<div>'.repeat(10)}x${'</div>'.repeat(10)}`, 4);
  assert.equal(flattened, 6);
  assert.equal(html, '<div><div><div><div>x</div></div></div></div>');
});

test('should not count raw text, void elements or implied end tags as nesting', () => {
  const deepLooking = `<script>${'<div>'.repeat(100)}</script>${'<br><img src="x">'.repeat(100)}${'<p>para'.repeat(100)}${'<li>item'.repeat(100)}`;
  assert.equal(limitNesting(deepLooking, 10).flattened, 0);
});

test('should normalize URLs the way browsers read them', () => {
  assert.equal(normalizeUrl(' \u0001HTTPS://a.example/x '), 'https://a.example/x');
  assert.equal(normalizeUrl('//a.example/x.jpg'), 'https://a.example/x.jpg');
  assert.equal(normalizeUrl('jav\tas\ncript:alert(1)'), 'javascript:alert(1)');
  assert.ok(isScriptUrl('JaVaScRiPt:alert(1)'));
  assert.ok(isScriptUrl(' data:text/html,x'));
  assert.ok(!isScriptUrl('https://a.example/javascript:'));
});

test('should accept an image URL only when it is http(s) behind the proxy too', () => {
  const proxy = ['https://cors.zfour.workers.dev/?'];
  assert.ok(isFetchableUrl('https://cors.zfour.workers.dev/?http://a.example/1.jpg', proxy));
  assert.ok(!isFetchableUrl('https://cors.zfour.workers.dev/?javascript:alert(1)', proxy));
  assert.ok(!isFetchableUrl('https://cors.zfour.workers.dev/?/relative.jpg', proxy));
  assert.ok(!isFetchableUrl('/relative.jpg', proxy));
});

test('should reduce markup to its text for the plain-text fallback', () => {
  assert.equal(stripTags('<p>a &amp; b</p><script>x()</script><!-- c -->d&#x41;').replace(/\s+/g, ' ').trim(), 'a & b dA');
});

test('should tell from the markup alone every body whose parse holds a literal <Word>, so that none is parsed without the positions it needs', async () => {
  const fixtures = path.join(REPO_ROOT, 'tests/fixtures/sanitize');
  const inputs = await Promise.all((await readdir(fixtures)).map((name) => readFile(path.join(fixtures, name, 'input.html'), 'utf8').catch(() => '')));
  const written = ['wsl --install -d <DistroName>', '<p>a<Foo bar="1">b</p>', '<svg><path d="M0"/></svg>', '<table><distroname>x</table>', '<p>a</p>', '<custom-card>x</custom-card><o:p></o:p>'];
  for (const html of [...inputs, ...written]) {
    if (hasLiteralTags(parseFragmentTree(html))) assert.ok(mayHoldLiteralTags(html), html.slice(0, 80));
  }
  assert.ok(mayHoldLiteralTags('wsl --install -d <DistroName>'));
  assert.ok(!mayHoldLiteralTags('<p class="a">known <b>tags</b> only, and a < b</p><custom-card></custom-card><o:p></o:p>'));
});

test('should print a literal <Word> written in the text, and none named only in a comment or an attribute', () => {
  const options = { proxyPrefixes: [] };
  assert.match(sanitizeArticle('<p>wsl -d <DistroName></p>', 'html', options).body.html, /wsl -d &#x3C;DistroName>/);
  const hidden = sanitizeArticle('<p title="<DistroName>">安装</p><!-- <DistroName> --><p>完成</p>', 'html', options).body.html;
  assert.doesNotMatch(hidden, /DistroName/i);
  assert.match(hidden, /安装[\s\S]*完成/);
});
