import v8 from 'node:v8';

/**
 * How far V8 lets the heap grow past what the last full collection kept
 * alive, in percent. By default it grows up to fourfold on a machine with
 * this much memory: a cold build of 10,000 posts kept 300–350 MB alive but
 * let its heap reach 1.26 GB between collections (`node --trace-gc`), most
 * of the build's 1.88 GB peak. At 25 % the same build peaked at 0.93 GB
 * (process tree) in the same time. At 10 %, a build of 50,000 posts had
 * reached 2.15 GB, against 2.38 GB at 25 %, when it was stopped late in its
 * render (before articles held only their lead); its time was not measured
 * on a quiet machine.
 */
export const HEAP_GROWING_PERCENT = 25;

/**
 * Makes V8 collect garbage once the heap has grown {@link HEAP_GROWING_PERCENT}
 * past its live size. Process-wide, worker threads included; V8 reads the
 * flag at each collection, so it holds from the next one on.
 */
export function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
