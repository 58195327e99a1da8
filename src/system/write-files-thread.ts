import type { Piscina } from 'piscina';
import { requireOnUse } from './load-on-use.ts';
import { fromThreadFailure, type ThreadFailure } from './thread-failure.ts';
import type { WriteTask } from './write-files-worker.ts';
import { workerFile } from './worker-file.ts';

const piscina = requireOnUse<typeof import('piscina')>('piscina');

/** Files encoded and handed to the thread in one task. */
const FILES_PER_TASK = 100;

/**
 * Tasks handed over and not yet done (half a batch of rendered pages): the
 * thread has files to write while this one renders, which keeps it from the
 * event loop for up to half a second between two batches; with 2 tasks
 * ahead, the render of 10,000 posts took 1–2.5 s longer
 * (bench/results/2026-12-04-issue-23-session8-memory.json).
 */
const TASKS_AHEAD = 10;

/**
 * Writes files in a worker thread of its own, with synchronous calls
 * (see write-files-worker.ts): the thread that asks only encodes each
 * file and hands its bytes over (moved, not copied). With it, the render
 * step of a cold build of 10,000 posts (18,000 pages) took 22.9–25.5 s,
 * against 23.6–33.2 s with the writes awaited in the render thread, which
 * also waited on them between batches (bench/results/2026-12-04-issue-23-session5-ab.json).
 * {@link close} when done.
 */
export class FileWriterThread {
  private readonly pool: Piscina = new (piscina().Piscina)({
    filename: workerFile('write-files-worker', import.meta.url),
    minThreads: 1,
    maxThreads: 1,
    // Without this process's flags: under the tests, `--import tsx` would be looked up from the working folder.
    execArgv: [],
  });
  private readonly encoder = new TextEncoder();

  /**
   * Writes each file (absolute path) with its text, making its folder;
   * rejects with the first write's error (its `code` and `path` kept) once
   * the writes under way are done, handing over no more files.
   */
  async write(files: readonly { readonly file: string; readonly text: string }[]): Promise<void> {
    const tasks: Promise<ThreadFailure | undefined>[] = [];
    for (let start = 0; start < files.length || tasks.length > 0; ) {
      // Encoded a few at a time, a few tasks ahead of the thread: a batch of 2,000 pages encoded
      // at once held up to 155 MB of bytes beside its text at 50,000 posts (session8-memory.json).
      while (start < files.length && tasks.length < TASKS_AHEAD) {
        const task = this.run(files.slice(start, start + FILES_PER_TASK));
        // Awaited in turn below: a thread that dies rejects them all, and those after the first must not go unhandled.
        task.catch(() => {});
        tasks.push(task);
        start += FILES_PER_TASK;
      }
      const failure = await tasks.shift();
      if (failure) {
        await Promise.allSettled(tasks);
        throw fromThreadFailure(failure);
      }
    }
  }

  private run(files: readonly { readonly file: string; readonly text: string }[]): Promise<ThreadFailure | undefined> {
    // Encoded to buffers of their own (not slices of a shared pool), for each to be moved to the thread.
    const contents = files.map((file) => this.encoder.encode(file.text));
    const task: WriteTask = { files: files.map((file) => file.file), contents };
    return this.pool.run(task, { name: 'writeFiles', transferList: contents.map((content) => content.buffer) }) as Promise<ThreadFailure | undefined>;
  }

  /** Stops the thread once the writes asked for are done. */
  async close(): Promise<void> {
    await this.pool.close();
  }
}
