import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * What builds left beside their output folders in `dir`: locks, half-made
 * links, and in each folder of versions anything but the live version, its
 * spare and their records (a version without a record, one moved aside, one
 * being deleted). A version is deleted in the background after a publish,
 * so one being deleted is waited for (up to `timeoutMs`) before it counts.
 */
export async function buildLeftovers(dir: string, timeoutMs = 20_000): Promise<string[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const leftovers: string[] = [];
    for (const entry of await readdir(dir)) {
      if (entry.includes('.lock') || entry.includes('.wirepress-link-')) leftovers.push(entry);
      else if (entry.startsWith('.wirepress-')) leftovers.push(...(await versionLeftovers(path.join(dir, entry))).map((name) => `${entry}/${name}`));
    }
    const onlyTrash = leftovers.length > 0 && leftovers.every((e) => e.endsWith('.trash'));
    if (!onlyTrash || performance.now() > deadline) return leftovers;
    await sleep(100);
  }
}

async function versionLeftovers(versions: string): Promise<string[]> {
  const entries = await readdir(versions, { withFileTypes: true });
  const names = new Set(entries.map((entry) => entry.name));
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const recorded = folders.filter((name) => names.has(`${name}.json`));
  const extra = folders.filter((name) => !recorded.includes(name));
  // The live version and its spare.
  if (recorded.length > 2) extra.push(...recorded.slice(2));
  const records = [...names].filter((name) => name.endsWith('.json') && !folders.includes(name.slice(0, -'.json'.length)));
  return [...extra, ...records];
}
