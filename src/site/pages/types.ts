import type { PageMeta } from './page-meta.ts';

/**
 * The plain data the templates render. Everything is computed before any
 * template runs (as Zola does), so templates only print and loop. URLs are
 * root-relative and percent-encoded; templates add the base path with the
 * `href` filter. Every string is untrusted text except `ArticlePage.html`.
 */

/** A named link: a category, a breadcrumb, a neighbouring article. */
export interface Link {
  readonly name: string;
  readonly url: string;
}

/** A link to an article with its date (ISO 8601 with offset): a related article. */
export interface DatedLink extends Link {
  readonly date: string;
}

/** A link with the number of articles behind it. */
export interface CountedLink extends Link {
  readonly count: number;
}

/** A re-hosted image, ready for `<img srcset>` / `<picture>`. */
export interface LocalImage {
  readonly src: string;
  readonly srcset: string | undefined;
  readonly width: number | undefined;
  readonly height: number | undefined;
  readonly sources: readonly { readonly type: string; readonly srcset: string }[];
}

/** A listing's cover thumbnail: one small re-hosted variant, with its size (see thumbnailOf). */
export interface Thumbnail {
  /** The smallest fallback (JPEG or PNG) variant. */
  readonly src: string;
  /** The same variant in the best format made (AVIF), one URL, when there is one. */
  readonly source: { readonly type: string; readonly srcset: string } | undefined;
  readonly width: number;
  readonly height: number;
}

/** The cover of an article page: re-hosted, or hot-linked to its origin when it could not be. */
export interface CoverFigure {
  /** `true` when `image.src` is a local URL; `false` when it is the origin's absolute URL. */
  readonly local: boolean;
  readonly image: LocalImage;
}

/** One article in a listing: compact, no body. */
export interface ArticleSummary {
  readonly title: string;
  readonly url: string;
  /** ISO 8601 with offset. */
  readonly date: string;
  /** The first category path as a trail of links, top category first (empty when none). */
  readonly category: readonly Link[];
  /** The article's own excerpt (`excerpt:`, `<!-- more -->`), else the start of its text. */
  readonly excerpt: string;
  /** Only re-hosted covers: a listing never hot-links. */
  readonly thumbnail: Thumbnail | undefined;
  /** Pinned to the top of the home page (`sticky:`); the home page says so. */
  readonly pinned: boolean;
}

/** One article page, or one Hexo page (`/about/`). */
export interface ArticlePage {
  /** `page`: a Hexo page, rendered with the page layout (title and body only). */
  readonly kind: 'post' | 'page';
  readonly url: string;
  readonly outputPath: string;
  readonly title: string;
  readonly description: string;
  readonly date: string;
  readonly updated: string | undefined;
  /** `<html lang>` when the article's `lang:` is a BCP 47 tag (else the site's). */
  readonly lang: string | undefined;
  readonly author: string | undefined;
  /** The author's page, when the article names one. */
  readonly authorUrl: string | undefined;
  /** The author names the story's source (a site, a feed), not a person: the page says 来源 (see sourceAuthorTest). */
  readonly authorIsSource: boolean;
  /** One breadcrumb trail per category path, each from the top category down. */
  readonly categories: readonly (readonly Link[])[];
  /** Its tags, each linking to the tag's listing. */
  readonly tags: readonly Link[];
  /** The story's source (`link:`), an http(s) URL, else undefined. */
  readonly link: string | undefined;
  readonly cover: CoverFigure | undefined;
  /** Sanitized HTML, the only value printed unescaped; filled in only for the pages being rendered. */
  readonly html: string;
  /** sha256 of the HTML: fingerprints the page without holding the HTML. */
  readonly htmlHash: string;
  readonly older: Link | undefined;
  readonly newer: Link | undefined;
  /** Up to five articles from the same (deepest shared) category, nearest in time first. */
  readonly related: readonly DatedLink[];
  /** The URL of the canonical copy of its story, when this page is another copy (`<link rel="canonical">` names it). */
  readonly canonicalUrl: string | undefined;
  /** The other copies of its story on this site (the "也见于" list), the canonical one first, then newest first. */
  readonly copies: readonly StoryCopy[];
  readonly meta: PageMeta;
}

/** Another copy of the story an article page tells (see ArticlePage.copies). */
export interface StoryCopy {
  /** Its title. */
  readonly name: string;
  readonly url: string;
  /** Where it was filed: its first category path below the top level (`IT 之家 / 分类资讯`), else its author (empty when neither). */
  readonly source: string;
  /** ISO 8601 with offset. */
  readonly date: string;
}

/** A link in a pagination bar: a numbered page, the listing's front page (its own URL, the newest articles), or a gap (`…`). */
export type PageLink =
  | { readonly kind: 'page'; readonly n: number; readonly url: string; readonly current: boolean }
  | { readonly kind: 'front'; readonly url: string; readonly current: boolean }
  | { readonly kind: 'gap' };

/**
 * Where a listing page sits among its siblings (see paginate). Nothing in
 * it counts the whole listing when pages are numbered from the oldest, so
 * an older page's data, and so its HTML, stays the same as posts are added.
 */
export interface Pagination {
  /** This is the listing's own URL, with its newest articles. */
  readonly front: boolean;
  /** The number in the page's URL (`…/page/7/` → 7). On a front page: 1 numbered from the newest, else the number of the whole page of newest articles it holds (the next page to be numbered). */
  readonly current: number;
  /** How many pages there are, when numbered from the newest (Hexo's order); undefined when numbered from the oldest. */
  readonly total: number | undefined;
  /** The page of newer articles. */
  readonly prevUrl: string | undefined;
  /** The page of older articles. */
  readonly nextUrl: string | undefined;
  /** The pager's links, newest first; empty when the listing has one page. */
  readonly pages: readonly PageLink[];
  /**
   * On the front page of a listing numbered from the oldest: the numbered
   * URLs Hexo's order gives it (`…/page/N/` up to its last page) that this
   * order does not. Each redirects here, so no link from before breaks.
   */
  readonly redirectUrls: readonly string[];
}

/** Items of a listing under one optional heading (archives group by month). */
export interface ListingGroup {
  readonly heading: Link | undefined;
  readonly items: readonly ArticleSummary[];
}

/** A node of the category tree as shown on `/categories/`. */
export interface CategoryTreeItem extends CountedLink {
  readonly children: readonly CategoryTreeItem[];
}

/** One year of the archive index, with its months. */
export interface ArchiveYearItem extends CountedLink {
  readonly months: readonly CountedLink[];
}

/** What kind of listing a page is (templates pick small variations by it). */
export type ListingKind = 'home' | 'category' | 'categories' | 'tag' | 'tags' | 'archive' | 'author' | 'authors';

/** One written page of a listing: home, a category, the category tree, an archive. */
export interface ListingPage {
  readonly kind: ListingKind;
  readonly url: string;
  readonly outputPath: string;
  /** For `<title>`: includes the page number on a numbered page. */
  readonly title: string;
  /** For `<h1>`. */
  readonly heading: string;
  /** Under the heading: which page this is ("2 / 9" numbered from the newest, "第 7 页" from the oldest; empty on a listing of one page and on an anchored listing's front page). */
  readonly pageLabel: string;
  /** URL of the header link this page belongs under (home, categories, archives). */
  readonly section: string;
  readonly groups: readonly ListingGroup[];
  readonly pagination: Pagination;
  /** From the home page down to the parent of this page. */
  readonly breadcrumbs: readonly Link[];
  /** Sub-categories, the months of a year, the authors (`/authors/`) or the tags (`/tags/`): on the front page only. */
  readonly children: readonly CountedLink[];
  /** Heading of `children`. */
  readonly childrenHeading: string;
  /** The whole category tree (`/categories/` only). */
  readonly tree: readonly CategoryTreeItem[];
  /** The year/month index (`/archives/`'s front page only). */
  readonly archiveIndex: readonly ArchiveYearItem[];
  readonly meta: PageMeta;
}
