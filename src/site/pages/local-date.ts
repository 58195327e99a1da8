import { BoundedCache } from '../../system/bounded-cache.ts';

/** A calendar date in the site's timezone. */
export interface LocalDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const textFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of an ISO 8601 instant in `timezone`. An article at
 * 23:30 UTC is already the next day in Asia/Shanghai, and archives must
 * file it there. Returns `undefined` for a string that is not a date.
 */
export function localDate(iso: string, timezone: string): LocalDate | undefined {
  return knownDates.get(`${timezone}\u0000${iso}`, () => computeLocalDate(iso, timezone));
}

/**
 * Dates already computed. Archives ask for each article's date four times
 * per build, and `formatToParts` made that a measurable cost in a build of
 * 10,000 posts.
 */
const knownDates = new BoundedCache<LocalDate | undefined>(200_000);

function computeLocalDate(iso: string, timezone: string): LocalDate | undefined {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  let format = partsFormatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: 'numeric', day: 'numeric' });
    partsFormatters.set(timezone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(time).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/**
 * An ISO 8601 instant as text for readers, in the site's language and
 * timezone (`2021年10月19日 08:49` for zh-CN). Returns the string unchanged
 * when it is not a date, so a template never fails on one.
 */
export function formatDateTime(iso: string, language: string, timezone: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return formatterFor(language, timezone, 'datetime').format(time);
}

/** A month as a heading (`2021年10月`, `October 2021`). */
export function formatMonth(year: number, month: number, language: string): string {
  return formatterFor(language, 'UTC', 'month').format(Date.UTC(year, month - 1, 15));
}

/** A year as a heading (`2021年`, `2021`). */
export function formatYear(year: number, language: string): string {
  return formatterFor(language, 'UTC', 'year').format(Date.UTC(year, 5, 15));
}

function formatterFor(language: string, timezone: string, kind: 'datetime' | 'month' | 'year'): Intl.DateTimeFormat {
  const key = `${kind}\u0000${language}\u0000${timezone}`;
  let format = textFormatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'datetime'
        ? { timeZone: timezone, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : kind === 'month'
          ? { timeZone: timezone, year: 'numeric', month: 'long' }
          : { timeZone: timezone, year: 'numeric' };
    format = createFormat(language, options);
    textFormatters.set(key, format);
  }
  return format;
}

// The config only checks that `language` has two characters; a tag Intl
// rejects falls back to English rather than failing the build.
function createFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(language, options);
  } catch {
    return new Intl.DateTimeFormat('en', options);
  }
}
