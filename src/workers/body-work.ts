import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { ImageOutcome } from '../images/index.ts';
import type { RewriteImageOptions } from '../images/rewrite-image-markup.ts';
import type { SanitizeOptions, sanitizeArticle } from '../sanitize/index.ts';
import type { RewriteTask, SanitizeTask } from './body-worker.ts';

/** Sanitizing and rewriting article bodies: in this thread, or spread over worker threads. */
export interface BodyWork {
  sanitize(body: string, format: 'html' | 'text', options: SanitizeOptions): Promise<ReturnType<typeof sanitizeArticle>>;
  /** @param outcomes at least the outcomes of the body's images (`original` of each `<img>`) */
  rewrite(html: string, outcomes: ReadonlyMap<string, ImageOutcome>, images: readonly string[], options: RewriteImageOptions): Promise<string>;
  /** Stops the threads; later calls run in this thread. */
  close(): Promise<void>;
}

/**
 * The work done in this thread: for a few bodies, starting threads costs
 * more than it saves. The sanitizer and the HTML tools are loaded on first
 * use: a build that recalls every body from the cache never needs them.
 */
export const inThisThread: BodyWork = {
  sanitize: async (body, format, options) => (await import('../sanitize/index.ts')).sanitizeArticle(body, format, options),
  rewrite: async (html, outcomes, _images, options) => (await import('../images/rewrite-image-markup.ts')).rewriteImageMarkup(html, outcomes, options),
  close: async () => {},
};

/**
 * Below this many bodies to sanitize (or to rewrite), the work stays in
 * this thread: a worker takes about a quarter of a second to start and load
 * the sanitizer, what about 100 bodies cost to sanitize.
 */
export const THREADS_FROM_BODIES = 100;

/**
 * The body work of one build: in this thread until it has been asked for
 * {@link THREADS_FROM_BODIES} bodies of one kind, then spread over one
 * worker thread per core (with more than one core). A build learns how
 * many bodies it has to make only as it reads the posts. The main thread
 * mostly waits meanwhile (and reads posts and writes the cache), so the
 * workers take every core. On this 2-core machine, whose cores share more
 * than they say, 2,000 bodies are sanitized in 3.9 s instead of 4.9 s.
 */
export function bodyWork(threads: number = os.availableParallelism()): BodyWork {
  return threads < 2 ? inThisThread : new ThreadsWhenBusy(threads);
}

/** See {@link bodyWork}. */
class ThreadsWhenBusy implements BodyWork {
  private readonly asked = { sanitize: 0, rewrite: 0 };
  private threads: ThreadedBodyWork | undefined;
  private closed = false;

  constructor(private readonly threadCount: number) {}

  sanitize(body: string, format: 'html' | 'text', options: SanitizeOptions): Promise<ReturnType<typeof sanitizeArticle>> {
    return this.workFor('sanitize').sanitize(body, format, options);
  }

  rewrite(html: string, outcomes: ReadonlyMap<string, ImageOutcome>, images: readonly string[], options: RewriteImageOptions): Promise<string> {
    return this.workFor('rewrite').rewrite(html, outcomes, images, options);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.threads?.close();
  }

  private workFor(kind: keyof ThreadsWhenBusy['asked']): BodyWork {
    if (this.closed) return inThisThread;
    this.asked[kind] += 1;
    if (this.asked[kind] >= THREADS_FROM_BODIES) this.threads ??= new ThreadedBodyWork(this.threadCount);
    return this.threads ?? inThisThread;
  }
}

class ThreadedBodyWork implements BodyWork {
  private pool: Piscina | undefined;

  constructor(threads: number) {
    this.pool = new Piscina({ filename: workerFile(), minThreads: threads, maxThreads: threads, idleTimeout: 5_000 });
  }

  sanitize(body: string, format: 'html' | 'text', options: SanitizeOptions): Promise<ReturnType<typeof sanitizeArticle>> {
    if (!this.pool) return inThisThread.sanitize(body, format, options);
    const task: SanitizeTask = { body, format, options: { ...options, proxyPrefixes: [...options.proxyPrefixes] } };
    return this.pool.run(task, { name: 'sanitize' });
  }

  rewrite(html: string, outcomes: ReadonlyMap<string, ImageOutcome>, images: readonly string[], options: RewriteImageOptions): Promise<string> {
    if (!this.pool) return inThisThread.rewrite(html, outcomes, images, options);
    const own = new Map<string, ImageOutcome>();
    for (const original of images) {
      for (const key of [original, original.trim()]) {
        const outcome = outcomes.get(key);
        if (outcome) own.set(key, outcome);
      }
    }
    const task: RewriteTask = { html, outcomes: [...own], options: { ...options } };
    return this.pool.run(task, { name: 'rewrite' });
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}

/** body-worker.js beside this module, or its loader when run from the TypeScript sources (see body-worker-from-source.mjs). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return path.join(path.dirname(here), here.endsWith('.ts') ? 'body-worker-from-source.mjs' : 'body-worker.js');
}
