import type { SiteCost } from './site-cost.ts';
import type { ScenarioSummary } from './summarize.ts';

/**
 * Renders the summaries as a plain-text table, one row per tool and scenario.
 * @param rows the summaries
 */
export function formatTable(rows: readonly ScenarioSummary[]): string {
  const header = ['tool', 'scenario', 'wall (median)', 'CPU', 'peak RSS', 'ms/post', 'pages', 'runs'];
  const body = rows.map((r) => [
    r.tool,
    r.scenario,
    r.wallMs === null ? 'failed' : `${(r.wallMs / 1000).toFixed(2)} s`,
    r.cpuMs === null ? '–' : `${(r.cpuMs / 1000).toFixed(2)} s`,
    r.peakRssMb === null ? '–' : `${r.peakRssMb} MB`,
    r.msPerPost === null ? '–' : r.msPerPost.toFixed(2),
    r.pages === null ? '–' : String(r.pages),
    r.failed ? `${r.runs - r.failed}/${r.runs} ok` : String(r.runs),
  ]);
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((row) => width(row[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? padEnd(c, widths[i]!) : padStart(c, widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/**
 * Renders the median step timings of each scenario that has them (from the
 * build report), e.g. `cold: ingest 812 ms · sanitize 9,120 ms · …`.
 */
export function formatSteps(rows: readonly ScenarioSummary[]): string {
  return rows
    .filter((r) => r.steps.length > 0)
    .map((r) => `${r.tool} ${r.scenario}: ${r.steps.map((s) => `${s.step} ${s.ms.toLocaleString('en')} ms`).join(' · ')}`)
    .join('\n');
}

/** The published site's size and what first queries fetched, after the last round's cold build and first edit. */
export function formatSiteCost(builds: readonly { scenario: string; site?: SiteCost }[]): string {
  return builds
    .filter((b) => b.site)
    .slice(-2)
    .map(({ scenario, site }) => {
      const queries = site!.queries.map((q) => `"${q.query}" ${q.files} files ${Math.round(q.bytes / 1024)} KB`).join(' · ');
      return `site after ${scenario}: ${(site!.bytes / 1e6).toFixed(1)} MB, search index ${(site!.searchBytes / 1e6).toFixed(1)} MB; first queries: ${queries}`;
    })
    .join('\n');
}

/** Columns `text` takes in a terminal: CJK characters take two. */
export function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

export function padEnd(text: string, n: number): string {
  return text + ' '.repeat(Math.max(0, n - width(text)));
}

function padStart(text: string, n: number): string {
  return ' '.repeat(Math.max(0, n - width(text))) + text;
}
