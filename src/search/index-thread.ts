import { Worker } from 'node:worker_threads';
import { fromThreadFailure } from '../system/thread-failure.ts';
import { workerFile } from '../system/worker-file.ts';
import type { MadeIndex } from './index-files.ts';
import type { IndexDone, IndexRecords, IndexStart } from './index-worker.ts';
import type { SearchRecord } from './search-docs.ts';

/** Records sent in one message. */
const BATCH = 32;
/**
 * Batches sent and not yet taken: enough to keep the thread busy while this
 * one renders, few enough that texts do not pile up in memory (2,048 texts,
 * some 16 MB). This thread feeds it only between its own tasks, and an
 * Eleventy run of 2,000 pages is seconds of them: with 4 batches in flight,
 * the index of a cold build of 10,000 posts took 16 to 24 s beside the
 * render, with 64 it took 11 s (bench/results/2026-12-04-issue-23-session5-ab.json).
 */
const IN_FLIGHT = 64;

/**
 * Makes an index in a worker thread (see index-worker.ts), so that it is
 * built while this thread renders the pages: `start` says how, then the
 * records are read one by one (`read`, in id order) and fed to it.
 *
 * @param ids the ids whose record the thread needs, ascending
 * @param read an article's record (its text read from the cache)
 * @param signal stops the thread when the build is given up
 */
export async function makeIndexInThread(
  start: IndexStart,
  ids: readonly number[],
  read: (id: number) => Promise<SearchRecord>,
  signal?: AbortSignal,
): Promise<MadeIndex> {
  // Without this process's flags: under the tests, `--import tsx` would be looked up from the working folder.
  const worker = new Worker(workerFile('index-worker', import.meta.url), { execArgv: [] });
  const abort = () => void worker.terminate();
  signal?.addEventListener('abort', abort, { once: true });
  // Batches sent and not yet taken, and the wait for one to be.
  let inFlight = 0;
  let wake: (() => void) | undefined;
  let failed: (error: Error) => void = () => {};
  const outcome = new Promise<MadeIndex>((resolve, reject) => {
    failed = reject;
    worker.on('message', (message: IndexDone | { type: 'fed' }) => {
      if (message.type === 'fed') {
        inFlight -= 1;
        wake?.();
        wake = undefined;
      } else if (message.type === 'done') resolve(message.made);
      else reject(fromThreadFailure(message.error));
    });
    worker.on('error', reject);
    worker.on('exit', () => reject(new Error(signal?.aborted ? 'the build was stopped' : 'the search index thread ended')));
  });
  // Keeps the outcome's rejection handled while records are still being read.
  outcome.catch(() => {});
  try {
    worker.postMessage(start);
    for (let at = 0; at < ids.length; at += BATCH) {
      signal?.throwIfAborted();
      const batch = ids.slice(at, at + BATCH);
      const message: IndexRecords = { type: 'records', records: await Promise.all(batch.map(async (id) => ({ id, record: await read(id) }))) };
      while (inFlight >= IN_FLIGHT) {
        await new Promise<void>((resolve, reject) => {
          wake = resolve;
          outcome.catch(reject);
        });
      }
      inFlight += 1;
      worker.postMessage(message);
    }
    worker.postMessage({ type: 'finish' });
    return await outcome;
  } catch (error) {
    failed(error as Error);
    await worker.terminate();
    throw error;
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}
