/** What importing a corrections file did (see core/corrections/exchange.ts). */
export interface CorrectionsImportReport {
  /** Entries in the file. */
  entries: number;
  /** Articles whose corrections changed. */
  changed: number;
  /** Entries that added nothing (already known). */
  unchanged: number;
  /** Of the changed: articles not in this archive; kept, and applied once their pages are imported. */
  notInArchive: number;
  /** Text revisions added to the histories. */
  revisionsAdded: number;
  /** Title, paper, date or page corrections added where this archive had none. */
  fieldsAdded: number;
  /** Fields corrected differently here and in the file: the correction here was kept. */
  conflicts: { id: string; field: 'title' | 'publication' | 'date' | 'page' }[];
  /** Revisions whose time was not a real time (or lay in the future): given the import's time. */
  repairedTimes: number;
  /** Entries that were not read, with the reason. */
  rejected: { index: number; reason: string }[];
}
