import { makeListingPages, pick, type ListingContext } from './listing-page.ts';
import type { NameEntry } from './name-index.ts';
import type { FeedLink } from './page-meta.ts';
import type { ArticleSummary, Link, ListingKind, ListingPage } from './types.ts';

/** One kind of name listing: its index page, and what each name's page offers. */
export interface NamePagesSpec {
  /** Kind of the index page (`tags`, `authors`). */
  readonly indexKind: ListingKind;
  /** Kind of each name's page (`tag`, `author`). */
  readonly kind: ListingKind;
  /** The index page: its heading and URL. */
  readonly index: Link;
  /** The index page's meta description. */
  readonly description: string;
  /** Feeds a name's page offers in its head (default: none). */
  readonly feedsOf?: (entry: NameEntry) => readonly FeedLink[];
}

/**
 * The pages of names filed by articles (tags, authors): an index listing
 * every name with its count, then one paginated listing per name, newest
 * first, under home and the index in its breadcrumbs.
 *
 * @param entries from groupNames; their indices point into `summaries`.
 */
export function buildNamePages(spec: NamePagesSpec, entries: readonly NameEntry[], summaries: readonly ArticleSummary[], context: ListingContext): ListingPage[] {
  const { index } = spec;
  const home: Link = { name: context.text.home, url: context.urls.homeUrl() };
  const pages = makeListingPages(
    {
      kind: spec.indexKind,
      url: index.url,
      section: index.url,
      heading: index.name,
      items: [],
      breadcrumbs: [home],
      children: entries.map((entry) => ({ name: entry.name, url: entry.url, count: entry.articles.length })),
      childrenHeading: index.name,
      description: spec.description,
    },
    context,
  );
  for (const entry of entries) {
    pages.push(
      ...makeListingPages(
        {
          kind: spec.kind,
          url: entry.url,
          section: index.url,
          heading: entry.name,
          items: pick(summaries, entry.articles),
          breadcrumbs: [home, index],
          ...(spec.feedsOf ? { feeds: spec.feedsOf(entry) } : {}),
        },
        context,
      ),
    );
  }
  return pages;
}
