import type { ElementContent, Parents, Root } from 'hast';
import { isElement, textContent } from './hast-helpers.ts';
import { lineMatcher } from './line-patterns.ts';
import { PHRASING_TAGS, isPhrasing } from './phrasing.ts';

/** Options of {@link rehypeRemovePromoLines}. */
export interface RemovePromoLinesOptions {
  /** Lines to remove (config `content.promoLines`; see lineMatcher). */
  readonly promoLines: readonly string[];
  /** Lines never removed, even when they match a promotion: the story's source (config `content.keepLines`). */
  readonly keepLines: readonly string[];
}

/**
 * Runs after the schema and the unwrapping of bare wrappers, before empty
 * boxes are removed. Removes the lines the publisher lists as promotions
 * (`关注“博云”公众号加入FabEdge微信交流群` under a Dockone post): a line is
 * a paragraph, or a run of inline content between `<br>`s or blocks
 * (Dockone and the text bodies write lines that way). A line that also
 * matches `keepLines` stays. With a run, one `<br>` beside it goes too; a
 * paragraph left empty is removed by rehypeRemoveEmpty. Nothing is done,
 * and the tree is not walked, when there are no promotion patterns.
 */
export function rehypeRemovePromoLines(options: RemovePromoLinesOptions) {
  const { promoLines, keepLines } = options;
  return (tree: Root): void => {
    if (promoLines.length === 0) return;
    const isPromo = lineMatcher(promoLines);
    const isKept = lineMatcher(keepLines);
    const isRemoved = (text: string) => isPromo(text) && !isKept(text);
    const stack: Parents[] = [tree];
    while (stack.length > 0) {
      const parent = stack.pop() as Parents;
      removeLines(parent, isRemoved);
      for (const child of parent.children) {
        // Inline elements are part of their parent's lines; code keeps every character (issue #22).
        if (child.type === 'element' && !PHRASING_TAGS.has(child.tagName) && child.tagName !== 'pre') stack.push(child);
      }
    }
  };
}

/** Removes the parent's own lines (runs of inline children) that `isRemoved` names. */
function removeLines(parent: Parents, isRemoved: (text: string) => boolean): void {
  const children = parent.children as ElementContent[];
  const drop = new Set<number>();
  let start = 0;
  for (let i = 0; i <= children.length; i += 1) {
    const child = children[i];
    if (child !== undefined && !isElement(child, 'br') && isPhrasing(child)) continue;
    if (i > start && isRemoved(children.slice(start, i).map(textContent).join(''))) {
      for (let j = start; j < i; j += 1) drop.add(j);
      // The line's own break: the one before it, else the one after it.
      if (isElement(children[start - 1], 'br') && !drop.has(start - 1)) drop.add(start - 1);
      else if (isElement(child, 'br')) drop.add(i);
    }
    start = i + 1;
  }
  if (drop.size > 0) parent.children = children.filter((_, i) => !drop.has(i)) as typeof parent.children;
}
