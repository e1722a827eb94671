/** Index files in the data folder: save atomically, load with verification and a rebuild signal. */
import type { Article } from '../../../shared/types';
import { ArticleIndex } from './index';
import { IndexInvalidError, readIndexFile, saveIndexFile } from './persist';

export async function saveIndex(file: string, index: ArticleIndex): Promise<void> {
  await saveIndexFile(file, index.toBinary());
}

export type LoadedIndex =
  { index: ArticleIndex; rebuildNeeded: false } | { index: null; rebuildNeeded: true; reason: string };

/** Opens the index file for `articles`; missing, corrupt or outdated files ask for a rebuild. */
export async function loadIndex(file: string, articles: Article[]): Promise<LoadedIndex> {
  const data = await readIndexFile(file);
  if (!data) return { index: null, rebuildNeeded: true, reason: 'no index file' };
  try {
    return { index: ArticleIndex.fromBinary(data, articles), rebuildNeeded: false };
  } catch (error) {
    if (error instanceof IndexInvalidError)
      return { index: null, rebuildNeeded: true, reason: error.message };
    throw error;
  }
}
