import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

/** A running watcher over the site's sources. */
export interface SourceWatcher {
  /** Resolves once the initial scan is done: changes after this are seen. */
  ready: Promise<void>;
  /** Watches these paths instead (after a config change moved a folder). */
  setPaths(paths: readonly string[]): void;
  /** Stops watching and drops a pending batch; no timer or handle is left behind. */
  close(): Promise<void>;
}

/** Options of {@link watchSources}. */
export interface WatchOptions {
  /** Quiet time after the last event before the batch is reported, in ms (default: 100). */
  debounceMs?: number;
  /** Folders never reported, e.g. the output and cache folders; asked on every event, as a config reload may move them (default: none). */
  ignoreDirs?: () => readonly string[];
  /** Called with watcher errors (e.g. EMFILE); watching goes on. */
  onError?: (error: Error) => void;
}

// Editors write swap and backup files beside the post on every keystroke (Vim
// `.swp`, Emacs `.#name` and `name~`); a rebuild for them is wasted work.
const EDITOR_NOISE = /(^|[/\\])(\.#[^/\\]*|[^/\\]*~|\.[^/\\]*\.sw[a-p]|\.DS_Store|4913)$/;

/**
 * Watches files and folders (chokidar) and reports changes in batches: a burst
 * of events (a `git checkout`, an editor's save-by-rename) becomes one call
 * after `debounceMs` of quiet.
 *
 * @param paths absolute files or folders to watch (folders recursively)
 * @param onChange called with the changed absolute paths of one batch
 */
export function watchSources(
  paths: readonly string[],
  onChange: (changed: string[]) => void,
  options: WatchOptions = {},
): SourceWatcher {
  const debounceMs = options.debounceMs ?? 100;
  const ignoreDirs = () => (options.ignoreDirs?.() ?? []).map((dir) => path.resolve(dir));
  const batch = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let watched = [...paths];

  const watcher: FSWatcher = watch(watched, {
    ignoreInitial: true,
    ignored: (file: string) => EDITOR_NOISE.test(file) || ignoreDirs().some((dir) => file === dir || file.startsWith(`${dir}${path.sep}`)),
    // Editors that save by writing a temp file and renaming it look like unlink + add.
    atomic: true,
  });
  const flush = () => {
    timer = undefined;
    const changed = [...batch];
    batch.clear();
    if (changed.length > 0) onChange(changed);
  };
  watcher.on('all', (_event, file) => {
    batch.add(path.resolve(file));
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  });
  watcher.on('error', (error) => options.onError?.(error instanceof Error ? error : new Error(String(error))));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    ready,
    setPaths(next) {
      const removed = watched.filter((p) => !next.includes(p));
      const added = next.filter((p) => !watched.includes(p));
      if (removed.length > 0) watcher.unwatch(removed);
      if (added.length > 0) watcher.add(added);
      watched = [...next];
    },
    async close() {
      clearTimeout(timer);
      batch.clear();
      await watcher.close();
    },
  };
}
