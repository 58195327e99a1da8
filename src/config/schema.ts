import { z } from 'zod';

/**
 * The proxy prefixes seen in the real posts: the bot hot-links every image
 * through this CORS proxy, followed by the plain, unencoded origin URL
 * (../shared/corpus/README.md, "Images").
 */
export const DEFAULT_PROXY_PREFIXES = ['https://cors.zfour.workers.dev/?'];

/**
 * 36kr links company names to its entity pages (on `36kr.com`, `www.36kr.com`
 * and `pitchhub.36kr.com`); cnBeta's shop links go through the duomai and pvxt
 * trackers (`c.duomai.com/track.php`, `microsoft.pvxt.net`).
 */
const DEFAULT_UNWRAP_LINKS = ['*.36kr.com/project/', '*.36kr.com/organization/', '*.duomai.com', '*.pvxt.net'];

/**
 * Services that answer every request with a random or blank picture: the bot's
 * header image is `https://picsum.photos/400/300?random=83` (10 of the 54 real
 * posts), which redirects to `fastly.picsum.photos`.
 */
const DEFAULT_PLACEHOLDER_COVERS = ['*.picsum.photos', 'source.unsplash.com', 'placehold.co', 'placehold.it', '*.placeholder.com', 'dummyimage.com', 'loremflickr.com', 'placekitten.com'];

/** Lines that credit the story's source: what a republisher must keep. */
const DEFAULT_KEEP_LINES = ['转载请注明出处', '本文来源', '本文来自', '文章来源', '原文链接', '原文地址', '原标题', '来源：'];

/**
 * A short line that asks readers to follow an account (`关注“博云”公众号加入FabEdge微信交流群`
 * under a Dockone post). Anchored and short, so a news sentence about an account stays.
 */
const DEFAULT_PROMO_LINES = ['/^关注.{0,20}公众号.{0,30}$/'];

/** The feeds and sites of the real posts, as the bot writes them in `author`. */
const DEFAULT_SOURCE_NAMES = ['ZAKER', 'IT 之家', 'cnBeta', '3DMGame', '快科技', '快科技（原驱动之家）', '驱动之家', '36kr', '36氪', 'Dockone', '人人都是产品经理', '少数派', 'DT 财经', 'Bangumi', 'Eventernote', '开眼', '美团技术团队', 'AI 研习社', 'Axis Studios', '新华社'];

const imagesSchema = z
  .object({
    /** Widths of the resized variants, in CSS pixels (default: 480, 960, 1440). */
    widths: z.array(z.number().int().min(16).max(8192)).min(1).default([480, 960, 1440]),
    /** Parallel downloads (default: 8). */
    concurrency: z.number().int().min(1).max(64).default(8),
    /** Per-request timeout in milliseconds (default: 15000). */
    timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
    /** Largest accepted download in bytes, counted after decoding (default: 20 MiB). */
    maxBytes: z.number().int().min(1024).default(20 * 1024 * 1024),
    /** Largest accepted image in pixels, width × height (default: 50 megapixels). */
    maxPixels: z.number().int().min(1).default(50_000_000),
    /** Make no network request at all; cached images are still used (default: false). */
    offline: z.boolean().default(false),
    /** Try again the images that failed before, without waiting for their retry time (default: false; `--retry-failed-images`). */
    retryFailed: z.boolean().default(false),
    /** What a page shows for an image that could not be re-hosted: `link` to its origin, or `drop` it (default: "link"). */
    onFailure: z.enum(['link', 'drop']).default('link'),
    /** Hosts that may be fetched even when they resolve to a private address (default: none). */
    allowHosts: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** A source a page may load from: a host (`*.disqus.com`), with its scheme and port when needed (`https://plausible.io`). */
const cspSource = z
  .string()
  .regex(/^(https?:\/\/)?(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i, 'a host such as "plausible.io", "*.disqus.com" or "https://www.googletagmanager.com"');

const cspSchema = z
  .object({
    /** Where scripts may come from besides the site (analytics, comments). */
    scriptSrc: z.array(cspSource).default([]),
    /** What may be framed (comment widgets, video players). */
    frameSrc: z.array(cspSource).default([]),
    /** Where scripts may send requests (analytics endpoints, comment APIs). */
    connectSrc: z.array(cspSource).default([]),
    /** Where stylesheets may come from besides the site (a comment widget's). */
    styleSrc: z.array(cspSource).default([]),
  })
  .strict();

/**
 * Where a link or an image points, as a user writes it in the config: a
 * host, `*.` for its subdomains too, and optionally the start of the path
 * (`*.duomai.com/track.php`, `36kr.com/project/`).
 */
const urlPattern = z
  .string()
  .regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i, 'a host with an optional path start, such as "36kr.com/project/" or "*.pvxt.net" (no scheme)');

/** A line of text: found anywhere in a paragraph, or a regular expression written between slashes (`/^关注.+公众号/`). */
const linePattern = z.string().min(1).refine(isValidLinePattern, 'a text, or a regular expression between slashes such as "/^扫码关注/" that JavaScript can compile');

/**
 * What the publisher keeps of what the bot scraped. The defaults are what
 * the sources of the real posts need (../shared/corpus/README.md).
 */
const contentSchema = z
  .object({
    /** Links to make plain text, their words kept whole: entity and affiliate links (default: 36kr's entity pages, duomai and pvxt trackers). */
    unwrapLinks: z.array(urlPattern).default(DEFAULT_UNWRAP_LINKS),
    /** Image hosts that serve random or placeholder pictures: never a post's cover (default: picsum.photos and its kind). */
    placeholderCovers: z.array(urlPattern).default(DEFAULT_PLACEHOLDER_COVERS),
    /** Lines naming the story's source, kept where site footers are removed (default: 转载请注明出处, 本文来源, 原文链接, …). */
    keepLines: z.array(linePattern).default(DEFAULT_KEEP_LINES),
    /** Lines to remove: promotions the sources append (default: a short line asking to follow a 公众号). */
    promoLines: z.array(linePattern).default(DEFAULT_PROMO_LINES),
    /**
     * Author values that name a feed, a site or an aggregator rather than a
     * person: the page says 来源 (source) for them. An author equal to one
     * of the post's categories (the bot files posts under their site) is a
     * source too. Compared ignoring case, spaces and full-width forms
     * (`IT之家` is `IT 之家`) (default: the sites of the real posts).
     */
    sourceNames: z.array(z.string().min(1)).default(DEFAULT_SOURCE_NAMES),
    /** Leave the other copies of a story out of listings, keeping the canonical one (default: false: listed, each marked). */
    hideDuplicates: z.boolean().default(false),
  })
  .strict();

const dirName = z.string().min(1).regex(/^[^/\\]+(?:\/[^/\\]+)*$/, 'a folder name such as "categories" (no leading or trailing slash)');

const dirsSchema = z
  .object({
    /** Category listings (default: "categories"). */
    categories: dirName.default('categories'),
    /** Tag listings (default: "tags"). */
    tags: dirName.default('tags'),
    /** Date archives (default: "archives"). */
    archives: dirName.default('archives'),
    /** Page 2 of a listing is `<listing>/<pagination>/2/` (default: "page"). */
    pagination: dirName.default('page'),
  })
  .strict();

/** What a user may write in `wirepress.config.yml`. Every key is optional. */
export const siteOptionsSchema = z
  .object({
    /** Site title (default: "wirepress"). */
    title: z.string().min(1).default('wirepress'),
    /** Shown under the title (default: ""). */
    subtitle: z.string().default(''),
    /** One-line description used in feeds and meta tags (default: ""). */
    description: z.string().default(''),
    /** The site's author: feeds, and articles that name none (default: none). */
    author: z.string().min(1).optional(),
    /** Absolute base URL the site is published under (default: "http://localhost:8080/"). */
    baseUrl: z.url({ protocol: /^https?$/ }).default('http://localhost:8080/'),
    /** BCP 47 language of the site (default: "zh-CN"). */
    language: z.string().min(2).default('zh-CN'),
    /** IANA timezone for dates written without an offset (default: "Asia/Shanghai"). */
    timezone: z
      .string()
      .refine(isKnownTimeZone, { message: 'unknown IANA timezone (e.g. "Asia/Shanghai", "UTC")' })
      .default('Asia/Shanghai'),
    /** IANA timezone of dates written without an offset, when not `timezone` (default: `timezone`; a Hexo blog whose `timezone` is empty: UTC, as Hexo reads them). */
    dateTimeZone: z
      .string()
      .refine(isKnownTimeZone, { message: 'unknown IANA timezone (e.g. "Asia/Shanghai", "UTC")' })
      .optional(),
    /** Article URL pattern with Hexo's tokens (default: ":year/:month/:day/:title/"). */
    permalink: z.string().min(1).default(':year/:month/:day/:title/'),
    /** How a post's file is named: its `:title` is the post's slug, a `:year-:month-:day` its date when it has none (Hexo's `new_post_name`; default: ":title.md"). */
    newPostName: z.string().min(1).default(':title.md'),
    /** Values for permalink tokens a post does not set (Hexo's `permalink_defaults`; default: none). */
    permalinkDefaults: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).default({}),
    /**
     * Hexo's `pretty_urls`: `trailingHtml: false` drops `.html` from URLs (default: true).
     * `trailingIndex` is read and has nothing to do: wirepress never prints a folder's `index.html`.
     */
    prettyUrls: z
      .object({ trailingIndex: z.boolean().default(true), trailingHtml: z.boolean().default(true) })
      .strict()
      .default({ trailingIndex: true, trailingHtml: true }),
    /** Articles per listing page; 0 puts a whole listing on one page (default: 10). */
    pageSize: z.number().int().min(0).max(100_000).default(10),
    /** Articles per home page; 0 puts them all on one (default: `pageSize`). */
    homePageSize: z.number().int().min(0).max(100_000).optional(),
    /** How listings' numbered pages are counted: `anchored` from the oldest (a full page never changes), `newest` from the newest as Hexo (default: anchored). */
    pagination: z.enum(['anchored', 'newest']).default('anchored'),
    /** Folders of the listings (default: categories, tags, archives, page). */
    dirs: dirsSchema.default(dirsSchema.parse({})),
    /** Category name → URL slug (default: none). */
    categoryMap: z.record(z.string(), z.string().min(1)).default({}),
    /** Tag name → URL slug (default: none). */
    tagMap: z.record(z.string(), z.string().min(1)).default({}),
    /** Slugs of categories and tags: 0 as written, 1 lower case, 2 upper case (Hexo's `filename_case`; default: 0). */
    filenameCase: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
    /** The `:category` of a post with none (default: "uncategorized"). */
    defaultCategory: z.string().min(1).default('uncategorized'),
    /** How `:abbrlink` is made, as hexo-abbrlink (default: crc16, dec). */
    abbrlink: z
      .object({ alg: z.enum(['crc16', 'crc32']).default('crc16'), rep: z.enum(['hex', 'dec']).default('dec') })
      .default({ alg: 'crc16', rep: 'dec' }),
    /** Publish posts dated in the future (default: true). */
    future: z.boolean().default(true),
    /** Also build the drafts folder (default: false; `--drafts`). */
    drafts: z.boolean().default(false),
    /** Globs (under the source folder) of files to leave out, as Hexo's `exclude` and `ignore` (default: none). */
    exclude: z.array(z.string().min(1)).default([]),
    /** Globs of hidden (`.`/`_`) files to read all the same, as Hexo's `include` (default: none). */
    include: z.array(z.string().min(1)).default([]),
    /** Globs of source files copied as they are rather than rendered, as Hexo's `skip_render` (default: none). */
    skipRender: z.array(z.string().min(1)).default([]),
    /** Prefixes of image proxies to strip from URLs (default: the proxy of the real posts). */
    proxyPrefixes: z.array(z.string().min(1)).default(DEFAULT_PROXY_PREFIXES),
    /** Posts folder, relative to the config file (default: "content"; a Hexo blog's "source/_posts"). */
    contentDir: z.string().min(1).default('content'),
    /** A Hexo blog's source folder: its pages and other files are published too (default: none). */
    sourceDir: z.string().min(1).optional(),
    /** Drafts folder, read with `drafts: true` (default: none; a Hexo blog's "source/_drafts"). */
    draftsDir: z.string().min(1).optional(),
    /** Output folder (default: "_site"; a Hexo blog's "public"). */
    outDir: z.string().min(1).default('_site'),
    /** Your own templates, relative to the config file: each file shadows the built-in one of the same path (default: "templates", when there is one). */
    templatesDir: z.string().min(1).optional(),
    /** Your own static files, relative to the config file, copied over the built-in ones (default: "public", when there is one; a Hexo blog's source/ files are copied anyway). */
    publicDir: z.string().min(1).optional(),
    /** Sources pages may load from besides the site, added to the strict Content-Security-Policy (default: none). */
    csp: cspSchema.default(cspSchema.parse({})),
    /** Persistent cache folder (default: ".cache"). */
    cacheDir: z.string().min(1).default('.cache'),
    /** Treat warnings (such as images that could not be re-hosted) as failures, and warn on unknown front-matter keys (default: false). */
    strict: z.boolean().default(false),
    /**
     * What makes a build exit 1, failing a CI step: `error`, a post was
     * skipped (the default); `warning`, any warning too (the default with
     * `strict`); `never`, exit 0 whenever the site was published (a
     * scheduled build publishes with a few skipped posts; the report still
     * lists them). A failed build always exits 2.
     */
    failOn: z.enum(['error', 'warning', 'never']).optional(),
    images: imagesSchema.default(imagesSchema.parse({})),
    /** What the publisher keeps of scraped content: links, covers, source lines, promotions, authors, duplicates. */
    content: contentSchema.default(contentSchema.parse({})),
  })
  .strict();

export type SiteOptions = z.input<typeof siteOptionsSchema>;
/** The options with every default filled in. */
export type ParsedSiteOptions = z.output<typeof siteOptionsSchema>;

function isValidLinePattern(pattern: string): boolean {
  if (!(pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/'))) return true;
  try {
    new RegExp(pattern.slice(1, -1), 'u');
    return true;
  } catch {
    return false;
  }
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
