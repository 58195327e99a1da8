import { absoluteUrl } from '../../urls/index.ts';
import { escapeXml } from './xml-text.ts';

/** Most URLs one sitemap file may list (https://www.sitemaps.org/protocol.html; default of {@link renderSitemaps}). */
export const SITEMAP_LIMIT = 50_000;

/** One page of the sitemap. */
export interface SitemapUrl {
  /** Root-relative URL. */
  readonly url: string;
  /** ISO 8601 with offset (W3C Datetime), when known. */
  readonly lastmod: string | undefined;
}

/** A sitemap file to write, relative to the output folder. */
export interface SitemapFile {
  readonly outputPath: string;
  readonly body: string;
}

/**
 * The sitemap: `sitemap.xml` as one `urlset` when the URLs fit in one file,
 * else `sitemap.xml` as a `sitemapindex` over `sitemap-1.xml`,
 * `sitemap-2.xml`, … of at most `limit` URLs each. Every URL is absolute
 * under the base URL and entity-escaped.
 *
 * @param limit URLs per file (default: 50,000, the protocol's maximum).
 */
export function renderSitemaps(urls: readonly SitemapUrl[], baseUrl: string, limit = SITEMAP_LIMIT): SitemapFile[] {
  const size = Math.max(1, Math.floor(limit));
  if (urls.length <= size) return [{ outputPath: 'sitemap.xml', body: renderUrlset(urls, baseUrl) }];
  const files: SitemapFile[] = [];
  for (let start = 0; start < urls.length; start += size) {
    files.push({ outputPath: `sitemap-${files.length + 1}.xml`, body: renderUrlset(urls.slice(start, start + size), baseUrl) });
  }
  const index = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...files.map((file) => `<sitemap><loc>${escapeXml(absoluteUrl(baseUrl, `/${file.outputPath}`))}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
  return [{ outputPath: 'sitemap.xml', body: index }, ...files];
}

function renderUrlset(urls: readonly SitemapUrl[], baseUrl: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map(
      (u) => `<url><loc>${escapeXml(absoluteUrl(baseUrl, u.url))}</loc>${u.lastmod ? `<lastmod>${escapeXml(u.lastmod)}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n');
}

/** `robots.txt`: everything allowed, and where the sitemap is (absolute, as the Sitemap directive requires). */
export function renderRobotsTxt(baseUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(baseUrl, '/sitemap.xml')}\n`;
}
