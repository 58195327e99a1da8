import type { Article } from '../article/article.ts';

/** One article of a story in the build report. */
export interface ReportCopy {
  source: string;
  url: string;
  title: string;
  date: string;
}

/** One story several articles tell: its canonical copy, and the others with their estimated similarity to it (0 to 1). */
export interface ReportStory {
  canonical: ReportCopy;
  copies: (ReportCopy & { similarity: number })[];
}

/**
 * The stories told by more than one article (see markDuplicateStories), in
 * the order their canonical copies come in `articles`, each copy listed
 * (pages list only the first few).
 */
export function toReportStories(articles: readonly Article[]): ReportStory[] {
  const bySource = new Map(articles.map((article) => [article.source, article]));
  const stories = new Map<string, ReportStory>();
  for (const article of articles) {
    const story = article.story;
    const canonical = story && bySource.get(story.canonical);
    if (!story || !canonical) continue;
    let entry = stories.get(story.canonical);
    if (!entry) {
      entry = { canonical: toCopy(canonical), copies: [] };
      stories.set(story.canonical, entry);
    }
    if (article !== canonical) entry.copies.push({ ...toCopy(article), similarity: story.similarity });
  }
  return [...stories.values()];
}

function toCopy(article: Article): ReportCopy {
  return { source: article.source, url: article.url, title: article.title, date: article.date };
}
