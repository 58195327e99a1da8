import type { Root } from 'hast';
import { allElements } from './hast-helpers.ts';

/**
 * Rewrites in-page links (`href="#notes"`) to the prefixed ids the schema
 * gives their targets (`id="user-content-notes"`): hast-util-sanitize
 * prefixes `id` and `name` against DOM clobbering but leaves the links to them
 * pointing nowhere. `href="#"` is left alone.
 *
 * @param options.idPrefix the schema's `clobberPrefix`.
 */
export function rehypePrefixFragmentLinks(options: { idPrefix: string }) {
  const { idPrefix } = options;
  return (tree: Root): void => {
    for (const node of allElements(tree)) {
      const href = node.properties.href;
      if (typeof href === 'string' && href.startsWith('#') && href.length > 1) {
        node.properties.href = `#${idPrefix}${href.slice(1)}`;
      }
    }
  };
}
