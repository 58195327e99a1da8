import MarkdownIt from 'markdown-it';
import type { StateCore } from 'markdown-it';
import { markdownDescriptionLists } from './markdown-description-lists.ts';
import { markdownHeadingIds } from './markdown-heading-ids.ts';
import { markdownSmartypants } from './markdown-smartypants.ts';

let parser: MarkdownIt | undefined;

/**
 * Renders a Markdown body to HTML as a Hexo site with hexo-renderer-marked
 * and its default options shows it (hexojs/hexo-renderer-marked index.js):
 *
 * - `gfm: true`: tables (with `align` on cells, as marked writes),
 *   `~~strikethrough~~` as `<del>`, fenced code as
 *   `<pre><code class="language-js">`;
 * - `breaks: true`: a newline inside a paragraph is a `<br>`;
 * - `autolink: true`: bare `http(s)://…` and `www.…` URLs and e-mail
 *   addresses become links (marked's GFM autolinks; not `example.com`);
 * - `smartypants: true`: see markdownSmartypants;
 * - `headerIds: true`, `modifyAnchors: 0`: see markdownHeadingIds;
 * - `descriptionLists: true`: see markdownDescriptionLists;
 * - raw HTML passes through (marked has no `html` switch).
 *
 * The output is untrusted: raw HTML is kept as written, and the sanitizer
 * that runs next is what makes it safe. markdown-it's own link check stays
 * on, so `[x](javascript:…)` is no link even before that.
 *
 * @param markdown the body as written.
 */
export function renderMarkdown(markdown: string): string {
  parser ??= createParser();
  // A fresh env per body: the heading-id counts live there.
  return parser.render(markdown, {});
}

function createParser(): MarkdownIt {
  const md = new MarkdownIt('default', { html: true, linkify: true, breaks: true, typographer: false, langPrefix: 'language-' });
  keepGfmAutolinks(md);
  md.core.ruler.push('hexo_table_align', alignTableCells);
  // marked writes `~~struck~~` as `<del>`, markdown-it as `<s>`.
  md.renderer.rules.s_open = () => '<del>';
  md.renderer.rules.s_close = () => '</del>';
  md.use(markdownSmartypants).use(markdownHeadingIds).use(markdownDescriptionLists);
  return md;
}

// linkify-it also links bare host names with a known top-level domain, so `README.md`
// (Moldova) would become http://README.md; GFM, and so Hexo, only links `www.` names.
function keepGfmAutolinks(md: MarkdownIt): void {
  const match = md.linkify.match.bind(md.linkify);
  md.linkify.match = (text: string) => match(text)?.filter((link) => link.schema !== '' || /^www\./i.test(link.raw)) ?? null;
}

// markdown-it aligns cells with `style="text-align:…"`, which the sanitizer drops; marked writes `align="…"`.
function alignTableCells(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;
    const align = /^text-align:(left|right|center)$/.exec(token.attrGet('style') ?? '')?.[1];
    if (align === undefined) continue;
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    token.attrSet('align', align);
  }
}
