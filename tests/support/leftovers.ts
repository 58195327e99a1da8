import { readdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * What a build left beside its output folder: staging, retired or trash
 * folders and locks. The previous site is deleted in the background after a
 * publish, so its trash folder is waited for (up to `timeoutMs`) before it
 * counts as left behind; everything else must be gone at once.
 */
export async function buildLeftovers(dir: string, timeoutMs = 20_000): Promise<string[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const leftovers = (await readdir(dir)).filter((e) => e.includes('.wirepress-') || e.includes('.lock'));
    const onlyTrash = leftovers.length > 0 && leftovers.every((e) => e.includes('.wirepress-trash-'));
    if (!onlyTrash || performance.now() > deadline) return leftovers;
    await sleep(100);
  }
}
