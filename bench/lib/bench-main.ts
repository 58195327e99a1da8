import { MissingCorpusError } from './corpus.ts';

/** The value of a `--flag N` option: `fallback` when absent, `undefined` (and a message) when not a positive integer. */
export function positiveInt(flag: string, value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (Number.isInteger(n) && n > 0) return n;
  process.stderr.write(`bench: ${flag} expects a positive integer, received "${value}"\n`);
  return undefined;
}

/** Runs a benchmark's `main` to the exit code; a missing corpus is a message and exit 2, not a stack trace. */
export async function runBenchmark(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (!(error instanceof MissingCorpusError)) throw error;
    process.stderr.write(`bench: ${error.message}\n`);
    process.exitCode = 2;
  }
}
