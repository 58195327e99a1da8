import { open, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import type { SiteConfig } from '../config/index.ts';
import type { ImageFile, ImageOutcome } from '../images/types.ts';
import { writeFileAtomic } from '../system/atomic-write.ts';
import { codeFingerprint } from '../system/code-fingerprint.ts';
import { stampFolders } from '../system/folder-stamp.ts';

/**
 * What a build that published a site leaves for the next one to tell,
 * from stamps alone, that nothing it is made from changed (see
 * {@link inputsStamp}), and to say and report what a build of the same
 * inputs would, without reading a post.
 */
export interface BuildRecord<Result, Item> {
  /** {@link inputsStamp} when the build started. */
  readonly stamp: string;
  /** The inputs key (siteInputsKey) of the site it published. */
  readonly inputs: string;
  /** Every image URL the posts hold, as the images stage was given them. */
  readonly imageOriginals: readonly string[];
  /** Their outcomes as the next build finds them: re-hosted ones are then cached. */
  readonly outcomes: readonly (readonly [string, ImageOutcome])[];
  /** The image files the site publishes, with the stamp each had (a file made again must be published again). */
  readonly imageFiles: readonly (readonly [string, string])[];
  /** The line that told what was read (`found 57 post files in content, read 55 posts`). */
  readonly readLine: string;
  /** The build's result but its articles; pages and timings are the next build's to say. */
  readonly result: Result;
  /** Its articles, their images as the next build finds them. */
  readonly articles: readonly Item[];
}

/** Articles serialized at once: the whole record in one piece briefly took 140 MB more at 50,000 posts. */
const ARTICLES_PER_FRAME = 1000;

/** Where the record is kept: in the cache, which CI jobs keep with the site. */
function recordFile(config: SiteConfig): string {
  return path.join(config.cacheDir, 'last-build.v8');
}

/**
 * A stamp of everything a build reads: wirepress's code, the settings
 * (flags and config files as resolved), and every file of the posts' (or
 * the Hexo source) folder, the drafts when built, and the templates and
 * static files, by name, size, inode and times. Undefined when a folder
 * holds a link (see stampFolders).
 */
export async function inputsStamp(config: SiteConfig): Promise<string | undefined> {
  const folders = [config.contentDir, config.sourceDir, config.drafts ? config.draftsDir : undefined, config.templatesDir, config.publicDir, config.ownTemplatesDir, config.ownPublicDir];
  const listed = [...new Set(folders.filter((dir): dir is string => dir !== undefined))];
  // A folder inside another one (the posts inside a Hexo source folder) is stamped with it.
  const outermost = listed.filter((dir) => !listed.some((other) => other !== dir && isInside(dir, other)));
  const files = await stampFolders(outermost);
  return files && `${await codeFingerprint()}:${files}:${JSON.stringify(config)}`;
}

function isInside(dir: string, parent: string): boolean {
  const relative = path.relative(parent, dir);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The record the last build left when it started with `stamp`, or
 * undefined when there is none, it started with another stamp, or it cannot
 * be read (a build of another version of Node.js). Its articles are read
 * only when the stamp matches: most builds find another one, and at 10,000
 * posts the articles are megabytes.
 */
export async function readBuildRecord<Result, Item>(config: SiteConfig, stamp: string): Promise<BuildRecord<Result, Item> | undefined> {
  try {
    const file = await open(recordFile(config));
    try {
      const head = await readHeadFrame(file);
      const record = v8.deserialize(head) as BuildRecord<Result, Item>;
      if (record.stamp !== stamp) return undefined;
      const rest = Buffer.alloc((await file.stat()).size - 4 - head.length);
      if ((await file.read(rest, 0, rest.length, 4 + head.length)).bytesRead < rest.length) throw new Error('a record cut short');
      const frames = readFrames(rest);
      return { ...record, articles: frames.flatMap((frame) => v8.deserialize(frame) as Item[]) };
    } finally {
      await file.close();
    }
  } catch {
    return undefined;
  }
}

/** Keeps the record of a build that published a site; a record that cannot be written only costs the next build its shortcut. */
export async function writeBuildRecord<Result, Item>(config: SiteConfig, record: BuildRecord<Result, Item>): Promise<void> {
  await writeFileAtomic(recordFile(config), recordFrames(record)).catch(() => undefined);
}

/** The record as frames (a 4-byte length, then V8-serialized data): the record without its articles, then its articles a thousand at a time, each serialized only when written. */
function* recordFrames<Result, Item>(record: BuildRecord<Result, Item>): Generator<Uint8Array> {
  const frame = (data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(data.length);
    return [length, data];
  };
  yield* frame(v8.serialize({ ...record, articles: [] }));
  for (let start = 0; start < record.articles.length; start += ARTICLES_PER_FRAME) yield* frame(v8.serialize(record.articles.slice(start, start + ARTICLES_PER_FRAME)));
}

function readFrames(data: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  for (let at = 0; at < data.length; ) {
    const length = data.readUInt32LE(at);
    if (at + 4 + length > data.length) throw new Error('a record cut short');
    frames.push(data.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return frames;
}

/** The first frame of an open record file: the record without its articles. */
async function readHeadFrame(file: FileHandle): Promise<Buffer> {
  const length = Buffer.alloc(4);
  if ((await file.read(length, 0, 4, 0)).bytesRead < 4) throw new Error('a record cut short');
  const data = Buffer.alloc(length.readUInt32LE());
  if ((await file.read(data, 0, data.length, 4)).bytesRead < data.length) throw new Error('a record cut short');
  return data;
}

/** Each image file a site publishes with the stamp of its cached file (size, inode, modification time), sorted. */
export async function stampImageFiles(files: readonly ImageFile[]): Promise<[string, string][]> {
  const stamps = await Promise.all(
    files.map(async (file): Promise<[string, string]> => {
      const found = await stat(file.from).catch(() => undefined);
      return [file.to, found ? `${found.size}:${found.ino}:${found.mtimeMs}` : 'missing'];
    }),
  );
  return stamps.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** An image outcome as the next build finds it: a file re-hosted now is then in the cache. */
export function asCached(outcome: ImageOutcome): ImageOutcome {
  return outcome.status === 'rehosted' ? { ...outcome, status: 'cached' } : outcome;
}
