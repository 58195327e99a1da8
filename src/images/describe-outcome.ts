import type { VariantManifest } from './cache.ts';
import type { ImageOutcome, ImageSource } from './types.ts';

/** The re-hosted part of an outcome, and the variant file names it refers to. */
export interface DescribedOutcome {
  readonly outcome: Required<Pick<ImageOutcome, 'url' | 'srcset' | 'sources' | 'width' | 'height'>>;
  readonly names: readonly string[];
}

/**
 * Turns a variant manifest into the URLs the markup uses: the largest
 * fallback (JPEG or PNG) as `url`, a `srcset` per format, AVIF before WebP.
 * URLs are root-relative (`/images/<name>`); the site stage adds the base
 * path. Names are hex and digits, so they need no encoding.
 */
export function describeOutcome(manifest: VariantManifest): DescribedOutcome {
  const srcsetOf = (formats: readonly string[]) =>
    manifest.files
      .filter((file) => formats.includes(file.format))
      .sort((a, b) => a.width - b.width)
      .map((file) => `${imageUrl(file.name)} ${file.width}w`)
      .join(', ');
  const fallbacks = manifest.files.filter((f) => f.format === 'jpeg' || f.format === 'png').sort((a, b) => a.width - b.width);
  const largest = fallbacks[fallbacks.length - 1];
  if (largest === undefined) throw new Error('variant manifest without a fallback image');
  const sources: ImageSource[] = [
    { type: 'image/avif', srcset: srcsetOf(['avif']) },
    { type: 'image/webp', srcset: srcsetOf(['webp']) },
  ];
  return {
    outcome: {
      url: imageUrl(largest.name),
      srcset: srcsetOf(['jpeg', 'png']),
      sources: sources.filter((s) => s.srcset !== ''),
      width: manifest.width,
      height: manifest.height,
    },
    names: manifest.files.map((f) => f.name),
  };
}

/** Root-relative URL of a published variant; the file goes to `images/<name>` under the output folder. */
function imageUrl(name: string): string {
  return `/images/${name}`;
}
