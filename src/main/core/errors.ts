import type { ApiErrorShape, ErrorCode, UnavailableFolder } from '../../shared/types';

/** An error a person can act on: it crosses every boundary as `{code, message}`. */
export class ArchiveError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For 'invalid-folder': the folder and its problem, for the UI to say in the user's language. */
    readonly folder?: UnavailableFolder,
  ) {
    super(message);
  }
}

export function toErrorShape(error: unknown): ApiErrorShape {
  if (error instanceof ArchiveError)
    return { code: error.code, message: error.message, ...(error.folder ? { folder: error.folder } : {}) };
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray(error.issues)) {
    const issues = error.issues as { path?: unknown[]; message?: string }[];
    const first = issues[0];
    const where = first?.path?.length ? `${first.path.join('.')}: ` : '';
    return { code: 'bad-request', message: `invalid argument: ${where}${first?.message ?? 'bad value'}` };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
