import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitizeArticle } from '../../src/sanitize/index.ts';

const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };
const sanitize = (body: string) => sanitizeArticle(body, 'html', options).body.html;

// An AI 研习社-style post: the table of contents links to the origin article, the headings are on the page.
const origin = 'https://www.origin.example/blogDetail/77';
const tocPost = (links: string) =>
  `<div>${links}<h2 id="准备工作">准备工作</h2><p>正文一。</p><h2 id="安装步骤">安装步骤</h2><p>正文二。</p><h3>校验文件</h3><p>正文三。</p></div>`;

test('should point the links of a table of contents to the headings on the page', () => {
  const html = sanitize(
    tocPost(
      `<ul><li><a href="${origin}#%E5%87%86%E5%A4%87%E5%B7%A5%E4%BD%9C" target="_blank">准备工作</a></li>` +
        `<li><a href="${origin}#安装步骤">安装步骤</a></li></ul>`,
    ),
  );
  assert.match(html, /<a href="#user-content-准备工作">准备工作<\/a>/);
  assert.match(html, /<a href="#user-content-安装步骤">安装步骤<\/a>/);
  assert.doesNotMatch(html, /origin\.example/);
  assert.doesNotMatch(html, /target=/, 'an in-page link opens in the same tab');
});

test('should find a heading by its text when the scraper lost its id, and give it that id', () => {
  const html = sanitize(
    tocPost(`<ul><li><a href="${origin}#准备工作">准备工作</a></li><li><a href="${origin}#%E6%A0%A1%E9%AA%8C%E6%96%87%E4%BB%B6">校验文件</a></li></ul>`),
  );
  assert.match(html, /<a href="#user-content-校验文件">校验文件<\/a>/);
  assert.match(html, /<h3 id="user-content-校验文件">校验文件<\/h3>/);
});

test('should recognise the origin article with or without www, over http or https', () => {
  const html = sanitize(tocPost(`<p><a href="http://origin.example/blogDetail/77/#准备工作">一</a> <a href="${origin}#安装步骤">二</a></p>`));
  assert.match(html, /href="#user-content-准备工作"/);
  assert.match(html, /href="#user-content-安装步骤"/);
});

test('should leave links to other articles and to sections the page lacks where they point', () => {
  const html = sanitize(
    tocPost(
      `<ul><li><a href="${origin}#准备工作">准备工作</a></li><li><a href="${origin}#安装步骤">安装步骤</a></li>` +
        `<li><a href="${origin}#%E7%BB%93%E8%AE%BA">结论</a></li></ul>` +
        // Another article that happens to have a section of the same name: one match proves nothing.
        '<p>另见<a href="https://other.example/post/9#准备工作">别处的准备工作</a>。</p>',
    ),
  );
  assert.match(html, /href="https:\/\/www\.origin\.example\/blogDetail\/77#%E7%BB%93%E8%AE%BA"/);
  assert.match(html, /href="https:\/\/other\.example\/post\/9#准备工作"/);
});

test('should rewrite nothing when a single link matches a heading', () => {
  const html = sanitize(tocPost('<p>见<a href="https://other.example/post/9#安装步骤">那篇的安装步骤</a>。</p>'));
  assert.match(html, /href="https:\/\/other\.example\/post\/9#安装步骤"/);
});

test('should rewrite nothing when two articles match the page equally well', () => {
  const html = sanitize(
    tocPost(
      `<p><a href="https://a.example/x#准备工作">1</a><a href="https://a.example/x#安装步骤">2</a>` +
        `<a href="https://b.example/y#准备工作">3</a><a href="https://b.example/y#安装步骤">4</a></p>`,
    ),
  );
  assert.doesNotMatch(html, /href="#/);
});

test('should nest a table of contents written as a flat run of level classes (vditor)', () => {
  const entry = (level: number, id: string) => `<span class="toc-h${level}"><a class="toc-a" href="${origin}#${id}">${id}</a></span><br>`;
  const html = sanitize(
    `<div><div class="vditor-toc">${entry(1, '准备工作')}${entry(1, '安装步骤')}  ${entry(2, '校验文件')}</div>` +
      '<h1 id="准备工作">准备工作</h1><h1 id="安装步骤">安装步骤</h1><h2 id="校验文件">校验文件</h2></div>',
  );
  assert.match(
    html,
    /^<ul><li><a href="#user-content-准备工作">准备工作<\/a><\/li><li><a href="#user-content-安装步骤">安装步骤<\/a><ul><li><a href="#user-content-校验文件">校验文件<\/a><\/li><\/ul><\/li><\/ul>/,
  );
});

test('should keep the nesting of tables of contents in the shapes sites write them', () => {
  const nested = /<li><a href="#user-content-a">一<\/a>\s*<(ul|ol)>\s*<li><a href="#user-content-b">二<\/a><\/li>\s*<\/\1>\s*<\/li>/;
  const shapes = {
    'list in an item': '<ul><li><a href="#a">一</a><ul><li><a href="#b">二</a></li></ul></li></ul>',
    'toc box, indented': '<div class="toc">\n  <ul>\n    <li><a href="#a">一</a>\n      <ul>\n        <li><a href="#b">二</a></li>\n      </ul>\n    </li>\n  </ul>\n</div>',
    nav: '<nav><ol><li><a href="#a">一</a><ol><li><a href="#b">二</a></li></ol></li></ol></nav>',
  };
  for (const [name, toc] of Object.entries(shapes)) {
    assert.match(sanitize(`<div>${toc}<h2 id="a">一</h2><h3 id="b">二</h3></div>`), nested, name);
  }
  // A list directly inside a list (invalid, but common) stays one level down.
  assert.match(sanitize('<ul><li><a href="#a">一</a></li><ul><li><a href="#b">二</a></li></ul></ul>'), /<\/li><ul><li><a href="#user-content-b">/);
});
