import { errorAt, warningAt, type Diagnostic } from '../report/diagnostic.ts';

/** How far into a file to look for NUL bytes (Git's binary heuristic uses the same 8 KB). */
const BINARY_SNIFF_BYTES = 8192;

/** The decoded text of a post, or why it could not be decoded. */
export interface DecodedText {
  text?: string;
  diagnostics: Diagnostic[];
}

/**
 * Decodes a post's bytes to text: UTF-8 (BOM stripped), else UTF-16 when it
 * starts with a UTF-16 BOM, else GB18030 when the bytes are valid GB18030
 * (older Chinese sites save posts that way), with a warning. Line endings
 * become `\n`.
 *
 * @param source the post's path under the content folder, for diagnostics.
 * @returns the text, or an error: `ingest/empty` for a file with no text,
 *   `ingest/binary` for NUL bytes in the first 8 KB, `ingest/encoding`
 *   when no supported encoding fits.
 */
export function decodeText(source: string, bytes: Uint8Array): DecodedText {
  const utf16 = decodeUtf16(bytes);
  if (utf16 !== undefined) {
    return finish(source, utf16, [
      warningAt(source, 'ingest/encoding', 'the file is UTF-16; it was read as such', {
        hint: 'Save posts as UTF-8.',
      }),
    ]);
  }
  const head = bytes.subarray(0, BINARY_SNIFF_BYTES);
  const nul = head.indexOf(0);
  if (nul >= 0) {
    return {
      diagnostics: [
        errorAt(source, 'ingest/binary', `the file looks binary (a NUL byte at offset ${nul}), not a text post`, {
          line: lineAtOffset(head, nul),
          hint: 'Move non-post files (images, archives) out of the content folder or into a `_`-prefixed folder.',
        }),
      ],
    };
  }
  try {
    return finish(source, new TextDecoder('utf-8', { fatal: true }).decode(bytes), []);
  } catch {
    // Not UTF-8: fall through to GB18030.
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return finish(source, text, [
      warningAt(source, 'ingest/encoding', 'the file is not valid UTF-8; it was read as GB18030', {
        hint: 'Re-save the post as UTF-8 (e.g. `iconv -f GB18030 -t UTF-8`) so every tool reads it the same way.',
      }),
    ]);
  } catch {
    return {
      diagnostics: [
        errorAt(source, 'ingest/encoding', 'the file is neither valid UTF-8 nor GB18030', {
          line: 1,
          hint: 'Re-save the post as UTF-8.',
        }),
      ],
    };
  }
}

/** 1-based line of a byte offset: one more than the newlines before it. */
function lineAtOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

function decodeUtf16(bytes: Uint8Array): string | undefined {
  const label = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (label === undefined) return undefined;
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function finish(source: string, decoded: string, diagnostics: Diagnostic[]): DecodedText {
  // TextDecoder strips a UTF-8/UTF-16 BOM already; a second one (files concatenated by tools) is still dropped.
  const text = decoded.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    return {
      diagnostics: [
        ...diagnostics,
        errorAt(source, 'ingest/empty', decoded === '' ? 'the file is empty' : 'the file holds only blank lines', {
          line: 1,
          hint: 'Write front matter (`title:`, `date:`) between `---` lines, then the body; or delete the file.',
        }),
      ],
    };
  }
  return { text, diagnostics };
}
