import type { Element, ElementContent, Root } from 'hast';
import { element, isBlankText, isElement, parentsBottomUp, trimBreaks, textContent } from './hast-helpers.ts';
import { isCaptionParagraph } from './is-caption-paragraph.ts';
import { isMarkedCaptionText } from './is-caption-text.ts';

// Inline boxes news sites wrap a picture in: a link to the full-size file (cnBeta, 快科技), spans, `<center>`.
const IMAGE_WRAPPERS = new Set(['a', 'span', 'strong', 'b', 'em', 'i', 'font', 'center', 'br', 'wbr']);

/**
 * Makes a picture and the caption its source gave it one `<figure>` with a
 * `<figcaption>`. The picture is a paragraph holding nothing but images
 * (possibly linked); the caption is either the paragraph right under it,
 * when the source marks that paragraph as a caption (see
 * isCaptionParagraph: 3DMGame's and cnBeta's centred line, `picIntro`,
 * 快科技's "△…"), or text after the images in the same paragraph that opens
 * like a caption (快科技's `<a><img></a><br>△用GAN生成的斑马`). Anything else
 * under a picture is the story and stays a paragraph: 3DMGame's award list
 * puts the next game's name, indented like the prose, right under a
 * picture. Runs before the schema, which drops the styling this reads.
 */
export function rehypeImageCaptions() {
  return (tree: Root): void => {
    for (const parent of parentsBottomUp(tree)) {
      if (parent.type === 'element' && parent.tagName === 'figure') continue;
      const input = parent.children as ElementContent[];
      let output: ElementContent[] | undefined;
      for (let i = 0; i < input.length; i += 1) {
        const at = i;
        const child = input[i] as ElementContent;
        let figure: Element | undefined;
        if (isElement(child, 'p', 'div') && isImageOnly(child.children)) {
          let j = i + 1;
          while (j < input.length && isBlankText(input[j])) j += 1;
          const next = input[j];
          if (isCaptionParagraph(next)) {
            figure = element('figure', {}, [...trimBreaks(child.children), element('figcaption', {}, captionContent(next.children))]);
            i = j;
          }
        } else if (isElement(child, 'p')) figure = figureWithTrailingCaption(child);
        if (figure === undefined) {
          output?.push(child);
          continue;
        }
        output ??= input.slice(0, at);
        output.push(figure);
      }
      if (output !== undefined) parent.children = output;
    }
  };
}

// The caption after the images of one paragraph: `<a><img></a><br>△ caption`.
function figureWithTrailingCaption(paragraph: Element): Element | undefined {
  const children = paragraph.children;
  // The pictures come first: a paragraph that opens with words is prose (almost all of them).
  const first = children.find((c): boolean => !isBlankText(c) && !isElement(c, 'br'));
  if (first === undefined || first.type !== 'element' || !hasImage(first)) return undefined;
  let last = -1;
  for (let k = children.length - 1; k >= 0; k -= 1) {
    const child = children[k] as ElementContent;
    if (child.type === 'element' && child.tagName !== 'br' && hasImage(child)) {
      last = k;
      break;
    }
  }
  if (last < 0) return undefined;
  const pictures = children.slice(0, last + 1);
  const caption = captionContent(children.slice(last + 1));
  if (caption.length === 0 || !isImageOnly(pictures)) return undefined;
  const text = caption.map((n) => textContent(n)).join('');
  if (!isMarkedCaptionText(text) || caption.some((n) => n.type === 'element' && hasImage(n))) return undefined;
  return element('figure', {}, [...trimBreaks(pictures), element('figcaption', {}, caption)]);
}

// True when the nodes hold at least one image and nothing else but wrappers, line breaks and whitespace.
// Returns at the first word of text, so a paragraph of prose costs next to nothing.
function isImageOnly(nodes: readonly ElementContent[]): boolean {
  let found = false;
  const stack: ElementContent[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as ElementContent;
    if (node.type === 'text') {
      if (node.value.trim() !== '') return false;
    } else if (node.type === 'element') {
      if (node.tagName === 'img' || node.tagName === 'picture') found = true;
      else if (IMAGE_WRAPPERS.has(node.tagName)) stack.push(...node.children);
      else return false;
    }
  }
  return found;
}

function hasImage(node: Element): boolean {
  if (node.tagName === 'img' || node.tagName === 'picture') return true;
  return node.children.some((c) => c.type === 'element' && hasImage(c));
}

// A caption's content without the line breaks and the source's indentation around it.
function captionContent(nodes: readonly ElementContent[]): ElementContent[] {
  const content = trimBreaks(nodes);
  const first = content[0];
  if (first?.type === 'text') content[0] = { type: 'text', value: first.value.trimStart() };
  const last = content.at(-1);
  if (last?.type === 'text') content[content.length - 1] = { type: 'text', value: last.value.trimEnd() };
  return content;
}
