import type { Article } from '../../article/article.ts';
import { displayName } from './display-name.ts';
import type { StoryCopy } from './types.ts';

/** What an article page says of the other copies of its story (see ArticlePage). */
export interface StoryLinks {
  /** The canonical copy's URL, when the article is another copy. */
  readonly canonicalUrl: string | undefined;
  /** The other copies, the canonical one first, then newest first. */
  readonly copies: readonly StoryCopy[];
}

const NO_STORY: StoryLinks = { canonicalUrl: undefined, copies: [] };

/**
 * The links of an article's page to the other copies of its story (its
 * `story`, see markDuplicateStories); copies not among `posts` are left out.
 *
 * @param posts every post of the site, by source.
 */
export function storyLinks(article: Article, posts: ReadonlyMap<string, Article>): StoryLinks {
  const story = article.story;
  if (!story) return NO_STORY;
  const copies = story.copies.flatMap(({ source }) => {
    const copy = source === article.source ? undefined : posts.get(source);
    return copy ? [toStoryCopy(copy)] : [];
  });
  const canonical = story.canonical === article.source ? undefined : posts.get(story.canonical);
  return { canonicalUrl: canonical?.url, copies };
}

/** Whether the article is a copy of a story whose canonical copy is another post of the site. */
export function isOtherCopy(article: Article, posts: ReadonlyMap<string, Article>): boolean {
  const canonical = article.story?.canonical;
  return canonical !== undefined && canonical !== article.source && posts.has(canonical);
}

/**
 * A copy as the "也见于" list shows it. Its source is where the feed bot
 * filed it, the site and the feed (`新媒体 / IT 之家 / 分类资讯` shows as
 * `IT 之家 / 分类资讯`): two copies from one site differ by feed, and the
 * author field of such posts names the site only.
 */
function toStoryCopy(article: Article): StoryCopy {
  const path = article.categories[0] ?? [];
  const filed = (path.length > 1 ? path.slice(1) : path).join(' / ');
  return { name: article.title, url: article.url, source: filed || (displayName(article.author) ?? ''), date: article.date };
}
