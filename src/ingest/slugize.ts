/**
 * Hexo's `slugize` (hexojs/hexo-util lib/slugize.ts), used for `:post_title`
 * and `:category` so URLs match a Hexo site's: Latin diacritics removed,
 * control characters dropped, runs of spaces and ASCII punctuation become one
 * `-`, leading and trailing `-` trimmed. CJK text is kept as is.
 *
 * @param text the text to slugize.
 * @param lowerCase lower-case the result, as Hexo's `transform: 1` (default: `false`).
 */
export function slugize(text: string, lowerCase = false): string {
  const slug = text
    .normalize('NFD')
    // Only Latin combining diacritics (U+0300–U+036F); kana voicing marks must survive NFD→NFC.
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f]/g, '')
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return lowerCase ? slug.toLowerCase() : slug;
}
