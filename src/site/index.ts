export { forgetPublishedSite, loadPreviousSite, recordPublishedSite, type PreviousSite } from './previous-site.ts';
export { renderSite, type RenderOptions, type RenderResult } from './render-site.ts';
