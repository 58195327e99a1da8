import type { ElementContent, Root } from 'hast';
import { element, hasClass, isBlankText, isElement, parentsBottomUp } from './hast-helpers.ts';

/**
 * Rebuilds 36kr images as figures: `<p class="image-wrapper"><img></p>`
 * followed by `<p class="img-desc">caption</p>` (the caption is optional)
 * becomes `<figure><img><figcaption>caption</figcaption></figure>`.
 */
export function rehype36krFigures() {
  return (tree: Root): void => {
    for (const parent of parentsBottomUp(tree)) {
      const input = parent.children as ElementContent[];
      if (!input.some((c) => isElement(c, 'p') && hasClass(c, 'image-wrapper'))) continue;
      const output: ElementContent[] = [];
      for (let i = 0; i < input.length; i += 1) {
        const child = input[i] as ElementContent;
        if (!isElement(child, 'p') || !hasClass(child, 'image-wrapper')) {
          output.push(child);
          continue;
        }
        let j = i + 1;
        while (j < input.length && isBlankText(input[j])) j += 1;
        const next = input[j];
        const children = [...child.children];
        if (isElement(next, 'p') && hasClass(next, 'img-desc')) {
          children.push(element('figcaption', {}, next.children));
          i = j;
        }
        output.push(element('figure', {}, children));
      }
      parent.children = output;
    }
  };
}
