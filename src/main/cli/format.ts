/** Human-readable output of the CLI (the --json output is the contract; this is for people). */
import type { ArticleSummary, ArticleView, SearchResult } from '../../shared/types';

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
