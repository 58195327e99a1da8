// wirepress search page (templates/_includes/search-page.njk). A file, not an
// inline script: the CSP allows only same-origin scripts. The finding is in
// search-engine.js; this draws it. Everything from the index is data: it
// reaches the page as text nodes and attributes, never as markup.

import { SearchIndex } from './search-engine.js';

const form = document.querySelector('form.search-form');
const input = form?.querySelector('input[name="q"]');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const moreButton = document.getElementById('search-more');
let index;
let results;
// The query the results are for (the field may have been edited since).
let shownQuery;
// Each search gets a number: a slow answer to an older query is dropped.
let generation = 0;

function say(template, values = {}) {
  status.textContent = template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
}

const dateFormat = (() => {
  const options = { dateStyle: 'long', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { ...options, timeZone: form?.dataset.timezone || undefined });
  } catch {
    return new Intl.DateTimeFormat(undefined, options);
  }
})();

/** Pieces of text with `mark` where they match, as nodes. */
function markedNodes(pieces) {
  return pieces.map((piece) => {
    if (!piece.mark) return document.createTextNode(piece.text);
    const mark = document.createElement('mark');
    mark.textContent = piece.text;
    return mark;
  });
}

function resultItem(result) {
  const item = document.createElement('li');
  item.className = 'search-result';
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  // The index's URLs are the site's own paths; anything else is not followed.
  link.href = typeof result.url === 'string' && result.url.startsWith('/') && !result.url.startsWith('//') ? result.url : '#';
  link.append(...markedNodes(result.title));
  heading.append(link);
  item.append(heading);
  const time = Date.parse(result.date);
  if (!Number.isNaN(time)) {
    const meta = document.createElement('p');
    meta.className = 'meta';
    const stamp = document.createElement('time');
    stamp.dateTime = result.date;
    stamp.textContent = dateFormat.format(time);
    meta.append(stamp);
    item.append(meta);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'excerpt';
  excerpt.append(...markedNodes(result.excerpt));
  item.append(excerpt);
  return item;
}

/** Says how many articles were found: the true count once known, else those found so far and how many are left to check. */
function sayCount(query) {
  const shown = list.children.length;
  if (results.total === 0) say(form.dataset.textNone, { q: query });
  else if (results.total !== undefined) say(form.dataset.textResults, { n: results.total, shown, q: query });
  else say(form.dataset.textResultsSoFar, { n: results.found.length, more: results.unchecked, q: query });
  moreButton.hidden = results.unchecked === 0;
}

async function showMore(query, mine) {
  const added = await results.more();
  if (mine !== generation) return;
  const items = added.map(resultItem);
  list.append(...items);
  sayCount(query);
  return items;
}

async function run(query) {
  const mine = ++generation;
  list.replaceChildren();
  moreButton.hidden = true;
  results = undefined;
  const trimmed = query.trim();
  shownQuery = trimmed;
  if (trimmed === '') {
    status.textContent = '';
    return;
  }
  say(form.dataset.textSearching);
  try {
    index ??= new SearchIndex(form.dataset.index);
    const found = await index.search(trimmed);
    if (mine !== generation) return;
    results = found;
    if (!found.searchable) {
      say(form.dataset.textNothing);
      return;
    }
    await showMore(trimmed, mine);
  } catch (error) {
    if (mine !== generation) return;
    say(form.dataset.textFailed);
    console.warn('search failed', error);
  }
}

/** Runs the query in the address bar (on load, and on Back and Forward), unless its results are shown (a `#fragment` link moved within the page). */
function runFromUrl() {
  const query = new URL(location.href).searchParams.get('q') ?? '';
  if (shownQuery !== undefined && query.trim() === shownQuery) return;
  input.value = query;
  run(query);
}

if (form && input && status && list && moreButton) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set('q', input.value);
    // A new entry per search: Back returns to the previous query.
    if (url.href !== location.href) history.pushState(null, '', url);
    run(input.value);
  });
  moreButton.addEventListener('click', async () => {
    const mine = generation;
    moreButton.disabled = true;
    try {
      const items = await showMore(shownQuery, mine);
      // Keyboard users continue from the first new result.
      items?.[0]?.querySelector('a')?.focus();
    } catch (error) {
      say(form.dataset.textFailed);
      console.warn('search failed', error);
    } finally {
      moreButton.disabled = false;
    }
  });
  window.addEventListener('popstate', runFromUrl);
  runFromUrl();
}
