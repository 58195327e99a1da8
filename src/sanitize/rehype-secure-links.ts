import type { ElementContent, Root } from 'hast';
import { isElement, parentsBottomUp, stringProperty } from './hast-helpers.ts';

/** `rel` given to every link that leaves the site. */
export const EXTERNAL_REL = ['nofollow', 'noopener', 'noreferrer'];

/**
 * Runs after the schema. Every http(s) link gets
 * `rel="nofollow noopener noreferrer"`: the links are a third party's, not
 * ours to vouch for (nofollow); `noopener` makes a kept `target="_blank"`
 * safe (the opened page cannot navigate ours) and `noreferrer` keeps
 * readers' paths private. `target` survives only as `_blank` (the schema).
 * Links that lead nowhere are unwrapped, keeping their text: no `href`
 * (dropped by the schema, e.g. `javascript:`) and no anchor id, or a
 * relative href, which pointed into the scraped site and would resolve
 * against ours. A class list the schema emptied is dropped.
 */
export function rehypeSecureLinks() {
  return (tree: Root): void => {
    for (const parent of parentsBottomUp(tree)) {
      if (!parent.children.some((c) => isElement(c, 'a'))) continue;
      const next: ElementContent[] = [];
      for (const child of parent.children as ElementContent[]) {
        if (!isElement(child, 'a')) {
          next.push(child);
          continue;
        }
        // The schema keeps only `headerlink` of a link's classes and leaves an empty list (`class=""`) for others.
        if (Array.isArray(child.properties.className) && child.properties.className.length === 0) delete child.properties.className;
        const href = stringProperty(child, 'href');
        const isAnchor = child.properties.id !== undefined || child.properties.name !== undefined;
        if (href === undefined) {
          if (isAnchor) next.push(child);
          else next.push(...child.children);
        } else if (/^https?:/i.test(href)) {
          child.properties.rel = [...EXTERNAL_REL];
          next.push(child);
        } else if (href.startsWith('#') || /^mailto:/i.test(href)) {
          delete child.properties.target;
          next.push(child);
        } else if (isAnchor) {
          delete child.properties.href;
          delete child.properties.target;
          next.push(child);
        } else next.push(...child.children);
      }
      parent.children = next;
    }
  };
}
