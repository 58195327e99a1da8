/** One rebuild to run. */
export interface RebuildRun {
  /** Every path changed since the last run started (none for a follow-up, or when images arrived). */
  readonly changed: string[];
  /** A full build completing one that was deferred (see {@link RebuildQueue.followUp}). */
  readonly followUp: boolean;
  /** Aborted when a request arrives during a follow-up: the next run supersedes it. */
  readonly signal: AbortSignal;
}

/** Runs rebuilds one at a time, folding requests that arrive meanwhile into one more run. */
export interface RebuildQueue {
  /** Asks for a rebuild because these paths changed; returns at once. */
  request(changed: readonly string[]): void;
  /**
   * Says whether the last build left work for a full one (the dev server's
   * quick rebuild of an edited post): if so, it runs once nothing else is
   * asked for, and a request arriving during it aborts it and runs first.
   */
  followUp(needed: boolean): void;
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
 * @param run the rebuild; it must report its own failures (a rejection is our bug, passed to `onCrash`)
 * @param onCrash called with what `run` threw; the queue keeps going
 */
export function createRebuildQueue(run: (rebuild: RebuildRun) => Promise<void>, onCrash: (error: unknown) => void): RebuildQueue {
  const pending = new Set<string>();
  let requested = false;
  let followUpWanted = false;
  let closed = false;
  let loop: Promise<void> | undefined;
  let runningFollowUp: AbortController | undefined;

  const drain = async () => {
    // Let `loop` be set first: a run asking for another (followUp) must not start a second loop.
    await Promise.resolve();
    while ((requested || followUpWanted) && !closed) {
      const followUp = !requested;
      const changed = [...pending];
      pending.clear();
      requested = false;
      if (followUp) followUpWanted = false;
      const controller = new AbortController();
      runningFollowUp = followUp ? controller : undefined;
      try {
        await run({ changed, followUp, signal: controller.signal });
      } catch (error) {
        onCrash(error);
      } finally {
        runningFollowUp = undefined;
      }
      // Still owed, unless the run that superseded it says otherwise.
      if (controller.signal.aborted) followUpWanted = true;
    }
    loop = undefined;
  };

  return {
    request(changed) {
      if (closed) return;
      for (const file of changed) pending.add(file);
      requested = true;
      runningFollowUp?.abort();
      loop ??= drain();
    },
    followUp(needed) {
      followUpWanted = needed;
      if (needed && !closed) loop ??= drain();
    },
    async idle() {
      while (loop) await loop;
    },
    async close() {
      closed = true;
      runningFollowUp?.abort();
      await loop;
    },
  };
}
