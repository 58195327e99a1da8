import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `dir` (following no links to folders), absolute, sorted: a stable order to hash them in. */
export async function listFilesRecursive(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFilesRecursive(full)));
    else files.push(full);
  }
  return files.sort();
}
