export { lockOutput, type OutputLock } from './output-lock.ts';
export { createStagingDir, publishStagingDir, discardStagingDir } from './staging.ts';
export { checkOutputDir, type ProtectedDirs } from './check-output-dir.ts';
export { copyFilesInto, copySiteFiles, reuseFiles } from './copy-files.ts';
export { applyInPlace, type InPlaceRemovals } from './apply-in-place.ts';
