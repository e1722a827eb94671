/**
 * Corrections as a file of their own, to take them to another copy of the archive (a colleague's,
 * a new machine) and back: every correction of titles, papers, dates, pages and texts, with the
 * whole history of each text. Article ids come from the page file and its printed text, so the
 * same archive gives the same ids anywhere. Importing merges: nothing stored is ever replaced by
 * an older or a broken entry, and entries for articles not in this archive are kept until they are.
 */
import { z } from 'zod';
import type { CorrectionsImportReport } from '../../../shared/corrections-types';
import type { Article, ArticleCorrection, TextRevision } from '../../../shared/types';
import { checkTime } from '../notes/times';
import { canonicalText, MAX_CORRECTED_TEXT, MAX_REVISION_NOTE } from './text';

export const CORRECTIONS_FORMAT = 'newsstack-corrections';
export const CORRECTIONS_VERSION = 1;

export interface CorrectionsFile {
  format: typeof CORRECTIONS_FORMAT;
  version: number;
  exported: string;
  corrections: CorrectionEntry[];
}

export interface CorrectionEntry {
  id: string;
  /** Where the article is, for a reader of the file; never used to match. */
  article?: { title: string; file?: string; publication?: string; date?: string; page?: string };
  fields?: Omit<ArticleCorrection, 'textHistory'>;
  textHistory?: TextRevision[];
}

/** The file for every stored correction; `articles` describes the ones in the archive. */
export function exportCorrections(
  corrections: ReadonlyMap<string, ArticleCorrection>,
  articles: ReadonlyMap<string, Article>,
  now: Date,
): string {
  const entries: CorrectionEntry[] = [];
  for (const [id, correction] of [...corrections].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { textHistory, ...fields } = correction;
    const article = articles.get(id);
    const entry: CorrectionEntry = { id };
    if (article)
      entry.article = {
        title: article.title,
        file: article.source.file,
        ...(article.publication ? { publication: article.publication } : {}),
        ...(article.date ? { date: article.date } : {}),
        ...(article.page ? { page: article.page } : {}),
      };
    if (Object.keys(fields).length) entry.fields = fields;
    if (textHistory?.length) entry.textHistory = textHistory;
    entries.push(entry);
  }
  const file: CorrectionsFile = {
    format: CORRECTIONS_FORMAT,
    version: CORRECTIONS_VERSION,
    exported: now.toISOString(),
    corrections: entries,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const Revision = z.object({
  text: z.string().max(MAX_CORRECTED_TEXT).nullable(),
  at: z.string().max(64),
  note: z.string().max(MAX_REVISION_NOTE).optional(),
});
const Fields = z.object({
  publication: z.string().max(500).nullable().optional(),
  date: z.string().max(40).nullable().optional(),
  page: z.string().max(100).nullable().optional(),
  title: z.string().max(2000).optional(),
});
const Entry = z.object({
  id: z.string().min(1).max(200),
  fields: Fields.optional(),
  textHistory: z.array(Revision).max(10_000).optional(),
});
const Envelope = z.object({
  format: z.literal(CORRECTIONS_FORMAT),
  version: z.number().int().min(1),
  corrections: z.array(z.unknown()).max(1_000_000),
});

export class CorrectionsFileError extends Error {}

/** The merge of a corrections file into the stored corrections; `stored` is not changed. */
export function mergeCorrections(
  content: string,
  stored: ReadonlyMap<string, ArticleCorrection>,
  known: (id: string) => boolean,
  now: Date,
): { changes: Record<string, ArticleCorrection>; report: CorrectionsImportReport } {
  let raw: unknown;
  try {
    raw = JSON.parse(content.replace(/^\uFEFF/u, ''));
  } catch (error) {
    throw new CorrectionsFileError(`not a JSON file: ${(error as Error).message}`);
  }
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success)
    throw new CorrectionsFileError(
      'not a corrections file of Newsstack (it needs "format": "newsstack-corrections" and a list of corrections)',
    );
  if (envelope.data.version > CORRECTIONS_VERSION)
    throw new CorrectionsFileError(
      `the file was written by a newer version of Newsstack (corrections format ${envelope.data.version}, this version reads ${CORRECTIONS_VERSION})`,
    );
  const report: CorrectionsImportReport = {
    entries: envelope.data.corrections.length,
    changed: 0,
    unchanged: 0,
    notInArchive: 0,
    revisionsAdded: 0,
    fieldsAdded: 0,
    conflicts: [],
    repairedTimes: 0,
    rejected: [],
  };
  const changes: Record<string, ArticleCorrection> = {};
  envelope.data.corrections.forEach((item, index) => {
    const parsed = Entry.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      report.rejected.push({
        index,
        reason: `${issue.path.join('.') || 'entry'}: ${issue.message}`,
      });
      return;
    }
    const entry = parsed.data;
    const mine = changes[entry.id] ?? stored.get(entry.id) ?? {};
    const next: ArticleCorrection = { ...mine };
    let changed = false;
    for (const field of ['title', 'publication', 'date', 'page'] as const) {
      const theirs = entry.fields?.[field];
      if (theirs === undefined) continue;
      const ours = mine[field];
      if (ours === undefined) {
        (next as Record<string, unknown>)[field] = theirs;
        report.fieldsAdded++;
        changed = true;
      } else if (ours !== theirs) report.conflicts.push({ id: entry.id, field });
    }
    if (entry.textHistory?.length) {
      const revisions = entry.textHistory.map((r) => {
        const time = checkTime(r.at, now.getTime());
        if ('problem' in time) report.repairedTimes++;
        const revision: TextRevision = {
          text: r.text === null ? null : canonicalText(r.text) || null,
          at: 'problem' in time ? now.toISOString() : new Date(time.ms).toISOString(),
        };
        if (r.note?.trim()) revision.note = r.note.trim();
        return revision;
      });
      const merged = mergeHistories(mine.textHistory ?? [], revisions);
      const added = merged.length - (mine.textHistory?.length ?? 0);
      if (added > 0) {
        next.textHistory = merged;
        report.revisionsAdded += added;
        changed = true;
      }
    }
    if (!changed) {
      report.unchanged++;
      return;
    }
    changes[entry.id] = next;
    report.changed++;
    if (!known(entry.id)) report.notInArchive++;
  });
  return { changes, report };
}

/** Both histories in time order, each revision once (the same time and text). */
export function mergeHistories(
  ours: readonly TextRevision[],
  theirs: readonly TextRevision[],
): TextRevision[] {
  const key = (r: TextRevision): string => `${Date.parse(r.at)}\u0000${r.text ?? '\u0000printed'}`;
  const seen = new Set(ours.map(key));
  const all = [...ours];
  for (const r of theirs) {
    const k = key(r);
    if (seen.has(k)) continue;
    seen.add(k);
    all.push(r);
  }
  // Stable: revisions of the same instant keep the order they came in, ours first.
  return all
    .map((r, i) => ({ r, i, t: Date.parse(r.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(({ r }) => r);
}
