import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Root } from 'hast';
import { sanitizeArticle } from '../../src/sanitize/index.ts';
import { parseFragmentTree } from '../../src/sanitize/parse-fragment.ts';
import { rehypeAuditCode } from '../../src/sanitize/rehype-audit-code.ts';
import { hasCodeTags, mayHoldCodeMarkup } from '../../src/sanitize/restore-code-markup.ts';
import { createLog } from '../../src/sanitize/sanitize-log.ts';
import { corpusPosts, formatOf, hasCorpus } from '../helpers/corpus-posts.ts';
import { outputCodeBlocks, sourceCodeBlocks } from '../helpers/source-code-blocks.ts';

/**
 * Code keeps every character and line (issue #22). Each folder of
 * tests/fixtures/sanitize/ with a `code.json` is a shape of scraped code;
 * `code.json` lists, as a reader must see them, the text of each code block
 * (`<pre>`) and of each code phrase (`<code>` outside a block, whitespace
 * collapsed as a browser shows it) of the sanitized output.
 */
const root = new URL('../fixtures/sanitize/', import.meta.url);
const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/code.json`, root)))
  .map((entry) => entry.name)
  .sort();

const collapse = (text: string) => text.replace(/[ \t\n\r\f]+/g, ' ').trim();
const withoutSpace = (text: string) => text.replace(/\s+/g, '');

function runCase(name: string) {
  const input = readFileSync(new URL(`${name}/input.html`, root), 'utf8');
  const expected = JSON.parse(readFileSync(new URL(`${name}/code.json`, root), 'utf8')) as { blocks: string[]; inline: string[] };
  return { input, expected, result: sanitizeArticle(input, 'html', options) };
}

test('should have a code fixture for each shape of issue #22', () => {
  for (const name of ['code-xml-listing', 'code-java-generics', 'code-html-listing', 'code-br-lines', 'code-prettyprint']) {
    assert.ok(cases.includes(name), name);
  }
});

for (const name of cases) {
  test(`should show the code of the ${name} fixture exactly as written, one line per line`, () => {
    const { expected, result } = runCase(name);
    const code = outputCodeBlocks(result.body.html);
    assert.deepEqual(code.filter((c) => c.block).map((c) => c.text), expected.blocks, 'code blocks');
    assert.deepEqual(code.filter((c) => !c.block).map((c) => collapse(c.text)), expected.inline, 'code phrases');
    assert.deepEqual(result.warnings, [], 'nothing in the code is lost, so nothing is warned');
    assert.equal(result.body.removed.comment, undefined, 'a comment in code is text, not a removed comment');
  });
}

test('should publish markup written in code as text, never as elements', () => {
  const { result } = runCase('code-html-listing');
  assert.doesNotMatch(result.body.html, /<(script|style|title|textarea|table|img|html|body|head)\b/);
  assert.match(result.body.html, /&#x3C;script>/);
});

test('should read code from the source independently of the sanitizer, as the fixtures expect it', () => {
  // The reference used over the corpus below must agree with the hand-written expectations.
  for (const name of cases) {
    const { input, expected } = runCase(name);
    const source = sourceCodeBlocks(input);
    for (const block of source.filter((c) => c.block)) assert.ok(expected.blocks.includes(block.text), `${name}: ${block.text}`);
    for (const phrase of source.filter((c) => !c.block)) {
      const all = [...expected.blocks, ...expected.inline].map(withoutSpace);
      assert.ok(all.some((text) => text.includes(withoutSpace(phrase.text))), `${name}: ${phrase.text}`);
    }
  }
});

test('should keep, in every real post of ../shared/corpus, the characters of each pre and code as its source writes them (the corpus may hold none)', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, (t) => {
  let blocks = 0;
  let posts = 0;
  for (const post of corpusPosts()) {
    const { format, body } = formatOf(post.body);
    if (format !== 'html') continue;
    const source = sourceCodeBlocks(body);
    if (source.length === 0) continue;
    posts += 1;
    const output = outputCodeBlocks(sanitizeArticle(body, format, options).body.html);
    const blockText = output.filter((c) => c.block).map((c) => c.text).join('\u0000');
    const allText = withoutSpace(output.map((c) => c.text).join(''));
    for (const code of source) {
      blocks += 1;
      if (code.block) assert.ok(blockText.includes(code.text), `${post.name}: code block ${JSON.stringify(code.text.slice(0, 80))}`);
      else assert.ok(allText.includes(withoutSpace(code.text)), `${post.name}: code ${JSON.stringify(code.text.slice(0, 80))}`);
    }
  }
  t.diagnostic(`${blocks} code elements in ${posts} posts checked`);
});

test('should join a <br> and the newline after it into one line break inside <pre>', () => {
  const { body } = sanitizeArticle('<pre>a<br>\nb<br><br>\nc<br>d</pre>', 'html', options);
  assert.equal(body.html, '<pre>a\nb\n\nc\nd</pre>');
});

test('should keep a code phrase amid a sentence inline, even when the source wraps it', () => {
  const { body } = sanitizeArticle('<p>运行 <code>npm run\n  build</code> 即可。</p>', 'html', options);
  assert.equal(body.html, '<p>运行 <code>npm run\nbuild</code> 即可。</p>');
});

test('should split the paragraph around multi-line code, keeping the text on either side and the link or bold around the code', () => {
  const { body } = sanitizeArticle('<p id="x">先运行 <b>这两行 <code>make<br>make install</code> 然后</b> 重启。</p>', 'html', options);
  assert.equal(body.html, '<p id="user-content-x">先运行 <b>这两行</b></p><pre><b><code>make\nmake install</code></b></pre><p><b>然后</b> 重启。</p>');
  const linked = sanitizeArticle('<p><a href="https://example.com/run.sh"><code>make<br>make install</code></a></p>', 'html', options);
  assert.equal(linked.body.html, '<pre><a href="https://example.com/run.sh" rel="nofollow noopener noreferrer"><code>make\nmake install</code></a></pre>');
});

test('should leave bodies with plain code to the fast path: no parse with source offsets', () => {
  const ordinary = ['<p>没有代码</p>', '<pre><code class="language-sh">a &lt; b &amp;&amp; c\n</code></pre>', '<p><code>x</code> and <pre><b>bold</b><br></pre></p>'];
  for (const html of ordinary) assert.equal(mayHoldCodeMarkup(html), false, html);
  assert.equal(hasCodeTags('<p>没有代码</p>'), false);
  for (const html of ['<pre>List<T></pre>', '<code>Class<?></code>', '<PRE class="x"><!-- c --></PRE>', '<pre>Stream<S></pre>']) {
    assert.equal(mayHoldCodeMarkup(html), true, html);
  }
});

test('should warn, with the count, when the schema would still remove something inside code', () => {
  // restoreCodeMarkup makes such markup text before this runs; a tree that still has it must not lose it silently.
  const tree = parseFragmentTree('<pre>keep<!--a comment--><script>var x;</script></pre><p><!--elsewhere--></p>') as Root;
  const log = createLog();
  rehypeAuditCode({ log, hasCode: true })(tree);
  assert.equal(log.warnings.length, 1);
  assert.equal(log.warnings[0]?.rule, 'sanitize/code-changed');
  assert.match(log.warnings[0]?.message ?? '', /removed 2 items from code \(1 comment, 1 <script>\): 15 characters of code lost/);
});
