export { renderSite, type RenderOptions, type RenderResult } from './render-site.ts';
