import type { BuildResult } from '../build.ts';
import type { SiteConfig } from '../config/index.ts';
import type { rehostImages } from '../build.ts';

/** Images downloaded per round: each round ends in a live reload, and Ctrl-C waits for one round at most. */
const BATCH_SIZE = 16;

/** Downloads, in the background, the images the dev server's builds left out. */
export interface BackgroundImages {
  /** Starts fetching the images `result` skipped for not being cached yet; returns at once. */
  fetchMissing(config: SiteConfig, result: BuildResult | undefined): void;
  /** Resolves once the running download (if any) has finished. */
  close(): Promise<void>;
}

/** What {@link createBackgroundImages} needs. */
export interface BackgroundImagesDeps {
  /** The images stage (`rehostImages`), which downloads into the cache and makes the variants. */
  rehost: typeof rehostImages;
  /** Called when images were added to the cache: the site should be built again to show them. */
  onReady: (count: number) => void;
  print: (text: string) => void;
}

/**
 * The dev server builds with the images already in the cache only, so an
 * uncached image never holds a page back (the page links its origin
 * meanwhile). This fetches the rest a few at a time and asks for a rebuild
 * after each batch that brought some, which live-reloads the open pages. An image is
 * tried once per session: a broken origin is not hammered on every save.
 */
export function createBackgroundImages(deps: BackgroundImagesDeps): BackgroundImages {
  const tried = new Set<string>();
  const queue: { original: string; config: SiteConfig }[] = [];
  let running: Promise<void> | undefined;
  let closed = false;
  // Running totals of the session: each batch's line says where the whole download stands.
  const totals = { fetched: 0, failed: 0 };

  const drain = async () => {
    while (queue.length > 0 && !closed) {
      const batch = queue.splice(0, BATCH_SIZE);
      const config = batch[0]!.config;
      try {
        const { outcomes } = await deps.rehost(batch.map((item) => item.original), config);
        const statuses = [...outcomes.values()].map((outcome) => outcome.status);
        const arrived = statuses.filter((status) => status === 'rehosted' || status === 'cached').length;
        totals.fetched += arrived;
        totals.failed += statuses.filter((status) => status === 'failed').length;
        const failed = totals.failed > 0 ? `, ${totals.failed} failed (their pages keep linking the origin)` : '';
        deps.print(`images: ${totals.fetched} fetched${failed}, ${queue.length > 0 ? `${queue.length} to go` : 'all tried'}`);
        if (arrived > 0 && !closed) deps.onReady(arrived);
      } catch (error) {
        deps.print(`images: the background download failed: ${(error as Error).message}`);
      }
    }
    running = undefined;
  };

  return {
    fetchMissing(config, result) {
      if (closed || config.images.offline || !result) return;
      const missing = result.articles.flatMap((article) =>
        article.images.filter((image) => image.status === 'skipped' && image.error === 'offline' && !tried.has(image.original)).map((image) => image.original),
      );
      const originals = [...new Set(missing)];
      if (originals.length === 0) return;
      for (const original of originals) {
        tried.add(original);
        queue.push({ original, config });
      }
      deps.print(`fetching ${originals.length} ${originals.length === 1 ? 'image' : 'images'} in the background; pages link their origins until then`);
      running ??= drain();
    },
    async close() {
      closed = true;
      await running;
    },
  };
}
