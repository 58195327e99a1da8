import type { Element, Root } from 'hast';
import { MATH_HINT } from './rehype-render-math.ts';
import { isRenderedMath } from './render-tex.ts';

/**
 * Runs right before the schema, which lets `<math>` through for the
 * formulas rehypeRenderMath made: removes every other `<math>`, with all
 * inside it, as the schema did before there were formulas. MathML a page
 * brings itself is where mutation-XSS payloads hide HTML (a `<style>` in an
 * `<mglyph>` in an `<mtext>`); the formulas it draws are rendered again from
 * their TeX where the page has it (KaTeX's annotation, MathJax's script).
 * rehypeAuditUnsafe counts these as `foreign-content`.
 *
 * @param options.source the markup the tree was parsed from: without `math` in it there is nothing to do.
 */
export function rehypeDropSourceMath(options: { source: string }) {
  const { source } = options;
  return (tree: Root): void => {
    if (!MATH_HINT.test(source)) return;
    const stack: (Root | Element)[] = [tree];
    while (stack.length > 0) {
      const parent = stack.pop() as Root | Element;
      if (parent.children.some((c) => c.type === 'element' && c.tagName === 'math' && !isRenderedMath(c))) {
        parent.children = parent.children.filter((c) => c.type !== 'element' || c.tagName !== 'math' || isRenderedMath(c)) as typeof parent.children;
      }
      for (const child of parent.children) if (child.type === 'element' && child.tagName !== 'math') stack.push(child);
    }
  };
}
