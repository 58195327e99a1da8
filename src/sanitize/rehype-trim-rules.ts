import type { ElementContent, Root } from 'hast';
import { isBlankText, isElement } from './hast-helpers.ts';

/**
 * Runs after empty boxes are removed. Drops the `<hr>`s before the first
 * and after the last content of the body: a rule separates two things, and
 * one at an edge is the origin page's furniture (a Hexo blog's rule under
 * its `<!-- more -->` that the feed cut before, a line under a removed
 * header). Looks into a `<div>` or `<section>` that opens or closes the
 * body, where such a rule also sits.
 */
export function rehypeTrimRules() {
  return (tree: Root): void => {
    trimEdge(tree.children as ElementContent[], 'start');
    trimEdge(tree.children as ElementContent[], 'end');
  };
}

function trimEdge(children: ElementContent[], edge: 'start' | 'end'): void {
  // Iterative: a wrapper at the edge is entered in the same loop, never by recursion.
  let list = children;
  for (;;) {
    const index = edgeIndex(list, edge);
    const node = list[index];
    if (!isElement(node)) return;
    if (node.tagName === 'hr') list.splice(index, 1);
    else if (node.tagName === 'div' || node.tagName === 'section') list = node.children;
    else return;
  }
}

// The index of the first (or last) child that is not whitespace or a comment; -1 when there is none.
function edgeIndex(list: readonly ElementContent[], edge: 'start' | 'end'): number {
  if (edge === 'start') return list.findIndex((c) => !isBlankText(c) && c.type !== 'comment');
  return list.findLastIndex((c) => !isBlankText(c) && c.type !== 'comment');
}
