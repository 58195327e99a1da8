import type { MarkdownIt, StateCore, Token } from 'markdown-it';

/**
 * markdown-it plugin applying hexo-renderer-marked's `smartypants` (its
 * default is on, with `quotes: '“”‘’'`) to the text of every inline run:
 * `---` → —, `--` → –, `...` → …, and straight quotes to curly ones by
 * what precedes them. It is marked's regex substitution, not markdown-it's
 * typographer, on purpose: that one pairs quotes, turns `..` and `......`
 * into a single …, and adds ©, ™, ± — not what a Hexo site shows (Chinese
 * `......` must stay two ellipses). Code, raw HTML and autolinked URLs are
 * other token types or skipped, as marked skips them.
 */
export function markdownSmartypants(md: MarkdownIt): void {
  // Before text_join, so escaped characters (`\"`, text_special tokens) stay straight, as in marked.
  md.core.ruler.before('text_join', 'hexo_smartypants', (state: StateCore) => {
    for (const block of state.tokens) {
      if (block.type === 'inline' && block.children) smartenChildren(block.children);
    }
  });
}

function smartenChildren(children: Token[]): void {
  let inAutolink = false;
  for (const token of children) {
    if (token.type === 'link_open' && token.info === 'auto') inAutolink = true;
    else if (token.type === 'link_close' && token.info === 'auto') inAutolink = false;
    else if (token.type === 'text' && !inAutolink) token.content = smartypants(token.content);
  }
}

/** marked's smartypants (marked src/Lexer.js before v8, as hexo-renderer-marked keeps it). */
export function smartypants(text: string): string {
  return text
    .replace(/---/g, '\u2014')
    .replace(/--/g, '\u2013')
    .replace(/(^|[-\u2014/([{"\s])'/g, '$1\u2018')
    .replace(/'/g, '\u2019')
    .replace(/(^|[-\u2014/([{\u2018\s])"/g, '$1\u201c')
    .replace(/"/g, '\u201d')
    .replace(/\.{3}/g, '\u2026');
}
