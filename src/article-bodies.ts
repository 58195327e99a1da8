import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { ARTICLE_TEXT_CHARS } from './article.ts';
import type { ArticleCache, SanitizedHead } from './cache/article-cache.ts';
import type { SiteConfig } from './config/index.ts';
import type { ImageOutcome } from './images/index.ts';
import { parsePostFile } from './ingest/index.ts';
import type { ArticleSource } from './ingest/types.ts';
import { BuildError } from './report/build-error.ts';
import { warningAt } from './report/diagnostic.ts';
import { basePath } from './urls/index.ts';
import { inThisThread, type BodyWork } from './workers/body-work.ts';

/** A sanitized body: what the index keeps, and the HTML when this build made it. */
export interface SanitizedSource {
  readonly head: SanitizedHead;
  /** `undefined` when recalled from the cache (the HTML stays in the body file). */
  readonly html: string | undefined;
}

/**
 * The bodies of the articles through the cache: sanitized and rewritten
 * only when their post or their images changed, and their HTML read back
 * only for the pages and feeds that show it. Where the cache lets us down
 * (a body file lost, cut short, or not matching its recorded hash), the
 * post is read and made again.
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

  /** The sanitized body of `source`: recalled, or made now (its HTML then stashed in the cache, where it can be). */
  async sanitize(source: ArticleSource): Promise<SanitizedSource> {
    // Without its body: should the post have to be made again, it is read from its file.
    this.sources.set(source.source, { ...source, body: '' });
    const head = this.cache.prepared(source.source)?.sanitized;
    if (head) return { head, html: undefined };
    const made = await this.sanitizeSource(source);
    return this.cache.stash(source.source, made.html) ? { head: made.head, html: undefined } : made;
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
    if (recalled?.key === key && sanitized.html === undefined) return recalled.htmlHash;
    const input = sanitized.html ?? (await this.cache.sanitizedHtml(source.source)) ?? (await this.sanitizeAgain(source)).html;
    const html = await this.rewriteHtml(input, sanitized.head, source, outcomes);
    return this.cache.store(source.source, sanitized.head, { sanitizedHtml: input, html }, key);
  }

  /**
   * The rewritten HTML of an article, checked against its hash; made again
   * from the post when the body file is missing or does not match.
   */
  async html(article: { readonly source: string; readonly htmlHash: string }): Promise<string> {
    const body = await this.cache.body(article.source);
    if (body && sha256(body.html) === article.htmlHash) return body.html;
    const source = this.sources.get(article.source);
    if (!source) throw new Error(`${article.source} was not sanitized by this build`);
    const again = await this.sanitizeAgain(source);
    const html = await this.rewriteHtml(again.html, again.head, source, this.outcomes);
    this.cache.store(source.source, again.head, { sanitizedHtml: again.html, html }, this.rewriteKey(source, again.head, this.outcomes));
    return html;
  }

  private rewriteHtml(html: string, head: SanitizedHead, source: ArticleSource, outcomes: ReadonlyMap<string, ImageOutcome>): Promise<string> {
    const images = head.images.map((image) => image.original);
    return this.work.rewrite(html, outcomes, images, this.rewriteOptions(source));
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
  private async sanitizeAgain(source: ArticleSource): Promise<SanitizedSource & { html: string }> {
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

  private async sanitizeSource(source: ArticleSource): Promise<SanitizedSource & { html: string }> {
    const { body, warnings } = await this.work.sanitize(source.body, source.bodyFormat, { proxyPrefixes: this.config.proxyPrefixes });
    const bodyWarnings = warnings.map((w) =>
      warningAt(source.source, w.rule, w.message, { line: source.bodyLine, ...(w.hint ? { hint: w.hint } : {}) }),
    );
    return {
      head: { text: body.text.slice(0, ARTICLE_TEXT_CHARS), images: body.images, removed: body.removed, warnings: bodyWarnings },
      html: body.html,
    };
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
