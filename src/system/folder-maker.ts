import { mkdir } from 'node:fs/promises';

/**
 * Makes folders (with their parents) for files about to be written, each
 * folder once: writing thousands of files into a few folders, a `mkdir`
 * per file cost seconds of system time.
 *
 * @returns a function that resolves once the folder exists
 */
export function folderMaker(): (dir: string) => Promise<unknown> {
  const made = new Map<string, Promise<unknown>>();
  return (dir) => {
    let making = made.get(dir);
    if (!making) {
      making = mkdir(dir, { recursive: true });
      made.set(dir, making);
    }
    return making;
  };
}
