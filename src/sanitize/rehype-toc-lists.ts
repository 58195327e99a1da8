import type { Element, ElementContent, Root } from 'hast';
import { element, isElement, parentsBottomUp } from './hast-helpers.ts';

// The level of a table-of-contents entry from its class: vditor's `toc-h2`, hexo-toc's `toc-level-2`.
const LEVEL_CLASS = /^toc-(?:h|level-?)([1-6])$/;

/**
 * Rebuilds a table of contents that keeps its hierarchy only in class names
 * as nested lists. The editor AI 研习社 uses (vditor) writes it as a flat run
 * `<div class="vditor-toc"><span class="toc-h1"><a …>数据清理</a></span><br>
 * <span class="toc-h2">…</span><br>…</div>`, indented by class; the schema
 * drops classes, so without this every entry reads as one level, glued into
 * a paragraph. A box whose entries (apart from `<br>` and whitespace) all
 * carry a level class gets an `<ul>` per level instead, each entry an
 * `<li>` under the entry above it. Lists that already nest (`<ul><li><a>…
 * <ul>…`) are left as they are: they keep their nesting through the
 * sanitizer as written.
 */
export function rehypeTocLists() {
  return (tree: Root): void => {
    for (const parent of parentsBottomUp(tree)) {
      if (parent.type !== 'element' || parent.tagName === 'ul' || parent.tagName === 'ol') continue;
      const entries = tocEntries(parent.children as ElementContent[]);
      if (entries !== undefined) parent.children = [nestedList(entries)];
    }
  };
}

interface TocEntry {
  level: number;
  content: ElementContent[];
}

// The entries when every child is an entry with a level class, a `<br>`, whitespace or a comment, and there are two or more.
function tocEntries(children: readonly ElementContent[]): TocEntry[] | undefined {
  const entries: TocEntry[] = [];
  for (const child of children) {
    if (child.type === 'element') {
      if (child.tagName === 'br') continue;
      const level = levelOf(child);
      if (level === undefined) return undefined;
      entries.push({ level, content: child.children });
    } else if (child.type === 'text' && child.value.trim() !== '') return undefined;
  }
  return entries.length >= 2 ? entries : undefined;
}

function levelOf(node: Element): number | undefined {
  const value = node.properties.className;
  if (!Array.isArray(value)) return undefined;
  for (const name of value) {
    const match = LEVEL_CLASS.exec(String(name));
    if (match) return Number(match[1]);
  }
  return undefined;
}

// A stack of open lists, one per level: a deeper entry opens a list inside the last item, a shallower one closes lists.
function nestedList(entries: readonly TocEntry[]): Element {
  const root = element('ul', {}, []);
  const open: { level: number; list: Element }[] = [{ level: Math.min(...entries.map((e) => e.level)), list: root }];
  for (const entry of entries) {
    while (open.length > 1 && entry.level < (open.at(-1) as { level: number }).level) open.pop();
    const top = open.at(-1) as { level: number; list: Element };
    const item = element('li', {}, entry.content);
    const lastItem = top.list.children.at(-1);
    if (entry.level > top.level && isElement(lastItem, 'li')) {
      const list = element('ul', {}, [item]);
      lastItem.children.push(list);
      open.push({ level: entry.level, list });
    } else top.list.children.push(item);
  }
  return root;
}
