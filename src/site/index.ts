export { forgetPublishedSite, loadPreviousSite, recordPublishedSite, siteCachePath, siteFolderIdentity, type PreviousSite, type SiteFiles } from './previous-site.ts';
export { preloadRenderer, renderPlannedPages, renderSite, type RenderOptions, type RenderResult, type SitePlan } from './render-site.ts';
export { patchSitePlan } from './patch-site-plan.ts';
