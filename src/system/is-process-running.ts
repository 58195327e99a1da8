/**
 * True when a process with this pid runs on this machine (ours included).
 * Used to tell a lock or a temporary file left by a killed build from one
 * that a running build still holds.
 */
export function isProcessRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
