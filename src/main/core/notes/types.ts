/** The notes types live in src/shared so the contract and the renderer use the same ones. */
import type {
  ImportReport as SharedImportReport,
  NotesErrorCode as SharedNotesErrorCode,
} from '../../../shared/notes-types';
import type { TimeProblem } from './times';

export * from '../../../shared/notes-types';
export type { TimeProblem } from './times';

/**
 * The codes of the shared contract, plus `stale-undo`: an undo refused because another window or
 * process edited the item since (hosts translate it to `bad-request`, message included).
 */
export type NotesErrorCode = SharedNotesErrorCode | 'stale-undo';

/** An item of an import file that matched a stored item, which was kept because of a bad timestamp. */
export interface ImportKept {
  kind: 'bookmark' | 'annotation';
  /** The stored item that was kept, unchanged. */
  id: string;
  /** The imported item's id (another one when it matched by what it points at). */
  importedId: string;
  /** Whose timestamp could not be trusted: the imported item's, or the stored item's own. */
  item: 'imported' | 'stored';
  field: 'created' | 'modified';
  value: string;
  problem: TimeProblem;
}

/** A new item that was added with the import's time in place of a timestamp it could not keep. */
export interface ImportRepaired {
  kind: 'bookmark' | 'annotation';
  id: string;
  field: 'created' | 'modified';
  value: string;
  problem: TimeProblem;
  /** The time it got instead (the import's time; `created` gets the item's `modified` if that is good). */
  replacedBy: string;
}

/**
 * The shared report plus what was kept or repaired and why; the lists are present only when
 * something was (kept items are counted in `unchanged`, repaired ones in `added`).
 */
export interface ImportReport extends SharedImportReport {
  kept?: ImportKept[];
  repaired?: ImportRepaired[];
}
