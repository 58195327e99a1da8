import type { Article } from '../../article/article.ts';
import type { SiteConfig } from '../../config/index.ts';
import type { ImageOutcome } from '../../images/types.ts';
import type { SiteUrls } from '../../urls/index.ts';
import { displayName } from './display-name.ts';
import { makeExcerpt } from './excerpt.ts';
import { pageLanguage } from './page-language.ts';
import { metaImage } from './page-meta.ts';
import { tagNames } from './tag-index.ts';
import type { SourceAuthorTest } from './source-author.ts';
import { thumbnailOf } from './thumbnail.ts';
import type { ArticlePage, ArticleSummary, CoverFigure, DatedLink, Link, LocalImage, StoryCopy } from './types.ts';
import { toWebUrl } from './web-url.ts';

/** Characters of a `description:` or an explicit excerpt kept for `<meta name="description">`, as Hexo's open_graph helper cuts them. */
export const META_DESCRIPTION_LENGTH = 200;

/** The pages around an article page. */
export interface ArticleNeighbours {
  /** The article published just before it, if any: one link object per article, shared by the pages that show it (see fingerprintPage). */
  readonly older: Link | undefined;
  /** The article published just after it, if any. */
  readonly newer: Link | undefined;
  /** Related articles (see findRelated). */
  readonly related: readonly DatedLink[];
  /** The canonical copy's URL when the article is another copy of its story (default: none; see storyLinks). */
  readonly canonicalUrl?: string | undefined;
  /** The other copies of its story (default: none). */
  readonly copies?: readonly StoryCopy[];
}

/** What article records are made with besides the article. */
export interface RecordContext {
  readonly urls: SiteUrls;
  /** What a page shows for a cover that could not be re-hosted (default: `link`). */
  readonly onFailure?: SiteConfig['images']['onFailure'];
  /** Whether an author names a source rather than a person (from config `content.sourceNames`; see sourceAuthorTest). */
  readonly isSourceAuthor: SourceAuthorTest;
}

/**
 * The compact record of an article shown in listings (no body). Its
 * excerpt is the article's own (`excerpt:`, or the text before
 * `<!-- more -->`) when it has one, else the start of its text.
 */
export function toArticleSummary(article: Article, urls: SiteUrls): ArticleSummary {
  return {
    title: article.title,
    url: article.url,
    date: article.date,
    category: categoryTrail(article.categories[0] ?? [], urls),
    excerpt: summaryText(article),
    thumbnail: thumbnailOf(article.coverImage),
    pinned: article.kind !== 'page' && article.sticky > 0,
  };
}

/** The summary text of an article in listings and feeds: its own excerpt, whitespace collapsed, else the start of its text (see makeExcerpt). */
export function summaryText(article: Article): string {
  return collapse(article.excerpt) || makeExcerpt(article.text);
}

/**
 * The record an article page renders, with its head metadata. The
 * description is the article's `description:`, else its excerpt (both cut
 * at {@link META_DESCRIPTION_LENGTH}, as Hexo does), else the first ~120
 * characters of its text; og:image and the JSON-LD image only ever name a
 * re-hosted cover. A Hexo page (`kind: 'page'`) carries its title, body
 * and head only: no categories, tags, author or neighbours.
 */
export function toArticlePage(article: Article, neighbours: ArticleNeighbours, context: RecordContext): ArticlePage {
  const { urls } = context;
  const isPost = article.kind !== 'page';
  const { older, newer, related } = isPost ? neighbours : { older: undefined, newer: undefined, related: [] };
  const own = collapse(article.description) || collapse(article.excerpt);
  const description = own ? makeExcerpt(own, META_DESCRIPTION_LENGTH) : makeExcerpt(article.text);
  const image = localCover(article);
  const author = isPost ? displayName(article.author) : undefined;
  return {
    kind: article.kind,
    url: article.url,
    outputPath: article.outputPath,
    title: article.title,
    description,
    date: article.date,
    updated: article.updated,
    lang: pageLanguage(article.lang),
    author,
    authorUrl: author ? urls.authorUrl(author) : undefined,
    authorIsSource: author !== undefined && context.isSourceAuthor(author, article.categories),
    categories: isPost ? article.categories.map((path) => categoryTrail(path, urls)) : [],
    tags: isPost ? tagNames(article.tags).map((name) => ({ name, url: urls.tagUrl(name) })) : [],
    link: toWebUrl(article.link),
    cover: isPost ? coverFigure(article, context.onFailure ?? 'link') : undefined,
    // Loaded when the page is rendered (completeArticlePages): the data of 10,000 pages holds no body.
    html: '',
    htmlHash: article.htmlHash,
    older,
    newer,
    related,
    canonicalUrl: isPost ? neighbours.canonicalUrl : undefined,
    copies: isPost ? (neighbours.copies ?? []) : [],
    meta: {
      title: article.title,
      description,
      type: isPost ? 'article' : 'website',
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
export function categoryTrail(path: readonly string[], urls: Pick<SiteUrls, 'categoryUrl'>): Link[] {
  return path.map((name, depth) => ({ name, url: urls.categoryUrl(path.slice(0, depth + 1)) }));
}

function collapse(text: string | undefined): string {
  return text?.replace(/\s+/g, ' ').trim() ?? '';
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
  if (onFailure === 'drop' || toWebUrl(cover.origin) === undefined) return undefined;
  return { local: false, image: { src: cover.origin, srcset: undefined, width: undefined, height: undefined, sources: [] } };
}
