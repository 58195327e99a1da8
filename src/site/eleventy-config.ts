import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import type { EleventyUserConfig, NunjucksEngine, NunjucksTemplate } from '@11ty/eleventy';
import { absoluteUrl, basePath, readableUrl } from '../urls/index.ts';
import { formatDateTime } from './pages/local-date.ts';
import type { SiteData } from './pages/site-data.ts';
import { hrefSrcsetList } from './pages/srcset.ts';
import { BoundedCache } from '../system/bounded-cache.ts';

/**
 * Configures Eleventy to render our templates from precomputed data only.
 *
 * - Articles arrive as global data and nothing else: the input folder is
 *   templates/ (never content/), only `.njk` files are templates, and no
 *   data value is ever compiled as a template. `permalink` is a function
 *   that returns the page's precomputed `outputPath`, so even the output
 *   path is not rendered through Nunjucks (where autoescape would turn a
 *   title's `&` into `&amp;`).
 * - Nunjucks autoescapes everything; templates print `entry.html | safe`
 *   and nothing else unescaped.
 * - Every page is left out of collections: nothing reads them, and with
 *   10,000 articles they would only cost memory.
 * - The templates are found even inside `node_modules/` (an installed
 *   wirepress), and no `.gitignore` of the working directory applies.
 */
export function configureEleventy(eleventyConfig: EleventyUserConfig, data: SiteData): void {
  // Its benchmark groups are made before quiet mode applies, and print "[11ty] Benchmark" lines on a slow filter.
  eleventyConfig.benchmarkManager.setVerboseOutput(false);
  for (const group of Object.values(eleventyConfig.benchmarkManager.getAll())) group.setIsVerbose(false);
  eleventyConfig.setTemplateFormats(['njk']);
  eleventyConfig.setUseGitIgnore(false);
  // Eleventy 3 ignores `**/node_modules/**` by default, and an installed wirepress's
  // templates live in `node_modules/wirepress/templates`: every page was silently
  // skipped (only a symlinked `npm install <folder>` escaped it). The input is a
  // templates folder, never a project root, so it holds no dependencies to skip;
  // `.git/**` and the output folder stay ignored.
  eleventyConfig.ignores.delete('**/node_modules/**');
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });
  compilePagesOnce(eleventyConfig);

  eleventyConfig.addGlobalData('config', data.config);
  eleventyConfig.addGlobalData('text', data.text);
  eleventyConfig.addGlobalData('nav', data.nav);
  eleventyConfig.addGlobalData('articlePages', data.articlePages);
  eleventyConfig.addGlobalData('listingPages', data.listingPages);
  eleventyConfig.addGlobalData('searchPages', data.searchPages);
  eleventyConfig.addGlobalData('notFoundPages', data.notFoundPages);
  eleventyConfig.addGlobalData('redirectPages', data.redirectPages);
  eleventyConfig.addGlobalData('siteFeeds', data.siteFeeds);
  eleventyConfig.addGlobalData('eleventyExcludeFromCollections', true);
  // A function value is called once for its result: the permalink function itself.
  eleventyConfig.addGlobalData('permalink', () => permalinkFromEntry);

  const { baseUrl, language, timezone } = data.config;
  const base = basePath(baseUrl);
  const absoluteUrls = new BoundedCache<string>(100_000);
  const dates = shownDates.get(`${language}\0${timezone}`, () => new BoundedCache<string>(100_000));
  const filters: Record<string, (value: unknown) => string> = {
    // Links on the pages are readable (科技, not %E7%A7%91%E6%8A%80); canonical, og:url and feeds stay encoded for crawlers.
    href: (url) => (typeof url === 'string' ? `${base}${readableUrls.get(url, () => readableUrl(url))}` : ''),
    absolute: (url) => (typeof url === 'string' ? absoluteUrls.get(url, () => absoluteUrl(baseUrl, url)) : ''),
    srcset: (srcset) => (typeof srcset === 'string' ? hrefSrcset(base, srcset) : ''),
    localDate: (iso) => (typeof iso === 'string' ? dates.get(iso, () => formatDateTime(iso, language, timezone)) : ''),
  };
  // On the Nunjucks environment itself, not through addFilter: Eleventy wraps each call of those to time
  // it and to copy the page's data onto `this`, which these do not read (0.7 s of a cold build of
  // 10,000 posts, --cpu-prof).
  eleventyConfig.amendLibrary('njk', (environment) => {
    for (const [name, filter] of Object.entries(filters)) environment.addFilter(name, filter);
  });
}

/**
 * Has each Nunjucks page template compiled once per Eleventy run. Eleventy
 * 3.1 makes a new Nunjucks template from a page's text for every page it
 * renders (it leaves caching to Nunjucks, which caches includes only), so
 * a paginated template was compiled again for each of its 10,000 pages:
 * 1.8 s of a cold build (--cpu-prof). The templates are held by this run's
 * config, not by Eleventy's cache, which would keep every run's Nunjucks
 * environment for as long as the process lives (the dev server).
 */
function compilePagesOnce(eleventyConfig: EleventyUserConfig): void {
  let engine: NunjucksEngine | undefined;
  eleventyConfig.on('eleventy.engine.njk', (made: NunjucksEngine) => {
    engine = made;
  });
  const compiled = new Map<string, { source: string; template: NunjucksTemplate }>();
  let rendered = 0;
  eleventyConfig.addExtension('njk', {
    key: 'njk',
    compileOptions: { cache: false },
    compile(this: { defaultRenderer: (data: unknown) => Promise<string> }, source: string, inputPath: string) {
      // Without the engine (another Eleventy version), each page is compiled as Eleventy does.
      if (!engine) return this.defaultRenderer;
      let known = compiled.get(inputPath);
      if (known?.source !== source) {
        // Compiled when first rendered, as Eleventy does, so that a template's error names the page.
        known = { source, template: new engine.nunjucks.Template(source, engine.environment, inputPath, false) };
        compiled.set(inputPath, known);
      }
      const { template } = known;
      return async (data: unknown) => {
        // Nunjucks renders synchronously, and nothing else in a run waits on I/O: without a turn of the
        // event loop now and then, the writer thread got no more pages for up to a second at a time
        // (bench/results/2026-12-04-issue-23-session8-memory.json).
        if (++rendered % PAGES_PER_EVENT_LOOP_TURN === 0) await eventLoopTurn();
        return new Promise<string>((resolve, reject) => template.render(data, (error, html) => (error ? reject(error) : resolve(html ?? ''))));
      };
    },
  });
}

/** Pages rendered between two turns of the event loop (see compilePagesOnce): some 25 ms of rendering, at 18,174 pages in 16–21 s. */
const PAGES_PER_EVENT_LOOP_TURN = 25;

/**
 * Links and dates made readable, by what they were made from: a listing
 * page shows each article's link and date again that its article page,
 * home and archives show, and decoding them took a second of a cold build
 * of 10,000 posts (--cpu-prof).
 */
const readableUrls = new BoundedCache<string>(100_000);
/** By language and timezone, the dates shown, by ISO date. */
const shownDates = new BoundedCache<BoundedCache<string>>(100);

/** The output file of a paginated page: its `entry`'s precomputed path; pages without one are not written. */
function permalinkFromEntry(pageData: { entry?: { outputPath?: unknown } }): string | false {
  const outputPath = pageData.entry?.outputPath;
  return typeof outputPath === 'string' ? outputPath : false;
}

/**
 * Puts the base path (`basePath` of the base URL: `/news`, or `''`)
 * before each root-relative URL of a `srcset`
 * (`/images/a-480.jpg 480w, /images/a-960.jpg 960w`); the images stage
 * writes site-absolute paths.
 */
export function hrefSrcset(base: string, srcset: string): string {
  return hrefSrcsetList(srcset, (url) => (url.startsWith('/') && !url.startsWith('//') ? `${base}${url}` : url));
}
