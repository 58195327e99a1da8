/**
 * One post as read from the content folder: front matter validated and
 * normalized, body still the untrusted HTML (or text) the bot wrote.
 */
export interface ArticleSource {
  /** Path under the content folder, POSIX separators, e.g. `2021/storm.md`. */
  readonly source: string;
  /** Absolute path of the file. */
  readonly sourcePath: string;
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
  readonly author: string | undefined;
  /** Cover image URL as written (`cover`, else `headimg`, else `thumbnail`). */
  readonly cover: string | undefined;
  /** Public URL path, percent-encoded, starting and ending with `/`: `/2021/10/19/storm/`. */
  readonly url: string;
  /** File written for it, relative to the output folder: `2021/10/19/storm/index.html`. */
  readonly outputPath: string;
  /** `html` for markup; `text` for bodies with no tags at all (one paragraph per line). */
  readonly bodyFormat: 'html' | 'text';
  /** The body, untrusted. */
  readonly body: string;
  /** 1-based line of the raw file where the body starts (to map body diagnostics). */
  readonly bodyLine: number;
}
