import type { SiteUrls } from '../../urls/index.ts';
import { displayName } from './display-name.ts';
import { groupNames, type NameEntry } from './name-index.ts';

/** A tag with the articles that carry it. */
export type TagEntry = NameEntry;

/**
 * Groups articles by tag (see groupNames), keyed by the tag's URL: tags
 * whose Hexo slugs are equal (`Tech News`, `tech-news` with
 * `filename_case: 1`) are one page, as they are on a Hexo site. Names are
 * cleaned as author names are (trimmed, lone surrogates replaced); empty
 * ones are left out. Sorted by name in the site's language.
 *
 * @param articles in listing order (newest first); indices refer to it.
 * @param urls the site's URL builders (tag URLs).
 */
export function groupTags(articles: readonly { readonly tags: readonly string[] }[], language: string, urls: Pick<SiteUrls, 'tagUrl'>): TagEntry[] {
  return groupNames(articles, (article) => tagNames(article.tags), urls.tagUrl, language);
}

/** An article's tags as shown and linked: cleaned, empty ones left out. */
export function tagNames(tags: readonly string[]): string[] {
  return tags.flatMap((tag) => {
    const name = displayName(tag);
    return name ? [name] : [];
  });
}
