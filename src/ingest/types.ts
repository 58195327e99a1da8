/** How a body is written: `html` (what the bots write), `markdown` (hand-written posts, rendered as Hexo's hexo-renderer-marked does) or `text` (no tags at all: one paragraph per line). */
export type BodyFormat = 'html' | 'markdown' | 'text';

/**
 * One post as read from the content folder: front matter validated and
 * normalized, body still the untrusted HTML (or text) the bot wrote.
 */
export interface ArticleSource {
  /** Path under the content folder, POSIX separators, e.g. `2021/storm.md`. */
  readonly source: string;
  /** Absolute path of the file. */
  readonly sourcePath: string;
  /** Path under its own folder (the posts', drafts' or source folder): `about/index.md` for the page `../about/index.md`. */
  readonly name: string;
  /** sha256 (hex) of the raw bytes, for caching. */
  readonly contentHash: string;
  /** Title as written (plain text; never markup, never a template). */
  readonly title: string;
  /** Publication instant, ISO 8601 with the site timezone's offset, e.g. `2021-10-19T08:49:00+08:00`. */
  readonly date: string;
  /** Milliseconds since the epoch of `date`, for sorting. */
  readonly timestamp: number;
  /** Last update (`updated` key), same format as `date`, when given. */
  readonly updated: string | undefined;
  /** Category hierarchies, each a path from the top, e.g. `[["新媒体", "ZAKER", "source"]]`. */
  readonly categories: readonly (readonly string[])[];
  readonly tags: readonly string[];
  /**
   * `post` for a file of the posts folder (listed, in feeds, archives and
   * search); `page` for a Hexo page (`source/about/index.md` → `/about/`):
   * rendered with the page layout and in the sitemap, but in no listing or feed.
   */
  readonly kind: 'post' | 'page';
  /** `excerpt:` from the front matter: shown on listings and in feed summaries instead of the body's start. */
  readonly excerpt: string | undefined;
  /** `description:` from the front matter: the page's meta description. */
  readonly description: string | undefined;
  /** `link:` (Hexo's link post): the story's source URL, shown as the source link. */
  readonly link: string | undefined;
  /** `sticky:` (hexo-generator-index): higher numbers first on the home page; 0 when not pinned. */
  readonly sticky: number;
  /** `lang:`: the page's language, when it is not the site's. */
  readonly lang: string | undefined;
  readonly author: string | undefined;
  /** Cover image URL as written (`cover`, else `headimg`, else `thumbnail`); none when it is a placeholder (config `content.placeholderCovers`). */
  readonly cover: string | undefined;
  /** Public URL path, percent-encoded, starting and ending with `/`: `/2021/10/19/storm/`. */
  readonly url: string;
  /** File written for it, relative to the output folder: `2021/10/19/storm/index.html`. */
  readonly outputPath: string;
  /** How the body is written (see {@link BodyFormat}). */
  readonly bodyFormat: BodyFormat;
  /** The body, untrusted. */
  readonly body: string;
  /** 1-based line of the raw file where the body starts (to map body diagnostics). */
  readonly bodyLine: number;
}
