import os from 'node:os';
import type { Piscina } from 'piscina';
import type { BodyFormat } from '../ingest/types.ts';
import type { SanitizeOptions, sanitizeArticle } from './index.ts';
import type { SanitizeTask } from './body-worker.ts';
import { importOnUse, requireOnUse } from '../system/load-on-use.ts';
import { workerFile } from '../system/worker-file.ts';

const piscina = requireOnUse<typeof import('piscina')>('piscina');

/** Sanitizing article bodies: in this thread, or spread over worker threads. */
export interface BodyWork {
  sanitize(body: string, format: BodyFormat, options: SanitizeOptions): Promise<ReturnType<typeof sanitizeArticle>>;
  /** Stops the threads; later calls run in this thread. */
  close(): Promise<void>;
}

const sanitizer = importOnUse(() => import('./index.ts').then((module) => module.sanitizeArticle));

/**
 * The work done in this thread: for a few bodies, starting threads costs
 * more than it saves. The sanitizer and the HTML tools are loaded on first
 * use: a build that recalls every body from the cache never needs them.
 */
export const inThisThread: BodyWork = {
  sanitize: async (body, format, options) => (await sanitizer())(body, format, options),
  close: async () => {},
};

/**
 * Below this many bodies to sanitize, the work stays in this thread: a
 * worker takes as long to start and load the sanitizer as some 100
 * bodies take to sanitize.
 */
export const THREADS_FROM_BODIES = 100;

/**
 * The body work of one build: in this thread until it has been asked for
 * {@link THREADS_FROM_BODIES} bodies, then spread over one worker thread
 * per core (with more than one core). A build learns how
 * many bodies it has to make only as it reads the posts. The main thread
 * mostly waits meanwhile (and reads posts and writes the cache), so the
 * workers take every core. On this 2-core machine, whose cores share more
 * than they say, a large build still sanitizes its bodies somewhat faster
 * than one thread does.
 */
export function bodyWork(threads: number = os.availableParallelism()): BodyWork {
  return threads < 2 ? inThisThread : new ThreadsWhenBusy(threads);
}

/** See {@link bodyWork}. */
class ThreadsWhenBusy implements BodyWork {
  private asked = 0;
  private threads: ThreadedBodyWork | undefined;
  private closed = false;

  constructor(private readonly threadCount: number) {}

  sanitize(body: string, format: BodyFormat, options: SanitizeOptions): Promise<ReturnType<typeof sanitizeArticle>> {
    return this.work().sanitize(body, format, options);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.threads?.close();
  }

  private work(): BodyWork {
    if (this.closed) return inThisThread;
    this.asked += 1;
    if (this.asked >= THREADS_FROM_BODIES) this.threads ??= new ThreadedBodyWork(this.threadCount);
    return this.threads ?? inThisThread;
  }
}

/** Bodies sent to a thread before it finishes the first (it sanitizes them one after the other). */
const TASKS_PER_THREAD = 4;

class ThreadedBodyWork implements BodyWork {
  private pool: Piscina | undefined;

  constructor(threads: number) {
    this.pool = new (piscina().Piscina)({
      filename: workerFile('body-worker', import.meta.url),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 5_000,
      // A few bodies queued in each thread: with one at a time, a thread waited for this one to hand
      // it the next whenever this thread was busy reading and parsing posts.
      concurrentTasksPerWorker: TASKS_PER_THREAD,
    });
  }

  sanitize(body: string, format: BodyFormat, options: SanitizeOptions): Promise<ReturnType<typeof sanitizeArticle>> {
    if (!this.pool) return inThisThread.sanitize(body, format, options);
    const task: SanitizeTask = { body, format, options };
    return this.pool.run(task, { name: 'sanitize' });
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}
