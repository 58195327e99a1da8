/**
 * One lane of the search index (see search-lanes.ts), in a worker thread
 * with its own Pagefind service: it indexes the shards it is sent, side by
 * side, and writes their files. Pagefind's service is fed one record per
 * message: in the main thread, each record waited for that thread, which
 * renders the pages meanwhile.
 *
 * Messages: `ShardTask` → `ShardDone`; `{ type: 'close' }` stops the
 * service, after which the thread ends.
 */
import childProcess, { type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import pLimit from 'p-limit';
import type { IndexFile } from 'pagefind';
import type { SearchRecord } from '../site/search-index.ts';
import { allOrNone } from '../system/all-or-none.ts';

export interface ShardTask {
  readonly type: 'index';
  readonly id: number;
  readonly records: readonly SearchRecord[];
  readonly language: string;
  readonly shardDir: string;
}

export interface ShardDone {
  readonly id: number;
  /** The message of what failed, if it did. */
  readonly error?: string;
}

// Loaded on the first shard: starting the binary is what a lane is for.
let pagefind: Promise<typeof import('pagefind')> | undefined;

// Pagefind's wrapper kills its service on `close` without waiting for it, and a process
// this thread spawned but never waited for stays a zombie once the thread ends (its CPU
// time uncounted): the processes spawned here are kept, to be waited for. Only this
// thread's copy of the module is changed.
const services: ChildProcess[] = [];
const spawn = childProcess.spawn;
childProcess.spawn = function (...args: unknown[]) {
  const child = Reflect.apply(spawn, childProcess, args) as ChildProcess;
  services.push(child);
  return child;
} as typeof spawn;

parentPort?.on('message', async (message: ShardTask | { type: 'close' }) => {
  if (message.type === 'close') {
    await (await pagefind?.catch(() => undefined))?.close();
    await Promise.all(services.map(ended));
    parentPort?.close();
    return;
  }
  let done: ShardDone;
  try {
    pagefind ??= import('pagefind');
    await indexShard(await pagefind, message);
    done = { id: message.id };
  } catch (error) {
    done = { id: message.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(done);
});

function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  // The wrapper unrefs it: the thread would end before its exit is seen.
  child.ref();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Indexes one shard into `shardDir`. */
async function indexShard(pagefind: typeof import('pagefind'), { records, language, shardDir }: ShardTask): Promise<void> {
  const created = await pagefind.createIndex({ forceLanguage: language });
  if (!created.index) throw new Error(created.errors.join('; ') || 'no index was created');
  let files: IndexFile[];
  try {
    for (const record of records) {
      const added = await created.index.addCustomRecord({ ...record, language });
      if (added.errors.length > 0) throw new Error(added.errors.join('; '));
    }
    const got = await created.index.getFiles();
    if (got.errors.length > 0) throw new Error(got.errors.join('; '));
    files = got.files;
  } finally {
    // Frees the shard's index in the service before the next one is built.
    await created.index.deleteIndex();
  }
  await writeIndexFiles(shardDir, files);
}

/** Writes the files of one shard, the folders first; on a failure, no write is left running. */
async function writeIndexFiles(shardDir: string, files: readonly IndexFile[]): Promise<void> {
  const folders = new Set(files.map((file) => path.dirname(path.join(shardDir, file.path))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  const limit = pLimit(16);
  await allOrNone(files.map((file) => () => limit(() => writeFile(path.join(shardDir, file.path), file.content))));
}
