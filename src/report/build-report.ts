import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import type { Diagnostic } from './diagnostic.ts';
import type { ReportStory } from './report-stories.ts';
import { renderReportPage } from './report-page.ts';
import { writeFileAtomic } from '../system/atomic-write.ts';

/** One image of an article in the report (DESIGN.md, "Build report"). */
export interface ReportImage {
  original: string;
  origin: string;
  status: 'rehosted' | 'cached' | 'failed' | 'skipped';
  url?: string;
  error?: string;
  /** When a failed download is tried again (ISO 8601). */
  retryAt?: string;
}

/** One built article in the report. */
export interface ReportArticle {
  source: string;
  url: string;
  output: string;
  title: string;
  date: string;
  categories: string[][];
  images: ReportImage[];
  /** What the sanitizer removed from the body, counted by kind. */
  removed: Record<string, number>;
  warnings: { code: string; message: string; line?: number; hint?: string }[];
}

/** One skipped article in the report: the first error that skipped it, plus all of them. */
export interface ReportSkipped {
  source: string;
  line: number | null;
  code: string;
  message: string;
  hint?: string;
  problems: { line: number | null; code: string; message: string; hint?: string }[];
}

/** The JSON written by `--report FILE`. Field names are a contract (DESIGN.md). */
export interface BuildReport<Articles extends Iterable<ReportArticle> = ReportArticle[]> {
  articles: Articles;
  skipped: ReportSkipped[];
  pages: number;
  /** Posts left out on purpose (`draft: true`, `published: false`). */
  excluded: { source: string; reason: string }[];
  summary: { articles: number; built: number; skipped: number; errors: number; warnings: number };
  timings: { step: string; ms: number }[];
  /** The search index: articles it holds, and whether it was built whole, updated or kept unchanged. */
  search?: { articles: number; made: 'whole' | 'updated' | 'unchanged' };
  /** Stories told by more than one article: the canonical copy and the others (see toReportStories). */
  duplicates?: ReportStory[];
  /** Every title shown otherwise than its post's `title:` (the bot's `_` restored from the body), in the articles' order. */
  titles?: ReportTitle[];
}

/** A title the site shows restored: `from` as the post writes it, `to` as the pages, feeds and search show it. */
export interface ReportTitle {
  source: string;
  from: string;
  to: string;
}

/** Groups error diagnostics into one skipped entry per file. */
export function toSkippedEntries(errors: readonly Diagnostic[]): ReportSkipped[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of errors) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  return [...byFile].map(([source, list]) => {
    const problems = list.map((d) => ({ line: d.line ?? null, code: d.rule, message: d.message, ...(d.hint ? { hint: d.hint } : {}) }));
    const first = problems[0]!;
    return { source, ...first, problems };
  });
}

/**
 * Writes the report, atomically (a reader never sees half a file): as an
 * HTML page when `file` ends in `.html` (see renderReportPage), else as
 * JSON, one article per line, written as they come, so the report is never
 * held whole as text.
 */
export async function writeBuildReport(file: string, report: BuildReport<Iterable<ReportArticle>>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  if (/\.html?$/i.test(file)) {
    await writeFileAtomic(file, renderReportPage(report));
    return;
  }
  const temp = `${file}.${process.pid}.tmp`;
  const { articles, ...rest } = report;
  // Large buffers: at 10,000 articles the default 16 KB meant waiting for a drain over and over.
  const out = createWriteStream(temp, { highWaterMark: 1 << 20 });
  try {
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    await write('{"articles":[');
    let first = true;
    for (const article of articles) {
      await write(`${first ? '' : ','}\n${JSON.stringify(article)}`);
      first = false;
    }
    await write(`\n],${JSON.stringify(rest, null, 2).slice(1)}\n`);
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
  await rename(temp, file);
}
