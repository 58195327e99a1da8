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
  /** Removed content a reader would miss, by what the warning calls it (`<form>`, `<object>`; see missedByReader). */
  readonly missed: Map<string, number>;
  readonly warnings: SanitizeWarning[];
}

/** A fresh, empty log. */
export function createLog(): SanitizeLog {
  return { removed: new Map(), missed: new Map(), warnings: [] };
}

/** Counts one removed unsafe item of `kind`. */
export function noteRemoved(log: SanitizeLog, kind: string): void {
  log.removed.set(kind, (log.removed.get(kind) ?? 0) + 1);
}

/** Counts one removed element a reader would miss, named as the warning shows it (`<form>`). */
export function noteMissed(log: SanitizeLog, what: string): void {
  log.missed.set(what, (log.missed.get(what) ?? 0) + 1);
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

/**
 * The single `sanitize/removed` warning, when something removed is content a
 * reader would miss (see missedByReader); scripts, handlers and buttons the
 * reader never saw are only counted.
 */
export function removedWarning(log: SanitizeLog): SanitizeWarning | undefined {
  if (log.missed.size === 0) return undefined;
  const total = [...log.missed.values()].reduce((sum, n) => sum + n, 0);
  const what = [...log.missed].map(([name, n]) => `${n} ${name}`).join(', ');
  return {
    rule: 'sanitize/removed',
    message: `removed ${total} element${total === 1 ? '' : 's'} a reader would miss: ${what}`,
    hint: 'plugins, players without a usable URL, drawings, formulas and forms cannot be published safely; link the original or add the content as text',
  };
}
