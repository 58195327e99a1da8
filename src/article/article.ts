import type { ArticleSource } from '../ingest/types.ts';
import type { ImageOutcome } from '../images/types.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import type { DuplicateStory } from './near-duplicates.ts';
import type { TextSignature } from './text-signature.ts';

/**
 * How much of it, whitespace collapsed, an article holds in memory: more
 * than any excerpt shows (see makeExcerpt). The rest is read back only to
 * build the search index: 50,000 articles' 2,000 characters held a lot of
 * memory.
 */
export const ARTICLE_LEAD_CHARS = 400;

/**
 * A fully processed article, ready to render: validated front matter, safe
 * HTML with re-hosted images. Plain data, so it can be cached and sent to
 * workers.
 */
export interface Article extends Omit<ArticleSource, 'body' | 'bodyFormat' | 'bodyLine'> {
  /**
   * A hash standing for the safe HTML of the body, images rewritten (of the
   * sanitized body and of its images' outcomes, see ArticleBodies.rewrite):
   * pages and feeds are fingerprinted by it. The HTML itself stays in the
   * cache until a page or a feed is written (`RenderOptions.loadHtml`).
   */
  readonly htmlHash: string;
  /**
   * The start of the body's summary (its prose as plain sentences, see
   * SanitizedBody.summary), whitespace collapsed, at most
   * {@link ARTICLE_LEAD_CHARS} characters (excerpts). The search index
   * reads the whole text from the cache (ArticleBodies.searchText).
   */
  readonly text: string;
  /**
   * What listings and feed summaries show instead of the start of `text`:
   * the `excerpt:` key, else the text before the body's `<!-- more -->`
   * (undefined when there is neither).
   */
  readonly excerpt: string | undefined;
  /** Cover image after re-hosting, when there is one. */
  readonly coverImage: ImageOutcome | undefined;
  /** Every image of the body and the cover, in order. */
  readonly images: readonly ImageOutcome[];
  /** What the sanitizer removed from the body, counted by kind (`script`, `event-handler`, …). */
  readonly removed: Readonly<Record<string, number>>;
  /** Warnings kept with the article (it was built). */
  readonly warnings: readonly Diagnostic[];
  /**
   * The post's `title:` as the bot wrote it, when `title` shows it restored
   * from the body (`_瓣瓣同心_…` shown as `“瓣瓣同心”…`, see restoreTitle).
   * The URL was made from this one, and stays.
   */
  readonly filedTitle?: string | undefined;
  /** What its text is compared by to find other copies of its story; none for a text too short (see textSignature). */
  readonly signature?: TextSignature | undefined;
  /** The copies of its story this site holds, when it has any (set over all articles by markDuplicateStories). */
  readonly story?: DuplicateStory | undefined;
}
