import type cliProgress from 'cli-progress';
import { requireOnUse } from '../system/load-on-use.ts';
import type { ImageProgress } from '../images/index.ts';

/** Shows the images stage's progress; it stops by itself when all is done, or on `stop()`. */
export interface ProgressDisplay {
  update(progress: ImageProgress): void;
  stop(): void;
}

const progressBars = requireOnUse<typeof cliProgress>('cli-progress');

/** How often a non-terminal (CI log) gets a progress line. */
const LINE_INTERVAL_MS = 10_000;

/**
 * Progress of long image work: a bar on a terminal, and on anything else (a CI
 * log) a line every 10 seconds with done/total, failures, rate and ETA. Quiet
 * while there are fewer than 2 images to do: nothing is long then.
 *
 * @param stream where to write (default: stderr)
 * @param intervalMs time between lines when `stream` is not a terminal (default: 10 s)
 */
export function createImageProgress(stream: NodeJS.WriteStream = process.stderr, intervalMs = LINE_INTERVAL_MS): ProgressDisplay {
  const started = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  let lastLine = started;
  let latest: ImageProgress | undefined;
  let printed: ImageProgress | undefined;
  let stopped = false;
  const printLine = (progress: ImageProgress) => {
    printed = progress;
    lastLine = Date.now();
    stream.write(`${describeProgress(progress, Date.now() - started)}\n`);
  };
  const display: ProgressDisplay = {
    update(progress) {
      if (stopped) return;
      latest = progress;
      if (progress.total < 2) return;
      if (stream.isTTY) {
        bar ??= startBar(stream, progress.total);
        bar.update(progress.done, { failed: progress.failed, remaining: etaOf(progress, Date.now() - started) || 'ETA …' });
      } else if (Date.now() - lastLine >= intervalMs) {
        printLine(progress);
      }
      if (progress.done === progress.total) display.stop();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar?.stop();
      // A CI log that saw progress lines also gets the last count, so it ends at done = total.
      if (!stream.isTTY && printed && latest && latest !== printed) printLine(latest);
    },
  };
  return display;
}

/** `images: 120/1000 (3 failed) · 14.2/s · ETA 62 s` */
export function describeProgress(progress: ImageProgress, elapsedMs: number): string {
  const rate = progress.done / Math.max(elapsedMs / 1000, 0.001);
  const eta = etaOf(progress, elapsedMs);
  return `images: ${progress.done}/${progress.total} (${progress.failed} failed) · ${rate.toFixed(1)}/s${eta ? ` · ${eta}` : ''}`;
}

/** `ETA 62 s`, or nothing before the first image is done (no rate yet: never NaN or Infinity) and after the last. */
function etaOf(progress: ImageProgress, elapsedMs: number): string {
  const remaining = progress.total - progress.done;
  if (progress.done === 0 || remaining <= 0 || elapsedMs <= 0) return '';
  return `ETA ${Math.ceil((remaining * elapsedMs) / progress.done / 1000)} s`;
}

function startBar(stream: NodeJS.WriteStream, total: number): cliProgress.SingleBar {
  const bar = new (progressBars().SingleBar)(
    {
      stream,
      // Our own ETA: cli-progress's shows NaN and INF until it has a rate.
      format: 'images [{bar}] {value}/{total} · {failed} failed · {remaining}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    progressBars().Presets.shades_classic,
  );
  bar.start(total, 0, { failed: 0, remaining: 'ETA …' });
  return bar;
}
