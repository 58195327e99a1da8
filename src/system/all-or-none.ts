/**
 * Runs the tasks side by side and resolves with all their values, in
 * order. When one fails (or `signal` aborts), the signal the tasks were
 * given aborts, so those that check it stop; all are waited for before it
 * rejects with the first failure (or `signal`'s reason), so none still
 * writes into a folder the caller is about to discard.
 */
export async function allOrNone<T extends readonly unknown[]>(
  tasks: { readonly [K in keyof T]: (signal: AbortSignal) => Promise<T[K]> },
  signal?: AbortSignal,
): Promise<T> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const settled = await Promise.allSettled(
      tasks.map((task) =>
        task(stop.signal).catch((error: unknown) => {
          stop.abort(error);
          throw error;
        }),
      ),
    );
    if (settled.some((result) => result.status === 'rejected')) throw signal?.aborted ? signal.reason : stop.signal.reason;
    return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
