/** A pending stop request. */
export interface StopRequest {
  /** Resolves when SIGINT, SIGTERM or the abort signal arrives. */
  promise: Promise<void>;
  /** True once a stop was requested. */
  readonly stopped: boolean;
  /** Removes the signal listeners (a second Ctrl-C then kills the process, Node's default). */
  dispose(): void;
}

/**
 * Waits for Ctrl-C (SIGINT), SIGTERM or an abort signal, whichever comes
 * first. The process listeners are removed after the first signal, so a
 * second Ctrl-C during a slow shutdown ends the process at once.
 *
 * @param signal an extra abort signal (tests), optional
 */
export function waitForStop(signal?: AbortSignal): StopRequest {
  let stopped = false;
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  const onStop = () => {
    stopped = true;
    dispose();
    resolve();
  };
  const dispose = () => {
    process.off('SIGINT', onStop);
    process.off('SIGTERM', onStop);
    signal?.removeEventListener('abort', onStop);
  };
  process.on('SIGINT', onStop);
  process.on('SIGTERM', onStop);
  signal?.addEventListener('abort', onStop);
  if (signal?.aborted) onStop();
  return {
    promise,
    get stopped() {
      return stopped;
    },
    dispose,
  };
}
