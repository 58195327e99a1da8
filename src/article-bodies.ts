import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { ARTICLE_LEAD_CHARS, ARTICLE_TEXT_CHARS } from './article.ts';
import type { ArticleCache, PostBody, SanitizedBody, SanitizedHead } from './cache/article-cache.ts';
import type { SiteConfig } from './config/index.ts';
import type { ImageOutcome } from './images/index.ts';
import { parsePostFile } from './ingest/index.ts';
import type { ArticleSource } from './ingest/types.ts';
import { BuildError } from './report/build-error.ts';
import { warningAt } from './report/diagnostic.ts';
import { basePath } from './urls/index.ts';
import { inThisThread, type BodyWork } from './workers/body-work.ts';

/** A sanitized post: what the index keeps, and its body when held. */
export interface SanitizedSource {
  readonly head: SanitizedHead;
  /** `undefined` when it is in the cache (recalled, or stashed until its images are rewritten). */
  readonly body: SanitizedBody | undefined;
}

/**
 * The bodies of the articles through the cache: sanitized and rewritten
 * only when their post or their images changed, and their HTML (and search
 * text) read back only for the pages, feeds and search shards that show
 * it. Where the cache lets us down (a body file lost, cut short, or not
 * matching its recorded hash), the post is read and made again.
 */
export class ArticleBodies {
  private readonly sources = new Map<string, ArticleSource>();
  private outcomes: ReadonlyMap<string, ImageOutcome> = new Map();

  /** @param work where bodies are sanitized and rewritten (default: in this thread) */
  constructor(
    private readonly cache: ArticleCache,
    private readonly config: SiteConfig,
    private readonly work: BodyWork = inThisThread,
  ) {}

  /** The sanitized body of `source`: recalled, or made now (then stashed in the cache, where it can be). */
  async sanitize(source: ArticleSource): Promise<SanitizedSource> {
    // Without its body: should the post have to be made again, it is read from its file.
    this.sources.set(source.source, { ...source, body: '' });
    const head = this.cache.prepared(source.source)?.sanitized;
    if (head) return { head, body: undefined };
    const made = await this.sanitizeSource(source);
    return this.cache.stash(source.source, made.body) ? { head: made.head, body: undefined } : made;
  }

  /**
   * Rewrites the body's images with their outcomes, unless the recalled HTML
   * was rewritten with the same ones.
   *
   * @returns the hash of the rewritten HTML
   */
  async rewrite(source: ArticleSource, sanitized: SanitizedSource, outcomes: ReadonlyMap<string, ImageOutcome>): Promise<string> {
    this.outcomes = outcomes;
    const key = this.rewriteKey(source, sanitized.head, outcomes);
    const recalled = this.cache.prepared(source.source)?.rewritten;
    if (recalled?.key === key && sanitized.body === undefined) return recalled.htmlHash;
    const body = sanitized.body ?? (await this.cache.sanitizedBody(source.source)) ?? (await this.sanitizeAgain(source)).body;
    const html = await this.rewriteHtml(body, source, outcomes);
    return this.cache.store(source.source, sanitized.head, { ...body, html }, key);
  }

  /**
   * The rewritten HTML of an article, checked against its hash; made again
   * from the post when the body file is missing or does not match.
   */
  async html(article: { readonly source: string; readonly htmlHash: string }): Promise<string> {
    return (await this.body(article)).html;
  }

  /** The start of an article's plain text for the search index (see ARTICLE_TEXT_CHARS), like {@link html}. */
  async searchText(article: { readonly source: string; readonly htmlHash: string }): Promise<string> {
    return (await this.body(article)).text;
  }

  private async body(article: { readonly source: string; readonly htmlHash: string }): Promise<PostBody> {
    const body = await this.cache.body(article.source);
    if (body && sha256(body.html) === article.htmlHash) return body;
    const source = this.sources.get(article.source);
    if (!source) throw new Error(`${article.source} was not sanitized by this build`);
    const again = await this.sanitizeAgain(source);
    const made = { ...again.body, html: await this.rewriteHtml(again.body, source, this.outcomes) };
    this.cache.store(source.source, again.head, made, this.rewriteKey(source, again.head, this.outcomes));
    return made;
  }

  // Loaded on first use: a build that recalls every body never needs the HTML tools.
  private async rewriteHtml(body: SanitizedBody, source: ArticleSource, outcomes: ReadonlyMap<string, ImageOutcome>): Promise<string> {
    const { rewriteImageMarkup } = await import('./images/rewrite-image-markup.ts');
    return rewriteImageMarkup({ html: body.sanitizedHtml, imageSlots: body.imageSlots }, outcomes, this.rewriteOptions(source));
  }

  private rewriteOptions(source: ArticleSource) {
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
  private async sanitizeAgain(source: ArticleSource): Promise<SanitizedSource & { body: SanitizedBody }> {
    try {
      const [bytes, stats] = await Promise.all([readFile(source.sourcePath), stat(source.sourcePath)]);
      const parsed = parsePostFile({ source: source.source, sourcePath: source.sourcePath, bytes, stats }, this.config);
      if (parsed.article) return await this.sanitizeSource(parsed.article);
    } catch {
      // Reported below as a file that changed during the build.
    }
    throw new BuildError(`${source.source} changed or vanished during the build`, {
      file: source.sourcePath,
      hint: 'Build again once the bot has finished writing.',
    });
  }

  private async sanitizeSource(source: ArticleSource): Promise<SanitizedSource & { body: SanitizedBody }> {
    const { body, warnings } = await this.work.sanitize(source.body, source.bodyFormat, { proxyPrefixes: this.config.proxyPrefixes });
    const bodyWarnings = warnings.map((w) =>
      warningAt(source.source, w.rule, w.message, { line: source.bodyLine, ...(w.hint ? { hint: w.hint } : {}) }),
    );
    const text = body.text.slice(0, ARTICLE_TEXT_CHARS);
    return {
      head: { text: leadOf(text), images: body.images, removed: body.removed, warnings: bodyWarnings },
      body: { sanitizedHtml: body.html, imageSlots: body.imageSlots, text },
    };
  }
}

/** The start of the text, whitespace collapsed, that an article holds (see ARTICLE_LEAD_CHARS). */
function leadOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, ARTICLE_LEAD_CHARS);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
