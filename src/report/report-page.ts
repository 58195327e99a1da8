import { hostOf } from '../urls/index.ts';
import type { BuildReport, ReportArticle } from './build-report.ts';

/** Posts listed with what the sanitizer removed: the ones it removed most from. */
const MOST_REMOVED = 200;

/**
 * The build report as one HTML page, for whoever opens a CI artifact: the
 * counts, the slowest steps, the skipped posts with their reasons, the
 * images not re-hosted grouped by host, what the sanitizer removed from
 * the posts it removed most from, the titles restored and the stories told
 * by several posts. Every value is escaped: posts, titles
 * and URLs are untrusted. No script, no outside resource.
 */
export function renderReportPage(report: BuildReport<Iterable<ReportArticle>>): string {
  const failedByHost = new Map<string, { images: Set<string>; reasons: Set<string> }>();
  const removals: { source: string; title: string; total: number; kinds: string }[] = [];
  for (const article of report.articles) {
    for (const image of article.images) {
      if (image.status !== 'failed' && image.status !== 'skipped') continue;
      const host = hostOf(image.origin);
      const entry = failedByHost.get(host) ?? { images: new Set(), reasons: new Set() };
      entry.images.add(image.origin);
      if (image.error) entry.reasons.add(image.error);
      failedByHost.set(host, entry);
    }
    const total = Object.values(article.removed).reduce((sum, n) => sum + n, 0);
    if (total > 0) removals.push({ source: article.source, title: article.title, total, kinds: Object.entries(article.removed).map(([kind, n]) => `${kind} ${n}`).join(', ') });
  }
  removals.sort((a, b) => b.total - a.total);
  const { summary } = report;
  const steps = [...report.timings].sort((a, b) => b.ms - a.ms);
  const hosts = [...failedByHost].sort(([, a], [, b]) => b.images.size - a.images.size);
  const titles = report.titles ?? [];
  const stories = report.duplicates ?? [];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wirepress build report</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem}table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}code{word-break:break-all}</style>
</head>
<body>
<h1>wirepress build report</h1>
<p>${summary.articles} posts: ${summary.built} built, ${summary.skipped} skipped · ${summary.errors} errors, ${summary.warnings} warnings · ${report.pages} pages${report.search ? ` · search index ${escape(report.search.made)} (${report.search.articles} articles)` : ''}</p>
<h2>Slowest steps</h2>
${table(['step', 'time'], steps.map((s) => [escape(s.step), `${(s.ms / 1000).toFixed(2)} s`]), [1])}
<h2>Skipped posts (${report.skipped.length})</h2>
${table(['post', 'line', 'why', 'how to fix'], report.skipped.map((s) => [`<code>${escape(s.source)}</code>`, s.line === null ? '' : String(s.line), `${escape(s.message)} <small>${escape(s.code)}</small>`, escape(s.hint ?? '')]), [1])}
<h2>Images not re-hosted, by host (${hosts.reduce((sum, [, h]) => sum + h.images.size, 0)})</h2>
${table(['host', 'images', 'why'], hosts.map(([host, h]) => [`<code>${escape(host)}</code>`, String(h.images.size), escape([...h.reasons].slice(0, 3).join('; '))]), [1])}
<h2>What the sanitizer removed (${removals.length} posts${removals.length > MOST_REMOVED ? `, the ${MOST_REMOVED} it removed most from` : ''})</h2>
${table(['post', 'removed', 'by kind'], removals.slice(0, MOST_REMOVED).map((r) => [`${escape(r.title)}<br><code>${escape(r.source)}</code>`, String(r.total), escape(r.kinds)]), [1])}
<h2>Titles restored from their bodies (${titles.length})</h2>
${table(['post', 'as filed', 'as shown'], titles.map((t) => [`<code>${escape(t.source)}</code>`, escape(t.from), escape(t.to)]), [])}
<h2>Stories told by several posts (${stories.length})</h2>
${table(['canonical', 'copies (similarity)'], stories.map((story) => [`${escape(story.canonical.title)}<br><code>${escape(story.canonical.source)}</code>`, story.copies.map((c) => `${escape(c.title)} (${c.similarity.toFixed(2)})<br><code>${escape(c.source)}</code>`).join('<br>')]), [])}
</body>
</html>
`;
}

function table(header: readonly string[], rows: readonly string[][], numeric: readonly number[]): string {
  if (rows.length === 0) return '<p>None.</p>';
  const cell = (text: string, i: number) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${text}</td>`;
  return `<table>\n<tr>${header.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>\n${rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n')}\n</table>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
