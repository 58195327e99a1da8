import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { nextAttempt, type FailureKind } from './failure-retry.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../system/atomic-write.ts';
import type { FetchedImage } from './fetch-image.ts';
import type { ImageKind } from './sniff-image-type.ts';

/** An original image found in the cache, bytes verified against their hash. */
export interface CachedOriginal {
  readonly url: string;
  readonly contentType: string;
  readonly kind: ImageKind;
  /** sha256 of the bytes, hex. */
  readonly hash: string;
  readonly fetchedAt: string;
  readonly bytes: Buffer;
}

/** What was made from one original: the variants' names, by width and format. */
export interface VariantManifest {
  readonly width: number;
  readonly height: number;
  readonly widths: readonly number[];
  readonly files: readonly VariantFileEntry[];
}

/** One encoded variant, stored as `<variants folder>/<name>`. */
export interface VariantFileEntry {
  readonly width: number;
  readonly format: 'avif' | 'webp' | 'jpeg' | 'png';
  readonly name: string;
  /** Size of the file as written: a variant cut short (a crash, a bad disk) is made again, never published. */
  readonly bytes: number;
}

/** A download's last failure, as the cache remembers it. */
export interface RememberedFailure {
  readonly error: string;
  readonly kind: FailureKind;
  /** Failures in a row. */
  readonly attempts: number;
  /** ISO 8601. */
  readonly failedAt: string;
  /** When a build may try again (ISO 8601); `--retry-failed-images` does not wait. */
  readonly retryAt: string;
}

const KINDS: readonly string[] = ['jpeg', 'png', 'gif', 'webp', 'avif', 'svg'];
const FORMATS: readonly string[] = ['avif', 'webp', 'jpeg', 'png'];

/**
 * The on-disk image cache under `<cacheDir>/images/`:
 * `originals/<sha256(origin URL)>.{json,bin}` holds each download and its
 * metadata (or the last failure, with when to try again), `variants/` the encoded outputs and one manifest per source
 * hash and settings. Every write is atomic; an entry that cannot be read,
 * parsed or verified counts as absent and is simply made again.
 */
export class ImageCache {
  readonly originalsDir: string;
  readonly variantsDir: string;

  /** @param cacheDir the site's persistent cache folder (`config.cacheDir`). */
  constructor(cacheDir: string) {
    this.originalsDir = path.join(cacheDir, 'images', 'originals');
    this.variantsDir = path.join(cacheDir, 'images', 'variants');
  }

  /**
   * Deletes the temporary files that builds killed mid-write left behind
   * (`<name>.<pid>.<hex>.tmp`, see writeFileAtomic), unless their writer still runs.
   */
  async removeStaleTemps(): Promise<void> {
    for (const dir of [this.originalsDir, this.variantsDir]) await removeStaleTempFiles(dir);
  }

  /**
   * The sha256 of the cached download of `origin` as its metadata records it,
   * without reading the bytes: enough to find the variants made from it.
   */
  async readOriginalHash(origin: string): Promise<string | undefined> {
    const meta = await readJson(path.join(this.originalsDir, `${sha256(origin)}.json`));
    return isRecord(meta) && meta.url === origin && typeof meta.hash === 'string' ? meta.hash : undefined;
  }

  /** The cached download of `origin`, or `undefined` when absent, failed last time, or corrupt. */
  async readOriginal(origin: string): Promise<CachedOriginal | undefined> {
    const base = path.join(this.originalsDir, sha256(origin));
    const meta = await readJson(`${base}.json`);
    if (!isRecord(meta) || meta.url !== origin) return undefined;
    const { contentType, kind, hash, fetchedAt } = meta;
    if (typeof contentType !== 'string' || typeof hash !== 'string' || typeof fetchedAt !== 'string') return undefined;
    if (typeof kind !== 'string' || !KINDS.includes(kind)) return undefined;
    const bytes = await readFile(`${base}.bin`).catch(() => undefined);
    // A truncated or swapped file fails the hash and is fetched again.
    if (bytes === undefined || sha256(bytes) !== hash) return undefined;
    return { url: origin, contentType, kind: kind as ImageKind, hash, fetchedAt, bytes };
  }

  /** Stores a download: bytes first, then the metadata that makes the entry visible. */
  async writeOriginal(origin: string, fetched: FetchedImage): Promise<CachedOriginal> {
    const base = path.join(this.originalsDir, sha256(origin));
    const entry = {
      url: origin,
      contentType: fetched.contentType,
      kind: fetched.kind,
      hash: sha256(fetched.bytes),
      fetchedAt: new Date().toISOString(),
    };
    await writeFileAtomic(`${base}.bin`, fetched.bytes);
    await writeFileAtomic(`${base}.json`, `${JSON.stringify(entry, null, 2)}\n`);
    return { ...entry, bytes: fetched.bytes };
  }

  /**
   * Records why `origin` failed, how many times in a row, and when to try
   * it again (see nextAttempt).
   *
   * @returns the failure as recorded
   */
  async writeFailure(origin: string, error: string, kind: FailureKind): Promise<RememberedFailure> {
    const attempts = ((await this.readFailure(origin))?.attempts ?? 0) + 1;
    const failedAt = Date.now();
    const failure = { error, kind, attempts, failedAt: new Date(failedAt).toISOString(), retryAt: new Date(nextAttempt(kind, attempts, failedAt)).toISOString() };
    await writeFileAtomic(path.join(this.originalsDir, `${sha256(origin)}.json`), `${JSON.stringify({ url: origin, ...failure }, null, 2)}\n`);
    return failure;
  }

  /** The last failure recorded for `origin`, when its last attempt failed. */
  async readFailure(origin: string): Promise<RememberedFailure | undefined> {
    const meta = await readJson(path.join(this.originalsDir, `${sha256(origin)}.json`));
    if (!isRecord(meta) || meta.url !== origin) return undefined;
    const { error, kind, attempts, failedAt, retryAt } = meta;
    if (typeof error !== 'string' || typeof kind !== 'string' || typeof attempts !== 'number' || typeof failedAt !== 'string' || typeof retryAt !== 'string') return undefined;
    return { error, kind: kind as FailureKind, attempts, failedAt, retryAt };
  }

  /** The manifest stored under `key`, when every file it lists is still present. */
  async readManifest(key: string): Promise<VariantManifest | undefined> {
    const data = await readJson(path.join(this.variantsDir, `${key}.json`));
    if (!isRecord(data)) return undefined;
    const { width, height, widths, files } = data;
    if (typeof width !== 'number' || typeof height !== 'number') return undefined;
    if (!Array.isArray(widths) || !widths.every((w) => typeof w === 'number')) return undefined;
    if (!Array.isArray(files) || !files.every(isVariantFileEntry)) return undefined;
    if (!files.some((f) => f.format === 'jpeg' || f.format === 'png')) return undefined;
    const present = await Promise.all(files.map((f) => this.hasVariant(f.name, f.bytes)));
    if (!present.every(Boolean)) return undefined;
    return { width, height, widths: widths as number[], files };
  }

  /** Stores a manifest under `key` (after its files are written). */
  async writeManifest(key: string, manifest: VariantManifest): Promise<void> {
    await writeFileAtomic(path.join(this.variantsDir, `${key}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  /** Stores one encoded variant. */
  async writeVariant(name: string, data: Uint8Array): Promise<void> {
    await writeFileAtomic(this.variantPath(name), data);
  }

  /** Absolute path of a variant file. */
  variantPath(name: string): string {
    return path.join(this.variantsDir, name);
  }

  private async hasVariant(name: string, bytes: number): Promise<boolean> {
    const info = await stat(this.variantPath(name)).catch(() => undefined);
    return info !== undefined && info.isFile() && info.size === bytes && bytes > 0;
  }
}

/** sha256 of text or bytes, hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isVariantFileEntry(value: unknown): value is VariantFileEntry {
  return (
    isRecord(value) &&
    typeof value.width === 'number' &&
    typeof value.format === 'string' &&
    FORMATS.includes(value.format) &&
    typeof value.name === 'string' &&
    typeof value.bytes === 'number' &&
    // Names come back from disk: never let one walk out of the folder.
    /^[a-f0-9]+-\d+\.(?:avif|webp|jpg|png)$/.test(value.name)
  );
}
