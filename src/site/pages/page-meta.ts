import type { LocalImage } from './types.ts';

/** A feed offered by `<link rel="alternate">` in a page's head. */
export interface FeedLink {
  readonly title: string;
  /** Media type, e.g. `application/atom+xml`. */
  readonly type: string;
  /** Root-relative URL. */
  readonly url: string;
}

/** The head of a page beyond `<title>`: description, OpenGraph, Twitter card, JSON-LD, feeds. */
export interface PageMeta {
  /** og:title (X's card takes it too): the page's own title, without the site's. */
  readonly title: string;
  /** Plain text, about 120 characters. */
  readonly description: string;
  /** og:type. */
  readonly type: 'article' | 'website';
  /** A re-hosted image (og:image, and X's summary_large_image card); never a hot-linked one. */
  readonly image: { readonly url: string; readonly width: number | undefined; readonly height: number | undefined } | undefined;
  /** Serialized, script-safe JSON-LD (article pages). */
  readonly jsonLd: string | undefined;
  /** Feeds of this page besides the site's (a category's Atom feed). */
  readonly feeds: readonly FeedLink[];
}

/** The OpenGraph image of a re-hosted cover. */
export function metaImage(image: LocalImage | undefined): PageMeta['image'] {
  return image ? { url: image.src, width: image.width, height: image.height } : undefined;
}

/**
 * og:locale from a BCP 47 tag: `zh-CN` → `zh_CN` (OpenGraph uses the
 * `language_TERRITORY` form).
 */
export function ogLocale(language: string): string {
  const [lang = 'en', region] = language.split(/[-_]/);
  return region && /^[a-z]{2}$/i.test(region) ? `${lang.toLowerCase()}_${region.toUpperCase()}` : lang.toLowerCase();
}
