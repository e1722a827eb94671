/** The notes types live in src/shared so the contract and the renderer use the same ones. */
import type { NotesErrorCode as SharedNotesErrorCode } from '../../../shared/notes-types';

export * from '../../../shared/notes-types';

/**
 * The codes of the shared contract, plus `stale-undo`: an undo refused because another window or
 * process edited the item since (hosts translate it to `bad-request`, message included).
 */
export type NotesErrorCode = SharedNotesErrorCode | 'stale-undo';
