import path from 'node:path';
import { hostOf } from '../urls/index.ts';
import type { Diagnostic } from './diagnostic.ts';

// The order `localeCompare` gives, without building a collator per comparison (which made sorting 10,000 files slow).
const byName = new Intl.Collator();

/** Counts shown in the summary line. */
export interface SummaryCounts {
  articles: number;
  skipped: number;
}

/**
 * Formats diagnostics for a terminal, grouped by file, in the manner of
 * ESLint's "stylish" output:
 *
 * ```
 * content/2021/10/storm.md
 *    4:1  error    `date`: expected a date, received "yesterday"   ingest/date
 *         hint: write it as 2021-10-19 08:49:00 or Tue, 19 Oct 2021 00:49:00 GMT
 * ✖ 1 error, 0 warnings · 1 of 214 articles skipped
 * ```
 *
 * Files with errors come first. Past `maxFiles` files the rest is counted,
 * not printed: an offline build of 10,000 posts warns about every one.
 * Images not re-hosted are told by cause, not by post, unless `verbose`
 * (see {@link formatImageProblems}).
 *
 * @param diagnostics what to print
 * @param counts article totals for the summary line
 * @param displayRoot folder that `file` paths are shown relative to (default: none, paths as given)
 * @param options `maxFiles`, the most files printed (default: 100); `verbose`, every image under its post (default: false)
 */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  counts: SummaryCounts,
  displayRoot?: string,
  { maxFiles = 100, verbose = false }: { maxFiles?: number; verbose?: boolean } = {},
): string {
  const grouped = verbose ? [] : diagnostics.filter((d) => d.images);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of verbose ? diagnostics : diagnostics.filter((d) => !d.images)) {
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  const hasError = (list: readonly Diagnostic[]) => list.some((d) => d.severity === 'error');
  const groups = [...byFile].sort(([a, listA], [b, listB]) => Number(hasError(listB)) - Number(hasError(listA)) || byName.compare(a, b));
  const out: string[] = [];
  for (const [file, list] of groups.slice(0, maxFiles)) {
    out.push(displayRoot ? path.join(displayRoot, file) : file);
    for (const d of list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))) {
      const where = d.line ? `${d.line}:${d.column ?? 1}` : '';
      out.push(`  ${where.padStart(6)}  ${d.severity.padEnd(8)} ${oneLine(d.message)}  ${d.rule}`);
      if (d.hint) out.push(`  ${''.padStart(6)}  ${''.padEnd(8)} hint: ${oneLine(d.hint)}`);
    }
    out.push('');
  }
  if (groups.length > maxFiles) {
    out.push(`… and ${groups.length - maxFiles} more files with problems (--report FILE lists them all)`, '');
  }
  if (grouped.length > 0) out.push(...formatImageProblems(grouped), '');
  out.push(summaryLine(diagnostics, counts));
  return out.join('\n');
}

/**
 * The images not re-hosted, one line per cause with the number of images
 * and posts and the hosts most of them are on: 137 dead images of 55 posts
 * are two lines, not 400.
 *
 * ```
 * images not re-hosted (their pages link the origin; --verbose lists each, the report has them all):
 *   120 images in 50 posts  network error: ENOTFOUND  img.zaker.cn (118), pic.example.com (2)
 * ```
 */
export function formatImageProblems(diagnostics: readonly Diagnostic[]): string[] {
  const byReason = new Map<string, { images: Set<string>; posts: Set<string> }>();
  for (const d of diagnostics) {
    for (const { origin, reason } of d.images ?? []) {
      const group = byReason.get(reason) ?? { images: new Set(), posts: new Set() };
      group.images.add(origin);
      group.posts.add(d.file);
      byReason.set(reason, group);
    }
  }
  const lines = ['images not re-hosted (their pages link the origin; --verbose lists each, the report has them all):'];
  for (const [reason, { images, posts }] of [...byReason].sort(([, a], [, b]) => b.images.size - a.images.size)) {
    const what = `${images.size} ${plural(images.size, 'image')} in ${posts.size} ${plural(posts.size, 'post')}`;
    lines.push(`  ${what.padEnd(24)} ${oneLine(reason)}  ${describeHosts([...images])}`);
  }
  return lines;
}

/** The hosts of the URLs, most frequent first, with their counts: three, then how many more. */
function describeHosts(urls: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const url of urls) {
    const host = hostOf(url);
    counts.set(host, (counts.get(host) ?? 0) + 1);
  }
  const hosts = [...counts].sort(([a, x], [b, y]) => y - x || byName.compare(a, b));
  const shown = hosts.slice(0, 3).map(([host, n]) => `${host} (${n})`);
  return hosts.length > 3 ? `${shown.join(', ')} and ${hosts.length - 3} more hosts` : shown.join(', ');
}

/** `✖ 1 error, 1 warning · 1 of 214 articles skipped`, or `✔ 214 articles, no problems`. */
export function summaryLine(diagnostics: readonly Diagnostic[], counts: SummaryCounts): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (errors === 0 && warnings === 0) return `✔ ${counts.articles} ${plural(counts.articles, 'article')}, no problems`;
  const mark = errors > 0 ? '✖' : '⚠';
  return `${mark} ${errors} ${plural(errors, 'error')}, ${warnings} ${plural(warnings, 'warning')} · ${counts.skipped} of ${counts.articles} ${plural(counts.articles, 'article')} skipped`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

// A message quotes untrusted text; keep it on one terminal line and free of control characters.
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
