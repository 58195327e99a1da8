import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import type { SiteConfig } from '../config/index.ts';
import { BuildError } from '../report/build-error.ts';
import { errorAt, type Diagnostic } from '../report/diagnostic.ts';
import { assignAbbrlinks } from './assign-abbrlinks.ts';
import { findContentFiles, readError, type ContentFile } from './find-content-files.ts';
import { findSourceFiles, matcher } from './find-source-files.ts';
import { findUnknownTokens, PERMALINK_TOKENS } from './permalink.ts';
import { parseArticle, type ExcludedArticle, type ParsedArticle } from './parse-article.ts';
import { rejectUrlCollisions, reservedTopNames, warnReplacedSiteFiles } from './reject-url-collisions.ts';
import type { ArticleSource } from './types.ts';

/** Everything ingest found: the articles to build, the problems, and the posts left out on purpose. */
export interface IngestResult {
  /** Sorted by `source`; URLs unique. */
  articles: ArticleSource[];
  /** Errors (each skipped a file) and warnings (the article was kept), in `source` order. */
  diagnostics: Diagnostic[];
  /** Drafts, `published: false` posts, and with `future: false`, posts dated later than now. */
  excluded: ExcludedArticle[];
  /** A Hexo blog's other source files, published as they are (`to` relative to the site). */
  files: { readonly from: string; readonly to: string }[];
  /** How many posts, pages and drafts were found (a Hexo blog's summary line). */
  counts: { readonly posts: number; readonly pages: number; readonly drafts: number };
}

/** One post file as read, handed to the parser. */
export interface PostFile {
  /** Path under the content folder, POSIX separators (`../about/index.md` for a page of a Hexo source folder). */
  readonly source: string;
  /** Absolute path. */
  readonly sourcePath: string;
  readonly bytes: Uint8Array;
  readonly stats: FileStamp;
  /** A post, or a page of a Hexo source folder. */
  readonly kind: 'post' | 'page';
  /** Path under its own folder: the posts', drafts' or source folder. */
  readonly name: string;
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

/** Posts read and not yet parsed and sanitized: enough to keep the sanitizing threads busy, few enough that only a few raw bodies are held at once. */
const READ_CONCURRENCY = 16;

/** Real posts reach 75 KB (../shared/corpus/README.md); a file 200 times that is not a post. */
const MAX_POST_BYTES = 16 * 1024 * 1024;

/**
 * Reads every post under `config.contentDir` (see `findContentFiles` for
 * which files count), and in a Hexo blog the drafts (with `drafts`) and
 * the source folder's pages and files (see findSourceFiles), and parses
 * each with `parseArticle`. A file that vanishes or cannot be read becomes
 * an `ingest/read` error; two posts with one URL keep the first
 * (`ingest/url-collision`).
 *
 * @throws BuildError when the content folder itself cannot be read, or when
 *   the permalink pattern has a token nothing fills.
 */
export async function ingestArticles(config: SiteConfig, options: IngestOptions = {}): Promise<IngestResult> {
  const unknownTokens = findUnknownTokens(config.permalink, config.permalinkDefaults);
  if (unknownTokens.length > 0) throw unknownTokenError(unknownTokens, config);
  const parse = options.parse ?? parsePostFile;
  const found = await findSiteFiles(config);

  const limit = pLimit(READ_CONCURRENCY);
  const results = await Promise.all(
    found.files.map((entry) =>
      limit(async (): Promise<ParsedArticle> => {
        const { source, sourcePath } = entry;
        const stamped = stampPostFile(source, sourcePath);
        if ('problem' in stamped) return { diagnostics: [stamped.problem] };
        let parsed = await options.recall?.(source, sourcePath, stamped.stamp);
        if (!parsed) {
          const file = readPostFile(entry, stamped.stamp);
          if ('problem' in file) return { diagnostics: [file.problem] };
          parsed = await parse(file, config);
        }
        const future = !config.future && parsed.article && parsed.article.kind === 'post' && parsed.article.timestamp > Date.now();
        if (future) return { diagnostics: parsed.diagnostics, excluded: { source, reason: 'future' } };
        return parsed.article && options.onArticle ? { ...parsed, article: await options.onArticle(parsed.article) } : parsed;
      }),
    ),
  );

  const abbrlinks = assignAbbrlinks(results, config);
  const parsed = abbrlinks.results.flatMap((result) => (result.article ? [result.article] : []));
  const urlLines = new Map(results.flatMap((result) => (result.article && result.urlLine ? [[result.article.source, result.urlLine] as const] : [])));
  const unique = rejectUrlCollisions(parsed, (source) => urlLines.get(source), reservedTopNames(config));
  const diagnostics = [...found.diagnostics, ...results.flatMap((result) => result.diagnostics), ...abbrlinks.diagnostics, ...unique.diagnostics];
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  return {
    articles: unique.articles,
    diagnostics,
    excluded: results.flatMap((result) => (result.excluded ? [result.excluded] : [])),
    files: found.staticFiles,
    counts: found.counts,
  };
}

/** A file to parse: a post (of the posts or drafts folder) or a page. */
type SiteFileEntry = ContentFile & Pick<PostFile, 'kind' | 'name'>;

/** Every file ingest reads, and a Hexo blog's files to copy. */
async function findSiteFiles(config: SiteConfig): Promise<{
  files: SiteFileEntry[];
  staticFiles: IngestResult['files'];
  diagnostics: Diagnostic[];
  counts: IngestResult['counts'];
}> {
  const { sourceDir } = config;
  // Hexo's `exclude` globs are relative to the source folder, the posts' folder included.
  const underSource = (dir: string) => (sourceDir === undefined ? '' : `${path.relative(sourceDir, dir).split(path.sep).join('/')}/`.replace(/^\/$/, ''));
  const excluded = matcher(config.exclude);
  const readFolder = async (dir: string, what: string) => {
    const prefix = underSource(dir);
    try {
      return await findContentFiles(dir, (source) => excluded(`${prefix}${source}`));
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT' && config.configFiles.length === 0) throw noSiteError(config);
      throw new BuildError(`cannot read the ${what} folder ${dir}: ${(cause as Error).message}`, {
        file: dir,
        hint: 'Run wirepress in the blog folder (a Hexo blog: `_config.yml` and `source/_posts/`), or pass the folder that holds the posts with --content DIR.',
        cause,
      });
    }
  };
  const posts = await readFolder(config.contentDir, 'posts');
  const files: SiteFileEntry[] = posts.files.map((file) => ({ ...file, kind: 'post', name: file.source }));
  const diagnostics = [...posts.diagnostics];
  // Paths of drafts and pages are given from the posts' folder (`../_drafts/a.md`), so none shares a post's.
  const takeFrom = (dir: string, found: { files: ContentFile[]; diagnostics: Diagnostic[] }, kind: SiteFileEntry['kind']) => {
    const prefix = `${path.relative(config.contentDir, dir).split(path.sep).join('/')}/`;
    files.push(...found.files.map((file): SiteFileEntry => ({ source: `${prefix}${file.source}`, sourcePath: file.sourcePath, kind, name: file.source })));
    diagnostics.push(...found.diagnostics.map((d) => ({ ...d, file: `${prefix}${d.file}` })));
    return prefix;
  };
  let drafts = 0;
  if (config.drafts && config.draftsDir !== undefined && existsSync(config.draftsDir)) {
    const found = await readFolder(config.draftsDir, 'drafts');
    takeFrom(config.draftsDir, found, 'post');
    drafts = found.files.length;
  }
  let staticFiles: IngestResult['files'] = [];
  let pages = 0;
  if (sourceDir !== undefined && existsSync(sourceDir)) {
    const found = await findSourceFiles(sourceDir, config);
    const prefix = takeFrom(sourceDir, { files: found.pages, diagnostics: found.diagnostics }, 'page');
    staticFiles = found.files;
    diagnostics.push(...warnReplacedSiteFiles(found.files, config, prefix));
    pages = found.pages.length;
  }
  return { files, staticFiles, diagnostics, counts: { posts: posts.files.length, pages, drafts } };
}

// Run in a folder that is neither kind of site: say what was looked for, and where.
function noSiteError(config: SiteConfig): BuildError {
  return new BuildError(
    `no blog in ${config.rootDir}: found neither a Hexo blog (_config.yml and source/_posts/) nor a wirepress site (wirepress.config.yml, or posts in ${path.relative(config.rootDir, config.contentDir) || config.contentDir}/)`,
    {
      file: config.rootDir,
      hint: 'Run wirepress in the blog folder, or say where the posts are with --content DIR (and --config FILE for its config).',
    },
  );
}

function unknownTokenError(tokens: readonly string[], config: SiteConfig): BuildError {
  const names = tokens.map((token) => `:${token}`).join(', ');
  return new BuildError(`the permalink ${config.permalink} has ${tokens.length === 1 ? 'a token' : 'tokens'} nothing fills: ${names}`, {
    file: config.configFiles.at(-1),
    hint: `Use Hexo's tokens (${[...PERMALINK_TOKENS].map((t) => `:${t}`).join(' ')}), or give ${names} a value under \`permalink_defaults\` (a post's front matter may then set its own).`,
  });
}

/**
 * A post file's stamp, or why it is not read (gone, no longer a regular
 * file, too large). Synchronous, as {@link readPostFile} is: a post is a
 * few kilobytes, most often in the page cache, and stamping and reading
 * 10,000 posts took 1.1 s of CPU with Node's promise-based calls against
 * 0.2 s with the sync ones (bench/file-io.ts), in a build whose threads
 * all want the two cores.
 */
export function stampPostFile(source: string, sourcePath: string): { stamp: FileStamp } | { problem: Diagnostic } {
  try {
    const stats = statSync(sourcePath);
    // Replaced by a pipe or folder since it was found: reading a FIFO would never return.
    if (!stats.isFile()) return { problem: readError(source, 'the file is no longer a regular file', undefined) };
    if (stats.size > MAX_POST_BYTES) return { problem: tooLarge(source, stats.size) };
    return { stamp: { size: stats.size, ino: stats.ino, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs } };
  } catch (cause) {
    return { problem: readError(source, 'the file cannot be read', cause) };
  }
}

/** Reads a post file stamped by {@link stampPostFile}. */
export function readPostFile(file: SiteFileEntry, stamp: FileStamp): PostFile | { problem: Diagnostic } {
  const { source, sourcePath, kind, name } = file;
  try {
    return { source, sourcePath, bytes: readFileSync(sourcePath), stats: stamp, kind, name };
  } catch (cause) {
    return { problem: readError(source, 'the file cannot be read', cause) };
  }
}

/** Parses a post file with `parseArticle`. */
export function parsePostFile(file: PostFile, config: SiteConfig): ParsedArticle {
  return parseArticle(file.source, file.sourcePath, file.bytes, config, { mtimeMs: file.stats.mtimeMs, kind: file.kind, name: file.name });
}

function tooLarge(source: string, size: number): Diagnostic {
  return errorAt(source, 'ingest/read', `the file is ${(size / 1024 / 1024).toFixed(1)} MiB; posts larger than 16 MiB are not read`, {
    hint: 'Move large files out of the content folder, or into a `_`-prefixed folder.',
  });
}
