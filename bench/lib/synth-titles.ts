import type { Random } from './prng.ts';
import { botTitle, fileNameForTitle } from './post-format.ts';

// Where real headlines split into a head and a tail: `Intel Xe HPG…公开：台积电6nm…`.
const SEPARATOR = /(：|，|、|｜| - |—| )/;
// Real file names stay well under the 255-byte limit of most file systems.
const MAX_FILE_NAME_BYTES = 200;

/** A title and the bot's file name for it. */
export interface SynthTitle {
  title: string;
  fileName: string;
}

/**
 * Makes unique, varied titles by joining the head of one real headline to
 * the tail of another, sometimes with the characters the bot rewrites
 * (`“”:?/|`) or drops from file names (`#`, `.`), then applying the bot's rules.
 * @param headlines real titles from the corpus
 * @param random the seeded generator
 */
export function createTitleMaker(headlines: readonly string[], random: Random): () => SynthTitle {
  const heads: string[] = [];
  const tails: { sep: string; text: string }[] = [];
  for (const headline of headlines) {
    const parts = headline.split(SEPARATOR);
    for (let i = 1; i < parts.length; i += 2) {
      const head = parts.slice(0, i).join('').trim();
      const tail = parts.slice(i + 1).join('').trim();
      if (head) heads.push(head);
      if (tail) tails.push({ sep: parts[i]!, text: tail });
    }
    heads.push(headline);
  }
  const used = new Set<string>();
  let serial = 0;
  return () => {
    for (let attempt = 0; ; attempt++) {
      let headline = decorate(random.pick(heads), random.pick(tails), random);
      if (attempt >= 8) headline = `${headline} ${++serial}`;
      const made = fit(botTitle(headline).trim());
      const key = made.fileName.toLowerCase();
      if (made.fileName !== '.md' && !used.has(key)) {
        used.add(key);
        return made;
      }
    }
  };
}

function decorate(head: string, tail: { sep: string; text: string }, random: Random): string {
  const headline = `${head}${tail.sep}${tail.text}`;
  const roll = random.next();
  // Each form below occurs in the real titles, before or after the bot's rewrite.
  // Quotes never open the title: a file name starting with `_` is hidden from
  // Hexo (and from wirepress), which would silently shrink the benchmark.
  if (roll < 0.08) return `${head}${tail.sep}“${tail.text}”`;
  if (roll < 0.12) return `${headline}?`;
  if (roll < 0.15) return headline.replace(' ', ': ');
  if (roll < 0.18) return `${headline} Win${random.int(10, 11)}/Win${random.int(10, 11)}`;
  if (roll < 0.2) return `${headline} #${random.int(1, 12)}`;
  if (roll < 0.22) return `${headline} ${random.int(1, 9)}.${random.int(0, 99)}`;
  if (roll < 0.24) return `${headline} [${random.int(2019, 2022)}]`;
  return headline;
}

function fit(title: string): SynthTitle {
  let chars = [...title];
  while (chars.length > 1 && Buffer.byteLength(fileNameForTitle(chars.join(''))) > MAX_FILE_NAME_BYTES) chars = chars.slice(0, -1);
  const trimmed = chars.join('').trim();
  return { title: trimmed, fileName: fileNameForTitle(trimmed) };
}
