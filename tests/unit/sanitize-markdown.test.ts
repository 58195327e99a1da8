import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitizeArticle } from '../../src/sanitize/index.ts';
import { renderMarkdown } from '../../src/sanitize/render-markdown.ts';

const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };
const markdown = (body: string, idPrefix?: string) => sanitizeArticle(body, 'markdown', idPrefix === undefined ? options : { ...options, idPrefix });

test('should render a GFM table as a <table> with its columns aligned as marked aligns them', () => {
  const { html } = markdown('| a | b |\n|:--|--:|\n| 1 | 2 |').body;
  assert.match(html, /<table>[\s\S]*<th align="left">a<\/th>[\s\S]*<td align="right">2<\/td>[\s\S]*<\/table>/);
});

test('should keep the language of a fenced block as class language-js, and its text as written', () => {
  const { html } = markdown('```js\nconst a = "x" -- 1;\n```').body;
  assert.match(html, /<pre><code class="language-js">const a = "x" -- 1;\n<\/code><\/pre>/);
});

test('should give headings Hexo ids and headerlinks, -1 for a repeated one, with in-page links meeting them', () => {
  const { html } = markdown('[to usage](#Usage) [to the second](#Usage-1)\n\n## Usage\n\n## Usage').body;
  assert.match(html, /<h2 id="user-content-Usage"><a href="#user-content-Usage" class="headerlink" title="Usage"><\/a>Usage<\/h2>/);
  assert.match(html, /<h2 id="user-content-Usage-1"><a href="#user-content-Usage-1" class="headerlink"/);
  assert.match(html, /<a href="#user-content-Usage">to usage<\/a> <a href="#user-content-Usage-1">to the second<\/a>/);
});

test('should slugize headings as Hexo does: case kept, punctuation to one dash, CJK kept', () => {
  const rendered = renderMarkdown('## Hello, World!\n\n## 安装 步骤\n\n## `npm` *install*');
  assert.match(rendered, /<h2 id="Hello-World">/);
  assert.match(rendered, /<h2 id="安装-步骤"><a href="#安装-步骤" class="headerlink" title="安装 步骤"><\/a>/);
  assert.match(rendered, /<h2 id="npm-install"><a href="#npm-install" class="headerlink" title="npm install"><\/a><code>npm<\/code> <em>install<\/em><\/h2>/);
});

test("should make the ids of headings in other scripts as hexo-util's slugize does (its letter table, not Unicode decomposition)", () => {
  const rendered = renderMarkdown('## Мой дом\n\n## Æsir Straße\n\n## Đà Nẵng');
  assert.match(rendered, /<h2 id="Мой-дом">/);
  assert.match(rendered, /<h2 id="AEsir-Strase">/, "ß is s in its table");
  assert.match(rendered, /<h2 id="Da-Nang">/);
});

test('should point heading links at the ids under a custom id prefix', () => {
  const { html } = markdown('[x](#Notes)\n\n## Notes', 'art-').body;
  assert.match(html, /<a href="#art-Notes">x<\/a>/);
  assert.match(html, /<h2 id="art-Notes"><a href="#art-Notes" class="headerlink"/);
});

test('should render ~~struck~~ as <del>, and a newline inside a paragraph as <br>', () => {
  const { html } = markdown('~~旧~~新\n下一行').body;
  assert.match(html, /<p><del>旧<\/del>新<br>\n下一行<\/p>/);
});

test('should autolink http(s) and www. addresses and e-mails, as GFM does, but not README.md', () => {
  const { html } = markdown('see https://example.com/a and www.example.org, mail me@example.com, read README.md').body;
  assert.match(html, /<a href="https:\/\/example.com\/a" rel="nofollow noopener noreferrer">https:\/\/example.com\/a<\/a>/);
  assert.match(html, /<a href="http:\/\/www.example.org" rel="nofollow noopener noreferrer">www.example.org<\/a>/);
  assert.match(html, /<a href="mailto:me@example.com">me@example.com<\/a>/);
  assert.match(html, /read README.md<\/p>/);
});

test('should curl quotes and dashes as marked smartypants does, leaving code alone', () => {
  const { html } = markdown('"Hi" -- it\'s --- done... 中文......省略 `"raw" --`').body;
  assert.match(html, /<p>“Hi” – it’s — done… 中文……省略 <code>"raw" --<\/code><\/p>/);
});

test('should render Hexo description lists (Term, then ": definition")', () => {
  const { html } = markdown('粉水比\n: 1:15 左右').body;
  assert.match(html, /<dl><dt>粉水比<\/dt><dd>1:15 左右<\/dd><\/dl>/);
  assert.doesNotMatch(html, /<p>/);
});

test('should render lists, quotes and images', () => {
  const { body } = markdown('- one\n- two\n\n> quoted\n\n![cup](https://cors.zfour.workers.dev/?http://img.example.com/a.jpg)');
  assert.match(body.html, /<ul>\n<li>one<\/li>\n<li>two<\/li>\n<\/ul>/);
  assert.match(body.html, /<blockquote>\n<p>quoted<\/p>\n<\/blockquote>/);
  assert.deepEqual(body.images, [{ original: 'https://cors.zfour.workers.dev/?http://img.example.com/a.jpg', alt: 'cup' }]);
});

test('should remove a script and handlers from raw HTML in Markdown, and count them', () => {
  const { body } = markdown('Text\n\n<script>alert(1)</script>\n\n<p onclick="x()">kept <b>bold</b></p>');
  assert.doesNotMatch(body.html, /script|alert|onclick/);
  assert.match(body.html, /<p>kept <b>bold<\/b><\/p>/);
  assert.deepEqual(body.removed, { 'event-handler': 1, script: 1 });
});

test('should make no link of a javascript: Markdown link', () => {
  const { html } = markdown('[click](javascript:alert(1)) <a href="javascript:alert(2)">raw</a>').body;
  assert.doesNotMatch(html, /<a|javascript:[^(]*\(2/);
  assert.match(html, /raw/);
});

test('should leave an HTML body untouched by Markdown: _瓣瓣同心_ and * stay as written', () => {
  const body = '<div>\n<p>题：_瓣瓣同心_ 向阳开 *不是强调* # 不是标题</p>\n</div>';
  const { html } = sanitizeArticle(body, 'html', options).body;
  assert.equal(html, '<p>题：_瓣瓣同心_ 向阳开 *不是强调* # 不是标题</p>');
});

test('should give the text before <!-- more --> of a Markdown body as moreText, and keep the whole body in the HTML', () => {
  const { body } = markdown('**Lead** paragraph\nline two\n\n<!-- more -->\n\n## Rest\n\nMore text');
  assert.equal(body.moreText, 'Lead paragraph line two');
  assert.match(body.html, /<h2 id="user-content-Rest">/);
  assert.doesNotMatch(body.html, /<!--/);
  assert.equal(body.text, 'Lead paragraph line two Rest More text');
});

test('should find <!-- more --> in an HTML body too, in any of Hexo spellings, nested or not', () => {
  for (const marker of ['<!-- more -->', '<!--more-->', '<!-- MORE  -->', '<!--- more --->']) {
    const { body } = sanitizeArticle(`<div><p>前 <b>言</b></p>${marker}<p>正文</p></div>`, 'html', options);
    assert.equal(body.moreText, '前 言', marker);
    assert.equal(body.html, '<p>前 <b>言</b></p><p>正文</p>', marker);
  }
});

test('should leave moreText undefined without a marker, and for a marker shown in a code block', () => {
  assert.equal(markdown('no marker here').body.moreText, undefined);
  assert.equal(sanitizeArticle('<p>none</p>', 'html', options).body.moreText, undefined);
  assert.equal(sanitizeArticle('line\nline', 'text', options).body.moreText, undefined);
  assert.equal(markdown('```\n<!-- more -->\n```').body.moreText, undefined);
});

test('should count only what is before the marker in moreText, never what the sanitizer removes', () => {
  const { body } = markdown('Lead <script>evil()</script>\n\n<!-- more -->\n\nrest');
  assert.equal(body.moreText, 'Lead');
});
