/**
 * The search index's thread (see index-thread.ts): it is told how
 * to make the index (whole, or by updating the published one), is fed the
 * records of the articles it needs in id order, tokenizes them, writes
 * their text files, and at the end writes the postings files.
 *
 * Messages: `IndexStart`, then `IndexRecords` (each answered with
 * `{ type: 'fed' }`), then `{ type: 'finish' }`, answered with `IndexDone`.
 * A failure is answered with `IndexDone` carrying `error`, and ends the thread.
 */
import { parentPort } from 'node:worker_threads';
import { IndexPatcher, WholeIndexWriter, type IndexLayout, type IndexMoves, type MadeIndex, type PublishedIndex } from './index-files.ts';
import type { SearchRecord } from './search-docs.ts';
import { toThreadFailure, type ThreadFailure } from '../system/thread-failure.ts';

export type IndexStart =
  | { readonly type: 'whole'; readonly layout: IndexLayout }
  | { readonly type: 'patch'; readonly layout: IndexLayout; readonly previous: PublishedIndex; readonly moves: IndexMoves };

export interface IndexRecords {
  readonly type: 'records';
  readonly records: readonly { readonly id: number; readonly record: SearchRecord }[];
}

export type IndexDone = { readonly type: 'done'; readonly made: MadeIndex } | { readonly type: 'failed'; readonly error: ThreadFailure };

let writer: WholeIndexWriter | IndexPatcher | undefined;

parentPort?.on('message', (message: IndexStart | IndexRecords | { type: 'finish' }) => {
  try {
    if (message.type === 'whole') writer = new WholeIndexWriter(message.layout);
    else if (message.type === 'patch') writer = new IndexPatcher(message.layout, message.previous, message.moves);
    else if (message.type === 'records') {
      for (const { id, record } of message.records) writer!.add(id, record);
      parentPort?.postMessage({ type: 'fed' });
    } else {
      const done: IndexDone = { type: 'done', made: writer!.finish() };
      parentPort?.postMessage(done);
      parentPort?.close();
    }
  } catch (error) {
    const failed: IndexDone = { type: 'failed', error: toThreadFailure(error) };
    parentPort?.postMessage(failed);
    parentPort?.close();
  }
});
