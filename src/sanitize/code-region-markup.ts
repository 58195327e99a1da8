/**
 * Tags that stay markup inside code: what syntax highlighters and editors
 * wrap code in. Everything else written inside code is the code itself.
 */
const FORMATTING_TAGS: ReadonlySet<string> = new Set([
  'span', 'b', 'strong', 'i', 'em', 'u', 'a', 'font', 'mark', 'sub', 'sup', 's', 'del', 'ins', 'br',
]);

// A `<code>` inside a `<pre>` is the usual shape of a code block, and the other way round occurs too.
const KEPT_IN: Readonly<Record<'pre' | 'code', ReadonlySet<string>>> = {
  pre: new Set([...FORMATTING_TAGS, 'code']),
  code: new Set([...FORMATTING_TAGS, 'pre']),
};

// A formatting tag's name as the HTML tokenizer ends it (at whitespace, `/` or `>`), read no further than
// the longest formatting name: `<CompletableFuture<T>>` is no formatting tag, `<A, B>` neither, and a
// run of `<a<a<a…` costs no more than its length.
const TAG_START = /<(\/?)([a-zA-Z][a-zA-Z0-9]{0,5})(?=[\t\n\f\r />])/y;
const END_TAG = /<\/([a-zA-Z][a-zA-Z0-9]{0,5})(?=[\t\n\f\r />])/g;
// What follows the name of a tag without attributes (`<b>`, `<b />`).
const BARE_TAG_END = /[\t\n\f\r /]*>/y;

/**
 * Escapes, in the markup between a `<pre>` or `<code>` start tag and its end
 * tag, every `<` that does not open a formatting tag, so the parser reads it
 * as text: scrapers leave `List<CompletableFuture<T>>`, `Class<?>` and a
 * pom.xml's `<groupId>…</groupId>` and `<!-- … -->` unescaped inside code
 * (issue #22), and parsing them as markup loses them. Only `<` changes:
 * entities are left for the parser, so they are decoded once, as written.
 *
 * A formatting start tag stays markup when its end tag follows in the code,
 * when it has attributes, or when it is `<br>`: `Stream<S>` and `Function<B>`
 * name type parameters, not strikeouts or bold. Formatting end tags stay
 * markup. A comment is text as a whole, tags inside it included.
 *
 * @param region the markup inside the code element, as written in the source.
 * @param outer which element it is inside.
 * @returns the region with literal `<` written as `&lt;` (the same string when there is none).
 */
export function escapeCodeRegion(region: string, outer: 'pre' | 'code'): string {
  let i = region.indexOf('<');
  if (i === -1) return region;
  const kept = KEPT_IN[outer];
  const lastEndTag = lastEndTags(region);
  let out = '';
  let from = 0;
  // The next `>`, found once for all the tags before it.
  let nextClose = -1;
  while (i !== -1) {
    if (region.startsWith('<!--', i)) {
      const close = region.indexOf('-->', i + 4);
      const stop = close === -1 ? region.length : close + 3;
      out += region.slice(from, i) + region.slice(i, stop).replaceAll('<', '&lt;');
      from = stop;
      i = region.indexOf('<', stop);
      continue;
    }
    if (nextClose < i) nextClose = region.indexOf('>', i);
    // No `>` left: no tag either, every `<` from here is text.
    if (nextClose === -1) return out + region.slice(from, i) + region.slice(i).replaceAll('<', '&lt;');
    if (isKeptTag(region, i, nextClose, kept, lastEndTag)) {
      i = region.indexOf('<', nextClose);
      continue;
    }
    out += `${region.slice(from, i)}&lt;`;
    from = i + 1;
    i = region.indexOf('<', from);
  }
  return out + region.slice(from);
}

// True when the `<` at `at`, whose tag ends at `close`, opens a formatting tag that stays markup. A `>`
// inside a quoted attribute ends the tag early here, which is harmless: escaping a `<` inside an
// attribute value changes nothing the parser reads, and every `<` after it is looked at again.
function isKeptTag(region: string, at: number, close: number, kept: ReadonlySet<string>, lastEndTag: ReadonlyMap<string, number>): boolean {
  TAG_START.lastIndex = at;
  const start = TAG_START.exec(region);
  const name = start?.[2]?.toLowerCase();
  if (start === null || name === undefined || !kept.has(name) || at + start[0].length > close) return false;
  if (start[1] === '/' || name === 'br') return true;
  BARE_TAG_END.lastIndex = at + start[0].length;
  return !BARE_TAG_END.test(region) || (lastEndTag.get(name) ?? -1) > at;
}

// Where each tag name's last end tag is: one pass, so a long listing of unclosed `<B>` stays linear.
function lastEndTags(region: string): Map<string, number> {
  const last = new Map<string, number>();
  END_TAG.lastIndex = 0;
  for (let match = END_TAG.exec(region); match !== null; match = END_TAG.exec(region)) {
    last.set((match[1] as string).toLowerCase(), match.index);
  }
  return last;
}
