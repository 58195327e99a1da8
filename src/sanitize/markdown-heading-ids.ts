import type { MarkdownIt, RendererRule } from 'markdown-it';
import { slugize } from '../urls/index.ts';

/**
 * markdown-it plugin giving headings the ids and anchor links of
 * hexo-renderer-marked (lib/renderer.js, `heading`, with its defaults
 * `headerIds: true`, `modifyAnchors: 0`, `anchorAlias: false`):
 *
 *     <h2 id="Install"><a href="#Install" class="headerlink" title="Install"></a>Install</h2>
 *
 * The id is Hexo's `slugize` of the heading's text (case kept); a repeated
 * id gets `-1`, `-2`… in the order the headings come. The sanitizer later
 * prefixes the id and every `#…` link to it alike, so both keep meeting.
 */
export function markdownHeadingIds(md: MarkdownIt): void {
  const headingOpen: RendererRule = (tokens, idx, options, env: { headingIds?: Map<string, number> }, self) => {
    const open = tokens[idx];
    const inline = tokens[idx + 1];
    if (open === undefined || inline?.type !== 'inline') return self.renderToken(tokens, idx, options);
    const html = self.renderInline(inline.children ?? [], options, env);
    // One count per render: `env` is new for each body.
    const seen = (env.headingIds ??= new Map<string, number>());
    let id = anchorId(html);
    const count = seen.get(id);
    if (count === undefined) seen.set(id, 1);
    else {
      seen.set(id, count + 1);
      id = `${id}-${count}`;
    }
    const title = stripHtml(html).replace(/"/g, '&quot;');
    return `<${open.tag} id="${id}"><a href="#${id}" class="headerlink" title="${title}"></a>`;
  };
  md.renderer.rules.heading_open = headingOpen;
}

// hexo-renderer-marked's `anchorId`: slugize(stripHTML(unescapeHTML(text)).trim()), on the rendered inline HTML.
function anchorId(html: string): string {
  return slugize(stripHtml(unescapeHtml(html)).trim());
}

// hexo-util's unescapeHTML: only the references its escapeHTML writes.
const ESCAPED: Record<string, string> = {
  '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x2F;': '/', '&#x60;': '`', '&#x3D;': '=',
};

function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|#x2F|#x60|#x3D);/g, (ref) => ESCAPED[ref] ?? ref);
}

// hexo-util's stripHTML removes tags and comments and keeps the text between them.
function stripHtml(html: string): string {
  return html.replace(/<!--[\s\S]*?-->|<\/?[a-zA-Z][^>]*>/g, '');
}
