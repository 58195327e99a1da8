import type { MarkdownIt, RendererRule } from 'markdown-it';

// hexo-renderer-marked's rDlSyntax, `(?:^|\s)(\S.+)<br>\n?:\s+(\S.+)`, allowing the newline markdown-it
// writes after `<br>` (marked writes none). Its match starts at the first word of a line (`.` stops at a
// newline), so it is tried there alone: tried at every space, a long line was very slow.
const DL_AT_LINE = /^([ \t]*)(\S.+)<br>\n?:\s+(\S.+)/;

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
    const list = toDescriptionList(html);
    if (list === undefined) return self.renderToken(tokens, idx, options);
    // The paragraph's content and end are written here; the renderer then meets nothing to write.
    inline.children = [];
    close.hidden = true;
    return `${list}\n`;
  };
  md.renderer.rules.paragraph_open = paragraphOpen;
}

/** The paragraph's HTML with its first `Term<br>: Definition` made a `<dl>`, or undefined when it has none. */
function toDescriptionList(html: string): string | undefined {
  for (let lineStart = 0; lineStart < html.length; ) {
    const lineEnd = html.indexOf('\n', lineStart);
    const end = lineEnd < 0 ? html.length : lineEnd;
    if (html.lastIndexOf('<br>', end) >= lineStart) {
      const match = DL_AT_LINE.exec(html.slice(lineStart));
      if (match) return `${html.slice(0, lineStart)}${match[1]}<dl><dt>${match[2]}</dt><dd>${match[3]}</dd></dl>${html.slice(lineStart + match[0].length)}`;
    }
    if (lineEnd < 0) break;
    lineStart = lineEnd + 1;
  }
  return undefined;
}
