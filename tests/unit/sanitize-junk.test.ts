import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitizeArticle } from '../../src/sanitize/index.ts';
import { corpusPosts, formatOf, hasCorpus } from '../helpers/corpus-posts.ts';

const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };
const clean = (html: string) => sanitizeArticle(html, 'html', options).body;
const htmlOf = (html: string) => clean(html).html;

test('should remove paragraphs left holding only empty inline wrappers', () => {
  assert.equal(htmlOf('<div><p>上文</p><p><ins class="adsbygoogle" data-ad-slot="1"></ins></p><p><span> </span></p><p><del></del><kbd> </kbd></p><p>下文</p></div>'), '<p>上文</p><p>下文</p>');
});

test('should keep the space an empty inline wrapper stood for', () => {
  assert.equal(htmlOf('<p>Windows<strong> </strong>11 发布<em></em></p>'), '<p>Windows 11 发布</p>');
});

test('should drop rules before the first and after the last content, and keep those between', () => {
  assert.equal(htmlOf('<div><hr><hr/><p>导语</p><hr><p>正文</p><hr>\n</div>'), '<p>导语</p><hr><p>正文</p>');
  assert.equal(htmlOf('<section><p></p><hr><p>正文</p></section>'), '<section><p>正文</p></section>');
});

test('should show a Hexo label as its text, in either theme\'s syntax', () => {
  assert.equal(htmlOf('<p>{% label info@注意 %}：先备份 {%label primary @配置文件 %}，再改 {% label 主题 blue %}。</p>'), '<p>注意：先备份 配置文件，再改 主题。</p>');
});

test('should make the paragraphs of a Hexo note a quotation, without its markers', () => {
  assert.equal(
    htmlOf('<p>前文</p><p>{% note info %}</p><p>这是提示的第一段。</p><p>第二段。</p><p>{% endnote %}</p><p>后文</p>'),
    '<p>前文</p><blockquote><p>这是提示的第一段。</p><p>第二段。</p></blockquote><p>后文</p>',
  );
  assert.equal(htmlOf('<p>{% note warning %}<br>升级前请先备份。<br>{% endnote %}</p>'), '<blockquote><p>升级前请先备份。</p></blockquote>');
  // A Markdown body, rendered with line breaks as Hexo renders it.
  const markdown = sanitizeArticle('{% note primary %}\n转换工具都收费，<font color="red">持续更新</font>\n{% endnote %}', 'markdown', options).body;
  assert.equal(markdown.html, '<blockquote><p>转换工具都收费，持续更新</p></blockquote>');
});

test('should drop the syntax of other tags, keeping what a block tag held', () => {
  assert.equal(
    htmlOf('<p>{% note success %}有提示{% endnote %}</p><p>{% tabs 安装 %}</p><p>用 npm 安装。</p><p>{% endtabs %}</p><p>视频：{% youtube abc123 %}</p>'),
    '<blockquote><p>有提示</p></blockquote><p>用 npm 安装。</p><p>视频：</p>',
  );
});

test('should warn, naming them, when dropped tags showed more than their text', () => {
  const { warnings } = sanitizeArticle('<p>{% asset_img cover.jpg 封面 %}</p><p>{% tabs 安装 %}</p><p>用 npm 安装。</p><p>{% endtabs %}</p>', 'html', options);
  const warning = warnings.find((w) => w.rule === 'sanitize/hexo-tag');
  assert.match(warning?.message ?? '', /removed 2 Hexo tag plugins .*\(\{% asset_img %\}, \{% tabs %\}\)/);
  const shown = sanitizeArticle('<p>{% label info@注意 %}</p><p>{% note info %}</p><p>提示。</p><p>{% endnote %}</p>', 'html', options);
  assert.deepEqual(shown.warnings, [], 'labels and callouts show what they meant');
});

test('should never touch tag syntax in code, nor in a post with no Hexo tag at all', () => {
  const code = '<p>{% label info@标签 %}</p><pre><code>{% raw %}{{ site.title }}{% endraw %}</code></pre><p>模板写作 <code>{% if user %}</code>。</p>';
  assert.equal(htmlOf(code), '<p>标签</p><pre><code>{% raw %}{{ site.title }}{% endraw %}</code></pre><p>模板写作 <code>{% if user %}</code>。</p>');
  const jinja = '<p>Django 模板用 {% block content %} 和 {% endblock %} 定义区块。</p>';
  assert.equal(htmlOf(jinja), jinja);
});

test('should summarise a body by its sentences: no headings, code, embeds, captions or marks', () => {
  const body = clean(
    '<h2>一、背景</h2><p>Java 的 <code>List</code> 很常用。</p><pre><code>List&lt;String&gt; names = new ArrayList&lt;&gt;();\nnames.add("a");</code></pre>' +
      '<p><iframe src="https://www.youtube.com/embed/abc"></iframe></p><figure><img src="https://img.example.com/a.jpg" alt="示意图"><figcaption>图一 示意图</figcaption></figure>' +
      '<ul><li><input type="checkbox" checked> 完成 ✅</li></ul><table><tr><td>表格</td></tr></table><p>● 少女☆歌劇 的新作公布。</p>',
  );
  assert.equal(body.summary, 'Java 的 List 很常用。 完成 少女☆歌劇 的新作公布。');
  // Search still reads everything.
  for (const word of ['一、背景', 'names.add', '▶', '☑', '图一', '表格']) assert.ok(body.text.includes(word), word);
});

test('should leave a displayed formula out of the summary, and keep one inside a sentence', () => {
  const body = clean('<p>设 <span class="vditor-math">x^2</span> 为平方：</p><div class="vditor-math">\\sum_i x_i</div><p>证毕。</p>');
  assert.equal(body.summary, '设 x^2 为平方： 证毕。');
  assert.ok(body.text.includes('\\sum_i x_i'));
});

test('should summarise the part before <!-- more --> the same way', () => {
  const body = clean('<h2>导读</h2><p>第一段。</p><pre><code>x = 1\ny = 2</code></pre><!-- more --><p>第二段。</p>');
  assert.equal(body.moreText, '第一段。');
});

test('should summarise a body without prose by all its text', () => {
  assert.equal(clean('<figure><img src="https://img.example.com/a.jpg"><figcaption>▶ 只有图注</figcaption></figure>').summary, '只有图注');
});

test('should leave no edge rule in any real post, and no marks or Hexo tag syntax in its summary', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, () => {
  for (const post of corpusPosts()) {
    const { format, body } = formatOf(post.body);
    const result = sanitizeArticle(body, format, options).body;
    assert.doesNotMatch(result.html, /^\s*<hr>|<hr>\s*$/, post.name);
    assert.doesNotMatch(result.summary, /[▶☐☑]|\{%/, post.name);
    assert.ok(result.summary.length > 0, `${post.name}: summary`);
  }
});
