import type { SiteUrls } from '../../urls/index.ts';
import { displayName } from './display-name.ts';
import { groupNames, type NameEntry } from './name-index.ts';

/** An author (or source) with the articles it wrote. */
export type AuthorEntry = NameEntry;

/**
 * Groups articles by author (see groupNames): two names that make the same
 * safe path segment are one author. Articles without an author are left
 * out. Sorted by name in the site's language.
 *
 * @param articles in listing order (newest first); indices refer to it.
 * @param urls the site's URL builders (author URLs).
 */
export function groupAuthors(articles: readonly { readonly author: string | undefined }[], language: string, urls: Pick<SiteUrls, 'authorUrl'>): AuthorEntry[] {
  return groupNames(
    articles,
    (article) => {
      const name = displayName(article.author);
      return name ? [name] : [];
    },
    urls.authorUrl,
    language,
  );
}
