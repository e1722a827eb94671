/**
 * The corrections part of the contract: editing an article's text (with its history), and the
 * corrections file to take every correction to another copy of the archive and back.
 */
import type { ExportResult, Input } from '../../shared/contract';
import type { CorrectionsImportReport } from '../../shared/corrections-types';
import type { Article, ArticleView } from '../../shared/types';
import { CorrectionsFileError, exportCorrections, mergeCorrections } from './corrections/exchange';
import { addRevision } from './corrections/text';
import { ArchiveError } from './errors';
import type { Library } from './library';

export interface CorrectionsHost {
  library(): Promise<Library>;
  /** The article as the reader gets it (with its text history). */
  view(id: string): Promise<ArticleView>;
  /** Finds the user's annotations of these articles again in their new text. */
  reanchor(articles: Article[]): Promise<void>;
  saveFile?: (suggestedName: string, content: string) => Promise<string | null>;
}

export async function correctText(
  host: CorrectionsHost,
  input: Input<'articles:correctText'>,
  now = new Date(),
): Promise<ArticleView> {
  const library = await host.library();
  const article = library.catalog.article(input.id);
  if (!article) throw new ArchiveError('not-found', `no article with id ${input.id}`);
  const history = library.catalog.correctionMap().get(input.id)?.textHistory;
  const printed = article.originalText ?? article.text;
  const outcome = addRevision(history, printed, input.text, input.note, now);
  if (outcome.kind === 'refused') throw new ArchiveError('bad-request', outcome.message);
  if (outcome.kind === 'changed') {
    await library.storeCorrections({ [input.id]: { textHistory: outcome.history } });
    await host.reanchor([library.catalog.article(input.id) as Article]);
  }
  return host.view(input.id);
}

export async function exportCorrectionsFile(
  host: CorrectionsHost,
  save: boolean | undefined,
  now = new Date(),
): Promise<ExportResult> {
  const library = await host.library();
  const stored = library.catalog.correctionMap();
  const articles = new Map(library.catalog.articles([...stored.keys()]).map((a) => [a.id, a]));
  const content = exportCorrections(stored, articles, now);
  const fileName = `newsstack-corrections-${now.toISOString().slice(0, 10)}.json`;
  const mime = 'application/json';
  if (save && host.saveFile) {
    const savedTo = await host.saveFile(fileName, content);
    return savedTo ? { fileName, mime, savedTo } : { fileName, mime, cancelled: true };
  }
  return { fileName, mime, content };
}

export async function importCorrectionsFile(
  host: CorrectionsHost,
  content: string,
  now = new Date(),
): Promise<CorrectionsImportReport> {
  const library = await host.library();
  let merged: ReturnType<typeof mergeCorrections>;
  try {
    merged = mergeCorrections(
      content,
      library.catalog.correctionMap(),
      (id) => library.catalog.slotOf(id) !== undefined,
      now,
    );
  } catch (error) {
    if (error instanceof CorrectionsFileError)
      throw new ArchiveError('bad-request', `cannot import corrections: ${error.message}`);
    throw error;
  }
  await library.storeCorrections(merged.changes);
  const present = library.catalog.articles(Object.keys(merged.changes));
  if (present.length) await host.reanchor(present);
  return merged.report;
}
