import type { Element, ElementContent } from 'hast';
import { allElements, hasClass, isElement, stringProperty, textContent } from './hast-helpers.ts';

/** A formula found in a scraped body. */
export interface TexFormula {
  readonly tex: string;
  /** A display (block) formula. */
  readonly display: boolean;
}

// `\[…\]` and `$$…$$` are display math, `\(…\)` and `$…$` inline (MathJax's and pandoc's defaults).
const DELIMITERS: readonly (readonly [string, string, boolean])[] = [
  ['\\[', '\\]', true], ['\\(', '\\)', false], ['$$', '$$', true], ['$', '$', false],
];

/**
 * The formula an element of a scraped body stands for, in the shapes the
 * editors and converters of news sources write:
 * - Vditor/Lute (少数派, Dockone-style sites): `<span class="vditor-math">`
 *   or `<div class="vditor-math">`, later `language-math`, raw TeX inside,
 *   or in `data-math` once rendered; `<pre><code class="language-math">`;
 * - MathJax 2: `<script type="math/tex">`, `type="math/tex; mode=display"`;
 * - pandoc: `<span class="math inline">\(…\)</span>`, `math display` with `\[…\]`;
 * - Python-Markdown's arithmatex: `class="arithmatex"` with `\(…\)` or `\[…\]`;
 * - KaTeX's output: `class="katex"` (in `katex-display` for display math),
 *   its TeX in `<annotation encoding="application/x-tex">`.
 *
 * @returns the formula, or `undefined` for any other element (and for a
 *   wrapper whose content is not plain TeX, such as pandoc's HTML math).
 */
export function texFormulaOf(node: Element): TexFormula | undefined {
  if (node.tagName === 'script') return mathJaxScript(node);
  if (node.tagName === 'pre') {
    const code = node.children.filter((c) => c.type === 'element');
    if (code.length === 1 && isElement(code[0], 'code') && isVditorMath(code[0])) return { ...vditorTex(code[0]), display: true };
    return undefined;
  }
  if (node.properties.className === undefined) return undefined;
  if (isVditorMath(node)) return { ...vditorTex(node), display: node.tagName === 'div' };
  if (hasClass(node, 'katex-display')) return katexFormula(node, true);
  if (hasClass(node, 'katex')) return katexFormula(node, false);
  if (hasClass(node, 'math') && (hasClass(node, 'inline') || hasClass(node, 'display'))) return delimited(node, hasClass(node, 'display'));
  if (hasClass(node, 'arithmatex')) return delimited(node, node.tagName === 'div');
  return undefined;
}

/** True for MathJax 2's `<script type="math/tex">` (optionally `; mode=display`). */
export function isTexScript(node: ElementContent | undefined): node is Element {
  return isElement(node, 'script') && /^\s*math\/tex\s*(;|$)/i.test(stringProperty(node, 'type') ?? '');
}

/**
 * True for what MathJax drew in the page: its preview, the HTML-CSS, SVG or
 * CommonHTML rendering of one formula (classes `MathJax…`, `mjx-…`,
 * `MJX…`) and version 3's `<mjx-container>`. Beside a formula's script it
 * is dropped: readers see the formula once, rendered from the script.
 */
export function isMathJaxRendering(node: ElementContent | undefined): node is Element {
  if (node?.type !== 'element') return false;
  if (node.tagName === 'mjx-container') return true;
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.some((c) => /^(?:MathJax|mjx-|MJX)/.test(String(c)));
}

function mathJaxScript(node: Element): TexFormula | undefined {
  if (!isTexScript(node)) return undefined;
  return { tex: textContent(node), display: /mode\s*=\s*display/i.test(stringProperty(node, 'type') ?? '') };
}

function isVditorMath(node: Element): boolean {
  return hasClass(node, 'vditor-math') || hasClass(node, 'language-math');
}

// Vditor keeps the source in `data-math` once KaTeX or MathJax drew the formula inside.
function vditorTex(node: Element): { tex: string } {
  return { tex: stringProperty(node, 'dataMath') ?? withoutDelimiters(textContent(node)).tex };
}

function katexFormula(node: Element, display: boolean): TexFormula | undefined {
  const annotation = allElements(node).find((n) => n.tagName === 'annotation' && /^application\/x-tex$/i.test(stringProperty(n, 'encoding') ?? ''));
  return annotation === undefined ? undefined : { tex: textContent(annotation), display };
}

// Only text inside: pandoc without a math option writes HTML (`<em>x</em><sup>2</sup>`), which stays as it is.
function delimited(node: Element, display: boolean): TexFormula | undefined {
  if (node.children.some((c) => c.type === 'element')) return undefined;
  const { tex, display: delimitedDisplay } = withoutDelimiters(textContent(node));
  return { tex, display: display || delimitedDisplay };
}

function withoutDelimiters(text: string): { tex: string; display: boolean } {
  const trimmed = text.trim();
  for (const [open, close, display] of DELIMITERS) {
    if (trimmed.length >= open.length + close.length && trimmed.startsWith(open) && trimmed.endsWith(close)) {
      return { tex: trimmed.slice(open.length, trimmed.length - close.length), display };
    }
  }
  return { tex: trimmed, display: false };
}
