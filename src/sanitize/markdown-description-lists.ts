import type { MarkdownIt, RendererRule } from 'markdown-it';

// hexo-renderer-marked's rDlSyntax, allowing the newline markdown-it writes after `<br>` (marked writes none).
const DL_SYNTAX = /(?:^|\s)(\S.+)<br>\n?:\s+(\S.+)/;

/**
 * markdown-it plugin for hexo-renderer-marked's description lists (its
 * default `descriptionLists: true`): a paragraph whose rendered text holds
 * `Term<br>: Definition` (the source `Term` newline `: Definition`, with
 * `breaks` on) becomes `<dl><dt>Term</dt><dd>Definition</dd></dl>`, and
 * loses its `<p>`, as marked's `paragraph` renderer does.
 */
export function markdownDescriptionLists(md: MarkdownIt): void {
  const paragraphOpen: RendererRule = (tokens, idx, options, env, self) => {
    const inline = tokens[idx + 1];
    const close = tokens[idx + 2];
    // Paragraphs of tight lists are hidden; marked renders no paragraph there either.
    if (tokens[idx]?.hidden || inline?.type !== 'inline' || close === undefined || !inline.content.includes('\n:')) {
      return self.renderToken(tokens, idx, options);
    }
    const html = self.renderInline(inline.children ?? [], options, env);
    if (!DL_SYNTAX.test(html)) return self.renderToken(tokens, idx, options);
    // The paragraph's content and end are written here; the renderer then meets nothing to write.
    inline.children = [];
    close.hidden = true;
    return `${html.replace(DL_SYNTAX, '<dl><dt>$1</dt><dd>$2</dd></dl>')}\n`;
  };
  md.renderer.rules.paragraph_open = paragraphOpen;
}
