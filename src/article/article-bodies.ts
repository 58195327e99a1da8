import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { ARTICLE_LEAD_CHARS, type Article } from './article.ts';
import { textSignature } from './text-signature.ts';
import { restoredTitleOf } from './restore-title.ts';
import type { ArticleCache, BodyFile, SanitizedHead } from '../cache/article-cache.ts';
import { contentRulesOf, type SiteConfig } from '../config/index.ts';
import type { ImageOutcome } from '../images/index.ts';
import type { parsePostFile } from '../ingest/index.ts';
import type { rewriteImageMarkup } from '../images/rewrite-image-markup.ts';
import type { ArticleSource } from '../ingest/types.ts';
import { BuildError } from '../report/build-error.ts';
import { warningAt } from '../report/diagnostic.ts';
import { basePath } from '../urls/index.ts';
import type { BodyWork } from '../sanitize/body-work.ts';

/** The earlier stages' code the bodies run, handed in by the build. */
export interface BodyStages {
  /** Where bodies are sanitized (sanitize/body-work.ts). */
  readonly work: BodyWork;
  /** Reads a post file again (ingest's parsePostFile). */
  readonly parse: typeof parsePostFile;
  /** The images stage's rewriteImageMarkup, loaded on first use: a build that shows no article never needs the HTML tools. */
  readonly rewriter: () => Promise<typeof rewriteImageMarkup>;
}

/** What the bodies need of an article to show it: its post and its images' outcomes. */
export type ShownArticle = Pick<Article, 'source' | 'sourcePath' | 'kind' | 'name' | 'cover' | 'images'>;

/**
 * The bodies of the articles through the cache: sanitized only when their
 * post changed, and read back (their images rewritten then) only for the
 * pages, feeds and search index that show them. Where the cache lets us
 * down (a body file lost, cut short, or not matching its recorded hash),
 * the post is read and made again.
 */
export class ArticleBodies {
  constructor(
    private readonly cache: ArticleCache,
    private readonly config: SiteConfig,
    private readonly stages: BodyStages,
  ) {}

  /** What sanitizing made of the body of `source`: recalled, or made now (its body file written to the cache). */
  async sanitize(source: ArticleSource): Promise<SanitizedHead> {
    return this.cache.prepared(source.source)?.sanitized ?? (await this.sanitizeSource(source)).head;
  }

  /**
   * Records how the body's images are rewritten with their outcomes. The
   * HTML itself is rewritten each time it is read (see {@link html}), which
   * costs less than writing it to the cache a second time.
   *
   * @returns a hash standing for the HTML: of the body file and of what its rewrite depends on
   */
  rewrite(source: ArticleSource, head: SanitizedHead, outcomes: ReadonlyMap<string, ImageOutcome>): string {
    const key = this.rewriteKey(source, head, outcomes);
    const recalled = this.cache.prepared(source.source);
    if (recalled?.sanitized === head && recalled.rewritten?.key === key) return recalled.rewritten.htmlHash;
    const htmlHash = sha256(`${head.bodyHash}\0${key}`);
    this.cache.record(source.source, head, { key, htmlHash });
    return htmlHash;
  }

  /** The HTML of an article, its images rewritten with its outcomes. */
  async html(article: ShownArticle): Promise<string> {
    const body = await this.body(article);
    const rewriteImageMarkup = await this.stages.rewriter();
    const outcomes = new Map(article.images.map((image) => [image.original, image]));
    return rewriteImageMarkup({ html: body.sanitizedHtml, imageSlots: body.imageSlots }, outcomes, this.rewriteOptions(article));
  }

  /** An article's whole plain text, for the search index. */
  async searchText(article: ShownArticle): Promise<string> {
    return (await this.body(article)).text;
  }

  /** The body file of an article; made again from the post when it is missing or does not match. */
  private async body(article: ShownArticle): Promise<BodyFile> {
    const body = await this.cache.body(article.source);
    if (body) return body;
    // Read again from its file, which the article names: no build holds the posts it read.
    const again = await this.sanitizeAgain(article);
    this.cache.record(article.source, again.head);
    return again.body;
  }

  private rewriteOptions(source: Pick<ArticleSource, 'cover'>) {
    return {
      eagerFirst: !source.cover,
      basePath: basePath(this.config.baseUrl),
      dropUnhosted: this.config.images.onFailure === 'drop',
    };
  }

  /**
   * What the rewritten HTML depends on besides the sanitized body: its
   * images' outcomes and the rewrite options. `cached` and `rehosted` write
   * the same markup, so a warm build matches the cold one.
   */
  private rewriteKey(source: ArticleSource, head: SanitizedHead, outcomes: ReadonlyMap<string, ImageOutcome>): string {
    const images = head.images.map((image) => {
      const { status, ...rest } = outcomes.get(image.original) ?? { status: 'missing' };
      return { ...rest, local: status === 'rehosted' || status === 'cached' };
    });
    return sha256(JSON.stringify([images, this.rewriteOptions(source)]));
  }

  /** Reads and sanitizes the post again (its cached body is gone). */
  private async sanitizeAgain(source: Pick<ArticleSource, 'source' | 'sourcePath' | 'kind' | 'name'>): Promise<{ head: SanitizedHead; body: BodyFile }> {
    try {
      const [bytes, stats] = await Promise.all([readFile(source.sourcePath), stat(source.sourcePath)]);
      const parsed = this.stages.parse({ source: source.source, sourcePath: source.sourcePath, bytes, stats, kind: source.kind, name: source.name }, this.config);
      if (parsed.article) return await this.sanitizeSource(parsed.article);
    } catch {
      // Reported below as a file that changed during the build.
    }
    throw new BuildError(`${source.source} changed or vanished during the build`, {
      file: source.sourcePath,
      hint: 'Build again once the bot has finished writing.',
    });
  }

  /** Sanitizes the body of `source` and writes its body file. */
  private async sanitizeSource(source: ArticleSource): Promise<{ head: SanitizedHead; body: BodyFile }> {
    const { body, warnings } = await this.stages.work.sanitize(source.body, source.bodyFormat, { proxyPrefixes: this.config.proxyPrefixes, content: contentRulesOf(this.config) });
    const bodyWarnings = warnings.map((w) =>
      warningAt(source.source, w.rule, w.message, { line: source.bodyLine, ...(w.hint ? { hint: w.hint } : {}) }),
    );
    const made = { sanitizedHtml: body.html, imageSlots: body.imageSlots, text: body.text };
    const bodyHash = this.cache.storeBody(source.source, made);
    // Held for every article, as `text` is: a `<!-- more -->` late in a long body must not pin it all.
    const moreText = body.moreText && ownCopy(body.moreText.slice(0, MORE_TEXT_CHARS));
    // Made here, the one time the whole text is at hand: finding a story's copies then reads no body.
    const signature = textSignature(made.text);
    // The bot's `_` in the title are read against the whole body, so also here, and kept with the head.
    const title = restoredTitleOf(source, body);
    return { head: { text: leadOf(body.summary), moreText, images: body.images, removed: body.removed, warnings: bodyWarnings, bodyHash, signature, ...(title ? { title } : {}) }, body: made };
  }
}

/** How much of the text before `<!-- more -->` an article holds: more than any listing or feed summary shows. */
const MORE_TEXT_CHARS = 2000;

/**
 * The start of the text, whitespace collapsed, that an article holds (see
 * ARTICLE_LEAD_CHARS): its words up to that length, so that a long text is
 * not collapsed whole for its first lines.
 */
function leadOf(text: string): string {
  let lead = '';
  for (const [word] of text.matchAll(/\S+/g)) {
    lead += lead === '' ? word : ` ${word}`;
    if (lead.length >= ARTICLE_LEAD_CHARS) break;
  }
  return ownCopy(lead.slice(0, ARTICLE_LEAD_CHARS));
}

/**
 * A string that holds its own characters. A slice shares those of the
 * string it was cut from: a lead cut from a Chinese paragraph (one "word")
 * kept the text's whole 2,000-character summary alive with it, 12.6 MB at
 * 10,000 posts (bench/results/2026-12-04-issue-23-session8-memory.json).
 */
function ownCopy(text: string): string {
  return structuredClone(text);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
