import type { Element, ElementData } from 'hast';
import { createRequire } from 'node:module';
import { allElements, isElement } from './hast-helpers.ts';
import { MATHML_CLASSES } from './mathml-allowlist.ts';
import { parseFragmentTree } from './parse-fragment.ts';

type Temml = typeof import('temml').default;

declare module 'hast' {
  interface ElementData {
    /** Set on a `<math>` that renderTex made (see isRenderedMath). */
    renderedTex?: boolean;
  }
}

/** Longer TeX is not rendered: Temml's time grows with the length, and no formula of an article is this long. */
export const MAX_TEX_LENGTH = 20_000;

// Temml is loaded on the first formula: most bodies have none, and loading it takes longer than sanitizing one.
let temml: Temml | undefined;
function loadTemml(): Temml {
  temml ??= createRequire(import.meta.url)('temml') as Temml;
  return temml;
}

// Temml's own stylesheet draws these two with borders; Chromium ignores `menclose` (not MathML Core).
const RULE_CLASSES = new Set(['tml-overline', 'tml-underline']);

/**
 * Renders TeX to a MathML `<math>` element with Temml (MathML Core, no
 * script or stylesheet needed), the TeX kept as its
 * `<annotation encoding="application/x-tex">`. Temml's inline styles and
 * classes, which assume its stylesheet, are dropped but for the few
 * public/style.css stands in for (see MATHML_CLASSES), so the sanitizer
 * has nothing of ours to remove. Untrusted TeX cannot reach out: Temml's
 * `trust` is off (no `\href`, `\includegraphics`, `\class`), expansion is
 * capped, and sizes such as `\rule{1000em}{1000em}` are cut to 20 em.
 *
 * @param tex the formula, without delimiters.
 * @param display a display (block) formula rather than an inline one.
 * @returns the `<math>` element, or `undefined` when the TeX is empty, too
 *   long (see MAX_TEX_LENGTH) or not valid TeX that Temml knows.
 */
export function renderTex(tex: string, display: boolean): Element | undefined {
  if (tex.trim() === '' || tex.length > MAX_TEX_LENGTH) return undefined;
  let markup: string;
  try {
    markup = loadTemml().renderToString(tex, { displayMode: display, annotate: true, throwOnError: true, maxSize: [20, 200] });
  } catch {
    // A ParseError for TeX Temml does not know, a RangeError for nesting deeper than the stack.
    return undefined;
  }
  const math = parseFragmentTree(markup).children.find((node) => isElement(node, 'math'));
  if (math === undefined || math.type !== 'element') return undefined;
  tidy(math);
  // ElementData's `position` is declared required (hast-util-from-parse5), though Temml's markup is parsed without it.
  math.data = { ...math.data, renderedTex: true } as ElementData;
  return math;
}

/**
 * True for a `<math>` element renderTex made. Only those are published:
 * MathML the page brought itself is removed (foreign content, see
 * rehypeDropSourceMath), as the mutation-XSS payloads of
 * tests/fixtures/sanitize/hostile-*math* hide HTML in it. The mark lives
 * in the node's `data`, which markup cannot set.
 */
export function isRenderedMath(node: Element): boolean {
  return node.tagName === 'math' && node.data?.renderedTex === true;
}

function tidy(math: Element): void {
  for (const node of [math, ...allElements(math)]) {
    delete node.properties.style;
    const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
    if (node.tagName === 'menclose' && classes.some((c) => RULE_CLASSES.has(c))) {
      node.tagName = 'mrow';
      delete node.properties.notation;
    }
    const kept = classes.filter((c) => MATHML_CLASSES[node.tagName]?.includes(c));
    if (kept.length > 0) node.properties.className = kept;
    else delete node.properties.className;
  }
}
