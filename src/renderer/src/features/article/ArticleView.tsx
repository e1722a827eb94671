import type { ReactNode } from 'react';
import type { ArticleView as Article } from '../../../../shared/types';
import { Highlighted } from '../../components/Highlighted';
import type { Strings } from '../../i18n';

/** The full article: title, where it comes from, and its paragraphs with the query highlighted. */
export function ArticleView({ article, t }: { article: Article; t: Strings }): ReactNode {
  // Paragraphs are joined by a blank line in `text`, which the highlight ranges refer to.
  const starts = article.paragraphs.reduce<number[]>(
    (acc, p, i) => [...acc, i === 0 ? 0 : acc[i - 1] + article.paragraphs[i - 1].length + 2],
    [],
  );
  const paragraphs = article.paragraphs.map((p, i) => (
    <p key={i}>
      <Highlighted text={p} ranges={article.highlights} offset={starts[i]} />
    </p>
  ));
  const meta = [article.publication, article.date, article.page ? `第${article.page}版` : undefined].filter(
    Boolean,
  );
  return (
    <article className="article" aria-labelledby="article-title">
      <h1 id="article-title">
        <Highlighted text={article.title} ranges={article.titleHighlights} />
      </h1>
      <p className="article-meta">
        {meta.length > 0 && <span>{meta.join(' · ')}</span>}
        <span>
          {t.source}: {article.source.file}, {t.lines(article.source.lineStart, article.source.lineEnd)}
        </span>
        {article.highlights.length > 0 && (
          <span className="match-count">{t.matches(article.highlights.length)}</span>
        )}
      </p>
      <div className="article-body">{paragraphs}</div>
    </article>
  );
}
