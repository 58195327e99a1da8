import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import pLimit from 'p-limit';
import type { SiteConfig } from '../config/index.ts';
import { parsePostFile, type FileStamp, type ParsedArticle, type PostFile } from '../ingest/index.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import type { SanitizedBody } from '../sanitize/types.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../system/atomic-write.ts';
import { codeFingerprint } from './code-fingerprint.ts';

/** The sanitized body of a post with the warnings sanitizing raised (lines already mapped into the file). */
export interface SanitizedPost {
  readonly body: SanitizedBody;
  readonly warnings: readonly Diagnostic[];
}

/** The body's HTML with its images rewritten, and what it was rewritten from. */
export interface RewrittenHtml {
  /** Hash of the image outcomes and options the rewrite used. */
  readonly key: string;
  readonly html: string;
}

/** What the build keeps of one post file between builds. */
export interface PreparedPost {
  /** The parse result. A built article's `body` is left out (empty): `sanitized` stands for it. */
  readonly parsed: ParsedArticle;
  /** The file's mtime when the parse used it (a post without `date`): the entry is stale once it changes. */
  readonly mtimeMs: number | undefined;
  readonly sanitized: SanitizedPost | undefined;
  readonly rewritten: RewrittenHtml | undefined;
}

/** Entries read or written at once. */
const IO_CONCURRENCY = 16;

/** Each file's stamp when last read and the key of its entry. */
type StampIndex = Record<string, { sourcePath: string; stamp: FileStamp; key: string }>;

/**
 * Entries already read or written by this process, by key: the dev server
 * rebuilds on every save and need not read them from disk each time.
 * Pruned with the disk entries, so it holds one site's posts at most.
 */
const inMemory = new Map<string, PreparedPost>();

/**
 * The per-post cache under `<cacheDir>/articles/`: for each post file, its
 * parse, its sanitized body and its image-rewritten HTML, so a rebuild
 * parses and sanitizes only the posts that changed. An entry is keyed by
 * the file's path and bytes, the settings that shape the result (timezone,
 * permalink, strict, proxy prefixes) and wirepress's own code
 * ({@link codeFingerprint}): any change to one of them is a miss, never a
 * stale page. Entries are written atomically; one that cannot be read is a
 * miss and is made again. Entries no build used are pruned by `flush`.
 */
export class ArticleCache {
  private readonly recalled = new Map<string, PreparedPost>();
  private readonly keys = new Map<string, string>();
  /** Parses made by this build, waiting for their sanitized body. */
  private readonly made = new Map<string, Pick<PreparedPost, 'parsed' | 'mtimeMs'>>();
  private readonly pending = new Map<string, PreparedPost>();
  /** The stamps of this build's files, written by `flush` for the next build. */
  private readonly stamps: StampIndex = {};

  private constructor(
    private readonly dir: string,
    private readonly salt: string,
    private readonly writable: boolean,
    private readonly previousStamps: StampIndex,
  ) {}

  /** @param writable `false` reads entries but never writes or prunes (`wirepress check` writes nothing). */
  static async open(config: SiteConfig, options: { writable: boolean }): Promise<ArticleCache> {
    const settings = JSON.stringify([config.timezone, config.permalink, config.strict, config.proxyPrefixes]);
    const salt = createHash('sha256').update(`${await codeFingerprint()}\0${settings}`).digest('hex');
    const dir = path.join(config.cacheDir, 'articles');
    return new ArticleCache(dir, salt, options.writable, await readStampIndex(path.join(dir, `stamps-${salt.slice(0, 16)}.json`)));
  }

  /**
   * The recall ingest runs before reading a file (see `IngestOptions.recall`):
   * the cached parse when the file's stamp is the one recorded when its entry
   * was made, so an unchanged post is not even read.
   */
  readonly recall = async (source: string, sourcePath: string, stamp: FileStamp): Promise<ParsedArticle | undefined> => {
    const known = this.previousStamps[source];
    if (!known || known.sourcePath !== sourcePath || !sameStamp(known.stamp, stamp)) return undefined;
    const entry = await this.read(known.key);
    if (!entry) return undefined;
    this.keys.set(source, known.key);
    this.stamps[source] = known;
    this.recalled.set(source, entry);
    return entry.parsed;
  };

  /**
   * The parser ingest runs for each file (see `IngestOptions.parse`): the
   * cached parse when the entry is fresh, else `parsePostFile`. A recalled
   * article's `body` is empty; {@link prepared} holds its sanitized body.
   */
  readonly parse = async (file: PostFile, config: SiteConfig): Promise<ParsedArticle> => {
    const key = createHash('sha256').update(this.salt).update('\0').update(file.source).update('\0').update(file.sourcePath).update('\0').update(file.bytes).digest('hex');
    this.keys.set(file.source, key);
    this.stamps[file.source] = { sourcePath: file.sourcePath, stamp: file.stats, key };
    const entry = await this.read(key);
    if (entry && (entry.mtimeMs === undefined || entry.mtimeMs === file.stats.mtimeMs)) {
      this.recalled.set(file.source, entry);
      return entry.parsed;
    }
    const parsed = parsePostFile(file, config);
    const usedMtime = parsed.diagnostics.some((d) => d.rule === 'ingest/date-missing');
    const made = { parsed, mtimeMs: usedMtime ? file.stats.mtimeMs : undefined };
    // Files that are not articles (errors, drafts) are kept too: a bot's broken files come back every build.
    if (parsed.article) this.made.set(file.source, made);
    else this.pending.set(file.source, { ...made, sanitized: undefined, rewritten: undefined });
    return parsed;
  };

  /** The cached entry of a post this build recalled, if any. */
  prepared(source: string): PreparedPost | undefined {
    return this.recalled.get(source);
  }

  /**
   * Records the sanitized body and rewritten HTML of an article parsed or
   * recalled by this build, to be written by `flush` when they are new. The
   * article's body is not kept: the sanitized body stands for it.
   */
  store(source: string, sanitized: SanitizedPost, rewritten: RewrittenHtml): void {
    const recalled = this.recalled.get(source);
    if (recalled?.rewritten?.key === rewritten.key) return;
    const base = this.made.get(source) ?? recalled;
    if (!base?.parsed.article) return;
    const parsed = { ...base.parsed, article: { ...base.parsed.article, body: '' } };
    this.pending.set(source, { parsed, mtimeMs: base.mtimeMs, sanitized, rewritten });
  }

  /**
   * Writes the entries stored since `open`, then deletes every entry this
   * build did not use (deleted and edited posts) and temp files left by
   * killed builds. Does nothing when not writable.
   */
  async flush(): Promise<void> {
    if (!this.writable) return;
    const limit = pLimit(IO_CONCURRENCY);
    await Promise.all(
      [...this.pending].map(([source, post]) =>
        limit(async () => {
          const key = this.keys.get(source);
          if (!key) return;
          await writeFileAtomic(this.fileFor(key), serialize(post));
          inMemory.set(key, post);
        }),
      ),
    );
    this.pending.clear();
    const used = new Set(this.keys.values());
    for (const key of inMemory.keys()) if (!used.has(key)) inMemory.delete(key);
    for (const shard of await readdir(this.dir, { withFileTypes: true }).catch(() => [])) {
      const shardDir = path.join(this.dir, shard.name);
      if (!shard.isDirectory()) {
        // Stamp indexes of other code versions.
        if (shard.name !== path.basename(this.stampFile())) await rm(shardDir, { force: true });
        continue;
      }
      await removeStaleTempFiles(shardDir);
      const names = await readdir(shardDir).catch(() => [] as string[]);
      const unused = names.filter((name) => name.endsWith('.bin') && !used.has(name.slice(0, -'.bin'.length)));
      await Promise.all(unused.map((name) => limit(() => rm(path.join(shardDir, name), { force: true }))));
    }
    await writeFileAtomic(this.stampFile(), JSON.stringify(this.stamps));
  }

  private stampFile(): string {
    return path.join(this.dir, `stamps-${this.salt.slice(0, 16)}.json`);
  }

  private fileFor(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.bin`);
  }

  private async read(key: string): Promise<PreparedPost | undefined> {
    const remembered = inMemory.get(key);
    if (remembered) return remembered;
    const bytes = await readFile(this.fileFor(key)).catch(() => undefined);
    if (!bytes) return undefined;
    try {
      const entry = deserialize(bytes) as PreparedPost;
      if (!entry || typeof entry !== 'object' || !entry.parsed) return undefined;
      inMemory.set(key, entry);
      return entry;
    } catch {
      // Cut short by a crash or a full disk: made again.
      return undefined;
    }
  }
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

async function readStampIndex(file: string): Promise<StampIndex> {
  try {
    const index = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return index && typeof index === 'object' ? (index as StampIndex) : {};
  } catch {
    return {};
  }
}
