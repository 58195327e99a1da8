import matter from 'gray-matter';
import yaml from 'js-yaml';
import { errorAt, type Diagnostic } from '../report/diagnostic.ts';

/** A post split into front matter and body, with the line numbers needed to map diagnostics. */
export interface FrontMatterParts {
  /** The parsed front matter: a mapping, values as YAML's core schema reads them (dates stay text). */
  data: Record<string, unknown>;
  /** The post's lines (1-based line n is `lines[n - 1]`). */
  lines: string[];
  /** 1-based line of the opening `---`. */
  openLine: number;
  /** 1-based line of the closing `---`. */
  closeLine: number;
  /** Everything after the closing `---` line, leading blank lines and trailing whitespace removed. */
  body: string;
  /** 1-based line where `body` starts. */
  bodyLine: number;
}

const HINT =
  'A post starts with a line `---`, then `key: value` lines (`title:`, `date:`, `categories:`), then a line `---`, then the body.';

// YAML's core schema has no timestamp type, so `date: 2021-11-26 07:21:47` stays the
// text as written and parse-date.ts reads it in the site timezone instead of UTC.
//
// Cloned: js-yaml's strings are slices of the front matter's text, and a title kept for the
// whole build kept that whole text with it (bench/results/2026-12-04-issue-23-session7-heap.json).
const yamlEngine = {
  parse: (text: string): object => structuredClone(yaml.load(text, { schema: yaml.CORE_SCHEMA })) as object,
  stringify: (data: object): string => yaml.dump(data, { schema: yaml.CORE_SCHEMA }),
};
// gray-matter runs `eval` on `---js` front matter; never let article text reach it.
const refuseEngine = {
  parse: (): never => {
    throw new Error('only YAML front matter is supported');
  },
  stringify: (): never => {
    throw new Error('only YAML front matter is supported');
  },
};
const MATTER_OPTIONS = {
  engines: { yaml: yamlEngine, javascript: refuseEngine, js: refuseEngine, json: refuseEngine, coffee: refuseEngine },
};

/**
 * Splits a decoded post into front matter and body. Blank (or
 * whitespace-only) lines before the opening `---` are allowed: every real
 * post starts with one, and gray-matter alone would find no front matter
 * (../shared/corpus/README.md).
 *
 * @param source the post's path under the content folder, for diagnostics.
 * @param text the decoded text, `\n` line endings.
 * @returns the parts, or `ingest/front-matter` / `ingest/yaml` errors with the line in the file.
 */
export function readFrontMatter(source: string, text: string): { parts?: FrontMatterParts; diagnostics: Diagnostic[] } {
  const lines = text.split('\n');
  const openIndex = lines.findIndex((line) => line.trim() !== '');
  const openLine = openIndex + 1;
  const opening = lines[openIndex] ?? '';
  if (!/^---[ \t]*$/.test(opening)) {
    const message = /^---\s*\S/.test(opening)
      ? `front matter must be YAML; received \`${opening.trim().slice(0, 40)}\``
      : 'no front matter: the first non-blank line must be `---`';
    return { diagnostics: [errorAt(source, 'ingest/front-matter', message, { line: openLine, hint: HINT })] };
  }
  // gray-matter closes the block at the first line starting with `---`; anything else on that line is an error.
  const closeIndex = lines.findIndex((line, i) => i > openIndex && line.startsWith('---'));
  if (closeIndex < 0) {
    return {
      diagnostics: [
        errorAt(source, 'ingest/front-matter', 'the front matter is never closed: no `---` line after it', {
          line: openLine,
          hint: HINT,
        }),
      ],
    };
  }
  const closeLine = closeIndex + 1;
  const closing = lines[closeIndex] ?? '';
  if (!/^---[ \t]*$/.test(closing)) {
    return {
      diagnostics: [
        errorAt(source, 'ingest/front-matter', `expected \`---\` to close the front matter, received \`${closing.slice(0, 40)}\``, {
          line: closeLine,
          hint: HINT,
        }),
      ],
    };
  }

  let data: unknown;
  try {
    data = matter(lines.slice(openIndex, closeIndex + 1).join('\n'), MATTER_OPTIONS).data;
  } catch (cause) {
    return { diagnostics: [yamlDiagnostic(source, cause, lines, openLine)] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      diagnostics: [
        errorAt(source, 'ingest/front-matter', `the front matter must be \`key: value\` lines, received ${Array.isArray(data) ? 'a list' : 'a single value'}`, {
          line: openLine + 1,
          hint: HINT,
        }),
      ],
    };
  }

  const rest = lines.slice(closeIndex + 1);
  const leadingBlank = rest.findIndex((line) => line.trim() !== '');
  const skipped = leadingBlank < 0 ? rest.length : leadingBlank;
  return {
    parts: {
      data: data as Record<string, unknown>,
      lines,
      openLine,
      closeLine,
      // Real posts end with 12 spaces and no final newline (../shared/corpus/README.md).
      body: rest.slice(skipped).join('\n').trimEnd(),
      bodyLine: closeLine + 1 + skipped,
    },
    diagnostics: [],
  };
}

function yamlDiagnostic(source: string, cause: unknown, lines: readonly string[], openLine: number): Diagnostic {
  if (cause instanceof yaml.YAMLException) {
    // gray-matter hands js-yaml the text after `---`, starting with the rest of that
    // line, so the YAML's line 0 is the opening `---` line of the file.
    let line = cause.mark ? openLine + cause.mark.line : openLine;
    let column = cause.mark ? cause.mark.column + 1 : undefined;
    // js-yaml reports an unclosed quote where the block ends; point at the line that opened it.
    const quote = /within a (single|double) quoted scalar/.exec(cause.reason)?.[1];
    const opened = quote ? findUnclosedQuote(lines, openLine, line, quote === 'single' ? "'" : '"') : undefined;
    if (opened !== undefined) {
      line = opened;
      column = undefined;
    }
    return errorAt(source, 'ingest/yaml', `the front matter is not valid YAML: ${cause.reason}`, {
      line,
      ...(column !== undefined && line > openLine ? { column } : {}),
      hint: 'Quote values that contain `: `, `#`, `[` or start with a quote or `*`, e.g. `title: \'A: B\'`.',
    });
  }
  return errorAt(source, 'ingest/yaml', `the front matter cannot be read: ${(cause as Error)?.message ?? String(cause)}`, {
    line: openLine,
    hint: HINT,
  });
}

/** The last line in (from, to] whose value opens a quote it does not close. */
function findUnclosedQuote(lines: readonly string[], from: number, to: number, quote: string): number | undefined {
  for (let line = to; line > from; line -= 1) {
    const value = /^[^#]*?:\s+(.*)$/.exec(lines[line - 1] ?? '')?.[1] ?? '';
    if (!value.startsWith(quote)) continue;
    const rest = quote === "'" ? value.slice(1).replace(/''/g, '') : value.slice(1).replace(/\\./g, '');
    if (!rest.includes(quote)) return line;
  }
  return undefined;
}
