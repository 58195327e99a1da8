/**
 * The steps of a build that took time, one line each, and the total, as
 * Hugo closes a build with its table. The search index is made beside the
 * plan, reuse and render steps, so the steps add up to more than the total.
 *
 * ```
 *   ingest and sanitize   4.87 s
 *   render                4.67 s
 *   search index          1.43 s  (beside plan and render)
 * done in 10.3 s
 * ```
 */
export function formatTimings(timings: readonly { step: string; ms: number }[], totalMs: number): string {
  const shown = timings.filter((t) => t.ms >= 10);
  const width = Math.max(0, ...shown.map((t) => t.step.length));
  const lines = shown.map((t) => `  ${t.step.padEnd(width)}  ${(t.ms / 1000).toFixed(2).padStart(6)} s${t.step === 'search index' ? '  (beside plan and render)' : ''}`);
  return [...lines, `done in ${(totalMs / 1000).toFixed(1)} s`].join('\n');
}
