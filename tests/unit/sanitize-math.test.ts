import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import rehypeParse from 'rehype-parse';
import rehypeSanitize from 'rehype-sanitize';
import { unified } from 'unified';
import { createSchema, sanitizeArticle } from '../../src/sanitize/index.ts';

// Formulas of our own, in the markup each editor or converter writes (see src/sanitize/math-markup.ts).
const CHI = String.raw`\chi^{2}=\sum_{i=1}^{c}\frac{(O_i-E_i)^2}{E_i}`;
const ROOTS = String.raw`x=\frac{-b\pm\sqrt{b^2-4ac}}{2a}`;

const sanitize = (body: string) => sanitizeArticle(body, 'html', { proxyPrefixes: [] });

/** The `<math>` elements of sanitized HTML, each with its `display` and the TeX of its annotation. */
function formulas(html: string): { display: string | undefined; tex: string | undefined }[] {
  return [...html.matchAll(/<math([^>]*)>([\s\S]*?)<\/math>/g)].map(([, attributes, inner]) => ({
    display: /display="(\w+)"/.exec(attributes ?? '')?.[1],
    tex: /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(inner ?? '')?.[1],
  }));
}

/** Our schema, applied to the output as a browser parses it, changes nothing: what we rendered is within it. */
function assertSurvivesSanitizer(html: string): void {
  const processor = unified().use(rehypeParse, { fragment: true }).use(rehypeSanitize, createSchema());
  assert.equal(toHtml(processor.runSync(processor.parse(html))), html);
}

test('should render Vditor math to MathML: a span inline, a div as a display block', () => {
  const { body, warnings } = sanitize(
    `<div><p>卡方统计量 <span class="vditor-math">${CHI}</span> 越大，差异越显著。</p><div class="vditor-math">${ROOTS}</div></div>`,
  );
  assert.deepEqual(formulas(body.html), [{ display: undefined, tex: CHI }, { display: 'block', tex: ROOTS }]);
  assert.match(body.html, /<msup><mi>χ<\/mi><mn>2<\/mn><\/msup>/);
  assert.match(body.html, /<mfrac>/);
  assert.match(body.html, /<msqrt>/);
  assert.doesNotMatch(body.html, /vditor|style=/);
  assert.deepEqual(warnings, []);
  assert.deepEqual(body.removed, {});
  assertSurvivesSanitizer(body.html);
});

test('should keep inline math inside its sentence when the body is bare text in a div', () => {
  const { body } = sanitize(`<div>自由度为 <span class="vditor-math">k-1</span> 的分布</div>`);
  assert.match(body.html, /^<p>自由度为 <math>[\s\S]*<\/math> 的分布<\/p>$/);
});

test('should read the source Vditor keeps in data-math once it has drawn the formula', () => {
  const { body } = sanitize('<p>角 <span class="language-math" data-math="\\alpha+\\beta"><span class="katex"><span class="katex-html">α+β</span></span></span> 之和</p>');
  assert.deepEqual(formulas(body.html), [{ display: undefined, tex: '\\alpha+\\beta' }]);
  assert.equal(body.text, '角 \\alpha+\\beta 之和');
});

test('should render a fenced math block (pre > code.language-math) as display math', () => {
  const { body } = sanitize(`<pre><code class="language-math">${ROOTS}</code></pre>`);
  assert.deepEqual(formulas(body.html), [{ display: 'block', tex: ROOTS }]);
  assert.doesNotMatch(body.html, /<pre>|<code>/);
});

test('should render pandoc math spans, \\(…\\) inline and \\[…\\] display', () => {
  const { body } = sanitize(
    '<p>设 <span class="math inline">\\(a^2+b^2=c^2\\)</span>，则</p><p><span class="math display">\\[\\int_0^1 x\\,dx=\\frac{1}{2}\\]</span></p>',
  );
  assert.deepEqual(formulas(body.html), [
    { display: undefined, tex: 'a^2+b^2=c^2' },
    { display: 'block', tex: '\\int_0^1 x\\,dx=\\frac{1}{2}' },
  ]);
  assertSurvivesSanitizer(body.html);
});

test('should leave pandoc math that is already HTML as it is', () => {
  const { body } = sanitize('<p><span class="math inline"><em>x</em><sup>2</sup></span></p>');
  assert.equal(body.html, '<p><em>x</em><sup>2</sup></p>');
});

test('should render arithmatex, generic (\\(…\\), \\[…\\]) and with MathJax scripts inside', () => {
  const { body } = sanitize(
    '<p>均值 <span class="arithmatex">\\(\\mu\\)</span> 与 <span class="arithmatex"><script type="math/tex">\\sigma^2</script></span></p>' +
      '<div class="arithmatex">\\[\\overline{x}=\\frac{1}{n}\\sum_{i=1}^{n}x_i\\]</div>',
  );
  assert.deepEqual(formulas(body.html), [
    { display: undefined, tex: '\\mu' },
    { display: undefined, tex: '\\sigma^2' },
    { display: 'block', tex: '\\overline{x}=\\frac{1}{n}\\sum_{i=1}^{n}x_i' },
  ]);
  // \overline keeps its rule: Temml's menclose, which Chromium does not draw, becomes an mrow the stylesheet draws.
  assert.match(body.html, /<mrow class="tml-overline"><mi>x<\/mi><\/mrow>/);
  assertSurvivesSanitizer(body.html);
});

test('should render MathJax script blocks, inline and display, and not count them as removed scripts', () => {
  const { body, warnings } = sanitize(
    '<p>质能方程 <script type="math/tex">E=mc^2</script> 与</p><script type="math/tex; mode=display">\\sum_{n=1}^{\\infty}\\frac{1}{n^2}=\\frac{\\pi^2}{6}</script>',
  );
  assert.deepEqual(formulas(body.html), [
    { display: undefined, tex: 'E=mc^2' },
    { display: 'block', tex: '\\sum_{n=1}^{\\infty}\\frac{1}{n^2}=\\frac{\\pi^2}{6}' },
  ]);
  assert.doesNotMatch(body.html, /<script/i);
  assert.deepEqual(body.removed, {});
  assert.deepEqual(warnings, []);
});

test('should show a formula MathJax already drew once, from its script, dropping the drawing', () => {
  const { body } = sanitize(
    '<p>速度 <span class="MathJax_Preview" style="color: inherit;"></span><span class="MathJax" id="MathJax-Element-1-Frame" style="position: relative;">' +
      '<nobr aria-hidden="true"><span class="math"><span class="mi">v</span></span></nobr><span class="MJX_Assistive_MathML"><math><mi>v</mi></math></span>' +
      '</span><script type="math/tex" id="MathJax-Element-1">v_0</script> 不变</p>',
  );
  assert.deepEqual(formulas(body.html), [{ display: undefined, tex: 'v_0' }]);
  assert.equal(body.text, '速度 v_0 不变');
});

test('should still remove MathML the page brought itself, counting it as foreign content', () => {
  const { body } = sanitize(
    '<p>变量 <mjx-container class="MathJax" jax="CHTML"><mjx-assistive-mml><math><mi>z</mi></math></mjx-assistive-mml></mjx-container> 为复数</p>' +
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  );
  assert.equal(body.html, '<p>变量 为复数</p>');
  assert.equal(body.removed['foreign-content'], 2);
});

test('should render KaTeX leftovers from their TeX annotation, without the HTML drawing', () => {
  const katex = (tex: string) =>
    '<span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>n</mi></mrow>' +
    `<annotation encoding="application/x-tex">${tex}</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base">n!</span></span></span>`;
  const { body } = sanitize(`<p>阶乘 ${katex('n!')}</p><p><span class="katex-display">${katex('\\binom{n}{k}')}</span></p>`);
  assert.deepEqual(formulas(body.html), [{ display: undefined, tex: 'n!' }, { display: 'block', tex: '\\binom{n}{k}' }]);
  assert.equal(body.text, '阶乘 n! \\binom{n}{k}');
});

test('should show TeX that cannot be rendered as code, never throwing, and warn with the count', () => {
  const { body, warnings } = sanitize(
    '<p>坏公式 <span class="vditor-math">\\frac{a</span>、<span class="vditor-math">\\notacommand{x}</span> 与好公式 <span class="vditor-math">y</span></p>' +
      `<p><span class="vditor-math">${'{'.repeat(5000)}x${'}'.repeat(5000)}</span></p>`,
  );
  assert.match(body.html, /<code>\\frac\{a<\/code>、<code>\\notacommand\{x\}<\/code>/);
  assert.equal(formulas(body.html).length, 1);
  const warning = warnings.find((w) => w.rule === 'sanitize/math-failed');
  assert.ok(warning, JSON.stringify(warnings));
  assert.match(warning.message, /^3 formulas could not be rendered/);
  assert.match(warning.message, /"\\frac\{a"/);
});

test('should show a KaTeX formula Temml cannot render as its TeX, not as the page\'s MathML', () => {
  const { body, warnings } = sanitize(
    '<p><span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>q</mi></mrow><annotation encoding="application/x-tex">\\qqqunknown</annotation></semantics></math></span></span></p>',
  );
  assert.equal(body.html, '<p><code>\\qqqunknown</code></p>');
  assert.deepEqual(body.removed, {});
  assert.deepEqual(warnings.map((w) => w.rule), ['sanitize/math-failed']);
});

test('should let no markup out of TeX, and no MathML element outside a formula', () => {
  const { body } = sanitize(
    '<p><span class="vditor-math">\\text{&lt;img src=x onerror=alert(1)&gt;}</span></p>' +
      '<math><mi onclick="alert(1)" href="javascript:alert(1)">a</mi></math><mi>outside</mi>',
  );
  assert.doesNotMatch(body.html, /<img|<script|onclick|href=|<mi>outside/);
  assert.match(body.html, /<mtext>&#x3C;img\ssrc=x\sonerror=alert\(1\)><\/mtext>/);
  assert.match(body.html, /<\/math><\/p><p>outside<\/p>$/);
});

test('should give the plain text each formula once, as its TeX', () => {
  const { body } = sanitize(
    `<p>检验 <span class="vditor-math">${CHI}</span> 的值。</p><script type="math/tex; mode=display">${ROOTS}</script><p>完。</p>`,
  );
  assert.equal(body.text, `检验 ${CHI} 的值。 ${ROOTS} 完。`);
});

test('should leave bodies that only mention math untouched', () => {
  const html = '<p>从这种粗略的 napkin math 的结果来看，新的笔记本确实更快。</p>';
  assert.equal(sanitize(html).body.html, html);
});
