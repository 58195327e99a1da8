/** Runs rebuilds one at a time, folding requests that arrive meanwhile into one more run. */
export interface RebuildQueue {
  /** Asks for a rebuild because these paths changed; returns at once. */
  request(changed: readonly string[]): void;
  /** Resolves when no rebuild is running or waiting. */
  idle(): Promise<void>;
  /** Stops taking requests and resolves once the running rebuild (if any) has finished. */
  close(): Promise<void>;
}

/**
 * Creates a rebuild queue. Two builds never run at once (they would publish
 * into the same folder); paths changed during a build are collected and
 * trigger exactly one more build when it ends.
 *
 * @param run the rebuild, given every path changed since the last one started;
 *   it must report its own failures (a rejection is our bug, passed to `onCrash`)
 * @param onCrash called with what `run` threw; the queue keeps going
 */
export function createRebuildQueue(
  run: (changed: string[]) => Promise<void>,
  onCrash: (error: unknown) => void,
): RebuildQueue {
  const pending = new Set<string>();
  let requested = false;
  let closed = false;
  let loop: Promise<void> | undefined;

  const drain = async () => {
    while (requested && !closed) {
      const changed = [...pending];
      pending.clear();
      requested = false;
      try {
        await run(changed);
      } catch (error) {
        onCrash(error);
      }
    }
    loop = undefined;
  };

  return {
    request(changed) {
      if (closed) return;
      for (const file of changed) pending.add(file);
      requested = true;
      loop ??= drain();
    },
    async idle() {
      while (loop) await loop;
    },
    async close() {
      closed = true;
      await loop;
    },
  };
}
