/**
 * notes/: bookmarks, saved searches and annotations of articles, kept in a lowdb JSON file in the
 * data folder (`<data>/notes/notes.json`, with backups/ beside it), anchored to article text with
 * W3C Web Annotation selectors, and exported as Markdown, Web Annotation JSON-LD, CSV or HTML.
 *
 * Owns: everything under `<data>/notes/`. Must not touch: the archive (page files are read-only
 * everywhere), the search index, electron (this runs in plain Node: CLI, browser mode, tests).
 * Articles come in as plain values (ArticleMeta / ArticleText) from the caller; nothing here
 * imports the archive or search code. types.ts and schema.ts depend on zod only, so that the
 * shared contract can re-export them.
 */
export { anchorAcross, anchorSelector, CONTEXT_LENGTH, describeRange, foldWidth } from './anchor';
export type { AnchorMatch, AnnotationSelector, CrossArticleMatch } from './anchor';
export { defaultCandidates, reanchorAnnotations } from './annotations';
export type { ListAnnotationsQuery, ReanchorOptions } from './annotations';
export { listBookmarks, listTags } from './bookmarks';
export { citeArticle } from './citation';
export { selectScope } from './collect';
export { NotesError } from './errors';
export { EXPORT_FILE_TYPES, exportNotes } from './export';
export type { ExportOptions } from './export';
export { notesPaths } from './file';
export type { NotesPaths } from './file';
export { parseWebAnnotations } from './import-json';
export * from './schema';
export { NotesStore } from './store';
export type { NotesStoreOptions } from './store';
export * from './types';
