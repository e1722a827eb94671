/** Publication, date and page of a page file, read from common file-name patterns. */

export interface PageMeta {
  publication?: string;
  date?: string;
  page?: string;
}

function isoDate(y: string, m: string, d: string): string | undefined {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** 2023-08-25_北碚报_03.txt, 20230825_北碚报_03.txt, 20230825-03.txt, 北碚报_2023-08-25_03.txt … */
export function metaFromFileName(fileName: string): PageMeta {
  const base = fileName.replace(/\.[^.]+$/u, '');
  const dateMatch = /(?:^|[^0-9])((?:19|20)\d\d)[-_.年]?(\d\d)[-_.月]?(\d\d)日?(?=$|[^0-9])/u.exec(base);
  if (!dateMatch) return {};
  const date = isoDate(dateMatch[1], dateMatch[2], dateMatch[3]);
  if (!date) return {};
  const rest = (base.slice(0, dateMatch.index) + ' ' + base.slice(dateMatch.index + dateMatch[0].length))
    .split(/[\s_\-.]+/u)
    .filter(Boolean);
  const meta: PageMeta = { date };
  for (const part of rest) {
    const page = /^(?:第)?0*(\d{1,3})(?:版)?$/u.exec(part);
    if (page && !meta.page) meta.page = page[1];
    else if (/\p{Script=Han}/u.test(part) && !meta.publication) meta.publication = part;
  }
  return meta;
}
