import type { Element, ElementContent, Root, Text } from 'hast';
import { isBlankText, isElement, parentsBottomUp } from './hast-helpers.ts';
import type { SanitizeLog } from './sanitize-log.ts';

/** What a reader saw for each box: ballot boxes for checkboxes, circles for radio buttons. */
const MARKS = {
  checkbox: { off: '☐', on: '☑' },
  radio: { off: '○', on: '◉' },
} as const;

/**
 * Runs before the schema, which strips every `<input>`. A checkbox or a
 * radio button shown in an article (a task list: `<li><input
 * type="checkbox" disabled checked> 已完成</li>`, as GitHub-flavoured
 * Markdown renderers write them) becomes the mark a reader saw, ☐/☑ or ○/◉,
 * followed by a space; when the box stands before a paragraph (a loose task
 * list item), the mark opens the paragraph. Other inputs are left to the
 * schema. The audit counts inputs (kind `form`) first, so a body it saw
 * none in is not walked.
 *
 * @param options.log the run's log, read for the audit's `form` count.
 */
export function rehypeCheckboxesToText(options: { log: SanitizeLog }) {
  const { log } = options;
  return (tree: Root): void => {
    if (!log.removed.has('form')) return;
    for (const parent of parentsBottomUp(tree)) {
      if (!parent.children.some(isBox)) continue;
      const next: ElementContent[] = [];
      const children = parent.children as ElementContent[];
      for (let i = 0; i < children.length; i += 1) {
        const child = children[i] as ElementContent;
        if (!isBox(child)) next.push(child);
        else {
          const mark: Text = { type: 'text', value: `${markOf(child)} ` };
          const following = children.slice(i + 1).find((c) => !isBlankText(c) && c.type !== 'comment');
          if (isElement(following, 'p')) following.children.unshift(mark);
          else next.push(mark);
        }
      }
      parent.children = next as typeof parent.children;
    }
  };
}

function isBox(node: ElementContent | Root['children'][number]): node is Element {
  return isElement(node, 'input') && boxType(node) !== undefined;
}

function boxType(node: Element): keyof typeof MARKS | undefined {
  const type = String(node.properties.type ?? '').trim().toLowerCase();
  return type === 'checkbox' || type === 'radio' ? type : undefined;
}

function markOf(node: Element): string {
  const marks = MARKS[boxType(node) ?? 'checkbox'];
  // `checked` is a boolean attribute: present (even `checked="false"`) means checked.
  return node.properties.checked === undefined || node.properties.checked === false || node.properties.checked === null ? marks.off : marks.on;
}
