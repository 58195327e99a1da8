// The two algorithms by their own paths: the package's index loads all fifteen.
import crc16 from 'crc/crc16';
import crc32 from 'crc/crc32';
import type { SiteConfig } from '../config/index.ts';

/**
 * hexo-abbrlink's link for a post that has none (hexo-abbrlink 2.2.1
 * lib/logic.js): the CRC of the UTF-8 title, CRC-16/ARC (`crc16`, its
 * default) or CRC-32 (`crc32`), written in lower-case hex (`rep: hex`) or
 * decimal (`dec`, its default), without padding.
 */
export function abbrlinkNumber(title: string, alg: SiteConfig['abbrlink']['alg']): number {
  const bytes = Buffer.from(title, 'utf8');
  return (alg === 'crc32' ? crc32(bytes) : crc16(bytes)) >>> 0;
}

/** The link text of an abbrlink number, as the plugin writes it. */
export function formatAbbrlink(value: number, rep: SiteConfig['abbrlink']['rep']): string {
  return rep === 'hex' ? value.toString(16) : String(value);
}

/** The number an `abbrlink:` key stands for, to keep generated links off it (`NaN` when it is not one). */
export function parseAbbrlink(text: string, rep: SiteConfig['abbrlink']['rep']): number {
  const valid = rep === 'hex' ? /^[0-9a-f]+$/i : /^\d+$/;
  return valid.test(text) ? Number.parseInt(text, rep === 'hex' ? 16 : 10) : Number.NaN;
}
