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

/** The name of a file of the index: a hash of its bytes. */
export function contentName(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 8);
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

/** Builds an index whole, its articles given in id order. */
export class WholeIndexWriter {
  private readonly keys = new TermKeys();
  private readonly terms = new ArticleTerms(this.keys);
  private readonly index = new WholeIndex(this.keys);
  private readonly made: string[] = [];

  constructor(private readonly layout: IndexLayout) {}

  add(id: number, record: SearchRecord): void {
    this.index.add(id, this.terms.postings(record));
    writeNew(this.layout.dir, textFilePath(this.layout.groups, id), encodeTextFile(record), this.made);
  }

  finish(): MadeIndex {
    const buckets = this.index.postingsFiles(this.layout.files).map((bytes) => {
      const name = contentName(bytes);
      writeNew(this.layout.dir, bucketFilePath(name), bytes, this.made);
      return name;
    });
    return { buckets, made: this.made };
  }
}

/**
 * Updates a published index for the articles whose key changed (edited,
 * added, or gone at the end), keeping the ids of the others: it drops the
 * postings their old text files give, adds those of their new records,
 * and rewrites only the postings files and text folders that changed. The
 * result is the index a whole build makes of the same articles.
 */
export class IndexPatcher {
  private readonly keys = new TermKeys();
  private readonly terms = new ArticleTerms(this.keys);
  private readonly added = new Map<string, Posting[]>();
  private readonly made: string[] = [];

  /**
   * @param changed the ids whose article is new, edited or gone, ascending
   * @throws when a file of the previous index cannot be read (build it whole then)
   */
  constructor(
    private readonly layout: IndexLayout,
    private readonly previous: PublishedIndex,
    private readonly changed: readonly number[],
  ) {
    if (previous.buckets.length !== layout.files) throw new Error('the number of postings files changed');
  }

  /** Adds the new record of a changed id (ids ascending). */
  add(id: number, record: SearchRecord): void {
    for (const [term, packed] of postingsByTerm(this.terms.postings(record), this.keys)) {
      const posting = { id, level: packed >> 1, inTitle: (packed & 1) === 1 };
      const list = this.added.get(term);
      if (list) list.push(posting);
      else this.added.set(term, [posting]);
    }
    writeNew(this.layout.dir, textFilePath(this.layout.groups, id), encodeTextFile(record), this.made);
  }

  finish(): MadeIndex {
    const { layout, previous } = this;
    // The terms the changed articles held, from their text files in the previous index.
    const stale = new Set<string>();
    for (const id of this.changed) {
      if (id >= previous.docs) continue;
      const record = decodeTextFile(readFileSync(path.join(previous.dir, textFilePath(previous.groups, id))));
      for (const term of postingsByTerm(this.terms.postings(record), this.keys).keys()) stale.add(term);
    }
    const touched = new Map<number, { stale: Set<string>; added: Map<string, Posting[]> }>();
    const bucketOf = (term: string) => {
      const file = termFile(term, layout.files);
      let entry = touched.get(file);
      if (!entry) touched.set(file, (entry = { stale: new Set(), added: new Map() }));
      return entry;
    };
    for (const term of stale) bucketOf(term).stale.add(term);
    for (const [term, postings] of this.added) bucketOf(term).added.set(term, postings);

    const replaced = new Set(this.changed);
    const buckets = previous.buckets.map((name, file) => {
      const change = touched.get(file);
      if (!change) return name;
      const bytes = patchPostingsFile(readFileSync(path.join(previous.dir, bucketFilePath(name))), replaced, change.stale, change.added);
      const patched = contentName(bytes);
      writeNew(layout.dir, bucketFilePath(patched), bytes, this.made);
      return patched;
    });
    this.linkUnchangedTexts(replaced);
    return { buckets, made: this.made };
  }

  /** Gives each renamed text folder the files of its unchanged articles, linked from the previous index. */
  private linkUnchangedTexts(replaced: ReadonlySet<number>): void {
    const { layout, previous } = this;
    for (const [group, name] of layout.groups.entries()) {
      if (previous.groups[group] === name) continue;
      const first = group * GROUP_SIZE;
      for (let id = first; id < Math.min(first + GROUP_SIZE, layout.docs); id += 1) {
        if (replaced.has(id)) continue;
        const relative = textFilePath(layout.groups, id);
        const to = path.join(layout.dir, relative);
        if (existsSync(to)) continue;
        mkdirSync(path.dirname(to), { recursive: true });
        const from = path.join(previous.dir, textFilePath(previous.groups, id));
        try {
          linkSync(from, to);
        } catch {
          copyFileSync(from, to);
        }
        this.made.push(relative);
      }
    }
  }
}
