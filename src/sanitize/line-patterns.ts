/** True when a line of text is one that a list of {@link lineMatcher} patterns names. */
export type LineTest = (text: string) => boolean;

/**
 * Compiles the line patterns of config `content` (`keepLines`,
 * `promoLines`): a text found anywhere in the line, or a regular
 * expression between slashes (`/^关注.{0,20}公众号/`, compiled with the
 * `u` flag). Texts are compared with the line in NFKC, case and runs of
 * whitespace ignored, so `来源：` also finds `来源:` and `本文 来源` finds
 * `本文  来源`; a regular expression sees the line with runs of whitespace
 * made one space and the ends trimmed (so `^` is where the words start).
 * A pattern that does not compile is ignored (the config schema rejects
 * those; this never throws).
 *
 * @param patterns as written in the config.
 */
export function lineMatcher(patterns: readonly string[]): LineTest {
  const texts: string[] = [];
  const expressions: RegExp[] = [];
  for (const pattern of patterns) {
    const expression = isExpression(pattern) ? compile(pattern.slice(1, -1)) : undefined;
    if (expression) expressions.push(expression);
    else if (!isExpression(pattern) && foldText(pattern) !== '') texts.push(foldText(pattern));
  }
  if (texts.length === 0 && expressions.length === 0) return () => false;
  return (text) => {
    const line = collapseSpaces(text);
    if (line === '') return false;
    if (expressions.some((expression) => expression.test(line))) return true;
    if (texts.length === 0) return false;
    const folded = foldText(line);
    return texts.some((t) => folded.includes(t));
  };
}

function isExpression(pattern: string): boolean {
  return pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/');
}

function compile(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function foldText(text: string): string {
  return collapseSpaces(text.normalize('NFKC')).toLowerCase();
}
