import type { Article } from '../article.ts';
import type { SiteConfig } from '../config/index.ts';
import type { ImageOutcome } from '../images/types.ts';
import { categoryUrl } from '../urls/index.ts';
import { authorName, authorPageUrl } from './author-name.ts';
import { makeExcerpt } from './excerpt.ts';
import { metaImage } from './page-meta.ts';
import type { ArticlePage, ArticleSummary, CoverFigure, Link, LocalImage } from './types.ts';

/** The pages around an article page. */
export interface ArticleNeighbours {
  /** The article published just before it, if any. */
  readonly older: Article | undefined;
  /** The article published just after it, if any. */
  readonly newer: Article | undefined;
  /** Related articles (see findRelated). */
  readonly related: readonly ArticleSummary[];
}

/** The compact record of an article shown in listings (no body). */
export function toArticleSummary(article: Article): ArticleSummary {
  const cover = localCover(article);
  return {
    title: article.title,
    url: article.url,
    date: article.date,
    category: categoryTrail(article.categories[0] ?? []),
    excerpt: makeExcerpt(article.text),
    thumbnail: cover,
  };
}

/**
 * The record an article page renders, with its head metadata: the
 * description is the first ~120 characters of the text; og:image and the
 * JSON-LD image only ever name a re-hosted cover.
 */
export function toArticlePage(article: Article, neighbours: ArticleNeighbours, onFailure: SiteConfig['images']['onFailure'] = 'link'): ArticlePage {
  const { older, newer, related } = neighbours;
  const description = makeExcerpt(article.text);
  const image = localCover(article);
  const author = authorName(article.author);
  return {
    url: article.url,
    outputPath: article.outputPath,
    title: article.title,
    description,
    date: article.date,
    updated: article.updated,
    author,
    authorUrl: author ? authorPageUrl(author) : undefined,
    categories: article.categories.map(categoryTrail),
    cover: coverFigure(article, onFailure),
    html: article.html ?? '',
    htmlHash: article.htmlHash,
    older: older ? { name: older.title, url: older.url } : undefined,
    newer: newer ? { name: newer.title, url: newer.url } : undefined,
    related,
    meta: {
      title: article.title,
      description,
      type: 'article',
      image: metaImage(image),
      // Made only for the pages being rendered (see articleJsonLd).
      jsonLd: undefined,
      feeds: [],
    },
  };
}

/** The article's cover when it was re-hosted (listings, feeds and og:image never hot-link). */
export function localCover(article: Article): LocalImage | undefined {
  return article.coverImage ? localImage(article.coverImage) : undefined;
}

/** `["新媒体", "ZAKER"]` → links to `/categories/新媒体/` and `/categories/新媒体/ZAKER/`. */
export function categoryTrail(path: readonly string[]): Link[] {
  return path.map((name, depth) => ({ name, url: categoryUrl(path.slice(0, depth + 1)) }));
}

/** The cover re-hosted, when it was. */
function localImage(outcome: ImageOutcome): LocalImage | undefined {
  if ((outcome.status !== 'rehosted' && outcome.status !== 'cached') || !outcome.url) return undefined;
  return {
    src: outcome.url,
    srcset: outcome.srcset,
    width: outcome.width,
    height: outcome.height,
    sources: outcome.sources ?? [],
  };
}

/**
 * The cover figure of an article page. ZAKER posts repeat the cover as the
 * first body image (corpus seed: `headimg` is the body's first `<img>`), so
 * a cover already in the body is not shown twice. A cover that could not be
 * re-hosted links to its origin, as body images do (unless the config says
 * `images.onFailure: drop`); an origin that is not plain http(s) is never linked.
 */
function coverFigure(article: Article, onFailure: SiteConfig['images']['onFailure']): CoverFigure | undefined {
  const cover = article.coverImage;
  if (!cover) return undefined;
  const body = article.images[0] === cover ? article.images.slice(1) : article.images;
  if (body.some((image) => image.origin === cover.origin)) return undefined;
  const local = localImage(cover);
  if (local) return { local: true, image: local };
  if (onFailure === 'drop' || !isWebUrl(cover.origin)) return undefined;
  return { local: false, image: { src: cover.origin, srcset: undefined, width: undefined, height: undefined, sources: [] } };
}

function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
