import type { SiteConfig } from '../config/index.ts';
import { warningAt, type Diagnostic } from '../report/diagnostic.ts';
import { formatAbbrlink } from './abbrlink.ts';
import type { ParsedArticle } from './parse-article.ts';
import { resolvePermalink } from './permalink.ts';

/**
 * Gives each post of a `:abbrlink` site a link no other post has, as
 * hexo-abbrlink does (lib/model.js): links written in the front matter are
 * taken first; a generated link already taken moves to the next free
 * number. The oldest post claims a link first: where hexo-abbrlink gives
 * two posts one link (its hex mode never sees the clash), Hexo publishes
 * the older one there (tests/fixtures/hexo/abbrlink), so that page keeps its
 * URL. Each move is a warning naming both files, with the key that keeps
 * the new link.
 *
 * @param results every file's parse, in `source` order.
 */
export function assignAbbrlinks(results: readonly ParsedArticle[], config: Pick<SiteConfig, 'permalink' | 'abbrlink'>): { results: ParsedArticle[]; diagnostics: Diagnostic[] } {
  const owners = new Map<number, string>();
  for (const result of results) {
    const link = result.abbrlink;
    if (link?.explicit && result.article && !Number.isNaN(link.value) && !owners.has(link.value)) owners.set(link.value, result.article.source);
  }
  const diagnostics: Diagnostic[] = [];
  const claims = results
    .flatMap((result, index) => (result.abbrlink && !result.abbrlink.explicit && result.article ? [{ index, timestamp: result.article.timestamp }] : []))
    .sort((a, b) => a.timestamp - b.timestamp || a.index - b.index);
  const assigned = [...results];
  for (const { index } of claims) assigned[index] = claimAbbrlink(assigned[index]!, owners, config, diagnostics);
  return { results: assigned, diagnostics };
}

/** Gives one post the first free link from its own (see {@link assignAbbrlinks}). */
function claimAbbrlink(result: ParsedArticle, owners: Map<number, string>, config: Pick<SiteConfig, 'permalink' | 'abbrlink'>, diagnostics: Diagnostic[]): ParsedArticle {
  const link = result.abbrlink;
  const article = result.article;
  if (!link || !article) return result;
  let value = link.value;
  while (owners.has(value)) value += 1;
  owners.set(value, article.source);
  if (value === link.value) return result;
  const taken = formatAbbrlink(link.value, config.abbrlink.rep);
  const text = formatAbbrlink(value, config.abbrlink.rep);
  const other = owners.get(link.value);
  diagnostics.push(
    warningAt(article.source, 'ingest/abbrlink-collision', `the abbrlink ${taken} made from the title is already ${other}'s; this post gets ${text}, as hexo-abbrlink gives it`, {
      line: result.urlLine,
      hint: `Write \`abbrlink: ${text}\` in its front matter to keep this link whatever other posts come.`,
    }),
  );
  const { url, outputPath } = resolvePermalink(config.permalink, { ...link.input, abbrlink: text });
  return { ...result, article: { ...article, url, outputPath } };
}
