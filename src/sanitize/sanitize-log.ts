import { kindLabel, UNSAFE_KINDS } from './removal-kinds.ts';

/** A problem found while sanitizing one body; `build.ts` turns it into a Diagnostic. */
export interface SanitizeWarning {
  /** Stable rule id, e.g. `sanitize/removed`. */
  rule: string;
  message: string;
  hint?: string;
}

/** What the plugins of one run noticed: unsafe things removed (by kind) and warnings. */
export interface SanitizeLog {
  /** Count of removed content, by kind (`script`, `event-handler`, `comment`, …; see removal-kinds.ts). */
  readonly removed: Map<string, number>;
  readonly warnings: SanitizeWarning[];
}

/** A fresh, empty log. */
export function createLog(): SanitizeLog {
  return { removed: new Map(), warnings: [] };
}

/** Counts one removed unsafe item of `kind`. */
export function noteRemoved(log: SanitizeLog, kind: string): void {
  log.removed.set(kind, (log.removed.get(kind) ?? 0) + 1);
}

/** Cuts untrusted text quoted in a message to `max` characters (default: 120). */
export function quote(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}

/** The log's counts as a plain object, kinds in alphabetical order (for `SanitizedBody.removed`). */
export function removedCounts(log: SanitizeLog): Record<string, number> {
  return Object.fromEntries([...log.removed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The single `sanitize/removed` warning summarising the unsafe kinds ({@link UNSAFE_KINDS}) removed, if any. */
export function removedWarning(log: SanitizeLog): SanitizeWarning | undefined {
  const unsafe = [...log.removed].filter(([kind]) => UNSAFE_KINDS.has(kind));
  if (unsafe.length === 0) return undefined;
  const total = unsafe.reduce((sum, [, n]) => sum + n, 0);
  const kinds = unsafe.map(([kind, n]) => `${n} ${kindLabel(kind)}`).join(', ');
  return {
    rule: 'sanitize/removed',
    message: `removed ${total} unsafe item${total === 1 ? '' : 's'} from the body: ${kinds}`,
    hint: 'the article contained active content (scripts, event handlers or javascript: URLs); it was dropped and the text kept',
  };
}
