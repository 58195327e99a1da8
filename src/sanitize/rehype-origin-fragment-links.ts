import type { Element, Root } from 'hast';
import { allElements, stringProperty, textContent } from './hast-helpers.ts';

// Fewer matches than this do not tell the origin article from another one that happens to share a section name.
const MIN_MATCHED_FRAGMENTS = 2;

interface FragmentLink {
  node: Element;
  /** The URL without its fragment, in a form that ignores `www.`, the scheme and a trailing slash. */
  article: string;
  fragment: string;
}

/**
 * Points a table of contents back into the page. Scraped tables of contents
 * link to the origin article (AI 研习社:
 * `https://www.yanxishe.com/blogDetail/25056#%E6%95%B0%E6%8D%AE%E6%B8%85%E7%90%86`)
 * while the headings they name are on our page. The posts do not say where
 * they come from, so the origin article is the one URL whose fragments name
 * headings of this page, at least two different ones, more than any other
 * URL does. Its links whose decoded fragment is a heading's id, another
 * element's id or `name`, or a heading's text (sites whose ids are the text,
 * when the scraper lost the id) become `#id`; a heading found by its text
 * gets the fragment as its id. rehypePrefixFragmentLinks then adds the
 * schema's id prefix. Links to other articles, and fragments the page does
 * not have, are left alone.
 */
export function rehypeOriginFragmentLinks() {
  return (tree: Root): void => {
    const links: FragmentLink[] = [];
    const targets: Element[] = [];
    for (const node of allElements(tree)) {
      if (node.tagName === 'a') {
        const link = fragmentLink(node);
        if (link !== undefined) links.push(link);
      }
      if (/^h[1-6]$/.test(node.tagName) || node.properties.id !== undefined || (node.tagName === 'a' && node.properties.name !== undefined)) targets.push(node);
    }
    if (links.length < MIN_MATCHED_FRAGMENTS || targets.length === 0) return;
    const find = targetFinder(targets);
    const origin = originArticle(links, find);
    if (origin === undefined) return;
    for (const link of links) {
      if (link.article !== origin) continue;
      const target = find(link.fragment);
      if (target === undefined) continue;
      link.node.properties.href = `#${anchorOf(target, link.fragment)}`;
      delete link.node.properties.target;
    }
  };
}

function fragmentLink(node: Element): FragmentLink | undefined {
  const href = stringProperty(node, 'href')?.trim();
  if (href === undefined || !/^https?:\/\//i.test(href)) return undefined;
  const hash = href.indexOf('#');
  if (hash < 0 || hash === href.length - 1) return undefined;
  let url: URL;
  try {
    url = new URL(href.slice(0, hash));
  } catch {
    return undefined;
  }
  const article = `${url.host.toLowerCase().replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  return { node, article, fragment: decodeFragment(href.slice(hash + 1)) };
}

function decodeFragment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

// The article whose links name the most different targets on this page, when that is at least two and no other ties it.
function originArticle(links: readonly FragmentLink[], find: (fragment: string) => Element | undefined): string | undefined {
  const matched = new Map<string, Set<string>>();
  for (const link of links) {
    if (find(link.fragment) === undefined) continue;
    const set = matched.get(link.article) ?? new Set<string>();
    set.add(link.fragment);
    matched.set(link.article, set);
  }
  let best: string | undefined;
  let bestCount = 0;
  let tie = false;
  for (const [article, fragments] of matched) {
    if (fragments.size > bestCount) {
      best = article;
      bestCount = fragments.size;
      tie = false;
    } else if (fragments.size === bestCount) tie = true;
  }
  return bestCount >= MIN_MATCHED_FRAGMENTS && !tie ? best : undefined;
}

// Looks a fragment up as an id or `name` (exact, then ignoring case), then as a heading's text (as written, then as a slug).
function targetFinder(targets: readonly Element[]): (fragment: string) => Element | undefined {
  const byId = new Map<string, Element>();
  const byIdFolded = new Map<string, Element>();
  const byText = new Map<string, Element>();
  const bySlug = new Map<string, Element>();
  for (const target of targets) {
    const id = stringProperty(target, 'id') ?? stringProperty(target, 'name');
    if (id !== undefined && id !== '') {
      if (!byId.has(id)) byId.set(id, target);
      if (!byIdFolded.has(id.toLowerCase())) byIdFolded.set(id.toLowerCase(), target);
    }
    if (/^h[1-6]$/.test(target.tagName)) {
      const text = collapse(textContent(target));
      if (text !== '' && !byText.has(text)) byText.set(text, target);
      if (text !== '' && !bySlug.has(slug(text))) bySlug.set(slug(text), target);
    }
  }
  return (fragment) => {
    const text = collapse(fragment);
    return byId.get(fragment) ?? byIdFolded.get(fragment.toLowerCase()) ?? byText.get(text) ?? bySlug.get(slug(text));
  };
}

// The id to link to; a heading found by its text gets one.
function anchorOf(target: Element, fragment: string): string {
  const id = stringProperty(target, 'id') ?? stringProperty(target, 'name');
  if (id !== undefined && id !== '') return id;
  target.properties.id = fragment;
  return fragment;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function slug(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '-');
}
