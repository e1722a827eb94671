/** Human-readable output of the CLI (the --json output is the contract; this is for people). */
import type { Metric } from '../../shared/metrics-types';
import type { CorrectionsImportReport } from '../../shared/corrections-types';
import { textChanges } from '../../shared/text-diff';
import type {
  ArticleSummary,
  ArticleView,
  ImportReport,
  SearchResult,
  TextRevision,
} from '../../shared/types';

function where(a: ArticleSummary): string {
  return `${a.source.file}:${a.source.lineStart}-${a.source.lineEnd}`;
}

function meta(a: ArticleSummary): string {
  return [a.publication, a.date, a.page ? `p.${a.page}` : undefined].filter(Boolean).join(' ');
}

export function formatArticles(articles: ArticleSummary[]): string {
  const lines = articles.map(
    (a) => `${a.id}  ${a.title}  [${[meta(a), where(a)].filter(Boolean).join(' ')}]`,
  );
  lines.push(`${articles.length} articles`);
  return lines.join('\n');
}

export function formatArticle(a: ArticleView): string {
  return [a.title, [meta(a), where(a)].filter(Boolean).join('  '), '', a.text].join('\n');
}

export function formatSearch(result: SearchResult): string {
  const lines = [`${result.total} hits for "${result.query}"`];
  for (const h of result.hits) {
    lines.push(
      '',
      `${h.id}  ${h.title}  [${[meta(h), where(h)].filter(Boolean).join(' ')}]`,
      `  ${h.snippet}`,
    );
  }
  return lines.join('\n');
}

export function formatImport(report: ImportReport): string {
  const lines = report.files.map(
    (f) =>
      `${f.status.padEnd(9)} ${f.file}  ${f.encoding ?? ''} ${f.articles} articles${
        f.warnings.length ? `  warnings: ${f.warnings.join('; ')}` : ''
      }${f.errors.length ? `  errors: ${f.errors.join('; ')}` : ''}`,
  );
  for (const s of report.skipped) lines.push(`skipped   ${s.file}  ${s.reason}`);
  for (const r of report.removed) lines.push(`removed   ${r}`);
  const t = report.totals;
  lines.push(
    `${t.files} files, ${t.articles} articles, ${t.skipped} skipped, ${t.failed} failed, ${t.warnings} warnings${
      report.cancelled ? ' (cancelled)' : ''
    }`,
  );
  return lines.join('\n');
}

export function formatMetrics(metrics: Metric[]): string {
  return metrics
    .map(
      (m) =>
        `${m.kind.padEnd(17)} ${m.text}${m.label ? `  ← ${m.label}` : ''}${m.value !== null ? `  = ${m.value}` : ''}`,
    )
    .join('\n');
}

/** An article's text revisions, oldest first, each with the passages it changed. */
export function formatHistory(printed: string, history: TextRevision[]): string {
  if (history.length === 0) return 'the text was never corrected';
  let before = printed;
  return history
    .map((revision, i) => {
      const after = revision.text ?? printed;
      const changes = textChanges(before, after);
      before = after;
      const head = `#${i + 1}  ${revision.at}${revision.text === null ? '  (back to the printed text)' : ''}${
        revision.note ? `  ${revision.note}` : ''
      }`;
      const shown = changes
        .slice(0, 10)
        .map(
          (c) =>
            `    at ${c.at}: ${c.removed ? `「${c.removed}」` : '(nothing)'} → ${c.added ? `「${c.added}」` : '(nothing)'}`,
        );
      if (changes.length > 10) shown.push(`    … and ${changes.length - 10} more changes`);
      return [head, ...shown].join('\n');
    })
    .join('\n');
}

export function formatCorrectionsImport(r: CorrectionsImportReport): string {
  const lines = [
    `${r.entries} entries: ${r.changed} articles changed, ${r.unchanged} already known`,
    `${r.revisionsAdded} text revisions and ${r.fieldsAdded} corrected fields added`,
  ];
  if (r.notInArchive)
    lines.push(
      `${r.notInArchive} for articles not in this archive: kept, applied once their pages are imported`,
    );
  for (const c of r.conflicts) lines.push(`kept this archive's ${c.field} of ${c.id} (the file has another)`);
  if (r.repairedTimes)
    lines.push(`${r.repairedTimes} revisions had no real time and were given the import's time`);
  for (const x of r.rejected) lines.push(`entry ${x.index + 1} not read: ${x.reason}`);
  return lines.join('\n');
}
