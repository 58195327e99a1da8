/**
 * Wall-clock time in an IANA timezone, computed with `Intl.DateTimeFormat`
 * so daylight-saving rules come from the runtime's tz database.
 */

/** A calendar date and time of day, as read on a clock (no zone). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Milliseconds since the epoch of a wall time read as UTC. Unlike `Date.UTC`
 * it does not map years 0–99 to 1900–1999.
 */
export function wallTimeAsUtc(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** The wall time of an instant read as UTC (the inverse of {@link wallTimeAsUtc}). */
export function utcWallTime(epochMs: number): WallTime {
  const date = new Date(epochMs);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
  };
}

/**
 * The zone's offset from UTC at an instant, in whole minutes (east positive):
 * `480` for Asia/Shanghai, `60` or `120` for Europe/Berlin.
 *
 * @param epochMs the instant.
 * @param timeZone an IANA zone name the runtime knows (config validates it).
 */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const seconds = Math.floor(epochMs / 1000) * 1000;
  // An article asks for the same instant twice in a row (ISO date, then permalink tokens).
  if (lastOffset.seconds === seconds && lastOffset.timeZone === timeZone) return lastOffset.minutes;
  const parts = formatterFor(timeZone).formatToParts(new Date(seconds));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === 'era')?.value ?? 'AD';
  const year = era.startsWith('B') ? 1 - get('year') : get('year');
  const local = wallTimeAsUtc({
    year,
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
    millisecond: 0,
  });
  // Local mean time before 1900 has offsets in seconds (Shanghai: +08:05:43); round to minutes.
  const minutes = Math.round((local - seconds) / 60_000);
  lastOffset = { seconds, timeZone, minutes };
  return minutes;
}

let lastOffset = { seconds: Number.NaN, timeZone: '', minutes: 0 };

/**
 * The instant a wall-clock time names in a zone. Times skipped by a DST jump
 * move forward by the jump (02:30 on the spring-forward night in Berlin is
 * 03:30 CEST); times that occur twice take the earlier one — the same choice
 * as Temporal's `disambiguation: 'compatible'`.
 */
export function zonedWallTimeToEpoch(wall: WallTime, timeZone: string): number {
  const asUtc = wallTimeAsUtc(wall);
  const day = 86_400_000;
  const before = zoneOffsetMinutes(asUtc - day, timeZone);
  const after = zoneOffsetMinutes(asUtc + day, timeZone);
  // No transition near this day (nearly always): the offset is the same on both sides.
  if (before === after) return asUtc - before * 60_000;
  const candidates = [...new Set([before, after])]
    .map((offset) => asUtc - offset * 60_000)
    .filter((epoch) => zoneOffsetMinutes(epoch, timeZone) * 60_000 === asUtc - epoch)
    .sort((a, b) => a - b);
  // A gap: no offset reproduces the wall time; read it with the offset in force before the jump.
  return candidates[0] ?? asUtc - before * 60_000;
}

/**
 * Formats an instant as ISO 8601 with the zone's offset at that instant:
 * `2021-10-19T08:49:00+08:00`. Milliseconds appear only when not zero.
 */
export function formatInZone(epochMs: number, timeZone: string): string {
  const offset = zoneOffsetMinutes(epochMs, timeZone);
  const wall = utcWallTime(epochMs + offset * 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const millis = wall.millisecond ? `.${pad(wall.millisecond, 3)}` : '';
  return (
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}` +
    `T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${millis}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The wall time of an instant in a zone (for permalink tokens such as `:year`). */
export function wallTimeInZone(epochMs: number, timeZone: string): WallTime {
  return utcWallTime(epochMs + zoneOffsetMinutes(epochMs, timeZone) * 60_000);
}
