import type { UiText } from './ui-text.ts';

/** True when an article's `author` names its source (a site, a feed, an aggregator), not a person. */
export type SourceAuthorTest = (author: string | undefined, categories: readonly (readonly string[])[]) => boolean;

/**
 * Tells a source from a person in `author`. The bots write the site or feed
 * there (every `author:` of ../shared/corpus/real is one: ZAKER, IT 之家,
 * cnBeta, 3DMGame…), and file the post under that site too (`categories:
 * 新媒体 / ZAKER / channel`). So an author is a source when it is one of
 * `sourceNames` (config `content.sourceNames`) or one of the post's category
 * names, compared ignoring case, spaces and full-width forms (NFKC): `IT之家`
 * is `IT 之家`, `快科技(原驱动之家)` is `快科技（原驱动之家）`.
 *
 * @param sourceNames author values that name a source.
 */
export function sourceAuthorTest(sourceNames: readonly string[]): SourceAuthorTest {
  const names = new Set(sourceNames.map(foldName).filter((name) => name !== ''));
  return (author, categories) => {
    const name = author === undefined ? '' : foldName(author);
    if (name === '') return false;
    return names.has(name) || categories.some((path) => path.some((category) => foldName(category) === name));
  };
}

/**
 * The heading of the author index and its link in the header: 作者
 * (authors) when the articles name people, 来源 (sources) when every author
 * is a source, both when some are.
 *
 * @param articles the posts.
 * @param isSource see sourceAuthorTest.
 */
export function authorsHeading(
  articles: readonly { readonly author: string | undefined; readonly categories: readonly (readonly string[])[] }[],
  isSource: SourceAuthorTest,
  text: Pick<UiText, 'authors' | 'sources' | 'authorsAndSources'>,
): string {
  let sources = false;
  let people = false;
  for (const article of articles) {
    if (article.author === undefined || article.author.trim() === '') continue;
    if (isSource(article.author, article.categories)) sources = true;
    else people = true;
    if (sources && people) return text.authorsAndSources;
  }
  return sources ? text.sources : text.authors;
}

function foldName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}
