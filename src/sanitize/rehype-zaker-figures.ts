import type { Element, ElementContent, Root } from 'hast';
import { element, hasClass, isBlankText, isElement, parentsBottomUp, textContent } from './hast-helpers.ts';
import { isCaptionText } from './is-caption-text.ts';
import { isPhrasing } from './phrasing.ts';

/**
 * Rebuilds ZAKER image boxes as figures. ZAKER writes
 * `<div class="img_box"><div class="content_img_div"><img></div></div>`
 * and puts the caption either in a following
 * `<div class="zaker_div"><div class="zk_decsimg"><p>caption</p></div></div>`
 * or as bare text right after the box, before the next block (the seed post).
 * The first becomes the `<figcaption>`; bare text becomes it only when it
 * reads like a caption ({@link isCaptionText}), otherwise it is the story's
 * next paragraph and becomes a `<p>` after the figure. A box whose image
 * was dropped disappears.
 */
export function rehypeZakerFigures() {
  return (tree: Root): void => {
    for (const parent of parentsBottomUp(tree)) {
      if (!parent.children.some((c) => isImageBox(c as ElementContent))) continue;
      const input = parent.children as ElementContent[];
      const output: ElementContent[] = [];
      let i = 0;
      while (i < input.length) {
        const child = input[i] as ElementContent;
        i += 1;
        if (!isImageBox(child)) {
          output.push(child);
          continue;
        }
        const images = imagesIn(child);
        // `img_0`… are hooks of ZAKER's image viewer, not anchors anyone links to.
        for (const image of images) delete image.properties.id;
        let j = i;
        while (j < input.length && isBlankText(input[j])) j += 1;
        const next = input[j];
        let caption: ElementContent[] = [];
        let paragraph: ElementContent[] = [];
        if (isElement(next) && (hasClass(next, 'zaker_div') || hasClass(next, 'zk_decsimg'))) {
          caption = captionFromDescription(next);
          i = j + 1;
        } else {
          let k = i;
          while (k < input.length && isPhrasing(input[k] as ElementContent)) k += 1;
          const run = input.slice(i, k);
          const text = run.map((n) => textContent(n)).join('');
          if (text.trim() !== '') {
            if (isCaptionText(text)) caption = run;
            else paragraph = run;
            i = k;
          }
        }
        if (images.length === 0) {
          if (paragraph.length > 0) output.push(element('p', {}, paragraph));
          continue;
        }
        const figureChildren: ElementContent[] = [...images];
        if (caption.length > 0) figureChildren.push(element('figcaption', {}, caption));
        output.push(element('figure', {}, figureChildren));
        if (paragraph.length > 0) output.push(element('p', {}, paragraph));
      }
      parent.children = output;
    }
  };
}

function isImageBox(node: ElementContent | undefined): node is Element {
  return isElement(node, 'div') && hasClass(node, 'img_box');
}

function imagesIn(box: Element): Element[] {
  const found: Element[] = [];
  const stack: ElementContent[] = [...box.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as ElementContent;
    if (node.type !== 'element') continue;
    if (node.tagName === 'img') found.push(node);
    else stack.push(...[...node.children].reverse());
  }
  return found;
}

function captionFromDescription(node: Element): ElementContent[] {
  const description = node.children.find((c): c is Element => isElement(c) && hasClass(c, 'zk_decsimg')) ?? node;
  // The caption text sits in a <p> inside the description; a figcaption takes phrasing, so keep the <p>'s content.
  const out: ElementContent[] = [];
  for (const child of description.children) {
    if (isElement(child, 'p', 'div')) out.push(...child.children);
    else if (!isElement(child) || !hasClass(child, 'edi_oper')) out.push(child);
  }
  return textContent(element('span', {}, out)).trim() === '' ? [] : out;
}
