import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Element, Root } from 'hast';
import { siteOptionsSchema } from '../../src/config/index.ts';
import { parseFragmentTree } from '../../src/sanitize/parse-fragment.ts';
import { lineMatcher } from '../../src/sanitize/line-patterns.ts';
import { rehypeUnwrapLinks } from '../../src/sanitize/rehype-unwrap-links.ts';
import { sanitizeArticle, type ContentRules } from '../../src/sanitize/index.ts';
import { urlMatcher } from '../../src/urls/index.ts';
import { corpusPosts, formatOf, hasCorpus } from '../helpers/corpus-posts.ts';

const DEFAULTS: ContentRules = siteOptionsSchema.parse({}).content;
const NONE: ContentRules = { unwrapLinks: [], keepLines: [], promoLines: [] };
const clean = (body: string, content: ContentRules = DEFAULTS) => sanitizeArticle(body, 'html', { proxyPrefixes: ['https://cors.zfour.workers.dev/?'], content }).body;

test('should match URL patterns by host, subdomains and path start, never other schemes or relative URLs', () => {
  const matches = urlMatcher(['*.pvxt.net', '36kr.com/project/', 'c.duomai.com/track.php?site_id=', 'Example.ORG.']);
  assert.ok(matches('https://microsoft.pvxt.net/x9Vg1'));
  assert.ok(matches('http://pvxt.net/'), '`*.` takes the host itself too');
  assert.ok(matches('https://36kr.com/project/1678228599714821'));
  assert.ok(!matches('https://www.36kr.com/project/1'), 'no `*.`: only that host');
  assert.ok(!matches('https://36kr.com/p/1687/'), 'another path');
  assert.ok(matches('https://c.duomai.com/track.php?site_id=242986&euid=&t=https://www.microsoftstore.com.cn/'));
  assert.ok(!matches('https://c.duomai.com/track.php?other=1'));
  assert.ok(matches('//EXAMPLE.org:8080/a'), 'scheme-relative, any case and port');
  assert.ok(!matches('https://notpvxt.net/'), 'a host that only ends with the same letters');
  assert.ok(!matches('https://pvxt.net.evil.com/'));
  assert.ok(!matches('/project/1'));
  assert.ok(!matches('mailto:a@pvxt.net'));
  assert.ok(!matches('https://x.com/?u=https://microsoft.pvxt.net/'), 'a pattern host in the query is not the host');
  assert.ok(!matches('not a url at all'));
  assert.equal(urlMatcher(['https://bad pattern', '@x', ''])('https://x.com/'), false, 'patterns that are no host are ignored');
  assert.ok(urlMatcher(['例子.测试/路径'])('https://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84/1'), 'IDN hosts and paths are normalized as URLs are');
});

test('should make a cnBeta affiliate link inside a word plain text, one text node, nothing inserted', () => {
  const { html, text } = clean('<div><p>新款Surf<a data-link="1" href="https://c.duomai.com/track.php?site_id=1&amp;t=https://shop.example.com/" target="_blank">ace</a> Pro 发布</p></div>');
  assert.equal(html, '<p>新款Surface Pro 发布</p>');
  assert.equal(text, '新款Surface Pro 发布');
  const tree = parseFragmentTree('<p>新款Surf<a href="https://microsoft.pvxt.net/x">ace</a> Pro</p>');
  rehypeUnwrapLinks({ patterns: ['*.pvxt.net'] })(tree);
  const paragraph = tree.children[0] as Element;
  assert.deepEqual(paragraph.children.map((c) => c.type), ['text'], 'the word is one text node again');
});

test('should unwrap 36kr entity links and pvxt links, keeping every other link', () => {
  const { html } = clean(
    '<p>你可以在墙上画<a class="project-link" data-id="1" data-name="一幅画" href="https://36kr.com/project/1" target="_blank">一幅画</a>，' +
      '也就是<a href="https://microsoft.pvxt.net/x9Vg1">Windows</a> Subsystem，' +
      '见<a href="https://36kr.com/p/1234">原文</a>与<a href="https://github.com/microsoft/CBL-Mariner">代码</a>。</p>',
  );
  assert.equal(
    html,
    '<p>你可以在墙上画一幅画，也就是Windows Subsystem，见<a href="https://36kr.com/p/1234" rel="nofollow noopener noreferrer">原文</a>与<a href="https://github.com/microsoft/CBL-Mariner" rel="nofollow noopener noreferrer">代码</a>。</p>',
  );
  assert.match(clean('<p><a href="https://microsoft.pvxt.net/x">Windows</a></p>', NONE).html, /pvxt/, 'no patterns: links stay');
});

test('should keep an anchor that an unwrapped link also was, without its href', () => {
  const { html } = clean('<p><a id="buy" href="https://c.duomai.com/track.php?x=1">购买</a></p>');
  assert.doesNotMatch(html, /duomai|href/);
  assert.match(html, /<a id="user-content-buy">购买<\/a>/);
});

test('should keep 快科技\'s source line while removing the rest of its footer', () => {
  const footer = '<div><p>正文。</p><p class="end"> - THE END -</p><p class="zhuanzai">转载请注明出处：快科技</p><p class="bqian"><a href="https://news.mydrivers.com/tag/intel.htm"><i>#</i>Intel</a></p></div>';
  assert.equal(clean(footer).html, '<p>正文。</p><p>转载请注明出处：快科技</p>');
  assert.equal(clean(footer, NONE).html, '<p>正文。</p>', 'without keepLines the whole footer is chrome');
  const byExpression = clean(footer, { ...NONE, keepLines: ['/^转载.+快科技$/'] });
  assert.equal(byExpression.html, '<p>正文。</p><p>转载请注明出处：快科技</p>', 'a regular expression between slashes');
  assert.equal(clean('<p class="zhuanzai">本文来源:快科技</p>', { ...NONE, keepLines: ['来源：'] }).html, '<p>本文来源:快科技</p>', 'full-width and ASCII colons are one');
});

test('should remove promotion lines, as paragraphs or between line breaks, and keep what a source line also matches', () => {
  const rules: ContentRules = { ...DEFAULTS, promoLines: ['/^关注.{0,20}公众号.{0,30}$/', '扫码领取'] };
  assert.equal(clean('<div><p>正文第一段。</p><p>关注“某某科技”公众号，获取更多资讯</p><p>正文第二段。</p></div>', rules).html, '<p>正文第一段。</p><p>正文第二段。</p>');
  assert.equal(clean('<p>第一行<br>关注<strong>“某某”</strong>公众号加入交流群<br>第三行</p>', rules).html, '<p>第一行<br>第三行</p>', 'a line between <br>s, its markup too');
  assert.equal(clean('<div>说明文字<br><br>关注“某某”公众号加入交流群\n</div>', rules).html, '<p>说明文字</p>', 'a last line of loose text');
  assert.equal(clean('<p>扫码领取红包<img src="https://img.example.com/qr.png"></p><p>正文。</p>', rules).html, '<p>正文。</p>', 'a text anywhere in the line, with its picture');
  const news = '<p>关注该公众号的用户已经超过一千万，平台称这一数字在过去一年里翻了一番，成为增长最快的账号之一。</p>';
  assert.equal(clean(news, rules).html, news, 'a long news sentence is not a short promotion line');
  const source = { ...rules, promoLines: ['公众号'] };
  assert.match(clean('<p>本文来自微信公众号“某某”，经授权发布。</p>', source).html, /本文来自微信公众号/, 'keepLines win over promoLines');
  assert.match(clean('<pre><code>关注公众号的代码示例</code></pre>', source).html, /关注公众号的代码示例/, 'code is never a promotion');
});

test('should compile line patterns that never throw, folding width, case and spaces for texts', () => {
  const matches = lineMatcher(['The End', '/^来源/', '/[unclosed/', '']);
  assert.ok(matches('  - the   END - '));
  assert.ok(matches('ＴＨＥ ＥＮＤ'), 'full-width letters');
  assert.ok(matches('\n来源：新华社'), 'a regular expression sees the trimmed line');
  assert.ok(!matches('本文来源：新华社'));
  assert.ok(!matches('[unclosed'), 'a pattern that does not compile is ignored, not read as text');
  assert.ok(!matches(''));
  assert.equal(lineMatcher([])('anything'), false);
});

test('should unwrap the corpus\'s entity and affiliate links, losing no character of the text', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, () => {
  const matches = urlMatcher(DEFAULTS.unwrapLinks);
  let unwrapped = 0;
  for (const post of corpusPosts()) {
    const { format, body } = formatOf(post.body);
    if (format !== 'html') continue;
    const before = sanitizeArticle(body, format, { proxyPrefixes: [], content: NONE }).body;
    const after = sanitizeArticle(body, format, { proxyPrefixes: [], content: { ...NONE, unwrapLinks: DEFAULTS.unwrapLinks } }).body;
    const hrefs = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => (m[1] ?? '').replace(/&#x26;/g, '&'));
    unwrapped += hrefs(before.html).filter(matches).length;
    assert.deepEqual(hrefs(after.html).filter(matches), [], `${post.name}: a link to unwrap is left`);
    assert.equal(after.text, before.text, `${post.name}: the text is the same, character for character`);
  }
  assert.ok(unwrapped >= 5, `the corpus has 36kr, duomai and pvxt links (${unwrapped} unwrapped)`);
});

test('should keep 快科技\'s source lines and drop the Dockone promotion under the default rules', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, () => {
  const promotion = /(?:<p>|<br>)\s*关注[^<]{0,20}公众号/;
  let kept = 0;
  let promotions = 0;
  for (const post of corpusPosts()) {
    const { format, body } = formatOf(post.body);
    const { html, text } = sanitizeArticle(body, format, { proxyPrefixes: [], content: DEFAULTS }).body;
    if (body.includes('class="zhuanzai"')) {
      assert.match(html, /<p>转载请注明出处：/, post.name);
      assert.doesNotMatch(text, /THE END/, post.name);
      kept += 1;
    }
    if (promotion.test(sanitizeArticle(body, format, { proxyPrefixes: [], content: NONE }).body.html)) promotions += 1;
    assert.doesNotMatch(html, promotion, post.name);
  }
  assert.ok(kept >= 2, `快科技 posts with a footer: ${kept}`);
  assert.ok(promotions >= 1, `posts with a promotion line: ${promotions}`);
});

// A tree the plugin finds nothing in is left as it is.
test('should leave a tree without links as it was', () => {
  const tree: Root = parseFragmentTree('<p>没有链接。</p>');
  const copy = structuredClone(tree);
  rehypeUnwrapLinks({ patterns: DEFAULTS.unwrapLinks })(tree);
  assert.deepEqual(tree, copy);
});
