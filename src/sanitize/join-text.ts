import type { ElementContent } from 'hast';

/**
 * Appends `node` to `out`, joined to the text node just before it: where an
 * element was replaced by its content, a word it cut (`Surf<a>ace</a>`)
 * becomes one text node again, as later steps (whitespace, CJK quotes,
 * captions) expect a word to be.
 */
export function appendJoiningText(out: ElementContent[], node: ElementContent): void {
  const last = out.at(-1);
  if (node.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + node.value };
  else out.push(node);
}
