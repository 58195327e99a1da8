import { lstat, readdir, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';

/** Marks the new link made beside the old one. */
const NEW_LINK = '.wirepress-link-';

/**
 * Points the symbolic link `link` at the folder `target`, in one step for a
 * reader: a new link is made beside it and renamed over it, and rename(2)
 * replaces a link atomically (POSIX; macOS too). There is no instant when
 * `link` is missing or points at half a folder.
 *
 * On Windows the link is a junction, which needs no privilege. Windows cannot
 * rename a junction over another, so there the old one is removed first:
 * for that instant the path is missing, but it never shows half a site.
 *
 * `link` must be a link or missing: a real folder there is the caller's to
 * move. Only one caller may point a given link at a time (a lock).
 */
export async function pointLinkAt(link: string, target: string): Promise<void> {
  const prefix = `${path.basename(link)}${NEW_LINK}`;
  // Made by a caller killed before the rename.
  for (const name of await readdir(path.dirname(link))) if (name.startsWith(prefix)) await rm(path.join(path.dirname(link), name), { force: true });
  const fresh = `${link}${NEW_LINK}${process.pid}-${Date.now()}`;
  // Relative where it can be, so that the whole folder can move (a blog copied elsewhere); a junction needs an absolute path.
  const windows = process.platform === 'win32';
  await symlink(windows ? path.resolve(target) : path.relative(path.dirname(link), target), fresh, windows ? 'junction' : 'dir');
  try {
    await rename(fresh, link);
  } catch (error) {
    if (!windows || !(await isLink(link))) {
      await rm(fresh, { force: true });
      throw error;
    }
    await rm(link);
    await rename(fresh, link);
  }
}

/** Whether `file` is a symbolic link (or a junction). */
export async function isLink(file: string): Promise<boolean> {
  const found = await lstat(file).catch(() => undefined);
  return found?.isSymbolicLink() ?? false;
}
