import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LimitFunction } from 'p-limit';

/** Where one body file's bytes are: a range of a pack file. */
export interface BodyLocation {
  /** The pack file's name, in the packs folder. */
  readonly pack: string;
  readonly offset: number;
  readonly length: number;
}

/**
 * Bytes a pack file holds before the next one is started. One file per
 * post cost a cold build of 10,000 posts 11 s of system time on this
 * machine's disk (a file made costs far more than its bytes); in packs
 * of this size, 30 files hold them (240 MB).
 */
export const PACK_BYTES = 8 * 1024 * 1024;

/**
 * Writes body files into pack files, a few megabytes each, every pack
 * written once, whole, and never changed: a pack cut short by a crash only
 * loses the bodies past its end, which are read as misses.
 */
export class BodyPackWriter {
  private readonly prefix = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  private packs = 0;
  private chunks: Uint8Array[] = [];
  private bytes = 0;
  private whenWritten: (() => void)[] = [];
  private readonly writes: Promise<void>[] = [];
  private failure: unknown;
  private folderMade: Promise<unknown> | undefined;
  /** The packs this writer made (see {@link owns}). */
  private readonly names = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly limit: LimitFunction,
  ) {}

  /**
   * Adds one body file to the pack being filled; `onWritten` is called once
   * its pack is on disk.
   */
  add(bytes: Uint8Array, onWritten: () => void): BodyLocation {
    if (this.chunks.length === 0) this.names.add(this.currentName());
    const location = { pack: this.currentName(), offset: this.bytes, length: bytes.length };
    this.chunks.push(bytes);
    this.bytes += bytes.length;
    this.whenWritten.push(onWritten);
    if (this.bytes >= PACK_BYTES) this.writeCurrent();
    return location;
  }

  /** Whether `pack` was started by this writer. */
  owns(pack: string): boolean {
    return this.names.has(pack);
  }

  /** Writes the pack being filled and waits for every pack; throws the first write's failure. */
  async finish(): Promise<void> {
    if (this.chunks.length > 0) this.writeCurrent();
    await Promise.all(this.writes.splice(0));
    if (this.failure !== undefined) throw this.failure;
  }

  private currentName(): string {
    return `${this.prefix}-${this.packs}.pack`;
  }

  private writeCurrent(): void {
    const file = path.join(this.dir, this.currentName());
    const content = Buffer.concat(this.chunks);
    const written = this.whenWritten;
    this.packs += 1;
    this.chunks = [];
    this.bytes = 0;
    this.whenWritten = [];
    this.folderMade ??= mkdir(this.dir, { recursive: true });
    const folderMade = this.folderMade;
    this.writes.push(
      this.limit(async () => {
        await folderMade;
        await writeFile(file, content);
      }).then(
        () => written.forEach((onWritten) => onWritten()),
        // Thrown by `finish`; the bodies stay in memory for this build meanwhile.
        (error: unknown) => void (this.failure ??= error),
      ),
    );
  }
}

/**
 * The bytes of a body file, or undefined when its pack is gone or too
 * short (cut by a crash). Synchronous: a cold render of 10,000 posts
 * reads 20,000 bodies, which took its thread 1.1 s of CPU with Node's
 * promise-based open, read and close against 0.2 s with the sync calls
 * (bench/file-io.ts), and 2.5 s within a busy cold build (--cpu-prof).
 */
export function readPacked(dir: string, location: BodyLocation): Uint8Array | undefined {
  let fd: number;
  try {
    fd = openSync(path.join(dir, location.pack), 'r');
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.allocUnsafe(location.length);
    return readSync(fd, buffer, 0, location.length, location.offset) === location.length ? buffer : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
