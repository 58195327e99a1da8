import type { Article } from '../article.ts';
import { absoluteUrl } from '../urls/index.ts';
import { toSafeJson } from './xml-text.ts';

/** Site settings the structured data names. */
export interface JsonLdSite {
  readonly title: string;
  readonly baseUrl: string;
  readonly language: string;
}

/**
 * The schema.org `NewsArticle` of an article page
 * (https://developers.google.com/search/docs/appearance/structured-data/article),
 * serialized for `<script type="application/ld+json">`: `<`, `>`, `&`,
 * U+2028 and U+2029 escaped as `\u003c` etc., so a title holding
 * `</script><script>…` stays inside the JSON string. Data, not script: the
 * page's CSP (`script-src 'self'`) does not apply to it.
 *
 * @param image root-relative URL of the re-hosted cover, when there is one.
 */
export function articleJsonLd(article: Article, image: string | undefined, site: JsonLdSite): string {
  const url = absoluteUrl(site.baseUrl, article.url);
  const publisher = { '@type': 'Organization', name: site.title, url: site.baseUrl };
  return toSafeJson({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    datePublished: article.date,
    dateModified: article.updated ?? article.date,
    // The bots write the source (a newsroom, a feed) as author; without one the site speaks for itself.
    author: article.author ? [{ '@type': 'Person', name: article.author }] : [publisher],
    publisher,
    inLanguage: site.language,
    ...(image ? { image: [absoluteUrl(site.baseUrl, image)] } : {}),
    ...(article.categories[0]?.[0] ? { articleSection: article.categories[0][0] } : {}),
  });
}
