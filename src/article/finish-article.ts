import type { Article } from './article.ts';
import type { ArticleBodies } from './article-bodies.ts';
import type { SanitizedHead } from '../cache/article-cache.ts';
import type { SiteConfig } from '../config/index.ts';
import type { ImageOutcome } from '../images/index.ts';
import type { ArticleSource } from '../ingest/types.ts';
import { warningAt, type Diagnostic } from '../report/diagnostic.ts';
import { unwrapProxyUrl } from '../urls/index.ts';

/** A post sanitized and waiting for its images: what the build carries between the stages. */
export interface SanitizedArticle {
  readonly source: ArticleSource;
  /** What sanitizing made of its body (the body itself is in the cache). */
  readonly head: SanitizedHead;
  /** Warnings so far: ingest's and the sanitizer's. */
  readonly warnings: readonly Diagnostic[];
}

/** Sanitizes a post (or recalls it from the cache, through `bodies`); `warnings` are ingest's. */
export async function sanitizePost(bodies: ArticleBodies, source: ArticleSource, warnings: readonly Diagnostic[]): Promise<SanitizedArticle> {
  return toSanitizedPost(source, await bodies.sanitize(source), warnings);
}

/** The post of `source` once its body is sanitized; `warnings` are ingest's. */
export function toSanitizedPost(source: ArticleSource, head: SanitizedHead, warnings: readonly Diagnostic[]): SanitizedArticle {
  return { source, head, warnings: [...warnings, ...head.warnings] };
}

/** Every image URL of a post as written (the cover first), for the images stage. */
export function imageOriginals({ source, head }: SanitizedArticle): string[] {
  return [...(source.cover ? [source.cover] : []), ...head.images.map((image) => image.original)];
}

/**
 * The article of a sanitized post once its images have outcomes: how its
 * HTML is rewritten recorded (through `bodies`, so the cache keeps it) and a
 * warning for the images that could not be re-hosted.
 *
 * @param outcomes the images stage's outcome of every URL of {@link imageOriginals}
 */
export function finishArticle(post: SanitizedArticle, outcomes: ReadonlyMap<string, ImageOutcome>, bodies: ArticleBodies, config: SiteConfig): Article {
  const { source, head } = post;
  const outcomeOf = (original: string) => outcomes.get(original) ?? assertOutcome(original, config);
  const cover = source.cover ? outcomeOf(source.cover) : undefined;
  const bodyImages = head.images.map((image) => outcomeOf(image.original));
  const htmlHash = bodies.rewrite(source, head, outcomes);
  return toArticle(post, htmlHash, cover, cover ? [cover, ...bodyImages] : bodyImages);
}

/**
 * The article of a sanitized post, given its HTML's hash and its images'
 * outcomes (none when the build only checks the posts).
 */
export function toArticle(post: SanitizedArticle, htmlHash: string, cover?: ImageOutcome, images: readonly ImageOutcome[] = []): Article {
  const { source, head } = post;
  const { body: _raw, bodyFormat: _format, bodyLine: _line, ...front } = source;
  return {
    ...front,
    // The bot's `_` read back from the body; the URL was made from the post's own title.
    ...(head.title !== undefined ? { title: head.title, filedTitle: source.title } : {}),
    htmlHash,
    text: head.text,
    excerpt: source.excerpt ?? head.moreText,
    removed: head.removed,
    coverImage: cover,
    images,
    warnings: [...post.warnings, ...imageWarnings(source.source, images)],
    signature: head.signature,
  };
}

/**
 * The article without the warnings its images' outcomes make (see
 * imageWarnings), which come last: a build's record keeps them out, as
 * they follow from the outcomes it keeps, and {@link withImageWarnings}
 * makes them again. At 10,000 posts built offline they were half its bytes.
 */
export function withoutImageWarnings<T extends Pick<Article, 'source' | 'images' | 'warnings'>>(article: T): T {
  const made = imageWarnings(article.source, article.images).length;
  return { ...article, warnings: article.warnings.slice(0, article.warnings.length - made) };
}

/** The article of {@link withoutImageWarnings} with those warnings made again. */
export function withImageWarnings<T extends Pick<Article, 'source' | 'images' | 'warnings'>>(article: T): T {
  return { ...article, warnings: [...article.warnings, ...imageWarnings(article.source, article.images)] };
}

/**
 * One warning per distinct failed image (ZAKER repeats the cover as the first body image), and one
 * for all those skipped: an offline build of 10,000 posts would otherwise print 100,000 lines.
 */
function imageWarnings(file: string, images: readonly ImageOutcome[]): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  const failed = new Map(images.filter((i) => i.status === 'failed').map((i) => [i.origin, i]));
  for (const image of failed.values()) warnings.push(failedImageWarning(file, image));
  const skipped = images.filter((i) => i.status === 'skipped');
  const offline = [...new Set(skipped.filter((i) => i.error === 'offline').map((i) => i.origin))];
  const unusable = skipped.filter((i) => i.error !== 'offline');
  if (offline.length > 0) warnings.push(skippedImagesWarning(file, 'images/offline', offline, 'offline'));
  if (unusable.length > 0) warnings.push(skippedImagesWarning(file, 'images/skipped', [...new Set(unusable.map((i) => i.origin))], unusable[0]!.error));
  return warnings;
}

function failedImageWarning(file: string, image: ImageOutcome): Diagnostic {
  const retry = image.retryAt ? `a build after ${image.retryAt.slice(0, 16).replace('T', ' ')} UTC tries again (--retry-failed-images: now)` : 'the next build tries again';
  const reason = image.error ?? 'could not be fetched';
  return warningAt(file, 'images/fetch', `image ${image.origin}: ${reason}; linked to its origin`, {
    hint: `The page links the original server instead; ${retry}.`,
    images: [{ origin: image.origin, reason }],
  });
}

/** Images not fetched: `images/offline` for a build told not to (the dev server fetches them behind it), `images/skipped` for a URL it cannot fetch. */
function skippedImagesWarning(file: string, rule: 'images/offline' | 'images/skipped', origins: readonly string[], why = 'not fetched'): Diagnostic {
  const more = origins.length > 1 ? ` and ${origins.length - 1} more` : '';
  return warningAt(file, rule, `${origins.length} ${origins.length === 1 ? 'image' : 'images'} not re-hosted (${why}): ${origins[0]}${more}`, {
    hint: rule === 'images/offline' ? 'Build without --offline to download them once into the cache.' : 'The page points at the URL as it is; give the image an http(s) URL to have it re-hosted.',
    images: origins.map((origin) => ({ origin, reason: rule === 'images/offline' ? 'offline (a build online fetches them once into the cache)' : why })),
  });
}

// An image the images stage did not report on (it reports every original it is given): our own bug.
function assertOutcome(original: string, config: SiteConfig): ImageOutcome {
  throw new Error(`images stage returned no outcome for ${original} (origin ${unwrapProxyUrl(original, config.proxyPrefixes)})`);
}
