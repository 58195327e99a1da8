/**
 * Finds the line of a top-level front-matter key in a post's text, so a
 * diagnostic can point at it (Astro reports the line of the failing key the
 * same way). Plain string scanning, no backtracking regex: front matter is
 * untrusted and lines can be long.
 *
 * @param lines the post's lines (after decoding; line 1 is `lines[0]`).
 * @param firstLine 1-based line where the YAML starts (after the opening `---`).
 * @param lastLine 1-based line of the closing `---`.
 * @param key the top-level key, e.g. `date`.
 * @returns the 1-based line, or `undefined` when the key is not written at
 *   the top level (for example when it came from a YAML merge).
 */
export function findKeyLine(lines: readonly string[], firstLine: number, lastLine: number, key: string): number | undefined {
  for (let line = firstLine; line < lastLine; line += 1) {
    if (keyOfLine(lines[line - 1] ?? '') === key) return line;
  }
  return undefined;
}

/** The top-level key a line starts, unquoted: `"a b": 1` → `a b`; `undefined` for indented, comment or list lines. */
function keyOfLine(text: string): string | undefined {
  const first = text[0];
  if (first === undefined || first === ' ' || first === '\t' || first === '#' || first === '-') return undefined;
  if (first === '"' || first === "'") {
    const close = text.indexOf(first, 1);
    if (close < 0 || !/^\s*:(?:\s|$)/.test(text.slice(close + 1, close + 40))) return undefined;
    return text.slice(1, close);
  }
  const colon = /:(?:\s|$)/.exec(text);
  return colon ? text.slice(0, colon.index).trimEnd() : undefined;
}

/**
 * The text written after `key:` on its line, without a trailing comment or
 * quotes: `title: 1.50  # price` → `1.50`. Lets a title YAML read as a number
 * keep the digits as written.
 */
export function scalarTextOnLine(lineText: string): string {
  const colon = lineText.indexOf(':');
  let value = colon < 0 ? '' : lineText.slice(colon + 1).trim();
  const comment = value.search(/\s#/);
  if (comment >= 0) value = value.slice(0, comment).trimEnd();
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length > 1 && value.endsWith(quote)) value = value.slice(1, -1);
  return value;
}
