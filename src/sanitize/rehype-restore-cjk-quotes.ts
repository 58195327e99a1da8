import type { Nodes, Root } from 'hast';

// Han (with extensions), kana and hangul: the scripts of the feeds' articles.
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af\u{20000}-\u{2fa1f}]/u;
// Full-width punctuation (、。，：；！？（）《》「」), the em dash, ellipsis and middle dot.
const CJK_PUNCT = /[\u3000-\u303f\uff00-\uffef\u2014\u2026\u00b7]/;
const ALNUM = /[0-9A-Za-z]/;
// After a closing quote: the end, a space, CJK text or punctuation, a digit or letter, ASCII punctuation.
const AFTER_CLOSE = /[\s0-9A-Za-z,.;:!?)\]]/;
// Text in these is code: quotes there are syntax.
const CODE = new Set(['pre', 'code', 'kbd', 'samp', 'var']);

const isCjk = (c: string | undefined): boolean => c !== undefined && CJK.test(c);
const isCjkPunct = (c: string | undefined): boolean => c !== undefined && CJK_PUNCT.test(c);
const isCjkOrPunct = (c: string | undefined): boolean => isCjk(c) || isCjkPunct(c);

/**
 * Restores full-width quotation marks the feed bots turned into ASCII ones
 * padded with spaces: Xinhua's `题：" 瓣瓣同心 " 向阳开` (see
 * ../shared/corpus/seed/xinhua-jingjinji.md) becomes `题：“瓣瓣同心”向阳开`.
 * Works per text node, and only when the pairing is unambiguous: an even
 * number of `"`, each odd one an opening quote (after the start, CJK text or
 * punctuation, or a space; before a space and CJK, or directly before a
 * letter, digit or CJK), each even one a closing quote (the mirror image),
 * and CJK text inside every pair. Anything else — an odd count, English
 * quotations, code — is left exactly as it is. The padding spaces between a
 * quote and CJK are removed; spaces next to Latin letters and digits stay.
 */
export function rehypeRestoreCjkQuotes() {
  return (tree: Root): void => {
    const stack: Nodes[] = [tree];
    while (stack.length > 0) {
      const node = stack.pop() as Nodes;
      if (node.type === 'text') node.value = restoreQuotes(node.value);
      else if (node.type === 'element' && CODE.has(node.tagName)) continue;
      else if ('children' in node) stack.push(...node.children);
    }
  };
}

/**
 * Restores `“…”` in one run of text, or returns it unchanged when the ASCII
 * quotes in it do not pair up unambiguously (see {@link rehypeRestoreCjkQuotes}).
 */
export function restoreQuotes(text: string): string {
  if (!text.includes('"') || !CJK.test(text)) return text;
  const at: number[] = [];
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) at.push(i);
  if (at.length % 2 !== 0) return text;
  for (let k = 0; k < at.length; k += 2) {
    const open = at[k] as number;
    const close = at[k + 1] as number;
    if (!isOpening(text, open) || !isClosing(text, close) || !CJK.test(text.slice(open + 1, close))) return text;
  }
  let out = '';
  let last = 0;
  for (let k = 0; k < at.length; k += 2) {
    const open = at[k] as number;
    const close = at[k + 1] as number;
    // Opening: drop the space before it when CJK precedes, and the space after it when CJK follows.
    let before = text.slice(last, open);
    if (before.endsWith(' ') && (before.length === 1 ? last === 0 : isCjkOrPunct(before.at(-2)))) before = before.slice(0, -1);
    let inner = text.slice(open + 1, close);
    if (inner.startsWith(' ') && isCjk(inner[1])) inner = inner.slice(1);
    if (inner.endsWith(' ') && isCjkOrPunct(inner.at(-2))) inner = inner.slice(0, -1);
    out += `${before}“${inner}”`;
    last = close + 1;
    // Closing: drop the space after it when CJK follows.
    if (text[last] === ' ' && isCjkOrPunct(text[last + 1])) last += 1;
  }
  return out + text.slice(last);
}

function isOpening(text: string, i: number): boolean {
  const prev = text[i - 1];
  const prevOk = prev === undefined || isCjkOrPunct(prev) || (prev === ' ' && (i === 1 || isCjkOrPunct(text[i - 2]) || ALNUM.test(text[i - 2] ?? '')));
  const next = text[i + 1];
  const nextOk = (next === ' ' && isCjk(text[i + 2])) || isCjk(next) || ALNUM.test(next ?? '');
  return prevOk && nextOk;
}

function isClosing(text: string, i: number): boolean {
  const prev = text[i - 1];
  const prevOk = (prev === ' ' && isCjk(text[i - 2])) || isCjkOrPunct(prev) || ALNUM.test(prev ?? '');
  const next = text[i + 1];
  const nextOk = next === undefined || isCjkOrPunct(next) || AFTER_CLOSE.test(next);
  return prevOk && nextOk;
}
