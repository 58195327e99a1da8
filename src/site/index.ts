export { planSite, preloadRenderer, renderPlannedPages, renderSite, type RenderOptions, type RenderResult, type SitePlan } from './render-site.ts';
export { patchSitePlan } from './patch-site-plan.ts';
