/**
 * catalog/: owns the archive database in the data folder (folders, page files with their import
 * state, articles, corrections) and the move of older data folders into it. It stores what the
 * importer found and answers questions about articles; it must not read page files (archive/
 * does), build search structures (search/ does) or touch notes.
 */
export { Catalog, CATALOG_FILE, isDamaged, mergeReports, type CatalogChanges } from './catalog';
export { adoptLegacyState, CORRECTIONS_FILE, legacyKey, restoreCorrections } from './migrate';
export { SCHEMA_VERSION } from './schema';
