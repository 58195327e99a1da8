/** Characters of body text shown under a title in listings (default of {@link makeExcerpt}). */
export const EXCERPT_LENGTH = 120;

// Bodies reach 75 KB (../shared/corpus/README.md); only a prefix is needed,
// generous enough to swallow runs of 140 spaces (Axis Studios posts).
const SCAN_LIMIT = 4096;

/**
 * The first `length` characters of an article's plain text, whitespace
 * collapsed, cut between code points (never inside a surrogate pair) and
 * ending in `…` when cut.
 *
 * @param text plain text of the body.
 * @param length maximum number of characters before the ellipsis (default: 120).
 */
export function makeExcerpt(text: string, length = EXCERPT_LENGTH): string {
  const collapsed = text.slice(0, SCAN_LIMIT).replace(/\s+/g, ' ').trim();
  const chars = Array.from(collapsed.slice(0, length * 2 + 2));
  // Fewer characters than the slice could hold means the slice is all of `collapsed`.
  if (chars.length <= length) return text.length <= SCAN_LIMIT ? collapsed : `${collapsed}…`;
  return `${chars.slice(0, length).join('').trimEnd()}…`;
}
