import { errorAt, warningAt, type Diagnostic } from '../report/diagnostic.ts';
import { siteUrls, type SiteUrlSettings } from '../urls/index.ts';
import type { ArticleSource } from './types.ts';

const DEFAULT_URL_SETTINGS: SiteUrlSettings = {
  dirs: { categories: 'categories', tags: 'tags', archives: 'archives', pagination: 'page' },
  slugs: { categoryMap: {}, tagMap: {}, caseTransform: 0 },
};

/**
 * Paths the site writes itself (home, listings, feeds); a post must not land
 * on them. Keep in step with src/site. The listings' own folders
 * (`categories`, `tags`, `archives`, `page` by default) come from the config.
 */
// The files of public/ (style.css, robots.txt, …), the images and the search index live at the top too.
const RESERVED_TOP = ['images', 'index.html', '404.html', 'style.css', 'robots.txt', 'favicon.ico', 'feed.xml', 'atom.xml', 'rss.xml', 'feed.json', 'sitemap.xml', 'search-index', 'search.js', 'search-engine.js', 'search-format.js'];

/** The top-level names a post's URL may not start with: the listings' folders, as configured, and the site's own files. */
export function reservedTopNames(settings: SiteUrlSettings): Set<string> {
  return new Set([...RESERVED_TOP, ...siteUrls(settings).topFolders].map((name) => name.toLowerCase()));
}

/**
 * A warning for each file of a Hexo source folder that takes the place of
 * one the site writes (its `style.css`, `atom.xml`, a page under `/tags/`):
 * the blog's file is published, as its own `robots.txt` is, but a reader
 * may miss what it replaced. `images/` is left alone: wirepress's images are
 * named by their content and share it with the blog's.
 */
export function warnReplacedSiteFiles(files: readonly { readonly to: string }[], settings: SiteUrlSettings, sourcePrefix: string): Diagnostic[] {
  const reserved = reservedTopNames(settings);
  const replaced = files.filter((file) => {
    const top = (file.to.split('/')[0] ?? '').toLowerCase();
    return reserved.has(top) && top !== 'robots.txt' && top !== 'images';
  });
  return replaced.map((file) =>
    warningAt(`${sourcePrefix}${file.to}`, 'ingest/replaces-site-file', `${file.to} is published in place of the site's own /${file.to.split('/')[0]}`, {
      hint: 'Rename or move the file unless it is meant to replace the site\'s own.',
    }),
  );
}

const HINT = 'Give one of the posts a `permalink:` of its own, or (outside a Hexo blog, where the file names them) a different `slug:`.';
const PAGE_HINT = "Rename the page's file, or give it a `permalink:` of its own.";

const hintFor = (article: ArticleSource) => (article.kind === 'page' ? PAGE_HINT : HINT);

/**
 * Keeps one article per output file. Articles are taken in `source` order;
 * a later one whose file is already written by an earlier one — or is a
 * folder of it, or lies inside it — is skipped with `ingest/url-collision`
 * naming both files (the same story syndicated by cnBeta and 快科技 has the
 * same title and date: ../shared/corpus/README.md). Posts on the site's own
 * paths (`/categories/…`, `/page/…`) are skipped too.
 *
 * @param articles sorted by `source`.
 * @param lineOf the line of the key that decided a post's URL (default: none), so the diagnostic points at it.
 * @param reserved top-level names of the site's own pages (default: those of the default folders; see reservedTopNames).
 */
export function rejectUrlCollisions(
  articles: readonly ArticleSource[],
  lineOf: (source: string) => number | undefined = () => undefined,
  reserved: ReadonlySet<string> = reservedTopNames(DEFAULT_URL_SETTINGS),
): { articles: ArticleSource[]; diagnostics: Diagnostic[] } {
  const files = new Map<string, ArticleSource>();
  const folders = new Map<string, ArticleSource>();
  const kept: ArticleSource[] = [];
  const diagnostics: Diagnostic[] = [];
  const at = (article: ArticleSource) => {
    const line = lineOf(article.source);
    return line === undefined ? {} : { line };
  };
  for (const article of articles) {
    const segments = article.outputPath.split('/');
    const top = segments[0] ?? '';
    if (reserved.has(top.toLowerCase())) {
      diagnostics.push(
        errorAt(article.source, 'ingest/url-collision', `the URL ${article.url} is used by the site's own pages`, { ...at(article), hint: hintFor(article) }),
      );
      continue;
    }
    const parents = segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join('/'));
    const other =
      files.get(article.outputPath) ??
      folders.get(article.outputPath) ??
      parents.map((folder) => files.get(folder)).find((found) => found !== undefined);
    if (other) {
      diagnostics.push(
        errorAt(article.source, 'ingest/url-collision', `the URL ${article.url} is already taken by ${other.source} (${other.url}); ${article.source} was skipped`, {
          ...at(article),
          hint: hintFor(article),
        }),
      );
      continue;
    }
    files.set(article.outputPath, article);
    for (const folder of parents) if (!folders.has(folder)) folders.set(folder, article);
    kept.push(article);
  }
  return { articles: kept, diagnostics };
}
