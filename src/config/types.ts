/** Image re-hosting settings, resolved. */
export interface ImagesConfig {
  readonly widths: readonly number[];
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxPixels: number;
  readonly offline: boolean;
  /** What a page shows for an image that could not be re-hosted. */
  readonly onFailure: 'link' | 'drop';
  readonly allowHosts: readonly string[];
}

/**
 * The resolved site configuration: defaults, then the config file, then CLI
 * flags. Folder paths are absolute.
 */
export interface SiteConfig {
  readonly title: string;
  readonly description: string;
  /** Absolute, always ending in `/`. */
  readonly baseUrl: string;
  readonly language: string;
  readonly timezone: string;
  readonly permalink: string;
  readonly pageSize: number;
  readonly proxyPrefixes: readonly string[];
  readonly contentDir: string;
  readonly outDir: string;
  readonly cacheDir: string;
  /** The Nunjucks templates (wirepress's own `templates/`). */
  readonly templatesDir: string;
  /** Static files copied as they are (wirepress's own `public/`). */
  readonly publicDir: string;
  readonly strict: boolean;
  readonly images: ImagesConfig;
  /** The config file that was read, if any. */
  readonly configFile: string | undefined;
  /** The project root: the config file's folder, else the working directory. */
  readonly rootDir: string;
}
