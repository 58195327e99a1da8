/**
 * The slice of Eleventy 3's API that src/site uses (the package ships no
 * type declarations). See node_modules/@11ty/eleventy/src/Eleventy.js and
 * UserConfig.js.
 */
declare module '@11ty/eleventy' {
  /** The `eleventyConfig` object a config callback receives. */
  export interface EleventyUserConfig {
    addGlobalData(name: string, data: unknown): this;
    /** Changes the library Eleventy made for a template language: for Nunjucks, its environment. */
    amendLibrary(engine: 'njk', amend: (environment: { addFilter(name: string, filter: (value: unknown) => string): void }) => void): void;
    setNunjucksEnvironmentOptions(options: { autoescape?: boolean; throwOnUndefined?: boolean; trimBlocks?: boolean; lstripBlocks?: boolean }): void;
    setTemplateFormats(formats: string | string[]): void;
    /**
     * A template language of its own, or (`key` naming a built-in one) that language compiled by
     * `compile` (`this.defaultRenderer`: the built-in's render); `compileOptions.cache` keeps
     * each compiled template in Eleventy's own cache.
     */
    addExtension(
      extension: string,
      options: {
        key?: string;
        compileOptions?: { cache?: boolean };
        compile?: (this: { defaultRenderer: (data: unknown) => Promise<string> }, source: string, inputPath: string) => (data: unknown) => Promise<string>;
      },
    ): void;
    /** Eleventy's events; `eleventy.engine.njk` hands over the Nunjucks library and the environment it made. */
    on(event: 'eleventy.engine.njk', listener: (engine: NunjucksEngine) => void): void;
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

  /** A Nunjucks template, as the `nunjucks` package Eleventy bundles makes it. */
  export interface NunjucksTemplate {
    render(data: unknown, callback: (error: Error | null, html: string | null) => void): void;
  }

  /** What Eleventy's `eleventy.engine.njk` event hands over. */
  export interface NunjucksEngine {
    readonly nunjucks: { Template: new (source: string, environment: unknown, path: string, eagerCompile: boolean) => NunjucksTemplate };
    readonly environment: unknown;
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
