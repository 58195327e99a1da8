import type { Element, ElementContent } from 'hast';
import { isElement, stringProperty, textContent } from './hast-helpers.ts';
import { isMarkedCaptionText } from './is-caption-text.ts';

// Longer than any caption seen under a picture in the sources (cnBeta's longest, a credit with a link, is ~40);
// a centred paragraph longer than this is prose someone centred.
const MAX_CAPTION_LENGTH = 120;

// Class names sites give caption boxes, compared lower-cased without `-`/`_`: cnBeta's reposts from ifeng
// (`picIntro`), `pic-text`, 36kr's `img-desc`, and the generic `caption`/`img-title`.
const CAPTION_CLASS = /caption|pictext|picintro|picdesc|imgdesc|imagedesc|imgtitle|phototext/;

// What a caption never holds.
const NOT_IN_CAPTION = new Set([
  'img', 'picture', 'video', 'audio', 'iframe', 'table', 'ul', 'ol', 'dl', 'pre', 'blockquote', 'figure',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'section',
]);

/**
 * Decides, from the source's own markup, whether the paragraph right under
 * a picture is its caption. A caption is short, holds no picture or block,
 * does not end by introducing what follows ("如下所示："), and the source
 * marks it as one: a caption class (`picIntro`, `pic-text`, …), centred text
 * where the story's paragraphs are not (3DMGame's
 * `style="text-align:center;text-indent:2em;"`, cnBeta's
 * `style="text-align: center;"`, `align="center"`), or a caption's opening
 * mark on a plain paragraph (快科技's "△…", see isMarkedCaptionText). A
 * centred line that is bold throughout reads as a subheading, not a caption.
 * Runs before the schema drops `style`, `align` and `class`.
 */
export function isCaptionParagraph(node: ElementContent | undefined): node is Element {
  if (!isElement(node, 'p', 'div')) return false;
  const byClass = hasCaptionClass(node);
  if (!byClass && node.tagName === 'div') return false;
  if (hasBlockOrMedia(node)) return false;
  const text = textContent(node).replace(/\s+/g, ' ').trim();
  if (text === '' || [...text].length > MAX_CAPTION_LENGTH || /[:：]$/.test(text)) return false;
  if (byClass || isMarkedCaptionText(text)) return true;
  return isCentred(node) && !isBoldThroughout(node);
}

// `align="center"` or `text-align: center`.
function isCentred(node: Element): boolean {
  const align = stringProperty(node, 'align');
  if (align !== undefined && align.trim().toLowerCase() === 'center') return true;
  const style = stringProperty(node, 'style');
  return style !== undefined && /(?:^|;)\s*text-align\s*:\s*center\b/i.test(style);
}

function hasCaptionClass(node: Element): boolean {
  const value = node.properties.className;
  const names = Array.isArray(value) ? value.map(String) : [];
  return names.some((name) => CAPTION_CLASS.test(name.toLowerCase().replace(/[-_]/g, '')));
}

function hasBlockOrMedia(node: Element): boolean {
  const stack: ElementContent[] = [...node.children];
  while (stack.length > 0) {
    const current = stack.pop() as ElementContent;
    if (current.type !== 'element') continue;
    if (NOT_IN_CAPTION.has(current.tagName)) return true;
    stack.push(...current.children);
  }
  return false;
}

function isBoldThroughout(node: Element): boolean {
  const meaningful = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === '') && !isElement(c, 'br'));
  if (meaningful.length !== 1) return false;
  const only = meaningful[0] as ElementContent;
  if (isElement(only, 'strong', 'b')) return true;
  return isElement(only, 'span', 'font') && isBoldThroughout(only);
}
