import { z } from 'zod';

/**
 * The proxy prefixes seen in the real posts: the bot hot-links every image
 * through this CORS proxy, followed by the plain, unencoded origin URL
 * (../shared/corpus/README.md, "Images").
 */
export const DEFAULT_PROXY_PREFIXES = ['https://cors.zfour.workers.dev/?'];

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
    /** What a page shows for an image that could not be re-hosted: `link` to its origin, or `drop` it (default: "link"). */
    onFailure: z.enum(['link', 'drop']).default('link'),
    /** Hosts that may be fetched even when they resolve to a private address (default: none). */
    allowHosts: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** What a user may write in `wirepress.config.yml`. Every key is optional. */
export const siteOptionsSchema = z
  .object({
    /** Site title (default: "wirepress"). */
    title: z.string().min(1).default('wirepress'),
    /** One-line description used in feeds and meta tags (default: ""). */
    description: z.string().default(''),
    /** Absolute base URL the site is published under (default: "http://localhost:8080/"). */
    baseUrl: z.url({ protocol: /^https?$/ }).default('http://localhost:8080/'),
    /** BCP 47 language of the site (default: "zh-CN"). */
    language: z.string().min(2).default('zh-CN'),
    /** IANA timezone for dates written without an offset (default: "Asia/Shanghai"). */
    timezone: z
      .string()
      .refine(isKnownTimeZone, { message: 'unknown IANA timezone (e.g. "Asia/Shanghai", "UTC")' })
      .default('Asia/Shanghai'),
    /** Article URL pattern with Hexo's tokens (default: ":year/:month/:day/:title/"). */
    permalink: z.string().min(1).default(':year/:month/:day/:title/'),
    /** Articles per index page (default: 10). */
    pageSize: z.number().int().min(1).max(1000).default(10),
    /** Prefixes of image proxies to strip from URLs (default: the proxy of the real posts). */
    proxyPrefixes: z.array(z.string().min(1)).default(DEFAULT_PROXY_PREFIXES),
    /** Content folder, relative to the config file (default: "content"). */
    contentDir: z.string().min(1).default('content'),
    /** Output folder (default: "_site"). */
    outDir: z.string().min(1).default('_site'),
    /** Persistent cache folder (default: ".cache"). */
    cacheDir: z.string().min(1).default('.cache'),
    /** Treat warnings (such as images that could not be re-hosted) as failures (default: false). */
    strict: z.boolean().default(false),
    images: imagesSchema.default(imagesSchema.parse({})),
  })
  .strict();

export type SiteOptions = z.input<typeof siteOptionsSchema>;

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
