import type { Element, Nodes, Root } from 'hast';
import { isElement, stringProperty, textContent } from './hast-helpers.ts';
import type { BodyImageRef } from './types.ts';

/**
 * Lists the body's images in document order, one per `<img>`: `original` is
 * the `src` as it stands (after lazy-load resolution, still proxied: the
 * images stage unwraps), `alt` the image's alt text, else the text of the
 * `<figcaption>` of its `<figure>`, else `''`.
 */
export function collectImages(tree: Root): BodyImageRef[] {
  const images: BodyImageRef[] = [];
  const stack: { node: Nodes; figure: Element | undefined }[] = [{ node: tree, figure: undefined }];
  while (stack.length > 0) {
    const { node, figure } = stack.pop() as { node: Nodes; figure: Element | undefined };
    if (isElement(node, 'img')) {
      const src = stringProperty(node, 'src');
      if (src !== undefined) images.push({ original: src, alt: altOf(node, figure) });
      continue;
    }
    if (!('children' in node)) continue;
    const inner = isElement(node, 'figure') ? node : figure;
    for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push({ node: node.children[i] as Nodes, figure: inner });
  }
  return images;
}

function altOf(img: Element, figure: Element | undefined): string {
  const alt = stringProperty(img, 'alt')?.replace(/\s+/g, ' ').trim();
  if (alt !== undefined && alt !== '') return alt;
  const caption = figure?.children.find((c): c is Element => isElement(c, 'figcaption'));
  return caption === undefined ? '' : textContent(caption).replace(/\s+/g, ' ').trim();
}
