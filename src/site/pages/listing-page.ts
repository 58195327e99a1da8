import type { SiteUrls } from '../../urls/index.ts';
import type { FeedLink, PageMeta } from './page-meta.ts';
import { paginate, type PaginationOrder } from './paginate.ts';
import type { ArchiveYearItem, ArticleSummary, CategoryTreeItem, CountedLink, Link, ListingGroup, ListingKind, ListingPage } from './types.ts';
import type { UiText } from './ui-text.ts';

/** What one listing is, before it is split into pages. */
export interface ListingSpec {
  readonly kind: ListingKind;
  /** URL of page 1. */
  readonly url: string;
  readonly heading: string;
  /** URL of the header link the listing belongs under. */
  readonly section: string;
  /** `<title>` of page 1; later pages add "page n" (default: `heading`). */
  readonly title?: string;
  readonly items: readonly ArticleSummary[];
  readonly breadcrumbs?: readonly Link[];
  readonly children?: readonly CountedLink[];
  /** Heading of `children` (default: none shown). */
  readonly childrenHeading?: string;
  /** `<meta name="description">` (default: the heading and the number of articles, in the site's language). */
  readonly description?: string;
  /** Feeds of this listing, offered in its head (default: none besides the site's). */
  readonly feeds?: readonly FeedLink[];
  readonly tree?: readonly CategoryTreeItem[];
  readonly archiveIndex?: readonly ArchiveYearItem[];
  /** Puts items under headings (archives: by month); consecutive items with the same heading URL share a group (default: one group, no heading). */
  readonly headingOf?: (item: ArticleSummary) => Link | undefined;
}

/** What every listing of a site is made with. */
export interface ListingContext {
  readonly text: UiText;
  readonly urls: SiteUrls;
  /** Articles per page; 0 puts a whole listing on one page. */
  readonly pageSize: number;
  /** How numbered pages are counted (see PaginationOrder). */
  readonly order: PaginationOrder;
}

/**
 * Splits one listing into its pages (`context.pageSize` items each), every
 * page carrying its pagination, breadcrumbs and side lists. Only the front
 * page (the listing's own URL) shows counts of the whole listing (its
 * description, sub-lists and index): with pages numbered from the oldest,
 * an older page then stays the same as posts are added.
 */
export function makeListingPages(spec: ListingSpec, context: ListingContext): ListingPage[] {
  const { text } = context;
  const baseTitle = spec.title ?? spec.heading;
  const frontDescription = spec.description || text.describeListing(spec.heading, spec.items.length);
  return paginate(spec.items, context.pageSize, spec.url, context.urls.pageUrl, context.order).map((page) => {
    const { front, current, total, pages } = page.pagination;
    const title = front ? baseTitle : joinTitle(baseTitle, text.page(current));
    const description = front ? frontDescription : text.describePage(spec.heading, current, dateSpan(page.items));
    const meta: PageMeta = { title: title || spec.heading, description, type: 'website', image: undefined, jsonLd: undefined, feeds: spec.feeds ?? [] };
    return {
      kind: spec.kind,
      url: page.url,
      outputPath: page.outputPath,
      title,
      heading: spec.heading,
      pageLabel: pages.length === 0 ? '' : total !== undefined ? `${current} / ${total}` : front ? '' : text.page(current),
      section: spec.section,
      groups: groupItems(page.items, spec.headingOf),
      pagination: page.pagination,
      breadcrumbs: spec.breadcrumbs ?? [],
      children: front ? (spec.children ?? []) : [],
      childrenHeading: spec.childrenHeading ?? '',
      tree: front ? (spec.tree ?? []) : [],
      archiveIndex: front ? (spec.archiveIndex ?? []) : [],
      meta,
    };
  });
}

/** The days of a page's oldest and newest items (`YYYY-MM-DD`, in the zone their dates are written in). */
function dateSpan(items: readonly ArticleSummary[]): readonly [string, string] {
  const days = items.map((item) => item.date.slice(0, 10)).sort();
  return [days[0] ?? '', days[days.length - 1] ?? ''];
}

function joinTitle(base: string, page: string): string {
  return base === '' ? page : `${base} · ${page}`;
}

function groupItems(items: readonly ArticleSummary[], headingOf: ListingSpec['headingOf']): ListingGroup[] {
  if (!headingOf) return items.length === 0 ? [] : [{ heading: undefined, items }];
  const groups: { heading: Link | undefined; items: ArticleSummary[] }[] = [];
  for (const item of items) {
    const heading = headingOf(item);
    const last = groups[groups.length - 1];
    if (last && last.heading?.url === heading?.url) last.items.push(item);
    else groups.push({ heading, items: [item] });
  }
  return groups;
}

/** The items at `indices` (shared objects, not copies: a summary appears on up to eight listings). */
export function pick<T>(items: readonly T[], indices: readonly number[]): T[] {
  return indices.flatMap((i) => {
    const item = items[i];
    return item === undefined ? [] : [item];
  });
}
