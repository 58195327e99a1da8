import type { Element, ElementContent, Nodes, Root } from 'hast';
import { element, isBlankText } from './hast-helpers.ts';
import { isMathJaxRendering, isTexScript, texFormulaOf } from './math-markup.ts';
import { MAX_TEX_LENGTH, renderTex } from './render-tex.ts';
import { quote, type SanitizeLog } from './sanitize-log.ts';

/**
 * Formulas past these in one body are shown as TeX: rendering costs time per
 * formula and per character, and a hostile body must not cost minutes.
 */
export const MAX_FORMULAS = 2000;
export const MAX_TEX_CHARS = 100_000;

/** Every shape math-markup.ts knows names `math` (vditor-math, language-math, math/tex, arithmatex, MathJax) or `katex`. */
export const MATH_HINT = /math|katex/i;

/** Options of {@link rehypeRenderMath}. */
export interface RenderMathOptions {
  readonly log: SanitizeLog;
  /** The markup the tree was parsed from: without `math` or `katex` in it there is nothing to do. */
  readonly source: string;
}

/**
 * Renders the formulas of a scraped body (see texFormulaOf for the shapes)
 * to MathML, server-side: readers need no script, Chromium and Safari draw
 * MathML Core. Runs before rehypeAuditUnsafe, so a MathJax `<script>` made
 * into a formula is not counted as a removed script; the MathML passes the
 * schema (see mathml-allowlist.ts). What MathJax drew beside its scripts is
 * dropped, so a formula is not shown twice. TeX that cannot be rendered
 * stays readable as `<code>`, with one `sanitize/math-failed` warning
 * naming the count.
 */
export function rehypeRenderMath(options: RenderMathOptions) {
  const { log, source } = options;
  return (tree: Root): void => {
    if (!MATH_HINT.test(source)) return;
    const failed: string[] = [];
    let found = 0;
    let chars = 0;
    let overBudget = 0;
    const stack: (Root | Element)[] = [tree];
    while (stack.length > 0) {
      const parent = stack.pop() as Root | Element;
      const children = withoutMathJaxDrawings(parent.children as ElementContent[]);
      let changed = children !== parent.children;
      for (let i = 0; i < children.length; i += 1) {
        const child = children[i] as ElementContent;
        if (child.type !== 'element') continue;
        const formula = texFormulaOf(child);
        if (formula === undefined) {
          stack.push(child);
          continue;
        }
        found += 1;
        chars += formula.tex.length;
        const withinBudget = found <= MAX_FORMULAS && chars <= MAX_TEX_CHARS;
        if (!withinBudget) overBudget += 1;
        const math = withinBudget ? renderTex(formula.tex.replace(/\u00a0/g, ' '), formula.display) : undefined;
        if (math === undefined) failed.push(formula.tex);
        children[i] = math ?? element('code', {}, [{ type: 'text', value: formula.tex.trim() }]);
        changed = true;
      }
      if (changed) parent.children = children as typeof parent.children;
    }
    if (failed.length > 0) log.warnings.push(failureWarning(failed, overBudget));
  };
}

// MathJax 2 puts its preview and its drawing of a formula right before the formula's script.
function withoutMathJaxDrawings(children: ElementContent[]): ElementContent[] {
  if (!children.some((c) => isTexScript(c))) return children;
  const keep = children.map(() => true);
  let beforeScript = false;
  for (let i = children.length - 1; i >= 0; i -= 1) {
    const child = children[i];
    if (isTexScript(child)) beforeScript = true;
    else if (beforeScript && isMathJaxRendering(child)) keep[i] = false;
    // Whitespace between two of MathJax's pieces is its own; whitespace before the first is the author's.
    else if (beforeScript && isBlankText(child as Nodes) && isMathJaxRendering(children[i - 1])) keep[i] = false;
    else beforeScript = false;
  }
  return children.filter((_, i) => keep[i]);
}

// quote() writes a JSON string, which doubles every backslash of TeX; control characters stay escaped.
function quoteTex(tex: string): string {
  return quote(tex, 60).replace(/\\\\/g, '\\');
}

function failureWarning(failed: readonly string[], overBudget: number) {
  const tooLong = failed.filter((tex) => tex.length > MAX_TEX_LENGTH).length;
  const reasons = [
    overBudget > 0 ? `${overBudget} past the ${MAX_FORMULAS} formulas or ${MAX_TEX_CHARS} characters of TeX rendered per article` : '',
    tooLong > 0 ? `${tooLong} longer than ${MAX_TEX_LENGTH} characters` : '',
  ].filter((r) => r !== '');
  const n = failed.length;
  return {
    rule: 'sanitize/math-failed',
    message:
      `${n} formula${n === 1 ? '' : 's'} could not be rendered to MathML and ${n === 1 ? 'is' : 'are'} shown as TeX source` +
      `${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}: ${failed.slice(0, 3).map(quoteTex).join(', ')}${n > 3 ? ', …' : ''}`,
    hint: 'the TeX is broken or uses commands Temml does not know (see the list of functions Temml supports)',
  };
}
