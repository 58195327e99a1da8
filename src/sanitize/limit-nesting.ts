/**
 * Deepest element nesting we let through to the parser (default of
 * {@link limitNesting}). The HTML tree builders of Blink and WebKit stop
 * nesting at 512 too; unified's tree utilities recurse, and 5,000 nested
 * `<div>`s overflow Node's stack in hast-util-from-parse5.
 */
export const MAX_NESTING = 512;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'frame', 'image']);
// Their content is text to the tokenizer, never tags.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
// A start tag of one of these closes an open <p> (HTML § 13.2.6.4.7).
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'dd', 'dt', 'main', 'menu',
  'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'ul',
]);
// Start tags that close an open element of the same kind (li closes li, …), unless a scope boundary comes first.
const CLOSES_SAME: Record<string, readonly string[]> = { li: ['li'], dt: ['dt', 'dd'], dd: ['dt', 'dd'], tr: ['tr'], td: ['td', 'th'], th: ['td', 'th'], option: ['option'] };
// Where the search for an element to close stops (HTML's "special" elements, roughly; table scope for rows and cells).
const LIST_SCOPE = new Set([...CLOSES_P, 'table', 'td', 'th', 'tr', 'tbody', 'thead', 'tfoot', 'caption', 'select', 'button', 'object', 'applet', 'marquee', 'template']);
const TABLE_SCOPE = new Set(['table', 'template']);
for (const name of ['address', 'div', 'p', 'li', 'dt', 'dd']) LIST_SCOPE.delete(name);

interface Open {
  readonly name: string;
  readonly dropped: boolean;
  /** Inside `<svg>` or `<math>`. */
  readonly foreign?: boolean;
}

/**
 * Flattens markup nested deeper than `max` before it reaches the parser: a
 * start tag that would open an element deeper than `max` is removed (with its
 * end tag); its content stays where it is. The estimate follows the HTML
 * parser's main habits (void elements, raw-text elements, implied end tags of
 * `p`, `li`, table cells); it only decides where tags are dropped, and what
 * remains is parsed and sanitized as usual, so a wrong guess costs layout,
 * never safety.
 *
 * @param html untrusted markup.
 * @param max deepest nesting allowed (default: {@link MAX_NESTING}).
 * @returns the markup, and how many start tags were removed.
 */
export function limitNesting(html: string, max: number = MAX_NESTING): { html: string; flattened: number } {
  // Fast path: fewer tags than the limit cannot nest past it.
  if (countChar(html, '<') <= max) return { html, flattened: 0 };
  // Linear on any input: no part of a tag may contain `<`, so a failed match stops at the next one.
  const tag = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][^\s/<>]*)[^<>]*>/g;
  const stack: Open[] = [];
  const out: string[] = [];
  let last = 0;
  let flattened = 0;
  for (let match = tag.exec(html); match !== null; match = tag.exec(html)) {
    const [whole, slash, rawName] = match;
    if (rawName === undefined) continue;
    const name = rawName.toLowerCase();
    let keep = true;
    if (slash === '/') {
      const at = findOpen(stack, name);
      if (at >= 0) {
        keep = !(stack[at] as Open).dropped;
        stack.length = at;
      }
    } else {
      closeImplied(stack, name);
      if (RAW_TEXT.has(name)) {
        const close = new RegExp(`</${name}`, 'gi');
        close.lastIndex = tag.lastIndex;
        tag.lastIndex = close.exec(html)?.index ?? html.length;
        // Raw text adds one level at most; it is never dropped, or its text would become markup.
      } else if (!VOID.has(name) && !(whole.endsWith('/>') && inForeignContent(stack))) {
        // The parser adds a <tbody> between a table and its rows.
        if ((name === 'tr' && stack.at(-1)?.name === 'table') || name === 'td' || name === 'th') {
          if (stack.at(-1)?.name === 'table') stack.push({ name: 'tbody', dropped: false });
          if ((name === 'td' || name === 'th') && stack.at(-1)?.name === 'tbody') stack.push({ name: 'tr', dropped: false });
        }
        keep = stack.length < max;
        if (!keep) flattened += 1;
        stack.push({ name, dropped: !keep, foreign: inForeignContent(stack) || name === 'svg' || name === 'math' });
      }
    }
    if (!keep) {
      out.push(html.slice(last, match.index));
      last = match.index + whole.length;
    }
  }
  if (flattened === 0) return { html, flattened: 0 };
  out.push(html.slice(last));
  return { html: out.join(''), flattened };
}

function closeImplied(stack: Open[], name: string): void {
  const same = CLOSES_SAME[name];
  if (same) {
    const boundary = name === 'li' || name === 'dt' || name === 'dd' ? LIST_SCOPE : name === 'option' ? undefined : TABLE_SCOPE;
    for (let i = stack.length - 1; i >= 0; i -= 1) {
      const open = (stack[i] as Open).name;
      if (same.includes(open) || (name === 'tr' && (open === 'td' || open === 'th'))) {
        stack.length = i;
        break;
      }
      if (boundary === undefined || boundary.has(open)) break;
    }
  }
  if (CLOSES_P.has(name) && stack.at(-1)?.name === 'p') stack.length -= 1;
}

// `<x/>` closes itself only in SVG and MathML; in HTML the slash is ignored.
function inForeignContent(stack: readonly Open[]): boolean {
  return stack.at(-1)?.foreign === true;
}

function findOpen(stack: readonly Open[], name: string): number {
  for (let i = stack.length - 1; i >= 0; i -= 1) if ((stack[i] as Open).name === name) return i;
  return -1;
}

function countChar(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n += 1;
  return n;
}
