import type { NotesErrorCode } from './types';

/** An error from the notes store that a host can translate: `code` is stable, `message` readable. */
export class NotesError extends Error {
  constructor(
    readonly code: NotesErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NotesError';
  }
}
