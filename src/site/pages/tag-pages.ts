import { FEED_TYPES, feedUrl } from '../feeds/feed-urls.ts';
import type { ListingContext } from './listing-page.ts';
import { buildNamePages } from './name-pages.ts';
import type { TagEntry } from './tag-index.ts';
import type { ArticleSummary, ListingPage } from './types.ts';

/**
 * The tag pages, as hexo-generator-tag writes them: `/tags/` listing every
 * tag with its count (its `enable_index_page`), then one paginated listing
 * per tag (`/tags/<slug>/`), newest first, each offering its Atom feed.
 * None when no article has a tag.
 *
 * @param tags from groupTags; their indices point into `summaries`.
 */
export function buildTagPages(tags: readonly TagEntry[], summaries: readonly ArticleSummary[], context: ListingContext): ListingPage[] {
  if (tags.length === 0) return [];
  const { text, urls } = context;
  return buildNamePages(
    {
      indexKind: 'tags',
      kind: 'tag',
      index: { name: text.tags, url: urls.tagUrl() },
      description: text.describeTags(tags.length),
      // Written by site-data's feed plan: one Atom feed per tag.
      feedsOf: (tag) => [{ title: tag.name, type: FEED_TYPES.atom, url: feedUrl(tag.url, 'atom') }],
    },
    tags,
    summaries,
    context,
  );
}
