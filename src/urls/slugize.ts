import { DIACRITIC_REPLACEMENTS } from './diacritics.ts';

/** Hexo's `filename_case`: 0 keeps the case, 1 lower-cases, 2 upper-cases. */
export type SlugCase = 0 | 1 | 2;

// ASCII punctuation and white space: each run becomes one `-` (hexo-util's rSpecial).
const SPECIAL_RUNS = /[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/]+/g;

/**
 * Hexo's `slugize` (hexojs/hexo-util lib/slugize.ts), to the character: the
 * category and tag URLs (and `:post_title`, `:category`) of a Hexo site are
 * made with it, and a moved site must keep them. Letters of hexo-util's
 * diacritics table are replaced (`Café` → `Cafe`, `Æ` → `AE`; see
 * diacritics.ts), C0 control characters dropped, each run of ASCII
 * punctuation and white space made one `-`, and `-` trimmed from both ends.
 * CJK and other letters are kept as they are. May return `''`.
 *
 * @param text the name to slugize.
 * @param transform Hexo's `filename_case` (default: `0`, the case kept).
 */
export function slugize(text: string, transform: SlugCase = 0): string {
  const slug = text
    // hexo-util's escapeDiacritic: one UTF-16 unit at a time, everything but ASCII (0x00–0x7E) looked up.
    .replace(/[^\u0000-\u007e]/g, (unit) => DIACRITIC_REPLACEMENTS.get(unit) ?? unit)
    .replace(/[\u0000-\u001f]/g, '')
    .replace(SPECIAL_RUNS, '-')
    .replace(/^-+|-+$/g, '');
  return transform === 1 ? slug.toLowerCase() : transform === 2 ? slug.toUpperCase() : slug;
}
