import type { Root } from 'hast';
import { element } from './hast-helpers.ts';

/**
 * Builds the tree of a plain-text body (Eventernote, DT财经: lines, no
 * tags): each non-empty line becomes a `<p>`, so the line breaks survive.
 * The text goes into text nodes, which the serializer escapes: `<b>` in
 * such a body shows as `<b>`.
 */
export function textToTree(text: string): Root {
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => line !== '');
  // A newline between paragraphs keeps the output readable.
  return { type: 'root', children: lines.flatMap((line) => [element('p', {}, [{ type: 'text', value: line }]), { type: 'text' as const, value: '\n' }]) };
}

/**
 * The text of a body that could not be parsed as a tree (see
 * `sanitizeArticle`): raw-text elements removed with their content, other
 * tags removed, common character references decoded.
 */
export function stripTags(html: string): string {
  return html
    .replace(/<(script|style|template|noscript|iframe|object|svg|math|textarea|title|xmp)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<\/?[a-zA-Z][^>]*>?/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, ref: string) => decodeReference(ref));
}

function decodeReference(ref: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  const lower = ref.toLowerCase();
  if (named[lower] !== undefined) return named[lower];
  const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
}
