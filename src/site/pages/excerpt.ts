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
  const end = afterCodePoints(collapsed, length);
  if (end === collapsed.length) return text.length <= SCAN_LIMIT ? collapsed : `${collapsed}…`;
  return `${collapsed.slice(0, end).trimEnd()}…`;
}

/**
 * Where the first `count` code points of `text` end (a lone surrogate
 * counts as one), or `text.length` when it has no more than that: the
 * excerpt of every article of every listing, without an array of its
 * characters (a tenth of a plan's time at 10,000 posts:
 * bench/results/2026-12-04-issue-23-session8-memory.json).
 */
function afterCodePoints(text: string, count: number): number {
  let at = 0;
  for (let seen = 0; at < text.length; seen++) {
    if (seen === count) return at;
    const unit = text.charCodeAt(at);
    const next = text.charCodeAt(at + 1);
    at += unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return text.length;
}
