import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { sanitizeArticle } from '../../src/sanitize/index.ts';
import { formatOf } from '../helpers/corpus-posts.ts';
import { CORPUS_DIR, HAS_CORPUS } from '../helpers/run-cli.ts';

const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };
const sanitize = (body: string) => sanitizeArticle(body, 'html', options).body.html;
const skip = HAS_CORPUS ? false : `needs ${CORPUS_DIR}`;

const img = (n: number) => `<img src="https://img.example.com/${n}.jpg" alt="图${n}" referrerpolicy="no-referrer">`;
const figure = (n: number, caption: string) => new RegExp(`<figure><img src="https://img\\.example\\.com/${n}\\.jpg" alt="图${n}" referrerpolicy="no-referrer"><figcaption>${caption}</figcaption></figure>`);

// The real posts of one source, sanitized, read at run time from ../shared/corpus (never copied here).
function postsOf(author: string): { name: string; source: string; html: string }[] {
  const dir = path.join(CORPUS_DIR, 'real');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name !== 'SOURCE.md' && name !== 'README.md')
    .map((name) => ({ name, raw: readFileSync(path.join(dir, name), 'utf8') }))
    .filter(({ raw }) => new RegExp(`^author: ${author}`, 'm').test(raw))
    .map(({ name, raw }) => {
      const source = raw.slice(raw.indexOf('---', raw.indexOf('---') + 3) + 3);
      const { format, body } = formatOf(source);
      return { name, source, html: sanitizeArticle(body, format, options).body.html };
    });
}

test('should take the centred line under a 3DMGame picture as its caption', () => {
  const html = sanitize(
    `<div><p style="text-indent:2em;">\n开发商公布了新的实机画面。\n</p>\n<p align="center">\n${img(1)}\n</p>\n` +
      '<p style="text-align:center;text-indent:2em;">\n新版本的主城夜景\n</p>\n<p style="text-indent:2em;">\n游戏将于明年发售。\n</p></div>',
  );
  assert.match(html, figure(1, '\\s*新版本的主城夜景\\s*'));
  assert.match(html, /<p>\s*游戏将于明年发售。\s*<\/p>/);
});

test('should keep the indented line under a 3DMGame picture as the story (an award list)', () => {
  const html = sanitize(
    `<div><p style="text-indent:2em;">《甲游戏》</p><p align="center">${img(1)}</p><p style="text-indent:2em;">《乙游戏》</p>` +
      `<p align="center">${img(2)}</p></div>`,
  );
  assert.doesNotMatch(html, /<figcaption>/);
  assert.match(html, /<p>《乙游戏》<\/p>/);
});

test('should take 快科技 captions, under the picture or after it in the same paragraph', () => {
  const linked = (n: number) => `<a href="https://img.example.com/${n}.jpg" target="_blank">${img(n)}</a>`;
  const html = sanitize(
    `<div><p align="center">${linked(1)}<br>\n△用新模型生成的街景</p>\n<p>接下来看对比。</p>\n` +
      `<p align="center">${img(2)}</p>\n<p>△旧版本的画面</p>\n<p>这不是又回到从前了？</p>\n` +
      `<p style="text-align: center">${linked(3)}</p>\n<p>网友的评价褒贬不一。</p></div>`,
  );
  assert.match(html, /<figure><a href="https:\/\/img\.example\.com\/1\.jpg"[^>]*><img [^>]*><\/a><figcaption>△用新模型生成的街景<\/figcaption><\/figure>/);
  assert.match(html, figure(2, '△旧版本的画面'));
  assert.match(html, /<p>这不是又回到从前了？<\/p>/);
  // A plain paragraph under a picture that does not open like a caption is the story.
  assert.match(html, /<p>网友的评价褒贬不一。<\/p>/);
  assert.equal(html.match(/<figcaption>/g)?.length, 2);
});

test('should take the centred credit under a cnBeta picture as its caption, links kept', () => {
  const html = sanitize(
    `<div>导语。<br>\n <p><a href="https://img.example.com/1.jpg" target="_blank">${img(1)}</a></p>` +
      '<p style="text-align: center;">（来自：<a href="https://lab.example.org/report" target="_self">某实验室</a>）</p>' +
      `<p>研究人员指出，问题已经修复。</p><p class="detailPic">${img(2)}</p><p class="picIntro"><strong>△</strong>修复前后的对比</p></div>`,
  );
  assert.match(html, /<figcaption>（来自：<a href="https:\/\/lab\.example\.org\/report" rel="nofollow noopener noreferrer">某实验室<\/a>）<\/figcaption><\/figure>/);
  assert.match(html, /<figcaption><strong>△<\/strong>修复前后的对比<\/figcaption><\/figure>/);
  assert.match(html, /<p>研究人员指出，问题已经修复。<\/p>/);
});

test('should never take body prose under a picture for a caption', () => {
  const long = '这是一段被居中排版的正文，'.repeat(12);
  const cases = {
    'centred prose': `<p align="center">${img(1)}</p><p align="center">${long}</p>`,
    'centred subheading': `<p align="center">${img(1)}</p><p style="text-align:center"><strong>第二部分</strong></p>`,
    'centred line that introduces what follows': `<p align="center">${img(1)}</p><p style="text-align:center">具体数据如下：</p>`,
    'plain paragraph': `<p>${img(1)}</p><p>截图中可以看到新的菜单。</p>`,
    'text beside the picture without a caption mark': `<p align="center">${img(1)}\n《某游戏》\n</p>`,
    'caption box holding a picture': `<p align="center">${img(1)}</p><p align="center">${img(2)}</p>`,
  };
  for (const [name, body] of Object.entries(cases)) assert.doesNotMatch(sanitize(`<div>${body}</div>`), /<figcaption>/, name);
});

test('should keep a source figure with its figcaption (少数派)', () => {
  const html = sanitize(
    `<div><figure class="image ss-img-wrapper"><img src="https://img.example.com/1.jpg" alt="图1" data-original="https://img.example.com/1.jpg" referrerpolicy="no-referrer"><figcaption>购买的元器件</figcaption></figure></div>`,
  );
  assert.match(html, figure(1, '购买的元器件'));
});

test('should keep a 36kr image-wrapper and its img-desc as one figure', () => {
  const html = sanitize(`<div><p class="image-wrapper">${img(1)}</p><p class="img-desc">图源：某公司官网</p><p>正文。</p></div>`);
  assert.match(html, figure(1, '图源：某公司官网'));
});

test('should give no 3DMGame, 快科技 or cnBeta post of the corpus a caption its source does not mark', { skip }, () => {
  for (const author of ['3DMGame', '快科技', 'cnBeta']) {
    const posts = postsOf(author);
    assert.ok(posts.length >= 2, `${author}: only ${posts.length} posts`);
    for (const post of posts) {
      // None of these posts has a marked caption: 3DMGame's award list puts names right under pictures.
      assert.doesNotMatch(post.html, /<figcaption>/, `${author}: ${post.name}`);
    }
  }
});

test('should give every 36kr img-desc of the corpus its figcaption', { skip }, () => {
  const posts = postsOf('36kr');
  assert.ok(posts.length >= 1);
  for (const post of posts) {
    const captions = post.source.match(/class="img-desc"/g)?.length ?? 0;
    assert.ok(captions > 0, post.name);
    assert.equal(post.html.match(/<figcaption>/g)?.length ?? 0, captions, post.name);
  }
});

test('should give the ZAKER posts of the corpus their captions and no more', { skip }, () => {
  const posts = postsOf('ZAKER');
  assert.ok(posts.length >= 5);
  let captions = 0;
  for (const post of posts) {
    const figures = post.source.match(/class="img_box"/g)?.length ?? 0;
    const found = post.html.match(/<figcaption>/g)?.length ?? 0;
    assert.ok(found <= figures, `${post.name}: ${found} captions for ${figures} pictures`);
    captions += found;
  }
  assert.ok(captions > 0, 'some ZAKER captions');
});
