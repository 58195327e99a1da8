import path from 'node:path';
import type { BuildResult } from '../build.ts';
import { type BuildReport, type ReportArticle, toSkippedEntries } from './build-report.ts';
import { toReportStories } from './report-stories.ts';

/**
 * Turns a build result into the JSON report of DESIGN.md. Its articles are
 * made one at a time as the report is written (see writeBuildReport): at
 * 10,000 articles, the whole report at once is a large string and slow to make.
 */
export function toReport(result: BuildResult): BuildReport<Iterable<ReportArticle>> {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  return {
    articles: mapLazily(result.articles, (a) => ({
      source: a.source,
      url: a.url,
      output: a.outputPath.split(path.sep).join('/'),
      title: a.title,
      date: a.date,
      categories: a.categories.map((c) => [...c]),
      images: a.images.map((i) => ({
        original: i.original,
        origin: i.origin,
        status: i.status,
        ...(i.url ? { url: i.url } : {}),
        ...(i.error ? { error: i.error } : {}),
        ...(i.retryAt ? { retryAt: i.retryAt } : {}),
      })),
      removed: { ...a.removed },
      warnings: a.warnings.map((w) => ({ code: w.rule, message: w.message, ...(w.line ? { line: w.line } : {}), ...(w.hint ? { hint: w.hint } : {}) })),
    })),
    skipped: toSkippedEntries(errors),
    pages: result.pages,
    excluded: result.excluded.map((e) => ({ ...e })),
    summary: {
      articles: result.total,
      built: result.articles.length,
      skipped: result.total - result.articles.length,
      errors: errors.length,
      warnings: result.diagnostics.length - errors.length,
    },
    timings: result.timings,
    ...(result.search ? { search: result.search } : {}),
    duplicates: toReportStories(result.articles),
    titles: result.articles.flatMap((a) => (a.filedTitle !== undefined ? [{ source: a.source, from: a.filedTitle, to: a.title }] : [])),
  };
}

function* mapLazily<T, U>(items: readonly T[], map: (item: T) => U): Iterable<U> {
  for (const item of items) yield map(item);
}
