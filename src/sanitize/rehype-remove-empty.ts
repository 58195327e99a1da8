import type { ElementContent, Root } from 'hast';
import { hasClass, isBlankText, isElement, parentsBottomUp } from './hast-helpers.ts';

// Containers that say nothing when empty. Table cells are not among them: an empty cell keeps the grid.
const REMOVABLE = new Set([
  'p', 'div', 'span', 'section', 'blockquote', 'ul', 'ol', 'li', 'dl', 'strong', 'b', 'em', 'i', 'u', 's',
  'small', 'mark', 'sup', 'sub', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'a', 'code', 'pre', 'q', 'cite',
]);

/**
 * Runs after the schema. Removes containers left with nothing to show: no
 * text but whitespace, no element but `<br>` — ZAKER's `<p></p>` before and
 * after every image box, emptied `#recommend_bottom` slots, Dockone's empty
 * upload lists, a `<p>` whose only child was a removed script, a `<source>`
 * left without `srcset`. Anchors (an
 * element with `id`/`name`) are kept. Inner boxes go first, so emptiness
 * cascades outwards.
 */
export function rehypeRemoveEmpty() {
  return (tree: Root): void => {
    for (const parent of parentsBottomUp(tree)) {
      if (!parent.children.some(isEmptyContainer)) continue;
      parent.children = (parent.children as ElementContent[]).filter((child) => !isEmptyContainer(child)) as typeof parent.children;
    }
  };
}

function isEmptyContainer(node: ElementContent | Root['children'][number]): boolean {
  // A <source> whose srcset was dropped offers nothing to choose.
  if (!isElement(node)) return false;
  if (node.tagName === 'source') return node.properties.srcSet === undefined;
  if (!REMOVABLE.has(node.tagName)) return false;
  if (node.properties.id !== undefined || node.properties.name !== undefined) return false;
  // A Markdown heading's anchor link is empty by design: the theme draws it (see markdown-heading-ids.ts).
  if (node.tagName === 'a' && hasClass(node, 'headerlink')) return false;
  return node.children.every((c) => isBlankText(c) || c.type === 'comment' || isElement(c, 'br', 'wbr'));
}
