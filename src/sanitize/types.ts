import type { ImageSlot } from './image-slots.ts';

/** An image referenced by an article body, found while sanitizing. */
export interface BodyImageRef {
  /** URL as written in the article (after resolving lazy-load attributes). */
  readonly original: string;
  /** Alt text from the article, else the caption, else empty. */
  readonly alt: string;
}

/** The sanitized body of one article. */
export interface SanitizedBody {
  /** Safe HTML: every `<img>` still points at `original`; the images stage rewrites it. */
  readonly html: string;
  /** Where each image is in `html`, for the images stage to rewrite it without parsing the HTML again. */
  readonly imageSlots: readonly ImageSlot[];
  /** All of the body's plain text, whitespace collapsed, headings and code included (for search). */
  readonly text: string;
  /**
   * The start of the body's prose as plain sentences (some 2,000
   * characters, more or less): no headings, code blocks, tables,
   * captions or decoration marks such as ▶ and ☐ (see summaryText). Listings,
   * feed summaries and page descriptions show its start.
   */
  readonly summary: string;
  /**
   * The summary (as `summary`) of what comes before the body's
   * `<!-- more -->` (Hexo's excerpt marker), when it has one: listings and
   * feed summaries show it instead of the body's start.
   */
  readonly moreText: string | undefined;
  /** Images in document order, one entry per `<img>`. */
  readonly images: readonly BodyImageRef[];
  /**
   * What sanitizing removed, counted by kind: `script`, `style`, `event-handler`, `script-url`,
   * `style-attribute`, `plugin`, `embed`, `media`, `form`, `metadata`, `foreign-content`,
   * `fallback`, `hidden-content`, `raw-text`, `comment`, `unknown-element` (unwrapped, text kept).
   * Kinds that did not occur are absent; keys are in alphabetical order.
   */
  readonly removed: Readonly<Record<string, number>>;
}
