export { lockOutput, type OutputLock } from './output-lock.ts';
export { checkOutputDir, type ProtectedDirs } from './check-output-dir.ts';
export { copyFilesInto, copySiteFiles, reuseFiles } from './copy-files.ts';
export { discardVersion, loadPreviousSite, prepareNextVersion, publishVersion, removeSite, versionsFolder, type NextVersion, type PreviousSite, type SiteFiles } from './site-versions.ts';
export { readySpare, stageOtherFiles, stageUnchangedPages } from './stage-next-version.ts';
export { siteInputsKey } from './site-inputs.ts';
export { asCached, inputsStamp, readBuildRecord, stampImageFiles, writeBuildRecord, type BuildRecord } from './unchanged-build.ts';
