import type { ElementContent, Nodes, Root } from 'hast';
import { allElements, isElement, parentsBottomUp } from './hast-helpers.ts';
import { KNOWN_HTML_TAGS } from './known-tags.ts';

/**
 * Puts back, as text, "tags" that were really words in angle brackets. IT之家
 * writes `wsl --install -d <DistroName>` unescaped; the parser makes an
 * unknown element of it, and unwrapping that would lose the word. An element
 * counts as such text when its name is a plain word that HTML does not know
 * (no hyphen: custom elements are markup; no colon: Word's `<o:p>` is junk)
 * and the source has no end tag for it. Its start tag, exactly as written,
 * becomes a text node (escaped on output); its content stays.
 *
 * @param options.source the markup the tree was parsed (with positions) from; `''` when there is nothing to restore.
 */
export function rehypeRestoreLiteralTags(options: { source: string }) {
  const { source } = options;
  return (tree: Root): void => {
    // No source: the body was text, or `sanitizeArticle` found no literal tag when parsing.
    if (source === '' || !hasLiteralTags(tree)) return;
    const foreign = new Set(allElements(tree).filter((n) => isElement(n, 'svg', 'math')).flatMap((n) => allElements(n)));
    for (const parent of parentsBottomUp(tree)) {
      if (!parent.children.some((c) => isLiteral(c as ElementContent))) continue;
      const next: ElementContent[] = [];
      for (const child of parent.children as ElementContent[]) {
        const written = child.type === 'element' && isLiteral(child) && !foreign.has(child) ? writtenStartTag(child, source) : undefined;
        if (written === undefined || child.type !== 'element') next.push(child);
        else next.push({ type: 'text', value: written }, ...child.children);
      }
      parent.children = next;
    }
  };
}

/** True when the tree holds an element that may be a literal `<Word>` (an unknown plain-word tag name). */
export function hasLiteralTags(tree: Root): boolean {
  // Early exit without collecting: this runs on every body, literal tags are rare.
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'element' && isLiteral(node)) return true;
    if ('children' in node) for (const child of node.children) if (child.type === 'element') stack.push(child);
  }
  return false;
}

/**
 * False when no element of the markup, once parsed, can be a literal
 * `<Word>` (see {@link hasLiteralTags}): no start tag in it has such a
 * name. A look at the source, for the parse to track source positions only
 * where they may be needed: a third of generated posts hold IT之家's
 * `<DistroName>`, and parsing them once without and again with positions
 * cost a tenth of sanitizing (--cpu-prof).
 */
export function mayHoldLiteralTags(html: string): boolean {
  // A start tag's name as the HTML tokenizer reads it: an ASCII letter, then anything up to whitespace, `/` or `>`.
  for (const [, name] of html.matchAll(/<([A-Za-z][^\t\n\f\r />]*)/g)) if (isLiteralName(name!.toLowerCase())) return true;
  return false;
}

function isLiteral(node: ElementContent): boolean {
  return node.type === 'element' && isLiteralName(node.tagName);
}

function isLiteralName(name: string): boolean {
  return /^[a-z][a-z0-9]*$/.test(name) && !KNOWN_HTML_TAGS.has(name);
}

function writtenStartTag(node: ElementContent, source: string): string | undefined {
  if (node.type !== 'element') return undefined;
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const tag = /^<[a-zA-Z][^<>]*>/.exec(source.slice(start, start + 200))?.[0];
  if (tag === undefined) return undefined;
  const hasEndTag = new RegExp(`</${node.tagName}\\s*>$`, 'i').test(source.slice(Math.max(start, end - 100), end));
  return hasEndTag ? undefined : tag;
}
