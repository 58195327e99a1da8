import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import pLimit from 'p-limit';
import { contentRulesOf, parseSettingsOf, type SiteConfig } from '../config/index.ts';
import type { FileStamp, ParsedArticle, PostFile } from '../ingest/index.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import type { ImageSlot } from '../sanitize/image-slots.ts';
import type { BodyImageRef } from '../sanitize/types.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../system/atomic-write.ts';
import { codeFingerprint } from '../system/code-fingerprint.ts';
import { BodyPackWriter, PACK_BYTES, readPacked, type BodyLocation } from './body-packs.ts';

/** What sanitizing made of a body, without the HTML (kept in the post's body file). */
export interface SanitizedHead {
  /** The start of the summary (SanitizedBody.summary), whitespace collapsed (see ARTICLE_LEAD_CHARS). */
  readonly text: string;
  /** The plain text before the body's `<!-- more -->`, when it has one (see SanitizedBody.moreText). */
  readonly moreText?: string | undefined;
  readonly images: readonly BodyImageRef[];
  readonly removed: Readonly<Record<string, number>>;
  /** Warnings sanitizing raised, lines mapped into the file. */
  readonly warnings: readonly Diagnostic[];
  /** Hash of what the post's body file holds (see `storeBody`): a file that does not match is made again. */
  readonly bodyHash: string;
  /**
   * The title to show, restored from the whole body where the bot put `_` for
   * `:/?“”…` (article/restore-title.ts); absent when it is the post's `title:`.
   */
  readonly title?: string | undefined;
  /**
   * The whole text's signature, made once here so that finding the copies of a story reads no
   * body (article/text-signature.ts's TextSignature; none for a text too short).
   */
  readonly signature?: { readonly minhash: string; readonly length: number } | undefined;
}

/**
 * What a post's body file holds: its sanitized HTML and where its images
 * are (rewritten each time it is read, see rewriteImageMarkup), and its
 * whole plain text, for the search index.
 */
export interface BodyFile {
  readonly sanitizedHtml: string;
  readonly imageSlots: readonly ImageSlot[];
  readonly text: string;
}

/** What the build keeps in memory of one post file between builds: everything but the body's HTML. */
export interface PreparedPost {
  /** The parse result. A built article's `body` is left out (empty): the body file stands for it. */
  readonly parsed: ParsedArticle;
  /** The file's mtime when the parse used it (a post without `date`): the entry is stale once it changes. */
  readonly mtimeMs: number | undefined;
  readonly sanitized: SanitizedHead | undefined;
  /** Hash of the image outcomes and options the HTML is rewritten with, and the hash standing for the HTML. */
  readonly rewritten: { readonly key: string; readonly htmlHash: string } | undefined;
}

/** One file of the content folder as the last build saw it. */
interface IndexEntry {
  readonly sourcePath: string;
  readonly stamp: FileStamp;
  /** Hash of the file's path and bytes and of the settings and code. */
  readonly key: string;
  readonly post: PreparedPost;
  /** Where its body file is, once written (see body-packs.ts). */
  readonly body?: BodyLocation | undefined;
}

type PostIndex = Map<string, IndexEntry>;

/** Files read or written at once. */
const IO_CONCURRENCY = 16;

/** The folder of the body files' packs (see body-packs.ts), beside the index. */
const PACKS_DIR = 'packs';

/** Packs less than half full that make the next build move their bodies into a new one (see compactPacks). */
const SPARSE_PACKS = 8;

/**
 * The index read by this process, by file: the dev server rebuilds on every
 * save and need not read it from disk each time.
 */
const indexInMemory = new Map<string, PostIndex>();

/** Index files whose copy in memory is newer than the file (see `keepInMemory`). */
const unsavedIndexes = new Set<string>();

/**
 * The per-post cache under `<cacheDir>/articles/`, so a rebuild parses and
 * sanitizes only the posts that changed and holds no body it does not
 * render:
 *
 * - one index (`index-<salt>/`, in segments, see INDEX_SEGMENTS) of every
 *   post file: its stamp (size, inode, times), its key, and all the build
 *   needs of it but the HTML;
 * - one body file per post (see BodyFile), in pack files of a few
 *   megabytes (`packs/`, see body-packs.ts), written as soon as the post
 *   is sanitized and read only when a page, a feed or the search index
 *   shows it.
 *
 * A key hashes the file's path and bytes, the settings that shape the
 * result (timezone, permalink, strict, proxy prefixes) and wirepress's own
 * code ({@link codeFingerprint}): any change to one of them is a miss, never
 * a stale page. A file whose stamp is unchanged is not even read. Writes are
 * atomic; what cannot be read is a miss and is made again. Body files no
 * build used are pruned by `flush`.
 */
export class ArticleCache {
  private readonly recalled = new Map<string, PreparedPost>();
  /** This build's files; written by `flush` as the next build's index. */
  private readonly index: PostIndex = new Map();
  /** Body files made by this build, until they are written (started at once, so they are not all held). */
  private readonly pendingBodies = new Map<string, Uint8Array>();
  private readonly writeLimit = pLimit(IO_CONCURRENCY);
  private readonly packs: BodyPackWriter;
  /** The hash of each body file this build wrote whole, by key. */
  private readonly writtenHashes = new Map<string, string>();
  /** Whether the index differs from the one read (a post parsed, stored, touched or gone). */
  private indexChanged = false;

  private constructor(
    private readonly dir: string,
    private readonly salt: string,
    private readonly writable: boolean,
    private readonly previous: PostIndex,
    private readonly parseFile: (file: PostFile, config: SiteConfig) => ParsedArticle,
  ) {
    this.packs = new BodyPackWriter(this.packsDir(), this.writeLimit);
  }

  /**
   * @param options.writable `false` reads entries but never writes or prunes (`wirepress check` writes nothing).
   * @param options.parse the parser of a file the cache does not hold (ingest's `parsePostFile`).
   */
  static async open(
    config: SiteConfig,
    options: { writable: boolean; parse: (file: PostFile, config: SiteConfig) => ParsedArticle },
  ): Promise<ArticleCache> {
    // Parsed posts depend on the parse settings (the proxy prefixes among them); their sanitized bodies on the content rules.
    const settings = JSON.stringify([parseSettingsOf(config), contentRulesOf(config)]);
    const salt = createHash('sha256').update(`${await codeFingerprint()}\0${settings}`).digest('hex');
    const dir = path.join(config.cacheDir, 'articles');
    const indexDir = path.join(dir, indexName(salt));
    let previous = indexInMemory.get(indexDir);
    if (!previous) {
      previous = await readIndex(indexDir);
      // Read once per process: reading 10,000 entries each time would slow the dev server's quick rebuild.
      indexInMemory.clear();
      indexInMemory.set(indexDir, previous);
    }
    return new ArticleCache(dir, salt, options.writable, previous, options.parse);
  }

  /**
   * The recall ingest runs before reading a file (see `IngestOptions.recall`):
   * the cached parse when the file's stamp is the one recorded when its entry
   * was made, so an unchanged post is not even read.
   */
  readonly recall = (source: string, sourcePath: string, stamp: FileStamp): ParsedArticle | undefined => {
    const known = this.previous.get(source);
    if (!known || known.sourcePath !== sourcePath || !sameStamp(known.stamp, stamp) || !isComplete(known.post)) return undefined;
    this.index.set(source, known);
    this.recalled.set(source, known.post);
    return known.post.parsed;
  };

  /**
   * The parser ingest runs for each file it reads (see `IngestOptions.parse`):
   * the cached parse when the bytes are the same (a file touched but not
   * changed), else the parser given to `open`. A recalled article's `body` is empty;
   * {@link prepared} and {@link body} stand for it.
   */
  readonly parse = (file: PostFile, config: SiteConfig): ParsedArticle => {
    const key = createHash('sha256').update(this.salt).update('\0').update(file.source).update('\0').update(file.sourcePath).update('\0').update(file.bytes).digest('hex');
    const known = this.previous.get(file.source);
    this.indexChanged = true;
    if (known?.key === key && isComplete(known.post) && (known.post.mtimeMs === undefined || known.post.mtimeMs === file.stats.mtimeMs)) {
      this.index.set(file.source, { ...known, stamp: file.stats });
      this.recalled.set(file.source, known.post);
      return known.post.parsed;
    }
    const parsed = this.parseFile(file, config);
    const usedMtime = parsed.diagnostics.some((d) => d.rule === 'ingest/date-missing');
    const article = parsed.article ? { ...parsed.article, body: '' } : undefined;
    const post = { parsed: { ...parsed, ...(article ? { article } : {}) }, mtimeMs: usedMtime ? file.stats.mtimeMs : undefined, sanitized: undefined, rewritten: undefined };
    // Files that are not articles (errors, drafts) are kept too: a bot's broken files come back every build.
    this.index.set(file.source, { sourcePath: file.sourcePath, stamp: file.stats, key, post });
    return parsed;
  };

  /** The cached entry of a post this build recalled, if any. */
  prepared(source: string): PreparedPost | undefined {
    return this.recalled.get(source);
  }

  /**
   * Writes the body file of a post this build parsed (when the cache is
   * writable), at once: kept until later, 50,000 sanitized bodies held a lot
   * of memory. Not through a temporary file, as the index is: a body file
   * is read only when it matches the hash recorded for it, so one cut short
   * by a crash is a miss, never a wrong page.
   *
   * @returns its hash, for the post's {@link SanitizedHead}
   */
  storeBody(source: string, body: BodyFile): string {
    const entry = this.index.get(source);
    const hash = hashBody(body);
    if (entry && this.writable) this.index.set(source, { ...entry, body: this.writeBody(entry.key, serialize(body), hash) });
    return hash;
  }

  /**
   * Records in the index what this build made of a post's body and how its
   * images are rewritten (unchanged when left out), for `flush` to write.
   */
  record(source: string, sanitized: SanitizedHead, rewritten?: PreparedPost['rewritten']): void {
    const entry = this.index.get(source);
    if (!entry) return;
    this.index.set(source, { ...entry, post: { ...entry.post, sanitized, rewritten: rewritten ?? entry.post.rewritten } });
    this.indexChanged = true;
  }

  /**
   * The body file of a post, if it matches the hash recorded for it (a
   * build that read only the changed posts finds the others in the index it started from).
   */
  async body(source: string): Promise<BodyFile | undefined> {
    const entry = this.index.get(source) ?? this.previous.get(source);
    const expected = entry?.post.sanitized?.bodyHash;
    if (!entry?.body || expected === undefined) return undefined;
    const bytes = this.pendingBodies.get(entry.key) ?? readPacked(this.packsDir(), entry.body);
    if (!bytes) return undefined;
    try {
      const body = deserialize(bytes) as BodyFile;
      // A body this build wrote is read back with the hash it was written with: no need to hash it again.
      return this.writtenHashes.get(entry.key) === expected || hashBody(body) === expected ? body : undefined;
    } catch {
      // Cut short by a crash or a full disk, or not a body.
      return undefined;
    }
  }

  /** Whether entries were made since the last `flush` (a body file found broken while rendering is made again). */
  hasChanges(): boolean {
    return this.indexChanged;
  }

  /**
   * Waits for the bodies made since `open` to be written, writes the index, then deletes the body
   * files no post of this build uses (deleted and edited posts) and temp
   * files left by killed builds. Does nothing when not writable, or when
   * nothing changed since the index was read.
   */
  async flush(): Promise<void> {
    const indexDir = this.indexDir();
    const gone = [...this.previous.keys()].filter((source) => !this.index.has(source));
    if (!this.writable || (!this.indexChanged && gone.length === 0 && !unsavedIndexes.has(indexDir))) return;
    await this.compactPacks();
    await this.packs.finish();
    const limit = this.writeLimit;
    // Only the segments holding an entry made, touched or gone since the index was read (an index
    // kept in memory and never written may differ anywhere).
    const changed = unsavedIndexes.has(indexDir)
      ? undefined
      : new Set([...gone, ...[...this.index].filter(([source, entry]) => this.previous.get(source) !== entry).map(([source]) => source)].map(indexSegment));
    const segments = new Map<number, [string, IndexEntry][]>();
    for (const entry of this.index) {
      const segment = indexSegment(entry[0]);
      if (changed && !changed.has(segment)) continue;
      const list = segments.get(segment);
      if (list) list.push(entry);
      else segments.set(segment, [entry]);
    }
    for (const segment of changed ?? range(INDEX_SEGMENTS)) segments.set(segment, segments.get(segment) ?? []);
    await Promise.all([...segments].map(([segment, entries]) => limit(() => writeFileAtomic(segmentFile(indexDir, segment), serialize(entries)))));
    unsavedIndexes.delete(indexDir);
    indexInMemory.clear();
    indexInMemory.set(indexDir, new Map(this.index));
    this.indexChanged = false;

    const used = new Set([...this.index.values()].flatMap((entry) => (entry.body ? [entry.body.pack] : [])));
    for (const found of await readdir(this.dir, { withFileTypes: true }).catch(() => [])) {
      const foundPath = path.join(this.dir, found.name);
      if (foundPath === indexDir) {
        await removeStaleTempFiles(indexDir);
      } else if (foundPath === this.packsDir()) {
        const unused = (await readdir(foundPath).catch(() => [] as string[])).filter((name) => !used.has(name));
        await Promise.all(unused.map((name) => limit(() => rm(path.join(foundPath, name), { force: true }))));
      } else {
        // Indexes of other code versions or settings, an older layout's body files, stray temp files.
        await rm(foundPath, { recursive: true, force: true });
      }
    }
  }

  /**
   * Like `flush`, for a build that read only the files it was told had
   * changed (the dev server's edit of a post): the index, with every entry
   * this build did not see carried over, becomes the one the next build in
   * this process starts from, but is written (and unused bodies pruned) only
   * by the next `flush`. Writing 10,000 entries takes longer than the rest
   * of such a build; should the process die first, the file on disk is an
   * older index, and older entries are misses, never stale pages.
   */
  async keepInMemory(): Promise<void> {
    if (!this.writable) return;
    await this.packs.finish();
    const index = new Map(this.previous);
    for (const [source, entry] of this.index) index.set(source, entry);
    indexInMemory.clear();
    indexInMemory.set(this.indexDir(), index);
    unsavedIndexes.add(this.indexDir());
  }

  /** Starts writing a body file; it is read from memory until its pack is on disk. */
  private writeBody(key: string, bytes: Uint8Array, hash: string | undefined): BodyLocation {
    this.pendingBodies.set(key, bytes);
    this.writtenHashes.delete(key);
    return this.packs.add(bytes, () => {
      if (this.pendingBodies.get(key) !== bytes) return;
      this.pendingBodies.delete(key);
      if (hash !== undefined) this.writtenHashes.set(key, hash);
    });
  }

  /**
   * Moves the bodies still used out of the packs that hold less than half a
   * full pack of them (the rest being edited and deleted posts' bodies, or a
   * small build's few) into the pack being written, once there are
   * {@link SPARSE_PACKS} such packs: a year of hourly builds would otherwise
   * leave thousands of small packs. Not at each build: the index entries
   * of the bodies moved are written again. The packs they leave are deleted
   * by `flush`.
   */
  private async compactPacks(): Promise<void> {
    const live = new Map<string, { bytes: number; sources: string[] }>();
    for (const [source, entry] of this.index) {
      if (!entry.body || this.packs.owns(entry.body.pack)) continue;
      const pack = live.get(entry.body.pack) ?? { bytes: 0, sources: [] };
      pack.bytes += entry.body.length;
      pack.sources.push(source);
      live.set(entry.body.pack, pack);
    }
    const sparse = [...live].filter(([, pack]) => pack.bytes < PACK_BYTES / 2);
    if (sparse.length < SPARSE_PACKS) return;
    for (const [name, pack] of sparse) {
      const file = await readFile(path.join(this.packsDir(), name)).catch(() => undefined);
      for (const source of pack.sources) {
        const entry = this.index.get(source)!;
        const { offset, length } = entry.body!;
        // A pack cut short: the bodies past its end are misses, made again when shown.
        const bytes = file && offset + length <= file.length ? file.subarray(offset, offset + length) : undefined;
        this.index.set(source, { ...entry, body: bytes && this.writeBody(entry.key, bytes, undefined) });
      }
      this.indexChanged = true;
    }
  }

  private indexDir(): string {
    return path.join(this.dir, indexName(this.salt));
  }

  private packsDir(): string {
    return path.join(this.dir, PACKS_DIR);
  }
}

function indexName(salt: string): string {
  return `index-${salt.slice(0, 16)}`;
}

/**
 * Files the index is cut into, each post's entry in the one its path hashes
 * to: a build that changed a few posts rewrites a few segments, not the
 * whole index (large at 10,000 posts, and slow to write).
 */
const INDEX_SEGMENTS = 64;

function indexSegment(source: string): number {
  return createHash('sha256').update(source).digest()[0]! % INDEX_SEGMENTS;
}

function segmentFile(indexDir: string, segment: number): string {
  return path.join(indexDir, `${String(segment).padStart(2, '0')}.bin`);
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

/** An article's entry is usable once its body was stored (one left out by a URL collision never was). */
function isComplete(post: PreparedPost): boolean {
  return post.parsed.article === undefined || post.rewritten !== undefined;
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** Reads every segment of the index; one that is missing or cut short (a crash) costs only its own entries, whose posts are read again. */
async function readIndex(indexDir: string): Promise<PostIndex> {
  const segments = await Promise.all(
    range(INDEX_SEGMENTS).map(async (segment) => {
      try {
        const entries = deserialize(await readFile(segmentFile(indexDir, segment))) as [string, IndexEntry][];
        return Array.isArray(entries) ? entries : [];
      } catch {
        return [];
      }
    }),
  );
  return new Map(segments.flat());
}

/**
 * The hash of a body's content. Not of its file: V8 writes a string one or
 * two bytes a character as it holds it, which differs between a body made
 * in a worker thread and the same body made in this one.
 */
function hashBody(body: BodyFile): string {
  return createHash('sha256').update(body.sanitizedHtml).update('\0').update(body.text).update('\0').update(JSON.stringify(body.imageSlots)).digest('hex');
}
