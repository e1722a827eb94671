/** Citations of newspaper articles, shared by the reader and the notes export. */

export interface CitableArticle {
  title: string;
  authors?: string[];
  publication?: string;
  date?: string;
  page?: string;
}

/** GB/T 7714-2015 newspaper form: 作者. 题名[N]. 报纸名, 出版日期(版次). Unknown parts are left out. */
export function citeGbt7714(a: CitableArticle): string {
  const authors = (a.authors ?? []).filter(Boolean);
  const who = authors.length > 3 ? `${authors.slice(0, 3).join(', ')}, 等` : authors.join(', ');
  const where = [a.publication, a.date ? `${a.date}${a.page ? `(${a.page})` : ''}` : undefined]
    .filter(Boolean)
    .join(', ');
  return `${who ? `${who}. ` : ''}${a.title}[N]${where ? `. ${where}` : ''}.`;
}

/** A plain-text reference: title, paper, date and page, as a person would write it in a note. */
export function citePlain(a: CitableArticle): string {
  const parts = [
    a.authors?.length ? a.authors.join('、') : undefined,
    `《${a.title}》`,
    a.publication ? `《${a.publication}》` : undefined,
    a.date,
    a.page ? `第${a.page}版` : undefined,
  ].filter(Boolean);
  return parts.join(',');
}
