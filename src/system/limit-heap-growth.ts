import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import v8 from 'node:v8';

/**
 * How far V8 lets the heap grow past what the last full collection kept
 * alive, in percent. By default it grows up to fourfold on a machine with
 * this much memory: a cold build of 10,000 posts kept far less alive than
 * its heap reached between collections (`node --trace-gc`), and that heap
 * was most of the build's peak. At 25 % the same build peaked far lower
 * (process tree) in the same time. At 10 %, a build of 50,000 posts had
 * used only a little less than at 25 % when it was stopped late in its
 * render (before articles held only their lead); its time was not measured
 * on a quiet machine.
 */
export const HEAP_GROWING_PERCENT = 25;

/**
 * The least the heap may grow past its live size while the posts are read
 * (see {@link withHeapSlack}), in bytes. 25 % of the small heap of that
 * step is a few megabytes: V8 marked the whole heap every 0.4 s of a cold
 * build of 10,000 posts, some 40 times, on threads that took CPU from the
 * sanitizing ones (`node --trace-gc`: bench/results/2026-12-04-issue-23-session7-ab.json).
 * The build's peak comes later, in the render, where the heap is larger
 * and 25 % holds.
 */
export const READING_HEAP_SLACK_BYTES = 128 * 1024 * 1024;

/** V8 lets a heap grow at most fourfold between full collections. */
const MAX_GROWING_PERCENT = 300;

/** Whether {@link limitHeapGrowth} was called: a process that did not (the tests) keeps V8's own growth. */
let limiting = false;
/** The slack in force, in bytes: 0 outside {@link withHeapSlack}. */
let slackBytes = 0;
/** The percent last given to V8. */
let percentSet = 0;

/**
 * Makes V8 collect garbage once the heap has grown past its live size by
 * {@link HEAP_GROWING_PERCENT}, or within {@link withHeapSlack} by its slack
 * while that is more. Process-wide, worker threads included; V8 reads the
 * flag at each collection, so each setting holds from the next one on:
 * one full collection's live size sets the next one's allowance.
 */
export function limitHeapGrowth(): void {
  limiting = true;
  followLiveSize();
  const observer = new PerformanceObserver((list) => {
    const entries = list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[];
    if (slackBytes > 0 && entries.some((entry) => entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) followLiveSize();
  });
  observer.observe({ entryTypes: ['gc'] });
}

/**
 * Runs `work` with the heap let grow by at least {@link READING_HEAP_SLACK_BYTES}
 * past its live size; after it, by {@link HEAP_GROWING_PERCENT} again. Only
 * in a process that called {@link limitHeapGrowth}.
 */
export async function withHeapSlack<T>(work: () => Promise<T>): Promise<T> {
  slackBytes = READING_HEAP_SLACK_BYTES;
  followLiveSize();
  try {
    return await work();
  } finally {
    slackBytes = 0;
    followLiveSize();
  }
}

function followLiveSize(): void {
  if (!limiting) return;
  const percent = growingPercent(v8.getHeapStatistics().used_heap_size, slackBytes);
  if (percent === percentSet) return;
  percentSet = percent;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/** The growing percent for a heap with `liveBytes` alive that may grow by at least `slack` bytes, in steps of 5. */
export function growingPercent(liveBytes: number, slack: number): number {
  const forSlack = slack > 0 ? Math.ceil((slack / Math.max(liveBytes, 1)) * 20) * 5 : 0;
  return Math.min(MAX_GROWING_PERCENT, Math.max(HEAP_GROWING_PERCENT, forSlack));
}
