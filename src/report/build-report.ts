import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from './diagnostic.ts';

/** One image of an article in the report (DESIGN.md, "Build report"). */
export interface ReportImage {
  original: string;
  origin: string;
  status: 'rehosted' | 'cached' | 'failed' | 'skipped';
  url?: string;
  error?: string;
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
export interface BuildReport {
  articles: ReportArticle[];
  skipped: ReportSkipped[];
  pages: number;
  /** Posts left out on purpose (`draft: true`, `published: false`). */
  excluded: { source: string; reason: string }[];
  summary: { articles: number; built: number; skipped: number; errors: number; warnings: number };
  timings: { step: string; ms: number }[];
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

/** Writes the report as JSON, atomically (a reader never sees half a file). */
export async function writeBuildReport(file: string, report: BuildReport): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(report, null, 2)}\n`);
  await rename(temp, file);
}
