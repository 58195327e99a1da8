import type { SharpOptions } from 'sharp';
import { sha256, type ImageCache, type VariantFileEntry, type VariantManifest } from './cache.ts';
import type { ImageKind } from './sniff-image-type.ts';
import { importOnUse } from '../system/load-on-use.ts';

type Sharp = (typeof import('sharp'))['default'];

/** sharp, loaded on first use: its native library takes a noticeable time to load, and a build whose images are all made never needs it. */
const loadSharp: () => Promise<Sharp> = importOnUse(() => import('sharp').then((module) => module.default));

/**
 * Encoder settings. Part of every output name's hash: change them (and bump
 * `version` for any change of behaviour) and every variant is made afresh
 * under a new, immutable name.
 */
export const VARIANT_SETTINGS = {
  version: 2,
  // Effort 2 of 9: measured on a 1440×1080 photo on 2 cores, effort 4 (sharp's default) was an order of magnitude
  // slower than effort 3, and effort 2 faster still, for files only a little larger; builds re-host thousands of images.
  avif: { quality: 50, effort: 2 },
  webp: { quality: 75, effort: 4, alphaQuality: 90 },
  jpeg: { quality: 78, mozjpeg: true },
  png: { compressionLevel: 9, effort: 5 },
  // 144 dpi renders an SVG at twice its declared CSS size, sharp on high-density screens.
  svgDensity: 144,
} as const;

/** Why an image could not be turned into variants. */
export class ImageVariantError extends Error {
  override readonly name = 'ImageVariantError';
}

/** A verified original, as the cache or the fetcher hands it over. */
export interface VariantSource {
  readonly bytes: Buffer;
  /** sha256 of `bytes`, hex. */
  readonly hash: string;
  readonly kind: ImageKind;
}

/**
 * Makes (or finds in the cache) the published variants of one image: AVIF,
 * WebP and a JPEG fallback (PNG when the image has visible transparency) at
 * each configured width not wider than the image, plus the intrinsic width
 * when it is narrower than the largest configured one. Never enlarges.
 *
 * EXIF orientation is applied (`rotate()`), then every output is written
 * without metadata (sharp's default: no EXIF, GPS, XMP or ICC). Inputs larger
 * than `maxPixels` are refused from their header, before decoding.
 *
 * Animated GIF/WebP: only the first frame is kept (still variants). A news
 * body rarely depends on the animation, and animated WebP/AVIF would cost
 * far more time and bytes than the pipeline budget allows.
 *
 * SVG: rasterized by librsvg at {@link VARIANT_SETTINGS}.svgDensity, so a
 * fetched SVG (which may carry script) is never published as SVG. Loaded
 * from memory it has no base URL, so it cannot pull in other files.
 *
 * Outputs are named `<key>-<width>.<ext>`, where `key` hashes the source
 * bytes and the settings: the same image from two URLs is stored once, and
 * a name never changes meaning.
 *
 * @throws ImageVariantError when the image cannot be decoded or is too large.
 */
/** The key of the variants made from the original whose sha256 is `sourceHash` with `widths`: their manifest's name in the cache. */
export function variantManifestKey(sourceHash: string, widths: readonly number[]): string {
  const sorted = [...new Set(widths)].sort((a, b) => a - b);
  return `${variantKey(sourceHash)}.${sha256(sorted.join(',')).slice(0, 8)}`;
}

function variantKey(sourceHash: string): string {
  return sha256(`${sourceHash}:${JSON.stringify(VARIANT_SETTINGS)}`).slice(0, 20);
}

export async function makeVariants(
  source: VariantSource,
  cache: ImageCache,
  options: { readonly widths: readonly number[]; readonly maxPixels: number },
): Promise<VariantManifest> {
  const key = variantKey(source.hash);
  const widths = [...new Set(options.widths)].sort((a, b) => a - b);
  const manifestKey = variantManifestKey(source.hash, widths);
  const cached = await cache.readManifest(manifestKey);
  if (cached !== undefined) return cached;

  const sharp = await loadSharp();
  const input = { limitInputPixels: options.maxPixels, failOn: 'error' as const, density: source.kind === 'svg' ? VARIANT_SETTINGS.svgDensity : undefined };
  const decoded = await decodeOriented(sharp, source.bytes, input, options.maxPixels);
  const targets = targetWidths(decoded.info.width, widths);
  const files: VariantFileEntry[] = [];
  let largest = { width: decoded.info.width, height: decoded.info.height };
  for (const width of targets) {
    const resized = await sharp(decoded.data, { raw: decoded.info })
      .resize({ width, withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { width: resized.info.width, height: resized.info.height, channels: resized.info.channels };
    const encode = () => (decoded.transparent ? sharp(resized.data, { raw }) : sharp(resized.data, { raw }).removeAlpha());
    const outputs: [VariantFileEntry['format'], string, Promise<Buffer>][] = [
      ['avif', 'avif', encode().avif(VARIANT_SETTINGS.avif).toBuffer()],
      ['webp', 'webp', encode().webp(VARIANT_SETTINGS.webp).toBuffer()],
      decoded.transparent
        ? ['png', 'png', encode().png(VARIANT_SETTINGS.png).toBuffer()]
        : ['jpeg', 'jpg', encode().jpeg(VARIANT_SETTINGS.jpeg).toBuffer()],
    ];
    for (const [format, ext, encoded] of outputs) {
      const name = `${key}-${width}.${ext}`;
      const data = await encoded;
      await cache.writeVariant(name, data);
      files.push({ width, format, name, bytes: data.length });
    }
    largest = { width: raw.width, height: raw.height };
  }
  const manifest: VariantManifest = { ...largest, widths: targets, files };
  await cache.writeManifest(manifestKey, manifest);
  return manifest;
}

/**
 * The widths to publish for an image `intrinsic` pixels wide: the configured
 * widths it can fill, plus its own width when narrower than the largest one
 * (a 700 px image gets 480 and 700, never an upscaled 960).
 */
export function targetWidths(intrinsic: number, widths: readonly number[]): number[] {
  const sorted = [...new Set(widths)].sort((a, b) => a - b);
  const fits = sorted.filter((w) => w <= intrinsic);
  const largest = sorted[sorted.length - 1] ?? intrinsic;
  if (intrinsic < largest && !fits.includes(intrinsic)) fits.push(intrinsic);
  return fits;
}

interface Decoded {
  readonly data: Buffer;
  readonly info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
  /** True when some pixel is not fully opaque. */
  readonly transparent: boolean;
}

/** Decodes once to upright 8-bit sRGB pixels, so each width and format starts from the same buffer. */
async function decodeOriented(sharp: Sharp, bytes: Buffer, input: SharpOptions, maxPixels: number): Promise<Decoded> {
  try {
    // The header alone says how big the image claims to be: a 1 KB PNG declaring 100000×100000 stops here.
    // metadata() reads the header only, so it may skip the pixel limit to name the size in the message.
    const meta = await sharp(bytes, { ...input, limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) throw new ImageVariantError('image has no dimensions');
    if (meta.width * meta.height > maxPixels) {
      throw new ImageVariantError(`image is ${meta.width}×${meta.height} pixels, more than the limit of ${maxPixels}`);
    }
    const { data, info } = await sharp(bytes, input)
      .rotate()
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    const channels = info.channels as Decoded['info']['channels'];
    return { data, info: { width: info.width, height: info.height, channels }, transparent: hasTransparency(data, channels) };
  } catch (error) {
    if (error instanceof ImageVariantError) throw error;
    throw new ImageVariantError(`cannot decode image: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function hasTransparency(data: Buffer, channels: number): boolean {
  if (channels !== 2 && channels !== 4) return false;
  for (let i = channels - 1; i < data.length; i += channels) {
    if (data[i] !== 255) return true;
  }
  return false;
}
