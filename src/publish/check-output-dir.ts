import path from 'node:path';
import { BuildError } from '../report/build-error.ts';

/** Folders the output folder must keep clear of. */
export interface ProtectedDirs {
  /** Folders the output may sit inside but must not be or contain (the project, the working directory, the cache). */
  readonly ancestors: readonly string[];
  /** Folders the output must not be, contain or sit inside (content, templates, public). */
  readonly sources: readonly string[];
}

/**
 * Refuses an output folder that publishing would destroy or that would write
 * into the sources: publishing replaces the whole output folder, so it must
 * not be or contain the project, and the build never writes into `content/`.
 * `wirepress clean` holds the cache folder it removes to the same rules.
 *
 * @throws BuildError naming the folder and the fix.
 */
export function checkOutputDir(outDir: string, dirs: ProtectedDirs, use: 'output' | 'cache' = 'output'): void {
  const out = path.resolve(outDir);
  const refuse = (dir: string) =>
    use === 'output'
      ? new BuildError(`refusing to publish into ${out}: publishing replaces that whole folder, and it overlaps ${dir}`, {
          file: out,
          hint: 'Choose an output folder of its own, e.g. --out _site.',
        })
      : new BuildError(`refusing to remove the cache folder ${out}: it overlaps ${dir}`, { file: out, hint: 'Choose a cache folder of its own, e.g. --cache .cache.' });
  if (path.parse(out).root === out) throw refuse(out);
  for (const dir of dirs.ancestors.map((d) => path.resolve(d))) {
    if (out === dir || isInside(dir, out)) throw refuse(dir);
  }
  for (const dir of dirs.sources.map((d) => path.resolve(d))) {
    if (out === dir || isInside(dir, out) || isInside(out, dir)) throw refuse(dir);
  }
}

/** True when `child` is strictly inside `parent`. */
function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
