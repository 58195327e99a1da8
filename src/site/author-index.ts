import { authorName, authorPageUrl } from './author-name.ts';

/** An author (or source) with the articles it wrote. */
export interface AuthorEntry {
  /** Name as first written by an article. */
  readonly name: string;
  readonly url: string;
  /** Indices into the article list, in its order. */
  readonly articles: readonly number[];
}

/**
 * Groups articles by author, keyed by URL: two names that make the same
 * safe path segment share one page on disk, so they are one author here.
 * Articles without an author are left out. Sorted by name in the site's
 * language.
 *
 * @param articles in listing order (newest first); indices refer to it.
 */
export function groupAuthors(articles: readonly { readonly author: string | undefined }[], language: string): AuthorEntry[] {
  const byUrl = new Map<string, { name: string; url: string; articles: number[] }>();
  articles.forEach((article, index) => {
    const name = authorName(article.author);
    if (!name) return;
    const url = authorPageUrl(name);
    const entry = byUrl.get(url) ?? { name, url, articles: [] };
    entry.articles.push(index);
    byUrl.set(url, entry);
  });
  const collator = collatorFor(language);
  return [...byUrl.values()].sort((a, b) => collator.compare(a.name, b.name) || (a.url < b.url ? -1 : 1));
}

function collatorFor(language: string): Intl.Collator {
  try {
    return new Intl.Collator(language);
  } catch {
    return new Intl.Collator('en');
  }
}
