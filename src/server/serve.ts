import { createServer, type Server } from 'node:http';
import { isIPv6 } from 'node:net';
import path from 'node:path';
import type { SiteConfig } from '../config/index.ts';
import { BuildError } from '../report/build-error.ts';
import { basePath } from '../urls/index.ts';
import type { rehostImages } from '../build.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import { createBackgroundImages } from './background-images.ts';
import { reportFromError } from './build-problems.ts';
import { createRequestHandler } from './handle-request.ts';
import { createLiveReloadHub } from './live-reload-hub.ts';
import { createRebuildQueue } from './rebuild-queue.ts';
import type { DevBuild } from './quick-edit.ts';
import { printFatal, rebuildSite } from './rebuild-site.ts';
import { waitForStop } from './wait-for-stop.ts';
import { watchSources } from './watch-sources.ts';

/** How to run the dev server. */
export interface ServeOptions {
  /** Port to listen on; 0 picks a free one (the real URL is printed). */
  port: number;
  /** Address to listen on (default: `127.0.0.1`). */
  host?: string;
  /** Called once listening and watching, with the server's URL (tests). */
  onListening?: (url: string) => void;
  /** Stops the server like Ctrl-C does. */
  signal?: AbortSignal;
  /**
   * Loads the config again (same file, same command-line overrides) when the
   * config file changes (default: none; the change is then only announced).
   */
  reloadConfig?: () => Promise<SiteConfig>;
}

/** Seams for tests. */
export interface ServeDeps {
  /** The build to run (default: createDevBuild's, imported lazily). */
  build?: DevBuild;
  /** Terminal output: the URL goes to `stdout`, progress and diagnostics to `stderr` (default: the process's). */
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Quiet time before a burst of file changes triggers a rebuild, in ms (default: 100). */
  debounceMs?: number;
  /** The images stage for background downloads (default: `rehostImages`, imported lazily). */
  rehost?: typeof rehostImages;
}

/**
 * Builds the site, serves the output folder, watches the sources and rebuilds
 * on every change, live-reloading open pages. A broken post or a failed
 * rebuild never stops the server. Resolves with exit code 0 on SIGINT,
 * SIGTERM or `signal`, after closing the watcher, the event streams and the
 * server (the process can then exit by itself).
 *
 * @throws BuildError when the server cannot listen (port in use, bad address)
 */
export async function serve(config: SiteConfig, options: ServeOptions, deps: ServeDeps = {}): Promise<number> {
  const host = options.host ?? '127.0.0.1';
  const stdout = deps.stdout ?? ((text: string) => void process.stdout.write(`${text}\n`));
  const print = deps.stderr ?? ((text: string) => void process.stderr.write(`${text}\n`));
  const build = withCachedImagesOnly(deps.build ?? (await import('./quick-edit.ts')).createDevBuild());
  const { preloadRenderer, rehostImages } = await import('../build.ts');
  const rehost = deps.rehost ?? rehostImages;
  const stop = waitForStop(options.signal);
  const hub = createLiveReloadHub();
  let current = config;
  let port = options.port;

  try {
    print('building…');
    const first = await rebuildSite(current, { build, hub, print });
    if (stop.stopped) return 0;
    if (first?.rendered === 0) void preloadRenderer();

    const server = createServer(
      createRequestHandler({ root: () => current.outDir, basePath: () => basePath(current.baseUrl), address: () => ({ host, port }), hub }),
    );
    // A malformed request line or header never reaches the handler; answer it and drop the socket.
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
    port = await listen(server, options.port, host);

    // A Hexo blog's source folder holds its posts, drafts, pages and files: watched whole.
    const watchPaths = (c: SiteConfig) => [
      c.sourceDir ?? c.contentDir,
      c.templatesDir,
      c.publicDir,
      ...(c.ownTemplatesDir ? [c.ownTemplatesDir] : []),
      ...(c.ownPublicDir ? [c.ownPublicDir] : []),
      ...c.configFiles,
    ];
    // The queue's run refers to `watcher` (to follow a moved content folder); it only runs after the watcher reported a change.
    const queue = createRebuildQueue(
      async ({ changed, followUp, signal }) => {
        if (followUp) {
          await rebuildSite(current, { build, hub, print }, { followUp, signal });
          return;
        }
        print(`\n${describeChanges(changed)}${changed.length > 0 ? ' changed;' : ''} rebuilding…`);
        if (current.configFiles.some((file) => changed.includes(path.resolve(file)))) {
          if (!options.reloadConfig) {
            print('the config file changed; restart wirepress dev to apply it');
          } else {
            try {
              current = await options.reloadConfig();
              watcher.setPaths(watchPaths(current));
            } catch (error) {
              printFatal(error, print);
              hub.error(reportFromError(error));
              return;
            }
          }
        }
        const result = await rebuildSite(current, { build, hub, print }, { changed });
        images.fetchMissing(current, result);
        // The quick rebuild of an edited post leaves the search index to a full build.
        queue.followUp(result?.deferred === true);
      },
      (error) => printFatal(error, print),
    );
    const images = createBackgroundImages({ rehost, print, onReady: () => queue.request([]) });
    images.fetchMissing(current, first);
    const watcher = watchSources(watchPaths(current), (changed) => queue.request(changed), {
      debounceMs: deps.debounceMs ?? 100,
      ignoreDirs: () => [current.outDir, current.cacheDir],
      onError: (error) => print(`watcher: ${error.message}`),
    });

    await Promise.race([watcher.ready, stop.promise]);
    if (!stop.stopped) {
      const url = `http://${urlHost(host)}:${port}/`;
      stdout(`wirepress dev server: ${url}`);
      print('watching for changes; press Ctrl-C to stop');
      options.onListening?.(url);
      await stop.promise;
    }

    print('\nstopping…');
    await watcher.close();
    await images.close();
    await queue.close();
    hub.close();
    await closeServer(server);
    return 0;
  } finally {
    hub.close();
    stop.dispose();
  }
}

/**
 * The build the dev server runs: images come from the cache only, so no page
 * waits for a download (see createBackgroundImages), and the warnings about
 * images left out for that reason are not shown (they are being fetched).
 */
function withCachedImagesOnly(build: DevBuild): DevBuild {
  return async (config, options) => {
    if (config.images.offline) return build(config, options);
    const result = await build({ ...config, images: { ...config.images, offline: true } }, options);
    const fetching = (d: Diagnostic) => d.rule === 'images/offline';
    return {
      ...result,
      diagnostics: result.diagnostics.filter((d) => !fetching(d)),
      articles: result.articles.map((article) => ({ ...article, warnings: article.warnings.filter((d) => !fetching(d)) })),
    };
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (cause: NodeJS.ErrnoException) =>
      reject(
        new BuildError(`cannot listen on ${host}:${port}: ${cause.code ?? cause.message}`, {
          cause,
          hint: cause.code === 'EADDRINUSE' ? 'Another program uses that port; pick another with --port (0 picks a free one).' : 'Check --host and --port.',
        }),
      ),
    );
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets of open pages would hold `close` open until they time out.
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return 'localhost';
  return isIPv6(host) ? `[${host}]` : host;
}

function describeChanges(changed: readonly string[]): string {
  // Only the background image downloads ask for a rebuild with no file changed.
  if (changed.length === 0) return 'images arrived:';
  const first = changed[0] === undefined ? 'a file' : displayPath(changed[0]);
  return changed.length > 1 ? `${first} and ${changed.length - 1} more` : first;
}

/** A path relative to the working directory when inside it, else absolute (the templates of an installed package). */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
