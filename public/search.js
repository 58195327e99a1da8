// wirepress search page (templates/_includes/search-page.njk). A file, not an
// inline script: the CSP allows only same-origin scripts. Pagefind's bundle
// (~20 KB of JS plus WebAssembly) is imported on the first query only.

const MAX_RESULTS = 20;
const form = document.querySelector('form.search-form');
const input = form?.querySelector('input[name="q"]');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
let pagefind;
let generation = 0;

/**
 * Loads Pagefind once, pointed at the site's base path so result URLs work
 * under `/blog/` too. The index is built in shards (`pagefind/shards.json`
 * lists them): the first shard's bundle is imported and the others merged
 * into it. A site with no article has no shard and finds nothing.
 */
function loadPagefind() {
  const dir = form.dataset.pagefindDir;
  const baseUrl = form.dataset.base || '/';
  pagefind ??= fetch(`${dir}shards.json`)
    .then((response) => {
      if (!response.ok) throw new Error(`${dir}shards.json: HTTP ${response.status}`);
      return response.json();
    })
    .then(async ({ shards }) => {
      const [first, ...rest] = shards;
      if (first === undefined) return { search: async () => ({ results: [] }) };
      const module = await import(`${dir}${first}/pagefind.js`);
      await module.options({ baseUrl });
      for (const shard of rest) await module.mergeIndex(`${dir}${shard}/`, { baseUrl });
      return module;
    });
  return pagefind;
}

/**
 * Pagefind splits Chinese and Japanese into words when it indexes, but takes a
 * query as typed: "地铁隧道" would be one unknown word. Segment it the same
 * way ("地铁 隧道"); Latin words and numbers pass through unchanged.
 */
export function segmentQuery(query, language) {
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') return query.trim();
  const segmenter = new Intl.Segmenter(language || 'zh', { granularity: 'word' });
  return Array.from(segmenter.segment(query))
    .filter((part) => part.isWordLike)
    .map((part) => part.segment)
    .join(' ');
}

/** Pagefind's excerpt is escaped text with `<mark>` around hits: rebuild it as DOM, text through text nodes only. */
function excerptNodes(excerpt) {
  const nodes = [];
  String(excerpt).split(/(<mark>|<\/mark>)/).reduce((marked, piece) => {
    if (piece === '<mark>') return true;
    if (piece === '</mark>') return false;
    if (piece === '') return marked;
    const text = document.createTextNode(decodeEntities(piece));
    if (marked) {
      const mark = document.createElement('mark');
      mark.append(text);
      nodes.push(mark);
    } else nodes.push(text);
    return marked;
  }, false);
  return nodes;
}

function decodeEntities(text) {
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, code) => {
    if (code[0] !== '#') return named[code.toLowerCase()] ?? all;
    const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
    return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : all;
  });
}

function resultItem(data) {
  const item = document.createElement('li');
  item.className = 'search-result';
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta?.title || data.url;
  heading.append(link);
  item.append(heading);
  if (data.meta?.date) {
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = data.meta.date;
    item.append(meta);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'excerpt';
  excerpt.append(...excerptNodes(data.excerpt ?? ''));
  item.append(excerpt);
  return item;
}

function say(template, values = {}) {
  status.textContent = template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
}

async function run(query) {
  const mine = ++generation;
  list.replaceChildren();
  if (query.trim() === '') {
    status.textContent = '';
    return;
  }
  say(form.dataset.textSearching);
  try {
    const engine = await loadPagefind();
    const found = await engine.search(segmentQuery(query, document.documentElement.lang));
    const data = await Promise.all((found?.results ?? []).slice(0, MAX_RESULTS).map((result) => result.data()));
    if (mine !== generation) return;
    list.replaceChildren(...data.map(resultItem));
    say(data.length ? form.dataset.textResults : form.dataset.textNone, { n: found.results.length, q: query.trim() });
  } catch (error) {
    if (mine !== generation) return;
    say(form.dataset.textFailed);
    console.warn('search failed', error);
  }
}

if (form && input && status && list) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set('q', input.value);
    history.replaceState(null, '', url);
    run(input.value);
  });
  const initial = new URL(location.href).searchParams.get('q');
  if (initial) {
    input.value = initial;
    run(initial);
  }
}
