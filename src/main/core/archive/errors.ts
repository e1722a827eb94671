/** Thrown when an archive folder cannot be read at all (missing, not a folder, no permission). */
export class ArchiveUnreadableError extends Error {}
