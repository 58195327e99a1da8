import type { Root } from 'hast';
import { allElements } from './hast-helpers.ts';

/**
 * Moves every heading one level down when the body uses `<h1>`, so the
 * article's title stays the page's only `<h1>` (h1→h2, …, h6 stays h6).
 */
export function rehypeShiftHeadings() {
  return (tree: Root): void => {
    const headings = allElements(tree).filter((node) => /^h[1-6]$/.test(node.tagName));
    if (!headings.some((node) => node.tagName === 'h1')) return;
    for (const node of headings) node.tagName = `h${Math.min(Number(node.tagName[1]) + 1, 6)}`;
  };
}
