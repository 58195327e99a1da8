import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository (or installed package) folder: the nearest folder above
 * `moduleUrl` that holds a package.json. Works from src/config/*.ts under tsx
 * and from dist/config/*.js after `tsc` alike, where a fixed `../..` would
 * break as soon as one of them moves.
 *
 * @param moduleUrl `import.meta.url` of the caller (default: this module).
 */
export function findPackageRoot(moduleUrl: string = import.meta.url): string {
  const start = path.dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}
