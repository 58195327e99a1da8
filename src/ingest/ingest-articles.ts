import { readFile, stat } from 'node:fs/promises';
import pLimit from 'p-limit';
import type { SiteConfig } from '../config/index.ts';
import { BuildError } from '../report/build-error.ts';
import { errorAt, type Diagnostic } from '../report/diagnostic.ts';
import { findContentFiles, readError } from './find-content-files.ts';
import { parseArticle, type ExcludedArticle, type ParsedArticle } from './parse-article.ts';
import { rejectUrlCollisions } from './reject-url-collisions.ts';
import type { ArticleSource } from './types.ts';

/** Everything ingest found: the articles to build, the problems, and the posts left out on purpose. */
export interface IngestResult {
  /** Sorted by `source`; URLs unique. */
  articles: ArticleSource[];
  /** Errors (each skipped a file) and warnings (the article was kept), in `source` order. */
  diagnostics: Diagnostic[];
  /** Drafts and `published: false` posts. */
  excluded: ExcludedArticle[];
}

/** One post file as read, handed to the parser. */
export interface PostFile {
  /** Path under the content folder, POSIX separators. */
  readonly source: string;
  /** Absolute path. */
  readonly sourcePath: string;
  readonly bytes: Uint8Array;
  readonly stats: FileStamp;
}

/** What tells a file unchanged without reading it (as git's index does): size, inode, modification and change times. */
export interface FileStamp {
  readonly size: number;
  readonly ino: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

/** How {@link ingestArticles} reads posts. */
export interface IngestOptions {
  /** Parses one file (default: `parseArticle`); the build passes one that recalls earlier results from its cache. */
  parse?: (file: PostFile, config: SiteConfig) => ParsedArticle | Promise<ParsedArticle>;
  /** An earlier parse of a file whose stamp has not changed since, to use without reading it (default: none). */
  recall?: (source: string, sourcePath: string, stamp: FileStamp) => ParsedArticle | undefined | Promise<ParsedArticle | undefined>;
  /**
   * Takes each article as soon as it is parsed or recalled, within the read
   * limit; ingest keeps what it returns (default: the article as it is). The
   * build sanitizes the body here and keeps the article without it, so that
   * only a few raw bodies are held at once.
   */
  onArticle?: (article: ArticleSource) => ArticleSource | Promise<ArticleSource>;
}

/** Files read at once: enough to keep the disk busy, few enough for 50,000 posts not to exhaust file handles. */
const READ_CONCURRENCY = 16;

/** Real posts reach 75 KB (../shared/corpus/README.md); a file 200 times that is not a post. */
const MAX_POST_BYTES = 16 * 1024 * 1024;

/**
 * Reads every post under `config.contentDir` (see `findContentFiles` for
 * which files count) and parses each with `parseArticle`. A file that
 * vanishes or cannot be read becomes an `ingest/read` error; two posts with
 * one URL keep the first (`ingest/url-collision`).
 *
 * @throws BuildError when the content folder itself cannot be read.
 */
export async function ingestArticles(config: SiteConfig, options: IngestOptions = {}): Promise<IngestResult> {
  const parse = options.parse ?? parsePostFile;
  let found: Awaited<ReturnType<typeof findContentFiles>>;
  try {
    found = await findContentFiles(config.contentDir);
  } catch (cause) {
    throw new BuildError(`cannot read the content folder ${config.contentDir}: ${(cause as Error).message}`, {
      file: config.contentDir,
      hint: 'Pass the folder that holds the posts with --content DIR, or set `contentDir` in the config.',
      cause,
    });
  }

  const limit = pLimit(READ_CONCURRENCY);
  const results = await Promise.all(
    found.files.map(({ source, sourcePath }) =>
      limit(async (): Promise<ParsedArticle> => {
        const found = await stampPostFile(source, sourcePath);
        if ('problem' in found) return { diagnostics: [found.problem] };
        let parsed = await options.recall?.(source, sourcePath, found.stamp);
        if (!parsed) {
          const file = await readPostFile(source, sourcePath, found.stamp);
          if ('problem' in file) return { diagnostics: [file.problem] };
          parsed = await parse(file, config);
        }
        return parsed.article && options.onArticle ? { ...parsed, article: await options.onArticle(parsed.article) } : parsed;
      }),
    ),
  );

  const parsed = results.flatMap((result) => (result.article ? [result.article] : []));
  const urlLines = new Map(results.flatMap((result) => (result.article && result.urlLine ? [[result.article.source, result.urlLine] as const] : [])));
  const unique = rejectUrlCollisions(parsed, (source) => urlLines.get(source));
  const diagnostics = [...found.diagnostics, ...results.flatMap((result) => result.diagnostics), ...unique.diagnostics];
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  return {
    articles: unique.articles,
    diagnostics,
    excluded: results.flatMap((result) => (result.excluded ? [result.excluded] : [])),
  };
}

/** A post file's stamp, or why it is not read (gone, no longer a regular file, too large). */
export async function stampPostFile(source: string, sourcePath: string): Promise<{ stamp: FileStamp } | { problem: Diagnostic }> {
  try {
    const stats = await stat(sourcePath);
    // Replaced by a pipe or folder since it was found: reading a FIFO would never return.
    if (!stats.isFile()) return { problem: readError(source, 'the file is no longer a regular file', undefined) };
    if (stats.size > MAX_POST_BYTES) return { problem: tooLarge(source, stats.size) };
    return { stamp: { size: stats.size, ino: stats.ino, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs } };
  } catch (cause) {
    return { problem: readError(source, 'the file cannot be read', cause) };
  }
}

/** Reads a post file stamped by {@link stampPostFile}. */
export async function readPostFile(source: string, sourcePath: string, stamp: FileStamp): Promise<PostFile | { problem: Diagnostic }> {
  try {
    return { source, sourcePath, bytes: await readFile(sourcePath), stats: stamp };
  } catch (cause) {
    return { problem: readError(source, 'the file cannot be read', cause) };
  }
}

/** Parses a post file with `parseArticle`. */
export function parsePostFile(file: PostFile, config: SiteConfig): ParsedArticle {
  return parseArticle(file.source, file.sourcePath, file.bytes, config, { mtimeMs: file.stats.mtimeMs });
}

function tooLarge(source: string, size: number): Diagnostic {
  return errorAt(source, 'ingest/read', `the file is ${(size / 1024 / 1024).toFixed(1)} MiB; posts larger than 16 MiB are not read`, {
    hint: 'Move large files out of the content folder, or into a `_`-prefixed folder.',
  });
}
