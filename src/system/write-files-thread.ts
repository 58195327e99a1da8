import type { Piscina } from 'piscina';
import { requireOnUse } from './load-on-use.ts';
import { fromThreadFailure, type ThreadFailure } from './thread-failure.ts';
import type { WriteTask } from './write-files-worker.ts';
import { workerFile } from './worker-file.ts';

const piscina = requireOnUse<typeof import('piscina')>('piscina');

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

  /** Writes each file (absolute path) with its text, making its folder; rejects with the first write's error (its `code` and `path` kept). */
  async write(files: readonly { readonly file: string; readonly text: string }[]): Promise<void> {
    // Encoded to buffers of their own (not slices of a shared pool), for each to be moved to the thread.
    const contents = files.map((file) => this.encoder.encode(file.text));
    const task: WriteTask = { files: files.map((file) => file.file), contents };
    const failure = (await this.pool.run(task, { name: 'writeFiles', transferList: contents.map((content) => content.buffer) })) as ThreadFailure | undefined;
    if (failure) throw fromThreadFailure(failure);
  }

  /** Stops the thread once the writes asked for are done. */
  async close(): Promise<void> {
    await this.pool.close();
  }
}
