import { warningAt, type Diagnostic } from '../report/diagnostic.ts';

/**
 * Front-matter keys wirepress reads, and the Hexo keys that feed bots and
 * Hexo themes write which it ignores on purpose. Every real post carries
 * `comments`, `headimg` and `thumbnail` (../shared/corpus/README.md); the
 * rest are Hexo's documented front matter (hexo.io/docs/front-matter) and the
 * keys of common themes (Butterfly, NexT, Fluid, Icarus).
 */
export const KNOWN_FRONT_MATTER_KEYS: ReadonlySet<string> = new Set([
  // Read by wirepress.
  'title', 'date', 'updated', 'categories', 'category', 'tags', 'tag', 'author', 'cover', 'headimg', 'thumbnail',
  'slug', 'permalink', 'id', 'draft', 'published', 'format', 'abbrlink',
  // Hexo core.
  'comments', 'layout', 'excerpt', 'disableNunjucks', 'lang', 'language', 'description', 'keywords', 'photos', 'link',
  'sticky', 'top', 'toc', 'mathjax', 'katex', 'copyright', 'sitemap', 'hidden', 'index',
  // Themes.
  'banner', 'banner_img', 'index_img', 'top_img', 'cover_image', 'thumbnail_image', 'image', 'img', 'summary',
  'subtitle', 'reward', 'share', 'pin', 'aside', 'highlight_shrink', 'type', 'source', 'original', 'meta',
]);

/**
 * With `--strict`, one `ingest/unknown-key` warning per top-level key that
 * wirepress neither reads nor knows as a Hexo key, naming the key and its
 * line: a misspelt `titel:` is otherwise silently ignored. Without strict,
 * unknown keys are ignored quietly (the bots add theme keys freely).
 *
 * @param source the post's path under the content folder.
 * @param data the parsed front matter.
 * @param lineOf the 1-based line of a top-level key (the opening `---` when not found).
 */
export function findUnknownKeys(source: string, data: Record<string, unknown>, lineOf: (key: string) => number): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const key of Object.keys(data)) {
    if (KNOWN_FRONT_MATTER_KEYS.has(key)) continue;
    // The key is untrusted text: keep the message short and on one line.
    const shown = key.length > 60 ? `${key.slice(0, 60)}…` : key;
    diagnostics.push(
      warningAt(source, 'ingest/unknown-key', `unknown front-matter key \`${shown}\`; it was ignored`, {
        line: lineOf(key),
        hint: 'Check the spelling (keys read: title, date, updated, categories, tags, author, cover, slug, permalink), or remove the key.',
      }),
    );
  }
  return diagnostics;
}
