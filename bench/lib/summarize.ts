import type { Measured } from './measure-process.ts';
import { medianOf } from './stats.ts';

/** The medians of one scenario over its rounds. */
export interface ScenarioSummary {
  tool: string;
  scenario: string;
  runs: number;
  failed: number;
  wallMs: number | null;
  /** Median user + system CPU time. */
  cpuMs: number | null;
  peakRssMb: number | null;
  msPerPost: number | null;
  pages: number | null;
  /** Median ms of each step of the build report, in report order (wirepress only). */
  steps: { step: string; ms: number }[];
}

/** A build as the summary needs it. */
export interface SummaryInput extends Pick<Measured, 'wallMs' | 'cpuMs' | 'peakRssKb'> {
  scenario: string;
  ok: boolean;
  report?: { pages: number | null; timings: { step: string; ms: number }[] };
}

/**
 * Groups builds by scenario (in first-seen order) and takes the median of
 * the successful ones: wall time, CPU time, peak RSS and wall time per post.
 * @param tool the tool's name, for the table
 * @param builds every measured build
 * @param posts number of posts built, for ms/post
 */
export function summarize(tool: string, builds: readonly SummaryInput[], posts: number): ScenarioSummary[] {
  const groups = new Map<string, SummaryInput[]>();
  for (const b of builds) groups.set(b.scenario, [...(groups.get(b.scenario) ?? []), b]);
  return [...groups].map(([scenario, all]) => {
    const ok = all.filter((b) => b.ok);
    const wallMs = medianOf(ok.map((b) => b.wallMs));
    const rss = medianOf(ok.map((b) => b.peakRssKb));
    const cpu = medianOf(ok.map((b) => b.cpuMs));
    const stepNames = [...new Set(ok.flatMap((b) => b.report?.timings.map((t) => t.step) ?? []))];
    return {
      tool,
      scenario,
      runs: all.length,
      failed: all.length - ok.length,
      wallMs: wallMs === null ? null : Math.round(wallMs),
      cpuMs: cpu === null ? null : Math.round(cpu),
      peakRssMb: rss === null ? null : Math.round(rss / 1024),
      msPerPost: wallMs === null ? null : Number((wallMs / posts).toFixed(3)),
      pages: medianOf(ok.map((b) => b.report?.pages)),
      steps: stepNames.map((step) => ({
        step,
        ms: Math.round(medianOf(ok.map((b) => b.report?.timings.filter((t) => t.step === step).reduce((s, t) => s + t.ms, 0))) ?? 0),
      })),
    };
  });
}
