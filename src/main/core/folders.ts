/**
 * Checks an archive folder before it is used or saved: a folder that does not exist, is a file,
 * cannot be read, or is given as a relative path (which would be read against wherever the
 * server happened to start) is refused with a reason the UI can translate.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FolderProblem, UnavailableFolder } from '../../shared/types';
import { ArchiveError } from './errors';

export async function folderProblem(dir: string): Promise<FolderProblem | null> {
  if (!path.isAbsolute(dir)) return 'relative';
  try {
    if (!(await stat(dir)).isDirectory()) return 'not-a-folder';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? 'unreadable' : 'missing';
  }
  try {
    await access(dir, constants.R_OK | constants.X_OK);
  } catch {
    return 'unreadable';
  }
  return null;
}

const SAID: Record<FolderProblem, string> = {
  relative: 'is not a full path (give the whole path, such as /home/me/papers or D:\\papers)',
  missing: 'does not exist (or its drive is not connected)',
  'not-a-folder': 'is a file, not a folder',
  unreadable: 'cannot be read (permission denied)',
};

export function describeFolderProblem({ root, problem }: UnavailableFolder): string {
  return `The folder ${root} ${SAID[problem]}.`;
}

/** Throws an 'invalid-folder' error for the first of these folders that cannot be used. */
export async function requireFolders(dirs: readonly string[]): Promise<void> {
  for (const root of dirs) {
    const problem = await folderProblem(root);
    if (problem)
      throw new ArchiveError('invalid-folder', describeFolderProblem({ root, problem }), { root, problem });
  }
}

/** The folders of `dirs` that cannot be read now, with why. */
export async function unavailableFolders(dirs: readonly string[]): Promise<UnavailableFolder[]> {
  const out: UnavailableFolder[] = [];
  for (const root of dirs) {
    const problem = await folderProblem(root);
    if (problem) out.push({ root, problem });
  }
  return out;
}
