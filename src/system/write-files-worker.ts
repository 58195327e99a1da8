/**
 * Writes files for write-files-thread.ts, in a worker thread, with
 * synchronous calls: in a thread of its own they hold up nothing, and cost
 * a fraction of the CPU of Node's promise-based ones.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toThreadFailure, type ThreadFailure } from './thread-failure.ts';

/** Files to write, their contents in the same order. */
export interface WriteTask {
  readonly files: readonly string[];
  readonly contents: readonly Uint8Array[];
}

// Folders made by this thread: each made once, whatever the number of files written into it.
const made = new Set<string>();

export function writeFiles({ files, contents }: WriteTask): ThreadFailure | undefined {
  try {
    for (const [i, file] of files.entries()) {
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(file, contents[i]!);
    }
    return undefined;
  } catch (error) {
    return toThreadFailure(error);
  }
}
