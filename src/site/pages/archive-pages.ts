import type { ArchiveYear } from './archives.ts';
import { makeListingPages, pick, type ListingContext } from './listing-page.ts';
import { formatMonth, formatYear, localDate } from './local-date.ts';
import type { ArchiveYearItem, ArticleSummary, Link, ListingPage } from './types.ts';

/** Site settings the archives need besides the listing context. */
export interface ArchiveSettings {
  readonly language: string;
  readonly timezone: string;
}

/**
 * The date archives, each paginated: `/archives/` (every article, under
 * month headings, with the year/month index and counts), `/archives/2021/`
 * (under month headings, with its months) and `/archives/2021/10/`.
 *
 * @param years the grouping in the site timezone; its indices point into `summaries`.
 * @param summaries every article, newest first.
 */
export function buildArchivePages(
  years: readonly ArchiveYear[],
  summaries: readonly ArticleSummary[],
  settings: ArchiveSettings,
  context: ListingContext,
): ListingPage[] {
  const { language, timezone } = settings;
  const { text, urls } = context;
  const { archiveUrl } = urls;
  const home: Link = { name: text.home, url: urls.homeUrl() };
  const all: Link = { name: text.archives, url: archiveUrl() };
  const monthLinks = new Map<number, Link>();
  // One shared link per month: every article of the month is headed by it, on three listings.
  const monthLink = (year: number, month: number): Link => {
    let link = monthLinks.get(year * 100 + month);
    if (!link) {
      link = { name: formatMonth(year, month, language), url: archiveUrl(year, month) };
      monthLinks.set(year * 100 + month, link);
    }
    return link;
  };
  const headingOf = (item: ArticleSummary): Link | undefined => {
    const date = localDate(item.date, timezone);
    return date ? monthLink(date.year, date.month) : undefined;
  };
  const archiveIndex: ArchiveYearItem[] = years.map((y) => ({
    name: formatYear(y.year, language),
    url: archiveUrl(y.year),
    count: y.articles.length,
    months: y.months.map((m) => ({ ...monthLink(m.year, m.month), count: m.articles.length })),
  }));

  const dated = years.flatMap((y) => y.articles);
  const pages = makeListingPages(
    { kind: 'archive', url: all.url, section: all.url, heading: text.archives, items: pick(summaries, dated), breadcrumbs: [home], archiveIndex, headingOf },
    context,
  );
  for (const [i, year] of years.entries()) {
    const yearLink: Link = { name: archiveIndex[i]?.name ?? String(year.year), url: archiveUrl(year.year) };
    pages.push(
      ...makeListingPages(
        {
          kind: 'archive',
          url: yearLink.url,
          section: all.url,
          heading: yearLink.name,
          items: pick(summaries, year.articles),
          breadcrumbs: [home, all],
          children: archiveIndex[i]?.months ?? [],
          childrenHeading: text.months,
          headingOf,
        },
        context,
      ),
    );
    for (const month of year.months) {
      const link = monthLink(month.year, month.month);
      pages.push(
        ...makeListingPages(
          { kind: 'archive', url: link.url, section: all.url, heading: link.name, items: pick(summaries, month.articles), breadcrumbs: [home, all, yearLink] },
          context,
        ),
      );
    }
  }
  return pages;
}
