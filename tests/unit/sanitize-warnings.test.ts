import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitizeArticle } from '../../src/sanitize/index.ts';
import { corpusPosts, formatOf, hasCorpus } from '../helpers/corpus-posts.ts';

const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };
const sanitize = (html: string) => sanitizeArticle(html, 'html', options);
const rules = (html: string) => sanitize(html).warnings.map((w) => w.rule);
const removedWarning = (html: string) => sanitize(html).warnings.find((w) => w.rule === 'sanitize/removed');

// The shape of 少数派's article page: the story, then a side bar hidden until scrolled, with five icon
// buttons (download, charge, comment, share, collect), their counts and a share pop-up.
const SIDE_BAR = `<div class="articleWidth-content"><div class="content wangEditor-txt"><p>正文第一段。</p><p>正文第二段。</p></div>
<div class="article-side sideTop" style="display:none;left:0;">
<div class="download-guide-container"><div class="btn-wrapper"><button class="btn btn-view"><i class="iconfont iconfont-phone"></i></button></div></div>
<div class="item-wrapper"><button class="btn btn-charge"><i class="iconfont"></i></button><span class="count">7</span></div>
<div class="item-wrapper"><button class="btn-mini btn-comment"><i class="iconfont iconfont-comment"></i></button><span class="count">2</span></div>
<div class="item-wrapper"><span class="el-popover__reference-wrapper"><button class="btn-mini btn-share"><i class="iconfont iconfont-share"></i></button></span></div>
<div class="item-wrapper"><button class="btn-mini btn-collect"><i class="iconfont iconfont-collect"></i></button></div>
</div></div>`;

test('should remove a 少数派 side bar of icon buttons and counts as page chrome, without a warning', () => {
  const { body, warnings } = sanitize(SIDE_BAR);
  assert.deepEqual(warnings, []);
  assert.match(body.text, /正文第二段/);
  assert.doesNotMatch(body.text, /[27]/, 'the side bar\'s counts are not story text');
});

test('should not warn about buttons, their labels or their icons', () => {
  const html =
    '<pre><code>npm i wirepress</code></pre><button class="copy-btn">复制</button>' +
    '<div class="reward"><button class="pay"><svg width="13" height="16" viewBox="0 0 13 16"><path d="M0 0h13v16z"/></svg>赞赏</button></div>' +
    '<p><a href="https://example.com/">分享 <svg class="share-icon" viewBox="0 0 1024 1024"><path d="M0 0"/></svg></a></p>' +
    '<p>订阅：<svg aria-hidden="true"><use href="#icon-rss"/></svg></p>';
  const { body, warnings } = sanitize(html);
  assert.deepEqual(warnings, []);
  assert.equal(body.removed.form, 2);
  assert.equal(body.removed['foreign-content'], 3);
});

test('should show a task list\'s checkboxes as ☐ and ☑, without a warning', () => {
  const { body, warnings } = sanitize(
    '<ul class="task-list"><li><input type="checkbox" disabled checked> 写初稿</li><li><input type="checkbox" disabled>校对</li>' +
      '<li><input type="checkbox" disabled=""><p>发布</p></li></ul>',
  );
  assert.equal(body.html, '<ul><li>☑ 写初稿</li><li>☐ 校对</li><li><p>☐ 发布</p></li></ul>');
  assert.deepEqual(warnings, []);
  assert.equal(body.removed.form, 3);
});

test('should not warn about ad loaders, analytics, hidden fields or a player that became a link', () => {
  for (const html of [
    '<p><ins class="adsbygoogle"></ins></p><script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"></script><script>(adsbygoogle = window.adsbygoogle || []).push({});</script>',
    '<script>var _hmt = _hmt || []; _hmt.push(["_trackPageview"]);</script><p>正文</p>',
    '<form action="https://example.com/like"><input type="hidden" name="id" value="1"><button>点赞</button></form><p>正文</p>',
    '<iframe src="https://www.youtube.com/embed/abc" title="访谈"></iframe>',
    '<p onclick="track()">正文 <a href="javascript:void(0)">更多</a></p><style>p { color: red }</style>',
    // Nothing to show but a script: no player, plugin or drawing is missed.
    '<iframe src="javascript:alert(1)"></iframe><object data="javascript:alert(2)"></object><svg onload="alert(3)"></svg><p>正文</p>',
  ]) {
    assert.deepEqual(rules(html), [], html);
  }
});

test('should warn once, naming each thing a reader would miss', () => {
  const warning = removedWarning(
    '<p>投票：</p><form><label><input type="radio" name="v" value="a"> 甲</label><label><input type="radio" name="v" value="b"> 乙</label><button>投票</button></form>' +
      '<object data="https://example.com/game.swf"></object><embed src="https://example.com/clip.swf">' +
      '<script src="https://gist.github.com/someone/0123abcd.js"></script>' +
      '<svg viewBox="0 0 600 400"><rect width="600" height="400"/><text x="10" y="20">销量</text></svg>' +
      '<iframe srcdoc="<p>交互图表</p>"></iframe><canvas id="chart"></canvas>',
  );
  assert.ok(warning);
  assert.match(warning.message, /^removed 7 elements a reader would miss: /);
  for (const name of ['1 <form>', '1 <object>', '1 <embed>', '1 <script src=gist.github.com>', '1 <svg>', '1 <iframe>', '1 <canvas>']) {
    assert.ok(warning.message.includes(name), `${name} in ${warning.message}`);
  }
});

test('should warn about a player with no usable URL', () => {
  assert.match(removedWarning('<audio src="ftp://audio.example.com/talk.mp3"></audio>')?.message ?? '', /1 <audio>/);
});

test('should warn about a lone field that takes text, not about a lone button or checkbox', () => {
  assert.match(removedWarning('<p>搜索：<input type="search" placeholder="关键词"></p>')?.message ?? '', /1 <input>/);
  assert.match(removedWarning('<p>选择：<select><option>一</option><option>二</option></select></p>')?.message ?? '', /1 <select>/);
  assert.equal(removedWarning('<p>正文<button type="button">展开</button><input type="checkbox"></p>'), undefined);
});

test('should speak of lost text without counting a button\'s label as text', () => {
  const lost = sanitize('<form><button>提交</button><button>重置</button></form><p>正文</p>').warnings;
  assert.deepEqual(lost, []);
  const labelled = sanitize('<form><label>手机号 <input type="tel"></label><button>获取验证码</button></form>').warnings;
  const text = labelled.find((w) => w.rule === 'sanitize/removed-text');
  assert.match(text?.message ?? '', /手机号/);
  assert.doesNotMatch(text?.message ?? '', /验证码/);
});

test('should not warn about removed content on any real post', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, () => {
  for (const post of corpusPosts()) {
    const { format, body } = formatOf(post.body);
    const removed = sanitizeArticle(body, format, options).warnings.filter((w) => w.rule === 'sanitize/removed');
    assert.deepEqual(removed, [], post.name);
  }
});
