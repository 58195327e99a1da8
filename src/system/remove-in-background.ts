import { spawn } from 'node:child_process';

/**
 * Deletes a folder from a detached process, so the caller need not wait:
 * deleting the previous site of 10,000 posts (tens of thousands of folders)
 * is slow and nothing needs it done before the build reports. If the
 * process cannot start or is killed, the folder stays behind for the
 * caller's next sweep.
 */
export function removeInBackground(dir: string): void {
  const remover = spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 3 })', dir], {
    detached: true,
    stdio: 'ignore',
  });
  remover.on('error', () => {});
  remover.unref();
}
