import type { ImageOutcome } from '../../images/types.ts';
import type { Thumbnail } from './types.ts';

/**
 * Covers smaller than this on either side (pixels, of the largest variant)
 * are icons, spacers or tracking pixels rather than a picture of the story:
 * stretched into a listing's thumbnail box they would show as a blur.
 */
export const MIN_THUMBNAIL_SIDE = 48;

/**
 * The thumbnail a listing shows for a cover: its smallest re-hosted variant
 * only, so a listing page carries one URL per format and no `srcset` of
 * many widths (the box is at most 160 CSS px wide; the smallest configured
 * variant, 480 px by default, is sharp at 2× and 3×). Its width and height
 * are that variant's, so the page reserves its box before it loads.
 *
 * No thumbnail for a cover that was not re-hosted (failed, skipped, or
 * without a known size): a listing never hot-links and never shows a
 * broken image.
 */
export function thumbnailOf(cover: ImageOutcome | undefined): Thumbnail | undefined {
  if (cover === undefined || (cover.status !== 'rehosted' && cover.status !== 'cached') || !cover.url) return undefined;
  const { width, height } = cover;
  if (!width || !height || width < MIN_THUMBNAIL_SIDE || height < MIN_THUMBNAIL_SIDE) return undefined;
  const smallest = smallestCandidate(cover.srcset ?? '') ?? { url: cover.url, width };
  // Variants are scaled from the largest one's width alone, keeping its ratio (src/images/make-variants.ts).
  const thumbHeight = Math.max(1, Math.round((height * smallest.width) / width));
  // The same width in the best format made (AVIF before WebP, src/images/describe-outcome.ts).
  const best = cover.sources?.[0];
  const bestUrl = best ? candidateOfWidth(best.srcset, smallest.width) : undefined;
  return {
    src: smallest.url,
    source: best && bestUrl ? { type: best.type, srcset: bestUrl } : undefined,
    width: smallest.width,
    height: thumbHeight,
  };
}

interface Candidate {
  readonly url: string;
  readonly width: number;
}

/** The narrowest `url Nw` candidate of a srcset, if any has a width descriptor. */
function smallestCandidate(srcset: string): Candidate | undefined {
  let smallest: Candidate | undefined;
  for (const candidate of parseCandidates(srcset)) if (smallest === undefined || candidate.width < smallest.width) smallest = candidate;
  return smallest;
}

/** The URL of the srcset's candidate exactly `width` px wide. */
function candidateOfWidth(srcset: string, width: number): string | undefined {
  return parseCandidates(srcset).find((candidate) => candidate.width === width)?.url;
}

function parseCandidates(srcset: string): Candidate[] {
  return srcset.split(',').flatMap((text) => {
    const [url = '', descriptor = ''] = text.trim().split(/\s+/);
    const width = /^(\d+)w$/.exec(descriptor)?.[1];
    return url !== '' && width !== undefined && Number(width) > 0 ? [{ url, width: Number(width) }] : [];
  });
}
