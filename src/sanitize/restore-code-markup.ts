import { type DefaultTreeAdapterMap, parseFragment } from 'parse5';
import { escapeCodeRegion } from './code-region-markup.ts';

type ParentNode = DefaultTreeAdapterMap['parentNode'];

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
const CODE_START = /<(pre|code)[\t\n\f\r />]/gi;
const END_TAG_OF = { pre: /<\/pre(?=[\t\n\f\r />]|$)/gi, code: /<\/code(?=[\t\n\f\r />]|$)/gi };

interface CodeRegion {
  readonly tag: 'pre' | 'code';
  /** Just after the start tag. */
  readonly start: number;
  /** Where the parser ended the element, for code without an end tag. */
  readonly parsedEnd: number;
}

/** True when the markup has a `<pre>` or `<code>` start tag: a cheap scan of the text, no parsing. */
export function hasCodeTags(html: string): boolean {
  CODE_START.lastIndex = 0;
  return CODE_START.test(html);
}

/**
 * True when the markup may hold code with unescaped markup in it (see
 * {@link restoreCodeMarkup}): a cheap scan of the text, with no parsing, so
 * bodies without such code pay nothing more. It may say yes for a `<pre>`
 * inside a comment or an attribute; restoreCodeMarkup then changes nothing.
 *
 * @param html the body markup.
 */
export function mayHoldCodeMarkup(html: string): boolean {
  CODE_START.lastIndex = 0;
  for (let match = CODE_START.exec(html); match !== null; match = CODE_START.exec(html)) {
    const tag = (match[1] as string).toLowerCase() as 'pre' | 'code';
    const start = match.index + match[0].length;
    const end = endTagOffset(html, tag, start) ?? html.length;
    const region = html.slice(start, end);
    if (escapeCodeRegion(region, tag) !== region) return true;
    CODE_START.lastIndex = end;
  }
  return false;
}

/**
 * Makes the markup that scrapers left unescaped inside `<pre>` and `<code>`
 * read as text (see escapeCodeRegion), before the body is parsed for good.
 * Which `<pre>` and `<code>` are elements is the parser's call (not one in a
 * comment, an attribute or a `<textarea>`), so the markup is parsed once
 * with source offsets; each outermost code element's content is then taken
 * from the source, from its start tag to the first end tag of its name, the
 * end an author of a listing means (a `</div>` in an HTML listing does not
 * end the `<pre>` here, as it does for the parser).
 *
 * @param html the body markup.
 * @returns the markup with literal `<` inside code written as `&lt;`.
 */
export function restoreCodeMarkup(html: string): string {
  const regions = codeRegions(parseFragment(html, { sourceCodeLocationInfo: true, scriptingEnabled: false }));
  const endTagAfter = endTagFinder(html);
  let out = '';
  let from = 0;
  for (const region of regions) {
    // A code element the parser placed inside an earlier listing's text is part of that text.
    if (region.start < from) continue;
    const end = Math.max(region.start, endTagAfter(region.tag, region.start) ?? region.parsedEnd);
    out += html.slice(from, region.start) + escapeCodeRegion(html.slice(region.start, end), region.tag);
    from = end;
  }
  return out + html.slice(from);
}

// The outermost HTML `<pre>` and `<code>` elements, in source order. Foreign content (`<svg>`, `<math>`)
// and `<template>` contents are stripped whole later, so they are not looked into.
function codeRegions(fragment: ParentNode): CodeRegion[] {
  const regions: CodeRegion[] = [];
  const stack: ParentNode[] = [fragment];
  while (stack.length > 0) {
    const parent = stack.pop() as ParentNode;
    for (const child of parent.childNodes) {
      if (!('tagName' in child) || child.namespaceURI !== HTML_NAMESPACE) continue;
      const location = child.sourceCodeLocation;
      if ((child.tagName === 'pre' || child.tagName === 'code') && location?.startTag !== undefined) {
        regions.push({ tag: child.tagName, start: location.startTag.endOffset, parsedEnd: location.endTag?.startOffset ?? location.endOffset });
      } else stack.push(child);
    }
  }
  return regions.sort((a, b) => a.start - b.start);
}

// Searches in ascending order of `from` reuse the last answer, so thousands of `<code>` closed only
// by their paragraph (`<p><code>a</p>`) do not each scan to the end of the body.
function endTagFinder(html: string): (tag: 'pre' | 'code', from: number) => number | undefined {
  const last = { pre: { from: Infinity, at: undefined as number | undefined }, code: { from: Infinity, at: undefined as number | undefined } };
  return (tag, from) => {
    const known = last[tag];
    if (from >= known.from && (known.at === undefined || from <= known.at)) return known.at;
    last[tag] = { from, at: endTagOffset(html, tag, from) };
    return last[tag].at;
  };
}

function endTagOffset(html: string, tag: 'pre' | 'code', from: number): number | undefined {
  const pattern = END_TAG_OF[tag];
  pattern.lastIndex = from;
  return pattern.exec(html)?.index;
}
