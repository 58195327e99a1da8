/** The fixed words of the theme, in the site's language. */
export interface UiText {
  readonly home: string;
  readonly categories: string;
  readonly tags: string;
  readonly archives: string;
  readonly skipToContent: string;
  readonly mainNavigation: string;
  readonly breadcrumbs: string;
  readonly pagination: string;
  readonly previousPage: string;
  readonly nextPage: string;
  /** The pager's link to a listing's own URL when pages are numbered from the oldest: its newest articles. */
  readonly newestPage: string;
  readonly olderArticle: string;
  readonly newerArticle: string;
  readonly moreArticles: string;
  readonly author: string;
  /** Label of an author that names the story's source (a site, a feed; see sourceAuthorTest) rather than a person. */
  readonly sourceName: string;
  readonly published: string;
  readonly updated: string;
  readonly subcategories: string;
  readonly months: string;
  readonly empty: string;
  readonly notFoundTitle: string;
  readonly notFoundBody: string;
  readonly backHome: string;
  readonly authors: string;
  /** The author index when every author is a source. */
  readonly sources: string;
  /** The author index when some authors are people and some sources. */
  readonly authorsAndSources: string;
  readonly search: string;
  readonly searchLabel: string;
  readonly searchButton: string;
  readonly searchNoScript: string;
  readonly searching: string;
  readonly searchFailed: string;
  readonly related: string;
  /** Heading of the list of the other copies of an article's story on the site. */
  readonly alsoIn: string;
  readonly feeds: string;
  /** Label of an article's source link (`link:`). */
  readonly source: string;
  /** Mark of an article pinned to the top of the home page (`sticky:`). */
  readonly pinned: string;
  /** "Page 3" for titles and labels. */
  readonly page: (n: number) => string;
  /** The description of a listing page: its heading and how many articles it holds. */
  readonly describeListing: (heading: string, count: number) => string;
  /** The description of a numbered listing page: its heading, number and the days of its articles (oldest, newest). */
  readonly describePage: (heading: string, n: number, days: readonly [string, string]) => string;
  /** The description of the tag index: how many tags there are. */
  readonly describeTags: (count: number) => string;
  /** Status lines of the search page; `{n}`, `{shown}`, `{more}` and `{q}` are filled in by the browser script. */
  readonly searchResults: string;
  /** While candidates are left to check: `{n}` found so far, at most `{more}` more. */
  readonly searchResultsSoFar: string;
  readonly searchNone: string;
  /** The query has no letter, digit or CJK character. */
  readonly searchNothingToFind: string;
  /** The button that shows the next results. */
  readonly searchMore: string;
}

const ZH: UiText = {
  home: '首页',
  categories: '分类',
  tags: '标签',
  archives: '归档',
  skipToContent: '跳到正文',
  mainNavigation: '主导航',
  breadcrumbs: '位置',
  pagination: '分页',
  previousPage: '上一页',
  nextPage: '下一页',
  newestPage: '最新',
  olderArticle: '上一篇',
  newerArticle: '下一篇',
  moreArticles: '更多文章',
  author: '作者',
  sourceName: '来源',
  published: '发布于',
  updated: '更新于',
  subcategories: '子分类',
  months: '月份',
  empty: '这里还没有文章。',
  notFoundTitle: '页面不存在',
  notFoundBody: '你要找的页面不存在，可能已被移动或删除。',
  backHome: '返回首页',
  authors: '作者',
  sources: '来源',
  authorsAndSources: '作者与来源',
  search: '搜索',
  searchLabel: '搜索文章',
  searchButton: '搜索',
  searchNoScript: '搜索需要启用 JavaScript。',
  searching: '正在搜索…',
  searchFailed: '搜索暂时不可用。',
  related: '相关文章',
  alsoIn: '也见于',
  feeds: '订阅',
  source: '原文链接',
  pinned: '置顶',
  page: (n) => `第 ${n} 页`,
  describeListing: (heading, count) => `${heading}：共 ${count} 篇文章。`,
  describePage: (heading, n, [from, to]) => `${heading}：第 ${n} 页，${from === to ? from : `${from} 至 ${to}`} 的文章。`,
  describeTags: (count) => `标签：共 ${count} 个。`,
  searchResults: '{n} 篇文章包含“{q}”，显示前 {shown} 篇。',
  searchResultsSoFar: '已找到 {n} 篇包含“{q}”的文章，另有 {more} 篇尚待核对。',
  searchNone: '没有文章包含“{q}”。',
  searchNothingToFind: '请输入要搜索的文字或数字。',
  searchMore: '更多结果',
};

const EN: UiText = {
  home: 'Home',
  categories: 'Categories',
  tags: 'Tags',
  archives: 'Archives',
  skipToContent: 'Skip to content',
  mainNavigation: 'Main',
  breadcrumbs: 'Breadcrumbs',
  pagination: 'Pagination',
  previousPage: 'Previous',
  nextPage: 'Next',
  newestPage: 'Newest',
  olderArticle: 'Older',
  newerArticle: 'Newer',
  moreArticles: 'More articles',
  author: 'Author',
  // Not "Source": that labels the link to the original story (`source`).
  sourceName: 'From',
  published: 'Published',
  updated: 'Updated',
  subcategories: 'Sub-categories',
  months: 'Months',
  empty: 'No articles here yet.',
  notFoundTitle: 'Page not found',
  notFoundBody: 'The page you are looking for does not exist; it may have moved or been removed.',
  backHome: 'Back to the home page',
  authors: 'Authors',
  sources: 'Sources',
  authorsAndSources: 'Authors and sources',
  search: 'Search',
  searchLabel: 'Search articles',
  searchButton: 'Search',
  searchNoScript: 'Search needs JavaScript.',
  searching: 'Searching…',
  searchFailed: 'Search is unavailable right now.',
  related: 'Related articles',
  alsoIn: 'Also published as',
  feeds: 'Feeds',
  source: 'Source',
  pinned: 'Pinned',
  page: (n) => `Page ${n}`,
  describeListing: (heading, count) => `${heading}: ${count} ${count === 1 ? 'article' : 'articles'}.`,
  describePage: (heading, n, [from, to]) => `${heading}: page ${n}, articles of ${from === to ? from : `${from} to ${to}`}.`,
  describeTags: (count) => `Tags: ${count} ${count === 1 ? 'tag' : 'tags'}.`,
  searchResults: '{n} articles contain “{q}”; showing {shown}.',
  searchResultsSoFar: '{n} articles contain “{q}” so far; {more} more to check.',
  searchNone: 'No article contains “{q}”.',
  searchNothingToFind: 'Type words or numbers to search for.',
  searchMore: 'More results',
};

/**
 * The theme's words for a BCP 47 language: Chinese for `zh*` (the real
 * posts are Chinese news), English otherwise.
 */
export function uiTextFor(language: string): UiText {
  return /^zh\b/i.test(language) ? ZH : EN;
}
