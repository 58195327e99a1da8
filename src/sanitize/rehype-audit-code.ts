import type { Element, Nodes, Root } from 'hast';
import { textContent } from './hast-helpers.ts';
import { STRIPPED_KIND } from './removal-kinds.ts';
import type { SanitizeLog } from './sanitize-log.ts';

/** Options of {@link rehypeAuditCode}. */
export interface AuditCodeOptions {
  readonly log: SanitizeLog;
  /** Whether the body has `<pre>` or `<code>` at all; when false the tree is not walked. */
  readonly hasCode: boolean;
}

/**
 * Runs just before the schema. Code must keep every character (issue #22),
 * so what the schema will still take out of a `<pre>` or `<code>` —
 * comments, scripts, form controls: markup restoreCodeMarkup did not turn
 * into text — is one `sanitize/code-changed` warning with the count of
 * items and of characters lost. Code inside an element that is stripped
 * whole (a `<noscript>`, an `<svg>`) is that element's loss, reported with it.
 */
export function rehypeAuditCode(options: AuditCodeOptions) {
  const { log, hasCode } = options;
  return (tree: Root): void => {
    if (!hasCode) return;
    const lost = new Map<string, number>();
    let characters = 0;
    for (const code of outermostCode(tree)) {
      const stack: Nodes[] = [...code.children].reverse();
      while (stack.length > 0) {
        const node = stack.pop() as Nodes;
        const what = node.type === 'comment' ? 'comment' : node.type === 'element' && STRIPPED_KIND[node.tagName] !== undefined ? `<${node.tagName}>` : undefined;
        if (what !== undefined) {
          lost.set(what, (lost.get(what) ?? 0) + 1);
          characters += node.type === 'comment' ? node.value.length : textContent(node).length;
        } else if (node.type === 'element') for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i] as Nodes);
      }
    }
    if (lost.size === 0) return;
    const items = [...lost.values()].reduce((sum, n) => sum + n, 0);
    const kinds = [...lost].map(([what, n]) => `${n} ${what}`).join(', ');
    log.warnings.push({
      rule: 'sanitize/code-changed',
      message: `removed ${items} item${items === 1 ? '' : 's'} from code (${kinds}): ${characters} character${characters === 1 ? '' : 's'} of code lost`,
      hint: 'the code held markup that cannot be published; compare the listing with its source',
    });
  };
}

// `<pre>` and `<code>` not inside another, outside elements the schema strips whole.
function outermostCode(tree: Root): Element[] {
  const found: Element[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'element' && (node.tagName === 'pre' || node.tagName === 'code')) found.push(node);
    else if (node.type === 'root' || (node.type === 'element' && STRIPPED_KIND[node.tagName] === undefined)) {
      for (const child of node.children) stack.push(child);
    }
  }
  return found;
}
