import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../config/index.ts';
import type { ImageFile } from '../images/index.ts';
import { applyInPlace, copyFilesInto, type InPlaceRemovals } from './index.ts';
import { forgetPublishedSite, recordPublishedSite } from '../site/index.ts';
import type { PageFingerprints } from '../site/page-plan.ts';

/**
 * Moves what changed into the live site (see applyInPlace) and records the
 * site now published. The record is dropped first: a crash halfway leaves a
 * site the next build renders whole again.
 *
 * @returns the published folder's identity, as {@link recordPublished}
 */
export async function publishInPlace(
  staging: string,
  config: SiteConfig,
  removals: InPlaceRemovals,
  published: PageFingerprints,
  inputs?: string,
): Promise<string | undefined> {
  await forgetPublishedSite(config.outDir, config.cacheDir);
  await applyInPlace(staging, config.outDir, removals);
  return recordPublished(config, published, inputs);
}

/**
 * Records what was just published (what from, see siteInputsKey, and its
 * other files when known), for the next build.
 *
 * @returns the published folder's identity (see siteFolderIdentity), unless it could not be recorded
 */
export async function recordPublished(config: SiteConfig, published: PageFingerprints, inputs?: string, files?: readonly string[]): Promise<string | undefined> {
  // Only a shortcut for the next build, which renders every page when the record is missing.
  return recordPublishedSite(config.outDir, config.cacheDir, published, inputs, files).catch(() => undefined);
}

/** Copies into `staging` the image files the live site lacks: images are named by their content, so one already published is the same file. */
export async function copyNewImages(staging: string, config: SiteConfig, files: readonly ImageFile[]): Promise<void> {
  await copyFilesInto(staging, files.filter((file) => !existsSync(path.join(config.outDir, file.to))));
}
