import type { ElementContent } from 'hast';

/** Phrasing (inline) elements that may sit in a `<p>` (HTML § 3.2.5.2.5), as far as our schema allows them. */
export const PHRASING_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'del', 'dfn', 'em', 'i', 'img', 'ins', 'kbd', 'mark',
  'picture', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time',
  'tt', 'u', 'var', 'wbr', 'font', 'big', 'label', 'source', 'math',
]);

/** True for text and for phrasing elements with only phrasing inside (an `<a>` wrapping a `<div>` is not). */
export function isPhrasing(node: ElementContent): boolean {
  if (node.type === 'text' || node.type === 'comment') return true;
  if (node.type !== 'element' || !PHRASING_TAGS.has(node.tagName)) return false;
  // A formula is phrasing as a whole, display ones included (HTML § 4.8.16): its MathML children are not HTML.
  if (node.tagName === 'math') return true;
  const stack: ElementContent[] = [...node.children];
  while (stack.length > 0) {
    const current = stack.pop() as ElementContent;
    if (current.type !== 'element') continue;
    if (!PHRASING_TAGS.has(current.tagName)) return false;
    if (current.tagName !== 'math') stack.push(...current.children);
  }
  return true;
}
