import { FEED_TYPES, feedUrl } from './feed-urls.ts';
import { makeListingPages, pick, type ListingContext } from './listing-page.ts';
import type { TagEntry } from './tag-index.ts';
import type { ArticleSummary, Link, ListingPage } from './types.ts';

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
  const home: Link = { name: text.home, url: urls.homeUrl() };
  const index: Link = { name: text.tags, url: urls.tagUrl() };
  const pages = makeListingPages(
    {
      kind: 'tags',
      url: index.url,
      section: index.url,
      heading: text.tags,
      items: [],
      breadcrumbs: [home],
      children: tags.map((tag) => ({ name: tag.name, url: tag.url, count: tag.articles.length })),
      childrenHeading: text.tags,
      description: text.describeTags(tags.length),
    },
    context,
  );
  for (const tag of tags) {
    pages.push(
      ...makeListingPages(
        {
          kind: 'tag',
          url: tag.url,
          section: index.url,
          heading: tag.name,
          items: pick(summaries, tag.articles),
          breadcrumbs: [home, index],
          // Written by site-data's feed plan: one Atom feed per tag.
          feeds: [{ title: tag.name, type: FEED_TYPES.atom, url: feedUrl(tag.url, 'atom') }],
        },
        context,
      ),
    );
  }
  return pages;
}
