/** Citations of newspaper articles, shared by the reader and the notes export. */

export interface CitableArticle {
  id?: string;
  title: string;
  authors?: readonly string[];
  publication?: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY when known. */
  date?: string;
  page?: string;
  /** The article's language as a BCP 47 tag ('zh'); only the reference-manager formats use it. */
  language?: string;
}

/** The page as a 版次: "第3版" and "03" become "3"; anything else is kept as written. */
export function pageNumber(page: string | undefined): string | undefined {
  if (!page) return undefined;
  const m = /^\s*第?\s*0*([A-Za-z]?\d+)\s*(?:版|页)?\s*$/u.exec(page.normalize('NFKC'));
  return m ? m[1] : page.trim() || undefined;
}

/** Up to three authors, then 等, as GB/T 7714 asks. */
function authorList(authors: readonly string[] | undefined): string | undefined {
  const names = (authors ?? []).map((a) => a.trim()).filter(Boolean);
  if (!names.length) return undefined;
  return names.length > 3 ? `${names.slice(0, 3).join(', ')}, 等` : names.join(', ');
}

/**
 * GB/T 7714-2015 newspaper form: 作者. 题名[N]. 报纸名, 出版日期(版次). Parts that are unknown are
 * left out rather than invented. `escape` lets a caller (Markdown, HTML) escape each part.
 */
export function citeGbt7714(article: CitableArticle, escape: (text: string) => string = (t) => t): string {
  const parts: string[] = [];
  const authors = authorList(article.authors);
  if (authors) parts.push(`${escape(authors)}. `);
  parts.push(`${escape(article.title.trim() || article.id || '')}[N]. `);
  const page = pageNumber(article.page);
  const when = article.date ? `${article.date}${page ? `(${page})` : ''}` : page ? `(${page})` : '';
  const where = [article.publication?.trim() && escape(article.publication.trim()), escape(when)]
    .filter(Boolean)
    .join(', ');
  if (where) parts.push(`${where}.`);
  return parts.join('').trim();
}

/** A plain-text reference: authors, title, paper, date and page, as a person writes it in a note. */
export function citePlain(a: CitableArticle): string {
  const page = pageNumber(a.page);
  const parts = [
    a.authors?.length ? a.authors.join('、') : undefined,
    `《${a.title}》`,
    a.publication ? `《${a.publication}》` : undefined,
    a.date,
    page ? `第${page}版` : undefined,
  ].filter(Boolean);
  return parts.join(',');
}
