import type { ElementContent, Root } from 'hast';
import { hasClass, isBlankText, isElement, parentsBottomUp } from './hast-helpers.ts';
import { PHRASING_TAGS } from './phrasing.ts';

// Containers that say nothing when empty. Table cells are not among them: an empty cell keeps the grid.
const REMOVABLE = new Set([
  'p', 'div', 'span', 'section', 'blockquote', 'ul', 'ol', 'li', 'dl', 'strong', 'b', 'em', 'i', 'u', 's',
  'small', 'mark', 'sup', 'sub', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'a', 'code', 'pre', 'q', 'cite',
  // Inline wrappers left empty by an ad slot (`<p><ins class="adsbygoogle"></ins></p>`) or an editor.
  'ins', 'del', 'abbr', 'kbd', 'samp', 'var', 'dfn', 'bdi', 'bdo', 'time', 'tt', 'big', 'strike',
]);

/**
 * Runs after the schema. Removes containers left with nothing to show: no
 * text but whitespace, no element but `<br>` — ZAKER's `<p></p>` before and
 * after every image box, emptied `#recommend_bottom` slots, Dockone's empty
 * upload lists, a `<p>` whose only child was a removed script, an ad slot's
 * `<p><ins></ins></p>`, a `<source>` left without `srcset`. An empty inline
 * wrapper gives its whitespace or `<br>` back to its line
 * ("a<strong> </strong>b" still reads "a b"). Anchors (an
 * element with `id`/`name`) are kept. Inner boxes go first, so emptiness
 * cascades outwards.
 */
export function rehypeRemoveEmpty() {
  return (tree: Root): void => {
    for (const parent of parentsBottomUp(tree)) {
      if (!parent.children.some(isEmptyContainer)) continue;
      parent.children = (parent.children as ElementContent[]).flatMap(withoutEmpty) as typeof parent.children;
    }
  };
}

function withoutEmpty(node: ElementContent): ElementContent[] {
  if (!isEmptyContainer(node)) return [node];
  // An inline box is unwrapped: its space or line break belongs to the line. Between blocks, whitespace says nothing.
  return PHRASING_TAGS.has(node.tagName) ? node.children.filter((c) => c.type !== 'comment') : [];
}

function isEmptyContainer(node: ElementContent | Root['children'][number]): node is ElementContent & { type: 'element' } {
  // A <source> whose srcset was dropped offers nothing to choose.
  if (!isElement(node)) return false;
  if (node.tagName === 'source') return node.properties.srcSet === undefined;
  if (!REMOVABLE.has(node.tagName)) return false;
  if (node.properties.id !== undefined || node.properties.name !== undefined) return false;
  // A Markdown heading's anchor link is empty by design: the theme draws it (see markdown-heading-ids.ts).
  if (node.tagName === 'a' && hasClass(node, 'headerlink')) return false;
  return node.children.every((c) => isBlankText(c) || c.type === 'comment' || isElement(c, 'br', 'wbr'));
}
