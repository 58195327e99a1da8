import type { Element, Nodes } from 'hast';
import { parseFragment } from 'parse5';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

/** A code element of a body, and the text a reader should see in it. */
export interface SourceCode {
  /** A `<pre>` (true), or a `<code>` outside one. */
  readonly block: boolean;
  readonly text: string;
}

const PRE = /<pre(?=[\s/>])[^>]*>([\s\S]*?)<\/pre\s*>/gi;
const CODE = /<code(?=[\s/>])[^>]*>([\s\S]*?)<\/code\s*>/gi;
const FORMATTING = /<(\/?)(span|b|strong|i|em|u|a|font|mark|sub|sup|s|del|ins|code|pre)(?=[\s/>])([^>]*)>/gi;

/**
 * The code of a body as its author wrote it, read from the raw source with
 * regular expressions, independently of the sanitizer: the slice between
 * `<pre>` and `</pre>` (or `<code>` and `</code>` outside them), formatting
 * tags removed (a start tag only when its name is closed in the slice or it
 * has attributes: `Stream<S>` is code), `<br>` and a newline after it one
 * line break, everything else literal (comments and tags included), and
 * entities decoded once. Line breaks before the first line are left out.
 *
 * @param html a raw body.
 */
export function sourceCodeBlocks(html: string): SourceCode[] {
  const blocks = [...html.matchAll(PRE)].map((m) => ({ block: true, text: visibleCode(m[1] ?? '') }));
  const phrases = [...html.replace(PRE, ' ').matchAll(CODE)].map((m) => ({ block: false, text: visibleCode(m[1] ?? '') }));
  return [...blocks, ...phrases];
}

function visibleCode(raw: string): string {
  const closed = new Set([...raw.matchAll(/<\/([a-zA-Z]+)/g)].map((m) => (m[1] as string).toLowerCase()));
  // Comments are code text as a whole, tags in them included.
  const pieces = raw.split(/(<!--[\s\S]*?-->)/);
  const stripped = pieces
    .map((piece, i) =>
      i % 2 === 1
        ? piece
        : piece.replace(FORMATTING, (tag, slash: string, name: string, rest: string) =>
            slash === '/' || rest.replace('/', '').trim() !== '' || closed.has(name.toLowerCase()) ? '' : tag,
          ),
    )
    .join('')
    .replace(/<\/?br\s*\/?>\n?/gi, '\n');
  return decodeOnce(stripped).replace(/^\n+/, '');
}

// A <textarea> decodes character references and reads every tag as text.
function decodeOnce(text: string): string {
  const fragment = parseFragment(`<textarea>\n${text.replace(/<\/textarea/gi, '&lt;/textarea')}</textarea>`);
  const textarea = fragment.childNodes[0];
  const node = textarea && 'childNodes' in textarea ? textarea.childNodes[0] : undefined;
  return node && 'value' in node ? node.value : '';
}

/** What a reader sees as code in sanitized HTML, re-read as a browser would: the text of each `<pre>`, and of each `<code>` outside one. */
export function outputCodeBlocks(html: string): SourceCode[] {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html);
  const found: SourceCode[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'element' && (node.tagName === 'pre' || node.tagName === 'code')) found.push({ block: node.tagName === 'pre', text: textOf(node) });
    else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i] as Nodes);
  }
  return found;
}

function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? (child.tagName === 'br' ? '\n' : textOf(child)) : '')).join('');
}
