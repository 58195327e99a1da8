import { readFile } from 'node:fs/promises';

/**
 * The build report without its articles: what the benchmark reads (pages,
 * summary, timings). writeBuildReport writes one article per line, and a
 * line of JSON holds no raw newline, so the array ends at the first line
 * that starts with `],`. At 100,000 posts the report is some 400 MB, which
 * parsed whole ran the harness out of memory.
 *
 * @returns undefined when the file is missing or not a report
 */
export async function readReportTail(file: string): Promise<Record<string, unknown> | undefined> {
  const bytes = await readFile(file).catch(() => undefined);
  if (!bytes) return undefined;
  const start = '{"articles":[';
  const end = bytes.indexOf('\n],');
  if (bytes.subarray(0, start.length).toString() !== start || end < 0) return undefined;
  try {
    return JSON.parse(`{${bytes.subarray(end + 3).toString('utf8')}`) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
