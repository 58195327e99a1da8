import { createHash } from 'node:crypto';
import { existsSync, linkSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ArticleTerms, postingsByTerm, TermKeys } from './article-terms.ts';
import { GROUP_SIZE, termFile, type Posting } from './index-format.ts';
import { patchPostingsFile } from './postings-file.ts';
import type { SearchRecord } from './search-docs.ts';
import { WholeIndex } from './whole-index.ts';

/** Where an index is written and how its files are named. */
export interface IndexLayout {
  /** The index's folder (absolute). */
  readonly dir: string;
  /** Articles in the index. */
  readonly docs: number;
  /** Postings files (a power of two). */
  readonly files: number;
  /** The name of each folder of text files (see GROUP_SIZE). */
  readonly groups: readonly string[];
}

/** An index as published: its folder and the names its entry gives. */
export interface PublishedIndex {
  readonly dir: string;
  readonly docs: number;
  readonly buckets: readonly string[];
  readonly groups: readonly string[];
}

/** What making an index wrote. */
export interface MadeIndex {
  /** The name of each postings file. */
  readonly buckets: string[];
  /** The files written (or linked) into the folder, relative to it; the others are the previous index's. */
  readonly made: string[];
}

/** The name of a file of the index: a hash of its bytes, `length` hex digits. */
export function contentName(bytes: Uint8Array, length = 8): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, length);
}

/**
 * Writes a postings file named by its content (see {@link writeNew});
 * resolves its name. The names are short, to keep the entry small: when one
 * is already taken by other bytes (at 4,096 files, two builds in a thousand
 * would meet such a pair), the file takes a longer one.
 */
export function writePostingsNamed(dir: string, bytes: Uint8Array, made: string[]): string {
  for (const length of [8, 16, 64]) {
    const name = contentName(bytes, length);
    const file = path.join(dir, bucketFilePath(name));
    if (!existsSync(file) || readFileSync(file).equals(bytes)) {
      writeNew(dir, bucketFilePath(name), bytes, made);
      return name;
    }
  }
  throw new Error(`${dir}: a postings file's SHA-256 is taken by other bytes`);
}

/** Where article `id`'s text file is, relative to the index's folder. */
export function textFilePath(groups: readonly string[], id: number): string {
  return `${groups[Math.floor(id / GROUP_SIZE)]}/${id % GROUP_SIZE}.bin`;
}

export function bucketFilePath(name: string): string {
  return `${name}.bin`;
}

/** An article's text file: its record as JSON, deflated (the browser inflates it with DecompressionStream). */
export function encodeTextFile(record: SearchRecord): Uint8Array {
  return deflateRawSync(Buffer.from(JSON.stringify(record)), { level: 3 });
}

export function decodeTextFile(bytes: Uint8Array): SearchRecord {
  return JSON.parse(inflateRawSync(bytes).toString('utf8')) as SearchRecord;
}

/** Writes a file the index did not hold yet: named by its content, one already there is the same file, and may be a link into the live site. */
function writeNew(dir: string, relative: string, bytes: Uint8Array, made: string[]): void {
  const file = path.join(dir, relative);
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  made.push(relative);
}

/**
 * Builds an index whole, its articles given in id order: the base, cut into
 * `layout.files` postings files, or with `fileBytes` the recent segment (see
 * index-plan.ts), cut into as many files (a power of two) as hold about
 * that many bytes each.
 */
export class WholeIndexWriter {
  private readonly keys = new TermKeys();
  private readonly terms = new ArticleTerms(this.keys);
  private readonly index = new WholeIndex(this.keys);
  private readonly made: string[] = [];

  constructor(
    private readonly layout: IndexLayout,
    private readonly fileBytes?: number,
  ) {}

  add(id: number, record: SearchRecord): void {
    this.index.add(id, this.terms.postings(record));
    writeNew(this.layout.dir, textFilePath(this.layout.groups, id), encodeTextFile(record), this.made);
  }

  finish(): MadeIndex {
    const buckets: string[] = [];
    let files = this.layout.files;
    if (this.fileBytes !== undefined) {
      const bytes = this.index.postingsBytes();
      for (files = 1; files * this.fileBytes < bytes; ) files *= 2;
    }
    for (const bytes of this.index.postingsFiles(files)) {
      buckets.push(writePostingsNamed(this.layout.dir, bytes, this.made));
    }
    return { buckets, made: this.made };
  }
}

/** What a postings file of the recent segment should hold, about: its terms are new to it, so their names take most of it. */
const RECENT_BUCKET_BYTES = 16 * 1024;

/**
 * Writes the recent segment of an index (see index-plan.ts) into `dir`:
 * the text files of `records` (ids from 0) in the folders `groups`, and
 * their postings in files of about RECENT_BUCKET_BYTES.
 */
export function writeRecentSegment(dir: string, records: readonly SearchRecord[], groups: readonly string[]): MadeIndex {
  const writer = new WholeIndexWriter({ dir, docs: records.length, files: 1, groups }, RECENT_BUCKET_BYTES);
  for (const [id, record] of records.entries()) writer.add(id, record);
  return writer.finish();
}

/**
 * Where each article of a published index went: for each old id, its new
 * id (−1: gone or edited), and the new ids whose article is new or edited.
 */
export interface IndexMoves {
  readonly moved: Int32Array;
  readonly added: readonly number[];
}

/**
 * Updates a published index for the articles that were added, edited or
 * removed: it drops their old postings, renumbers the others where ids
 * moved, adds the new records' postings, and writes only the postings files
 * and text folders that changed (unchanged text files are linked). The
 * result is the index a whole build makes of the same articles.
 */
export class IndexPatcher {
  private readonly keys = new TermKeys();
  private readonly terms = new ArticleTerms(this.keys);
  private readonly added = new Map<string, Posting[]>();
  private readonly made: string[] = [];
  /** Whether every article the index keeps kept its id: only the touched terms are decoded then. */
  private readonly inPlace: boolean;

  /** @throws when the number of postings files changed (build it whole then) */
  constructor(
    private readonly layout: IndexLayout,
    private readonly previous: PublishedIndex,
    private readonly moves: IndexMoves,
  ) {
    if (previous.buckets.length !== layout.files) throw new Error('the number of postings files changed');
    this.inPlace = moves.moved.every((to, from) => to === -1 || to === from);
  }

  /** Adds the record of a new or edited article (ids ascending). */
  add(id: number, record: SearchRecord): void {
    for (const [term, packed] of postingsByTerm(this.terms.postings(record), this.keys)) {
      const posting = { id, level: packed >> 1, inTitle: (packed & 1) === 1 };
      const list = this.added.get(term);
      if (list) list.push(posting);
      else this.added.set(term, [posting]);
    }
    writeNew(this.layout.dir, textFilePath(this.layout.groups, id), encodeTextFile(record), this.made);
  }

  /** @throws when a file of the previous index cannot be read (build it whole then) */
  finish(): MadeIndex {
    const { layout, previous, moves } = this;
    const gone = new Set<number>();
    moves.moved.forEach((to, from) => to === -1 && gone.add(from));
    // Where no id moved, only the terms of the gone and edited articles (read from their old text files) and the new ones are touched.
    const stale = new Set<string>();
    if (this.inPlace) {
      for (const id of gone) {
        const record = decodeTextFile(readFileSync(path.join(previous.dir, textFilePath(previous.groups, id))));
        for (const term of postingsByTerm(this.terms.postings(record), this.keys).keys()) stale.add(term);
      }
    }
    const touched = new Map<number, { stale: Set<string>; added: Map<string, Posting[]> }>();
    const changeOf = (file: number) => {
      let change = touched.get(file);
      if (!change) touched.set(file, (change = { stale: new Set(), added: new Map() }));
      return change;
    };
    for (const term of stale) changeOf(termFile(term, layout.files)).stale.add(term);
    for (const [term, postings] of this.added) changeOf(termFile(term, layout.files)).added.set(term, postings);

    const buckets = previous.buckets.map((name, file) => {
      const change = touched.get(file);
      if (this.inPlace && !change) return name;
      const bytes = patchPostingsFile(readFileSync(path.join(previous.dir, bucketFilePath(name))), {
        moved: this.inPlace ? undefined : moves.moved,
        replaced: gone,
        stale: change?.stale ?? new Set(),
        added: change?.added ?? new Map(),
      });
      return writePostingsNamed(layout.dir, bytes, this.made);
    });
    this.linkKeptTexts();
    return { buckets, made: this.made };
  }

  /** Gives each renamed text folder the files of its kept articles, linked from the previous index. */
  private linkKeptTexts(): void {
    const { layout, previous, moves } = this;
    const oldIds = new Int32Array(layout.docs).fill(-1);
    moves.moved.forEach((to, from) => to >= 0 && (oldIds[to] = from));
    for (const [group, name] of layout.groups.entries()) {
      if (previous.groups[group] === name) continue;
      const first = group * GROUP_SIZE;
      for (let id = first; id < Math.min(first + GROUP_SIZE, layout.docs); id += 1) {
        const from = oldIds[id]!;
        if (from === -1) continue;
        const relative = textFilePath(layout.groups, id);
        const to = path.join(layout.dir, relative);
        if (existsSync(to)) continue;
        mkdirSync(path.dirname(to), { recursive: true });
        const source = path.join(previous.dir, textFilePath(previous.groups, from));
        try {
          linkSync(source, to);
        } catch {
          copyFileSync(source, to);
        }
        this.made.push(relative);
      }
    }
  }
}
