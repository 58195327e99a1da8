import type { Element, ElementContent, Parents, Properties, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit, type VisitorResult } from 'unist-util-visit';
import type { SlottedHtml } from '../sanitize/index.ts';
import type { ImageOutcome } from './types.ts';

/** Widest the article column shows an image, in CSS pixels (templates cap the content at 960px). */
export const MAX_DISPLAY_WIDTH = 960;

/** Options of {@link rewriteImageMarkup}. */
export interface RewriteImageOptions {
  /** Load the page's first image eagerly, with high fetch priority: it is often the LCP element (default: `false`). */
  readonly eagerFirst?: boolean;
  /** Remove images that were not re-hosted instead of linking their origin (default: `false`). */
  readonly dropUnhosted?: boolean;
  /** Path the site is published under, prefixed to re-hosted image URLs, e.g. `/news` (default: `''`). */
  readonly basePath?: string;
}

/**
 * Rewrites every `<img>` of a sanitized body according to the outcomes, keyed
 * by the `src` as written. Re-hosted images become a `<picture>` with AVIF and
 * WebP `<source>`s and an `<img>` carrying `src`, `srcset`, `sizes`, `width`,
 * `height` (so the layout does not shift), the article's `alt`, and
 * `loading="lazy" decoding="async"`. Failed or skipped images point at the
 * unwrapped origin URL, never at the CORS proxy, with
 * `referrerpolicy="no-referrer"` (hot-link protection on the news CDNs
 * checks the Referer) and `loading="lazy"`, or are removed with
 * `dropUnhosted`. Images without an outcome are left as they are.
 * Only the body's image slots are rewritten; the HTML between them is copied.
 *
 * @param body sanitized body HTML and where its images are (see serializeWithImageSlots).
 * @param outcomes from `rehostImages`, keyed by original URL.
 * @param options see {@link RewriteImageOptions}.
 */
export function rewriteImageMarkup(body: SlottedHtml, outcomes: ReadonlyMap<string, ImageOutcome>, options: RewriteImageOptions = {}): string {
  const rewrite = imageRewriter(outcomes, options);
  const pieces: string[] = [];
  let copied = 0;
  for (const slot of body.imageSlots) {
    const root: Root = { type: 'root', children: [structuredClone(slot.element)] };
    visit(root, 'element', rewrite);
    pieces.push(body.html.slice(copied, slot.start), toHtml(root));
    copied = slot.end;
  }
  pieces.push(body.html.slice(copied));
  return pieces.join('');
}

/** The visitor that rewrites each `<img>` it meets, counting them across calls (for `eagerFirst`). */
function imageRewriter(outcomes: ReadonlyMap<string, ImageOutcome>, options: RewriteImageOptions) {
  let seen = 0;
  return (node: Element, index: number | undefined, parent: Parents | undefined): VisitorResult => {
    if (node.tagName !== 'img' || parent === undefined || index === undefined) return undefined;
    const eager = options.eagerFirst === true && seen === 0;
    seen += 1;
    const src = typeof node.properties.src === 'string' ? node.properties.src : '';
    const outcome = outcomes.get(src) ?? outcomes.get(src.trim());
    if (outcome === undefined) return undefined;
    if (outcome.url === undefined || (outcome.status !== 'rehosted' && outcome.status !== 'cached')) {
      if (options.dropUnhosted) {
        // A <picture> holds only this image: it goes with it. The caption of a figure stays, so no text is lost.
        const container = parent.type === 'element' && parent.tagName === 'picture' ? parent : undefined;
        if (container) container.children = [];
        else parent.children.splice(index, 1);
        return container ? SKIP : [SKIP, index];
      }
      node.properties = degradedProperties(node.properties, outcome, eager);
      // The <source>s of a <picture> name the same image by other URLs (the proxy among them): drop them.
      if (parent.type === 'element' && parent.tagName === 'picture') parent.children = [node];
      return undefined;
    }
    const base = options.basePath ?? '';
    const img: Element = { type: 'element', tagName: 'img', properties: rehostedProperties(node.properties, outcome, eager, base), children: [] };
    const sources: ElementContent[] = (outcome.sources ?? []).map((source) => ({
      type: 'element',
      tagName: 'source',
      properties: { type: source.type, srcSet: prefixSrcset(source.srcset, base), sizes: sizesFor(outcome) },
      children: [],
    }));
    if (parent.type === 'element' && parent.tagName === 'picture') {
      // Already in a <picture>: its old <source>s point at the origin, so ours replace them.
      parent.children = [...sources, img];
      return [SKIP, parent.children.length];
    }
    parent.children[index] = { type: 'element', tagName: 'picture', properties: {}, children: [...sources, img] };
    return [SKIP, index + 1];
  };
}

function rehostedProperties(old: Properties, outcome: ImageOutcome, eager: boolean, base: string): Properties {
  const properties: Properties = {
    ...withoutLoadingHints(old),
    src: `${base}${outcome.url}`,
    srcSet: outcome.srcset === undefined ? undefined : prefixSrcset(outcome.srcset, base),
    sizes: sizesFor(outcome),
    width: outcome.width,
    height: outcome.height,
    alt: typeof old.alt === 'string' ? old.alt : '',
  };
  return eager ? { ...properties, loading: 'eager', fetchPriority: 'high' } : { ...properties, loading: 'lazy', decoding: 'async' };
}

function degradedProperties(old: Properties, outcome: ImageOutcome, eager: boolean): Properties {
  const properties: Properties = {
    ...withoutLoadingHints(old),
    alt: typeof old.alt === 'string' ? old.alt : '',
    referrerPolicy: 'no-referrer',
  };
  // Only a real http(s) origin replaces the src; anything else stays as the sanitizer left it.
  if (/^https?:\/\//i.test(outcome.origin)) properties.src = outcome.origin;
  return eager ? properties : { ...properties, loading: 'lazy' };
}

/** Drops what the old markup said about size and loading: it described the origin file, not ours. */
function withoutLoadingHints(old: Properties): Properties {
  const { srcSet: _srcSet, sizes: _sizes, width: _width, height: _height, loading: _loading, decoding: _decoding, fetchPriority: _priority, referrerPolicy: _referrer, ...rest } = old;
  return rest;
}

/** Prefixes every (root-relative) URL of a srcset we generated: `"/images/a-480.jpg 480w, …"`. */
function prefixSrcset(srcset: string, base: string): string {
  return base === '' ? srcset : srcset.split(', ').map((candidate) => `${base}${candidate}`).join(', ');
}

/** Full viewport width on narrow screens, capped at the column (or the image, when narrower). */
function sizesFor(outcome: ImageOutcome): string {
  const display = Math.min(MAX_DISPLAY_WIDTH, outcome.width ?? MAX_DISPLAY_WIDTH);
  return `(min-width: ${display}px) ${display}px, 100vw`;
}
