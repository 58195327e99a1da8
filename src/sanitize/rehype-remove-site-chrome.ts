import type { Element, ElementContent, Root } from 'hast';
import { hasClass, isElement, parentsBottomUp, stringProperty, textContent } from './hast-helpers.ts';
import { appendJoiningText } from './join-text.ts';
import { lineMatcher, type LineTest } from './line-patterns.ts';

/** Options of {@link rehypeRemoveSiteChrome}. */
export interface RemoveSiteChromeOptions {
  /** Lines that credit the story's source, kept even in a footer (config `content.keepLines`; see lineMatcher; default: none). */
  readonly keepLines?: readonly string[];
}

/**
 * Removes the furniture news sites leave in scraped bodies (seen in
 * ../shared/corpus/real): ZAKER's `edi_oper` toolbars and empty
 * `#recommend_bottom` / `#article_bottom` slots; woshipm's tip widget
 * (`support-author`, `button--pay`, with an inline SVG); 少数派's hidden
 * side bar of icon buttons and counts (`article-side`); 快科技's footers
 * (`p.end` "- THE END -", `p.zhuanzai` "转载请注明出处", `p.bqian` tag
 * links). A footer paragraph that matches `keepLines` stays: "转载请注明出处：快科技"
 * names the story's source, which a republisher keeps (issue #22). IT之家's
 * `a.s_tag` auto-links ("IT之家", "Windows 10") are unwrapped: the words are
 * part of the sentence (`<a>iPad</a>OS`, one text node again), the link is
 * advertising.
 */
export function rehypeRemoveSiteChrome(options: RemoveSiteChromeOptions = {}) {
  const keepLines = options.keepLines ?? [];
  return (tree: Root): void => {
    // Compiled at the first footer paragraph: most posts have none.
    let isKept: LineTest | undefined;
    const isKeptLine = (node: Element) => keepLines.length > 0 && (isKept ??= lineMatcher(keepLines))(textContent(node));
    const isRemoved = (node: Element) => isChrome(node) && !(isFooterParagraph(node) && isKeptLine(node));
    for (const parent of parentsBottomUp(tree)) {
      if (!parent.children.some((c) => isElement(c) && (isChrome(c) || isAutoLink(c)))) continue;
      const next: ElementContent[] = [];
      for (const child of parent.children as ElementContent[]) {
        if (!isElement(child)) appendJoiningText(next, child);
        else if (isRemoved(child)) continue;
        else if (isAutoLink(child)) for (const inner of child.children) appendJoiningText(next, inner);
        else next.push(child);
      }
      parent.children = next;
    }
  };
}

function isChrome(node: Element): boolean {
  if (hasClass(node, 'edi_oper') || hasClass(node, 'support-author') || hasClass(node, 'button--pay') || hasClass(node, 'article-side')) return true;
  if (isFooterParagraph(node)) return true;
  const id = stringProperty(node, 'id');
  if (id === 'recommend_bottom' || id === 'article_bottom') return isEmptyBox(node);
  return false;
}

function isFooterParagraph(node: Element): boolean {
  return node.tagName === 'p' && (hasClass(node, 'end') || hasClass(node, 'zhuanzai') || hasClass(node, 'bqian'));
}

function isAutoLink(node: Element): boolean {
  return node.tagName === 'a' && hasClass(node, 's_tag');
}

function isEmptyBox(node: Element): boolean {
  return textContent(node).trim() === '' && !node.children.some((c) => isElement(c, 'img', 'picture', 'video', 'iframe'));
}
