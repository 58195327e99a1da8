export { ingestArticles, parsePostFile, readPostFile, stampPostFile, type FileStamp, type IngestOptions, type IngestResult, type PostFile } from './ingest-articles.ts';
export { parseArticle, type ExcludedArticle, type ParseArticleOptions, type ParsedArticle } from './parse-article.ts';
export { parseDate, ACCEPTED_DATE_FORMATS, type ParsedDate } from './parse-date.ts';
export type { ArticleSource } from './types.ts';
