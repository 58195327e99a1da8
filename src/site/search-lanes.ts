import { Worker } from 'node:worker_threads';
import { workerFile } from '../workers/worker-file.ts';
import type { ShardDone, ShardTask } from '../workers/search-worker.ts';
import type { SearchRecord } from './search-index.ts';

/**
 * Pagefind services in worker threads (see search-worker.ts) that index
 * search shards: at most `services` of them, started as shards come, each
 * taking the shards the others are not busy with. In its own thread a
 * service is fed its records while this thread renders the pages.
 */
export class SearchLanes {
  private readonly lanes: Lane[] = [];

  constructor(private readonly services: number) {}

  /** Indexes one shard's records into `shardDir`; rejects with what failed. */
  async index(records: readonly SearchRecord[], language: string, shardDir: string): Promise<void> {
    let lane = this.lanes.reduce<Lane | undefined>((least, candidate) => (least && least.busy <= candidate.busy ? least : candidate), undefined);
    if (!lane || (lane.busy > 0 && this.lanes.length < this.services)) {
      lane = new Lane();
      this.lanes.push(lane);
    }
    lane.busy += 1;
    try {
      await lane.index(records, language, shardDir);
    } finally {
      lane.busy -= 1;
    }
  }

  /** Stops every service and waits for the threads to end; a shard still being indexed fails. */
  async close(): Promise<void> {
    await Promise.all(this.lanes.splice(0).map((lane) => lane.close()));
  }
}

class Lane {
  /** Shards it is indexing. */
  busy = 0;
  // Without this process's flags: under the tests, `--import tsx` would be looked up from the working folder.
  private readonly worker = new Worker(workerFile('search-worker'), { execArgv: [] });
  private readonly calls = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private readonly exited: Promise<void>;

  constructor() {
    this.worker.on('message', ({ id, error }: ShardDone) => {
      const call = this.calls.get(id);
      this.calls.delete(id);
      if (error === undefined) call?.resolve();
      else call?.reject(new Error(error));
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        this.failAll(new Error('the search index thread ended'));
        resolve();
      }),
    );
  }

  index(records: readonly SearchRecord[], language: string, shardDir: string): Promise<void> {
    const id = this.nextId++;
    const task: ShardTask = { type: 'index', id, records, language, shardDir };
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    this.worker.postMessage({ type: 'close' });
    await this.exited;
  }

  private failAll(error: Error): void {
    for (const call of this.calls.values()) call.reject(error);
    this.calls.clear();
  }
}
