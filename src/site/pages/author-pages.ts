import type { AuthorEntry } from './author-index.ts';
import type { ListingContext } from './listing-page.ts';
import { buildNamePages } from './name-pages.ts';
import type { ArticleSummary, ListingPage } from './types.ts';

/**
 * The author pages: `/authors/` listing every author (or source) with its
 * count, then one paginated listing per author (`/authors/ZAKER/`).
 *
 * @param authors from groupAuthors; their indices point into `summaries`.
 */
export function buildAuthorPages(authors: readonly AuthorEntry[], summaries: readonly ArticleSummary[], context: ListingContext): ListingPage[] {
  const { text, urls } = context;
  return buildNamePages(
    {
      indexKind: 'authors',
      kind: 'author',
      index: { name: text.authors, url: urls.authorUrl() },
      description: text.describeListing(text.authors, authors.length),
    },
    authors,
    summaries,
    context,
  );
}
