import { formatInZone, wallTimeAsUtc, zonedWallTimeToEpoch, type WallTime } from './zone-time.ts';

/** A date read from front matter. */
export interface ParsedDate {
  /** ISO 8601 with the site timezone's offset: `2021-10-19T08:49:00+08:00`. */
  iso: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
}

/** The formats {@link parseDate} accepts, for hints shown to users. */
export const ACCEPTED_DATE_FORMATS = [
  'Tue, 19 Oct 2021 00:49:00 GMT (RFC 2822; +0800 offsets and no weekday too)',
  '2021-10-19 08:49:00, 2021-10-19 08:49 or 2021-10-19 (site timezone)',
  '2021/10/19 08:49:00 (site timezone)',
  '2021-10-19T08:49:00+08:00 or 2021-10-19T08:49:00Z (ISO 8601; no offset = site timezone)',
];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// RFC 2822 §3.3 plus the obsolete zone names of §4.3 (UT, GMT, EST…), which the feed bots use.
const RFC_2822 =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+([a-z]{1,5}|[+-]\d{4}))?(?:\s*\([^)]*\))?$/i;
const NAMED_ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};

// `2021-10-19`, `2021-10-19 08:49[:00[.000]]`, `2021/10/19 …`, ISO 8601 `T` form; optional offset.
const NUMERIC =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses a front-matter date. A value with an offset (or `GMT`, `Z`) names
 * that instant; one without is wall-clock time in the site's timezone,
 * DST-correct (the bots write their fetch time in China without a zone:
 * ../shared/corpus/README.md, "Dates").
 *
 * @param value the text as written in the front matter.
 * @param timeZone the site's IANA timezone, also used for the output offset.
 * @returns the date, or `undefined` when the text is not a date in any
 *   {@link ACCEPTED_DATE_FORMATS accepted format} or names an impossible day or time.
 */
export function parseDate(value: string, timeZone: string): ParsedDate | undefined {
  const text = value.trim();
  // The longest accepted form is ~45 characters; anything much longer is not a date.
  if (text.length > 80) return undefined;
  const timestamp = parseRfc2822(text, timeZone) ?? parseNumeric(text, timeZone);
  if (timestamp === undefined || !Number.isFinite(timestamp)) return undefined;
  return { iso: formatInZone(timestamp, timeZone), timestamp };
}

function parseRfc2822(text: string, timeZone: string): number | undefined {
  const match = RFC_2822.exec(text);
  if (!match) return undefined;
  const [, day, monthName, year, hour, minute, second, zone] = match;
  const month = MONTHS.indexOf((monthName ?? '').toLowerCase()) + 1;
  if (month === 0) return undefined;
  const wall = checkedWallTime(year, String(month), day, hour, minute, second, undefined);
  if (!wall) return undefined;
  if (zone === undefined) return zonedWallTimeToEpoch(wall, timeZone);
  const offset = /^[+-]/.test(zone) ? parseOffset(zone) : NAMED_ZONES[zone.toLowerCase()];
  if (offset === undefined) return undefined;
  return wallTimeAsUtc(wall) - offset * 60_000;
}

function parseNumeric(text: string, timeZone: string): number | undefined {
  const match = NUMERIC.exec(text);
  if (!match) return undefined;
  const [, year, , month, day, hour, minute, second, fraction, zone] = match;
  const wall = checkedWallTime(year, month, day, hour, minute, second, fraction);
  if (!wall) return undefined;
  if (zone === undefined) return zonedWallTimeToEpoch(wall, timeZone);
  const offset = zone.toLowerCase() === 'z' ? 0 : parseOffset(zone);
  if (offset === undefined) return undefined;
  return wallTimeAsUtc(wall) - offset * 60_000;
}

/** `+0800`, `+08:00`, `+08` → minutes east of UTC; `undefined` when out of range. */
function parseOffset(zone: string): number | undefined {
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 18 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function checkedWallTime(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
): WallTime | undefined {
  const wall: WallTime = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: Math.floor(Number(`0.${fraction ?? '0'}`) * 1000),
  };
  if (wall.year < 1 || wall.month < 1 || wall.month > 12 || wall.day < 1) return undefined;
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return undefined;
  // Reject 2021-02-30 rather than rolling it over to March, as `new Date()` would.
  const roundTrip = new Date(wallTimeAsUtc({ ...wall, day: 1 }));
  roundTrip.setUTCMonth(roundTrip.getUTCMonth() + 1, 0);
  if (wall.day > roundTrip.getUTCDate()) return undefined;
  return wall;
}
