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
 * Makes V8 collect garbage once the heap has grown {@link HEAP_GROWING_PERCENT}
 * past its live size. Process-wide, worker threads included; V8 reads the
 * flag at each collection, so it holds from the next one on.
 */
export function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
