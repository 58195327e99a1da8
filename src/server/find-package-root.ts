import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest folder holding a `package.json`, walking up from a module: the
 * repository (or installed package) whose `templates/` and `public/` the
 * build renders. Works from `src/server/` under tsx and `dist/server/` alike.
 *
 * @param moduleUrl `import.meta.url` of the module to start from (default: this one)
 * @throws Error when no `package.json` is found up to the file system root (a broken install)
 */
export function findPackageRoot(moduleUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(moduleUrl)}`);
    dir = parent;
  }
}
