/** What the publisher keeps of scraped content (config `content`). */
export interface ContentConfig {
  /** Links made plain text: `host[/path-start]`, `*.` for subdomains. */
  readonly unwrapLinks: readonly string[];
  /** Image hosts (same form) that are never a post's cover. */
  readonly placeholderCovers: readonly string[];
  /** Source lines kept where site footers are removed: text, or `/regex/`. */
  readonly keepLines: readonly string[];
  /** Paragraphs removed: text, or `/regex/`. */
  readonly promoLines: readonly string[];
  /** Author values that name a source rather than a person. */
  readonly sourceNames: readonly string[];
  /** Listings leave out the non-canonical copies of a story. */
  readonly hideDuplicates: boolean;
}

/** Image re-hosting settings, resolved. */
export interface ImagesConfig {
  readonly widths: readonly number[];
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxPixels: number;
  readonly offline: boolean;
  /** Try failed downloads again without waiting for their retry time. */
  readonly retryFailed: boolean;
  /** What a page shows for an image that could not be re-hosted. */
  readonly onFailure: 'link' | 'drop';
  readonly allowHosts: readonly string[];
}

/** The folders of the site's own listings, as Hexo's `category_dir`, `tag_dir`, `archive_dir` and `pagination_dir` name them. */
export interface ListingDirs {
  /** (default: `categories`) */
  readonly categories: string;
  /** (default: `tags`) */
  readonly tags: string;
  /** (default: `archives`) */
  readonly archives: string;
  /** Page 2 of a listing is `<listing>/<pagination>/2/` (default: `page`). */
  readonly pagination: string;
}

/** How names become URL segments, as Hexo makes category and tag slugs. */
export interface SlugConfig {
  /** Category name → slug (Hexo's `category_map`; default: none). */
  readonly categoryMap: Readonly<Record<string, string>>;
  /** Tag name → slug (Hexo's `tag_map`; default: none). */
  readonly tagMap: Readonly<Record<string, string>>;
  /** Hexo's `filename_case`: 0 keeps case, 1 lower-cases, 2 upper-cases slugs (default: 0). */
  readonly caseTransform: 0 | 1 | 2;
}

/** What was learnt from a Hexo blog's `_config.yml`, to say so before building. */
export interface HexoBlog {
  readonly configFile: string;
  /** Its top-level keys wirepress does not use. */
  readonly unusedKeys: readonly string[];
  /** `timezone` was empty: the machine's zone was taken, as Hexo does. */
  readonly zoneFromMachine: boolean;
}

/**
 * The resolved site configuration: defaults, then the config file, then CLI
 * flags. Folder paths are absolute.
 */
export interface SiteConfig {
  readonly title: string;
  /** Hexo's `subtitle`, shown under the title (default: ""). */
  readonly subtitle: string;
  readonly description: string;
  /** The site's author (Hexo's `author`): feeds, and articles that name none (default: none). */
  readonly author: string | undefined;
  /** Absolute, always ending in `/`. */
  readonly baseUrl: string;
  readonly language: string;
  /** The zone of URLs' dates, archive months and shown dates. */
  readonly timezone: string;
  /**
   * The zone of dates written without an offset: `timezone`, except in a
   * Hexo blog whose `timezone` is empty, where Hexo reads them as UTC
   * (js-yaml's timestamps) and shows them in the machine's zone
   * (tests/fixtures/hexo/machine-zone).
   */
  readonly dateTimeZone: string;
  readonly permalink: string;
  /** How a post's file is named (Hexo's `new_post_name`): see parsePostFileName. */
  readonly newPostName: string;
  /** Values for permalink tokens a post does not set (Hexo's `permalink_defaults`). */
  readonly permalinkDefaults: Readonly<Record<string, string>>;
  /** The `:category` of a post with none (Hexo's `default_category`). */
  readonly defaultCategory: string;
  /** How `:abbrlink` is made (hexo-abbrlink's `alg` and `rep`). */
  readonly abbrlink: { readonly alg: 'crc16' | 'crc32'; readonly rep: 'hex' | 'dec' };
  /** Publish posts dated after the build starts (Hexo's `future`). */
  readonly future: boolean;
  /** Articles per listing page; 0 puts a whole listing on one page (Hexo's `per_page`). */
  readonly pageSize: number;
  /** Articles per home page; 0 puts them all on one (Hexo's `index_generator.per_page`; default: `pageSize`). */
  readonly homePageSize: number;
  /**
   * How listings' numbered pages are counted: `anchored` from the oldest
   * (page 1 holds the oldest articles, a full page never changes, so a new
   * post re-renders a handful of pages), `newest` from the newest as Hexo
   * does (every new post moves every page).
   */
  readonly pagination: 'anchored' | 'newest';
  readonly dirs: ListingDirs;
  readonly slugs: SlugConfig;
  /**
   * Hexo's `pretty_urls`: `trailingHtml: false` drops `.html` from URLs
   * (default: true; files keep it). `trailingIndex` is accepted and has
   * nothing to do: a folder's URL never ends in `index.html` here.
   */
  readonly prettyUrls: { readonly trailingIndex: boolean; readonly trailingHtml: boolean };
  readonly proxyPrefixes: readonly string[];
  /** The posts. */
  readonly contentDir: string;
  /**
   * A Hexo blog's source folder: its other `.md`/`.html` files are pages,
   * every other file is copied as it is (undefined for a wirepress site).
   */
  readonly sourceDir: string | undefined;
  /** Drafts, read when `drafts` is set (undefined when there are none). */
  readonly draftsDir: string | undefined;
  readonly drafts: boolean;
  /** Globs, relative to the source folder: files left out (Hexo's `exclude` and `ignore`). */
  readonly exclude: readonly string[];
  /** Globs of `.`/`_` files read all the same (Hexo's `include`). */
  readonly include: readonly string[];
  /** Globs of source files copied rather than rendered (Hexo's `skip_render`). */
  readonly skipRender: readonly string[];
  readonly outDir: string;
  readonly cacheDir: string;
  /** The Nunjucks templates (wirepress's own `templates/`). */
  readonly templatesDir: string;
  /** Static files copied as they are (wirepress's own `public/`). */
  readonly publicDir: string;
  /** The site's own templates, shadowing the built-in ones file by file, when it has some. */
  readonly ownTemplatesDir: string | undefined;
  /** The site's own static files, copied over the built-in ones, when it has some. */
  readonly ownPublicDir: string | undefined;
  /** Sources added to the Content-Security-Policy, by directive. */
  readonly csp: { readonly scriptSrc: readonly string[]; readonly frameSrc: readonly string[]; readonly connectSrc: readonly string[]; readonly styleSrc: readonly string[] };
  readonly strict: boolean;
  /** What makes the exit code 1 (see the schema's `failOn`). */
  readonly failOn: 'error' | 'warning' | 'never';
  readonly images: ImagesConfig;
  readonly content: ContentConfig;
  /** Every config file read, Hexo's first. */
  readonly configFiles: readonly string[];
  /** Set when the site is a Hexo blog (a `_config.yml` was read). */
  readonly hexo: HexoBlog | undefined;
  /** The project root: the config file's folder, else the working directory. */
  readonly rootDir: string;
}
