/**
 * Runs `work` to its exit code, and exits with `stalledCode` and a message
 * if the process runs out of things to do while `work` is still pending.
 * That happens when a helper dies without answering (a worker thread
 * whose end is not heard of). Node would otherwise end with code 13 and a
 * warning about top-level await.
 */
export async function exitWhenStalled(work: Promise<number>, stalledCode: number, message: string): Promise<number> {
  let settled = false;
  const onStall = () => {
    if (settled) return;
    process.stderr.write(message);
    process.exit(stalledCode);
  };
  process.once('beforeExit', onStall);
  try {
    return await work;
  } finally {
    settled = true;
    process.off('beforeExit', onStall);
  }
}
