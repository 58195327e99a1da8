import type { AuthorEntry } from './author-index.ts';
import { makeListingPages, pick, type ListingContext } from './listing-page.ts';
import type { ArticleSummary, Link, ListingPage } from './types.ts';

/**
 * The author pages: `/authors/` listing every author (or source) with its
 * count, then one paginated listing per author (`/authors/ZAKER/`).
 *
 * @param authors from groupAuthors; their indices point into `summaries`.
 */
export function buildAuthorPages(authors: readonly AuthorEntry[], summaries: readonly ArticleSummary[], context: ListingContext): ListingPage[] {
  const { text, urls } = context;
  const home: Link = { name: text.home, url: urls.homeUrl() };
  const index: Link = { name: text.authors, url: urls.authorUrl() };
  const pages = makeListingPages(
    {
      kind: 'authors',
      url: index.url,
      section: index.url,
      heading: text.authors,
      items: [],
      breadcrumbs: [home],
      children: authors.map((a) => ({ name: a.name, url: a.url, count: a.articles.length })),
      childrenHeading: text.authors,
      description: text.describeListing(text.authors, authors.length),
    },
    context,
  );
  for (const author of authors) {
    pages.push(
      ...makeListingPages(
        { kind: 'author', url: author.url, section: index.url, heading: author.name, items: pick(summaries, author.articles), breadcrumbs: [home, index] },
        context,
      ),
    );
  }
  return pages;
}
