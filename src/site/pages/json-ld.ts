import { absoluteUrl } from '../../urls/index.ts';
import type { ArticlePage } from './types.ts';
import { toSafeJson } from '../feeds/xml-text.ts';

/** Site settings the structured data names. */
export interface JsonLdSite {
  readonly title: string;
  readonly baseUrl: string;
  readonly language: string;
  /** The site's author, for articles that name none (default: none; the site speaks for itself). */
  readonly author?: string | undefined;
}

/**
 * The schema.org `NewsArticle` of an article page
 * (https://developers.google.com/search/docs/appearance/structured-data/article),
 * serialized for `<script type="application/ld+json">`: `<`, `>`, `&`,
 * U+2028 and U+2029 escaped as `\u003c` etc., so a title holding
 * `</script><script>…` stays inside the JSON string. Data, not script: the
 * page's CSP (`script-src 'self'`) does not apply to it. Made from the page
 * alone, so the page's fingerprint covers it, and only for the pages being
 * rendered: 50,000 of them held a lot of memory.
 *
 * The author is a `Person`, else the site's author, else the site. An
 * author that names the story's source (a site or feed: ZAKER, IT 之家;
 * see sourceAuthorTest) is no person and wrote nothing itself: it is the
 * `sourceOrganization`, an `Organization`, and no `author` is claimed;
 * the `publisher` is always this site.
 */
export function articleJsonLd(page: ArticlePage, site: JsonLdSite): string {
  const url = absoluteUrl(site.baseUrl, page.url);
  const publisher = { '@type': 'Organization', name: site.title, url: site.baseUrl };
  const section = page.categories[0]?.[0]?.name;
  return toSafeJson({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: page.title,
    // `url` names the page; `mainEntityOfPage` repeated it (Google requires neither, and the URL was a tenth of the page's head).
    url,
    datePublished: page.date,
    dateModified: page.updated ?? page.date,
    ...(page.author && page.authorIsSource ? { sourceOrganization: { '@type': 'Organization', name: page.author } } : { author: authorOf(page.author, site.author, publisher) }),
    publisher,
    inLanguage: page.lang ?? site.language,
    ...(page.meta.image ? { image: [absoluteUrl(site.baseUrl, page.meta.image.url)] } : {}),
    ...(section ? { articleSection: section } : {}),
    ...(page.tags.length ? { keywords: page.tags.map((tag) => tag.name) } : {}),
    ...(page.link ? { isBasedOn: page.link } : {}),
  });
}

// Without an author the site's author, else the site, speaks for the article.
function authorOf(author: string | undefined, siteAuthor: string | undefined, publisher: object): object[] {
  const name = author || siteAuthor;
  return name ? [{ '@type': 'Person', name }] : [publisher];
}
