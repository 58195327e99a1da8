import type { Element, ElementContent, Root } from 'hast';
import { hasClass, isElement, parentsBottomUp, stringProperty, textContent } from './hast-helpers.ts';

/**
 * Removes the furniture news sites leave in scraped bodies (seen in
 * ../shared/corpus/real): ZAKER's `edi_oper` toolbars and empty
 * `#recommend_bottom` / `#article_bottom` slots; woshipm's tip widget
 * (`support-author`, `button--pay`, with an inline SVG); 快科技's footers
 * (`p.end` "- THE END -", `p.zhuanzai` "转载请注明出处", `p.bqian` tag
 * links). IT之家's `a.s_tag` auto-links ("IT之家", "Windows 10") are
 * unwrapped: the words are part of the sentence, the link is advertising.
 */
export function rehypeRemoveSiteChrome() {
  return (tree: Root): void => {
    for (const parent of parentsBottomUp(tree)) {
      if (!parent.children.some((c) => isElement(c) && (isChrome(c) || (c.tagName === 'a' && hasClass(c, 's_tag'))))) continue;
      const next: ElementContent[] = [];
      for (const child of parent.children as ElementContent[]) {
        if (!isElement(child)) next.push(child);
        else if (isChrome(child)) continue;
        else if (child.tagName === 'a' && hasClass(child, 's_tag')) next.push(...child.children);
        else next.push(child);
      }
      parent.children = next;
    }
  };
}

function isChrome(node: Element): boolean {
  if (hasClass(node, 'edi_oper') || hasClass(node, 'support-author') || hasClass(node, 'button--pay')) return true;
  if (node.tagName === 'p' && (hasClass(node, 'end') || hasClass(node, 'zhuanzai') || hasClass(node, 'bqian'))) return true;
  const id = stringProperty(node, 'id');
  if (id === 'recommend_bottom' || id === 'article_bottom') return isEmptyBox(node);
  return false;
}

function isEmptyBox(node: Element): boolean {
  return textContent(node).trim() === '' && !node.children.some((c) => isElement(c, 'img', 'picture', 'video', 'iframe'));
}
