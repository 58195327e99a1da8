/**
 * The slice of Eleventy 3's API that src/site uses (the package ships no
 * type declarations). See node_modules/@11ty/eleventy/src/Eleventy.js and
 * UserConfig.js.
 */
declare module '@11ty/eleventy' {
  /** The `eleventyConfig` object a config callback receives. */
  export interface EleventyUserConfig {
    addGlobalData(name: string, data: unknown): this;
    addFilter(name: string, filter: (...args: never[]) => unknown): void;
    setNunjucksEnvironmentOptions(options: { autoescape?: boolean; throwOnUndefined?: boolean; trimBlocks?: boolean; lstripBlocks?: boolean }): void;
    setTemplateFormats(formats: string | string[]): void;
    setQuietMode(quiet: boolean): void;
    setUseGitIgnore(enabled: boolean): void;
    /** Globs of input files not to render (a Set); by default every node_modules folder and .git. */
    readonly ignores: Set<string>;
    setDataDeepMerge(enabled: boolean): void;
    setIncludesDirectory(dir: string): void;
    setDataDirectory(dir: string): void;
    /** Times filters and transforms; its groups print "[11ty] Benchmark" lines unless told not to. */
    readonly benchmarkManager: { setVerboseOutput(verbose: boolean): void; getAll(): Record<string, { setIsVerbose(verbose: boolean): void }> };
  }

  /** Options of the programmatic API. */
  export interface EleventyOptions {
    quietMode?: boolean;
    /** A path, or `false` to read no config file at all. */
    configPath?: string | false;
    config?: (eleventyConfig: EleventyUserConfig) => void | Promise<void>;
  }

  /** One rendered template, as `toJSON()` reports it. */
  export interface EleventyRendered {
    inputPath: string;
    outputPath: string | false;
    url: string | false;
  }

  export class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    /** Stops all console output (including the final summary). */
    disableLogger(): void;
    /** Renders without writing: each page with its `content`. */
    toJSON(): Promise<(EleventyRendered & { content?: string })[]>;
  }
}
