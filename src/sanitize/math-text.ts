import type { Element, Nodes } from 'hast';
import { stringProperty, textContent } from './hast-helpers.ts';

/**
 * The plain text of a `<math>` element, for excerpts and search: its TeX
 * (`\chi^{2}=\sum_{i=1}^{c}…`, from `<annotation encoding="application/x-tex">`)
 * when it has one, the way the author wrote it; else the text of its
 * tokens joined (`x2+1` for x²+1, as a browser copies it). Never both,
 * and never the other annotations.
 *
 * @param math a `<math>` element.
 */
export function mathText(math: Element): string {
  let tokens = '';
  const stack: Nodes[] = [math];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'text') tokens += node.value;
    else if (node.type === 'element' && (node.tagName === 'annotation' || node.tagName === 'annotation-xml')) {
      if (node.tagName === 'annotation' && /^application\/x-tex$/i.test(stringProperty(node, 'encoding') ?? '')) return textContent(node).trim();
    } else if (node.type === 'element' || node.type === 'root') {
      for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i] as Nodes);
    }
  }
  return tokens.trim();
}
