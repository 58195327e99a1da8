import type { Element, Nodes, Root } from 'hast';
import { stringProperty } from './hast-helpers.ts';
import { mathText } from './math-text.ts';
import { PHRASING_TAGS } from './phrasing.ts';

/**
 * Plain text of a sanitized tree, whitespace collapsed to single spaces: the
 * text nodes in document order, with a space where a block or a `<br>` ends,
 * so "段一</p><p>段二" does not read "段一段二". A single iterative pass: it
 * replaces hast-util-to-text's innerText emulation, which took a noticeable
 * share of the time on a 2 MB body and knows about CSS we never keep. All
 * of the text, headings and code included: the search index reads it.
 *
 * @param tree the sanitized tree.
 */
export function plainText(tree: Root): string {
  return textOf(tree, () => false, Number.POSITIVE_INFINITY);
}

/**
 * The story's sentences, for listings and feed summaries: plain text as
 * {@link plainText} makes it, of the prose only. Left out are headings,
 * code blocks (`<pre>`, a `<code>` spanning lines; code inside a sentence
 * stays, it is a word of it), displayed formulas, tables, figures and their captions, in-page
 * links (a table of contents repeats the headings, a footnote mark is a
 * number), embed links (`▶ host`), and marks that decorate rather than say
 * (☐/☑ of a task list, ▶, ●, ★, emoji: see DECORATION). A body with no
 * prose gives all its text, marks left out. Only the start is read: a
 * summary never shows a whole long body.
 *
 * @param tree the sanitized tree.
 * @param limit characters of prose wanted: reading stops once four times as
 *   many are gathered, before whitespace is collapsed; the text may end mid-word (default: 2000).
 */
export function summaryText(tree: Root, limit = 2000): string {
  const prose = withoutDecoration(textOf(tree, isNotProse, limit));
  // A body with no prose at all (a gallery's captions, a lone table) is summed up by what it has.
  return prose !== '' ? prose : withoutDecoration(textOf(tree, () => false, limit));
}

const NOT_PROSE = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'table', 'figure', 'figcaption', 'hr']);

function isNotProse(node: Element): boolean {
  if (NOT_PROSE.has(node.tagName)) return true;
  // A displayed formula stands apart as a code block does; one inside a sentence is a word of it.
  if (node.tagName === 'math') return node.properties.display === 'block';
  if (node.tagName === 'code') return node.children.some((c) => c.type === 'text' && c.value.includes('\n'));
  if (node.tagName === 'a') return stringProperty(node, 'href')?.startsWith('#') === true || isEmbedLink(node);
  return false;
}

// rehypeEmbedsToLinks writes a player as a link whose text opens with ▶.
function isEmbedLink(node: Element): boolean {
  const first = node.children[0];
  return first?.type === 'text' && first.value.trimStart().startsWith('▶');
}

/**
 * Marks that decorate rather than say: geometric shapes (▶ ● ■ ◆ ○), the
 * miscellaneous symbols and dingbats (☐ ☑ ★ ✔ ➤), arrows and stars of the
 * supplemental blocks, and emoji with their joiners and variation
 * selectors, where they stand apart from words: before an item, after a
 * sentence. Between two letters a mark is part of a name (少女☆歌劇) and
 * stays. Letters, digits, punctuation, currency and ° © ® ™ → are never among them.
 */
const MARK = '[\\u25A0-\\u25FF\\u2600-\\u27BF\\u2B00-\\u2BFF\\u{1F000}-\\u{1FAFF}\\uFE0F\\u200D]';
const HAS_MARK = new RegExp(MARK, 'u');
const DECORATION = new RegExp(`(?<![\\p{L}\\p{N}])${MARK}+|${MARK}+(?![\\p{L}\\p{N}])`, 'gu');

function withoutDecoration(text: string): string {
  return HAS_MARK.test(text) ? text.replace(DECORATION, ' ').replace(/\s+/g, ' ').trim() : text;
}

// Stops past `limit * 4` characters, counted before whitespace is collapsed: room for runs of indentation.
function textOf(tree: Root, skip: (node: Element) => boolean, limit: number): string {
  let out = '';
  // A `null` entry marks the end of a block.
  const stack: (Nodes | null)[] = [tree];
  while (stack.length > 0 && out.length <= limit * 4) {
    const node = stack.pop();
    if (node === null) out += ' ';
    else if (node === undefined) continue;
    else if (node.type === 'text') out += node.value;
    // A formula reads as its TeX, once (not its tokens and then its annotation); a display one as a block.
    else if (node.type === 'element' && node.tagName === 'math') out += skip(node) ? ' ' : node.properties.display === 'block' ? ` ${mathText(node)} ` : mathText(node);
    else if (node.type === 'element' || node.type === 'root') {
      if (node.type === 'element') {
        const block = node.tagName === 'br' || !PHRASING_TAGS.has(node.tagName);
        if (skip(node)) {
          if (block) out += ' ';
          continue;
        }
        if (block) {
          out += ' ';
          stack.push(null);
        }
      }
      for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i] as Nodes);
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}
