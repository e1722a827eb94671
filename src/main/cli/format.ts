/** Human-readable output of the CLI (the --json output is the contract; this is for people). */
import type { Metric } from '../../shared/metrics-types';
import type { ArticleSummary, ArticleView, ImportReport, SearchResult } from '../../shared/types';

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
