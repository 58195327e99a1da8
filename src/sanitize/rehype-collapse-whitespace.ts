import type { Nodes, Root, RootContent } from 'hast';

/**
 * Collapses runs of whitespace in text to one space, or one newline when the
 * run held a line break (HTML renders both as one space; Axis Studios bodies
 * carry runs of 140 spaces and dozens of blank lines). Text inside `<pre>`
 * and `<textarea>` keeps its whitespace. No-break spaces are content and stay.
 */
export function rehypeCollapseWhitespace() {
  return (tree: Root): void => {
    const stack: Nodes[] = [tree];
    while (stack.length > 0) {
      const node = stack.pop() as Nodes;
      if ('children' in node) mergeAdjacentText(node.children);
      if (node.type === 'text') node.value = node.value.replace(/[ \t\n\r\f]+/g, (run) => (run.includes('\n') ? '\n' : ' '));
      else if (node.type === 'element' && (node.tagName === 'pre' || node.tagName === 'textarea')) continue;
      else if ('children' in node) stack.push(...node.children);
    }
  };
}

// Unwrapping and removal leave neighbouring text nodes; one node per run lets the collapse see the whole run.
function mergeAdjacentText(children: RootContent[]): void {
  for (let i = children.length - 1; i > 0; i -= 1) {
    const current = children[i];
    const previous = children[i - 1];
    if (current?.type === 'text' && previous?.type === 'text') {
      previous.value += current.value;
      children.splice(i, 1);
    }
  }
}
