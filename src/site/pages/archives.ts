import { localDate } from './local-date.ts';

/** One month of the archives. */
export interface ArchiveMonth {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** Indices into the article list, in its order. */
  readonly articles: readonly number[];
}

/** One year of the archives, months newest first. */
export interface ArchiveYear {
  readonly year: number;
  readonly articles: readonly number[];
  readonly months: readonly ArchiveMonth[];
}

/**
 * Groups articles by year and month of their date in the SITE timezone,
 * newest first: an article at 2021-10-31T23:30Z is filed under November
 * 2021 for Asia/Shanghai. Articles whose date cannot be read are left out
 * (ingest guarantees ISO dates; this only keeps a bad one from throwing).
 *
 * @param articles in listing order (newest first); indices refer to it.
 * @param timezone IANA zone of the site.
 */
export function groupArchives(articles: readonly { readonly date: string }[], timezone: string): ArchiveYear[] {
  const years = new Map<number, { articles: number[]; months: Map<number, number[]> }>();
  articles.forEach((article, index) => {
    const date = localDate(article.date, timezone);
    if (!date) return;
    let year = years.get(date.year);
    if (!year) {
      year = { articles: [], months: new Map() };
      years.set(date.year, year);
    }
    year.articles.push(index);
    const month = year.months.get(date.month) ?? [];
    month.push(index);
    year.months.set(date.month, month);
  });
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, { articles: indices, months }]) => ({
      year,
      articles: indices,
      months: [...months.entries()].sort(([a], [b]) => b - a).map(([month, monthArticles]) => ({ year, month, articles: monthArticles })),
    }));
}
