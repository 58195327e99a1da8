/** A name (an author, a tag) with the articles filed under it. */
export interface NameEntry {
  /** Name as first written by an article. */
  readonly name: string;
  readonly url: string;
  /** Indices into the article list, in its order, each article once. */
  readonly articles: readonly number[];
}

/**
 * Groups articles by the names `namesOf` gives each, keyed by URL: two
 * names that make the same URL share one page on disk, so they are one
 * entry here, and an article under both counts once. Sorted by name in the
 * site's language.
 *
 * @param articles in listing order (newest first); indices refer to it.
 * @param namesOf an article's names, already cleaned (no empty one).
 * @param urlOf the page of a name.
 * @param language BCP 47 tag used to sort names.
 */
export function groupNames<T>(articles: readonly T[], namesOf: (article: T) => readonly string[], urlOf: (name: string) => string, language: string): NameEntry[] {
  const byUrl = new Map<string, { name: string; url: string; articles: number[] }>();
  articles.forEach((article, index) => {
    for (const name of namesOf(article)) {
      const url = urlOf(name);
      const entry = byUrl.get(url) ?? { name, url, articles: [] };
      // Articles arrive in order, so a repeat can only be the last one added.
      if (entry.articles[entry.articles.length - 1] !== index) entry.articles.push(index);
      byUrl.set(url, entry);
    }
  });
  const collator = collatorFor(language);
  return [...byUrl.values()].sort((a, b) => collator.compare(a.name, b.name) || (a.url < b.url ? -1 : 1));
}

/** A collator for a BCP 47 tag, English when the tag is unknown. */
export function collatorFor(language: string): Intl.Collator {
  try {
    return new Intl.Collator(language);
  } catch {
    return new Intl.Collator('en');
  }
}
