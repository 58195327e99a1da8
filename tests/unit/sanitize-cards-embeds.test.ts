import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitizeArticle } from '../../src/sanitize/index.ts';
import { corpusPosts, formatOf, hasCorpus } from '../helpers/corpus-posts.ts';

const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };
const sanitize = (body: string) => sanitizeArticle(body, 'html', options).body.html;
const rel = 'rel="nofollow noopener noreferrer"';

test('should keep a 少数派 link card as a paragraph with its link', () => {
  const html = sanitize(
    '<div><p>具体可以看站内已有的教程：</p><span class="ss-linkCard" link-card-href="https://sspai.com/post/12345"> </span>' +
      '<span class="ss-linkCard" link-card-href="https://sspai.com/post/67890"> </span><p>下一段。</p></div>',
  );
  assert.equal(
    html,
    `<p>具体可以看站内已有的教程：</p><p><a href="https://sspai.com/post/12345" ${rel}>https://sspai.com/post/12345</a></p>` +
      `<p><a href="https://sspai.com/post/67890" ${rel}>https://sspai.com/post/67890</a></p><p>下一段。</p>`,
  );
});

test('should give a link card its title where the markup has one', () => {
  const html = sanitize(
    '<div><span class="ss-linkCard" link-card-href="https://sspai.com/post/1" link-card-title="入门指南"> </span>' +
      '<div class="link-card" data-url="https://news.example.com/a"><div class="card-title">一篇相关报道</div><div class="card-desc">摘要文字</div></div></div>',
  );
  assert.match(html, new RegExp(`<p><a href="https://sspai\\.com/post/1" ${rel}>入门指南</a></p>`));
  assert.match(html, new RegExp(`<p><a href="https://news\\.example\\.com/a" ${rel}>一篇相关报道</a></p>`));
});

test('should not make a link of a card whose target is not http(s)', () => {
  const html = sanitize('<div><span class="ss-linkCard" link-card-href="javascript:alert(1)">卡片</span></div>');
  assert.doesNotMatch(html, /<a /);
  assert.doesNotMatch(html, /javascript/);
});

test('should title an embedded video with the player title, data-title or aria-label', () => {
  const html = sanitize(
    '<div><iframe src="https://www.youtube.com/embed/abcDEF12345" title="发布会回放"></iframe>' +
      '<iframe src="https://player.bilibili.com/player.html?aid=1&bvid=BV1xx411c7mD&page=1" data-title="开箱视频"></iframe>' +
      '<video src="https://video.example.com/a.mp4" aria-label="现场画面"></video></div>',
  );
  assert.match(html, new RegExp(`<a href="https://www\\.youtube\\.com/watch\\?v=abcDEF12345" ${rel}>▶ 发布会回放</a>`));
  assert.match(html, new RegExp(`<a href="https://www\\.bilibili\\.com/video/BV1xx411c7mD" ${rel}>▶ 开箱视频</a>`));
  assert.match(html, new RegExp(`<a href="https://video\\.example\\.com/a\\.mp4" ${rel}>▶ 现场画面</a>`));
});

test('should title an embedded video with the caption beside it, which the link replaces', () => {
  const inFigure = sanitize('<div><figure><iframe src="https://youtube.com/embed/abc"></iframe><figcaption>新车路测视频</figcaption></figure></div>');
  assert.match(inFigure, /▶ 新车路测视频<\/a>/);
  assert.doesNotMatch(inFigure, /<figcaption>/);
  const under = sanitize('<div><p><iframe src="https://youtube.com/embed/abc"></iframe></p><p style="text-align:center">新车路测视频</p><p>正文继续。</p></div>');
  assert.match(under, /▶ 新车路测视频<\/a>/);
  assert.equal(under.match(/新车路测视频/g)?.length, 1);
  assert.match(under, /<p>正文继续。<\/p>/);
});

test('should send a title-less YouTube player to the video page, named by its platform', () => {
  const html = sanitize('<div><iframe id="ytplayer" src="https://youtube.com/embed/abcDEF12345" frameborder="0" allowfullscreen></iframe></div>');
  assert.equal(html, `<p><a href="https://www.youtube.com/watch?v=abcDEF12345" ${rel}>▶ YouTube 视频</a></p>`);
  // The embed code's own title names the player, not the video.
  const generic = sanitize('<div><iframe src="https://www.youtube.com/embed/abcDEF12345" title="YouTube video player"></iframe></div>');
  assert.match(generic, />▶ YouTube 视频<\/a>/);
});

test('should send the YouTube player of the real post to the video page', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, () => {
  const posts = corpusPosts().filter((p) => /youtube\.com\/embed\//.test(p.body));
  assert.ok(posts.length > 0);
  for (const post of posts) {
    const { format, body } = formatOf(post.body);
    const { html } = sanitizeArticle(body, format, options).body;
    assert.match(html, /<a href="https:\/\/www\.youtube\.com\/watch\?v=[\w-]+"[^>]*>▶ YouTube 视频<\/a>/, post.name);
  }
});
