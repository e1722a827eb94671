/**
 * Newspaper-article citations for reference managers: RIS, BibTeX and CSL-JSON. Pure functions of
 * the articles (no clock, no I/O), shared by the notes export, the search export and the CLI.
 *
 * What each format says and why (checked against Zotero's own RIS.js and BibTeX.js translators,
 * EndNote's RIS tag list and the CSL 1.0.2 schema):
 *
 * - RIS: `TY  - NEWS` is the newspaper-article type of both Zotero (newspaperArticle) and EndNote
 *   (Newspaper Article). Tags are the current ones that both write and read: TI title, one AU per
 *   author, T2 the paper (Zotero: publicationTitle; EndNote: Newspaper), DA `YYYY/MM/DD/` with the
 *   unknown parts empty, PY the year, SP the page (版次), LA the language. The legacy synonyms T1
 *   and JF are not repeated: Zotero reads them only when TI and T2 are missing, and a reader that
 *   maps both synonyms to one field may keep the title twice. Lines end in CRLF and every
 *   record ends with `ER  - `, as the RIS specification asks. No byte-order mark: Zotero does not
 *   need one, and some readers take it for part of the first tag; EndNote users choose "Unicode
 *   (UTF-8)" as the text translation when importing.
 * - BibTeX: Zotero's BibTeX import has no type that becomes "Newspaper Article": `@article` becomes
 *   a Journal Article whatever the fields (`@newspaper`, which some Chinese styles use, is dropped
 *   as unknown). So the entry is `@article` with `journal` (every importer maps it to the
 *   publication title, which a newspaper article shares with a journal article, so Zotero's "Item
 *   Type → Newspaper Article" keeps paper, date and page) plus biblatex's `entrysubtype =
 *   {newspaper}`, the standard biblatex way to mark a newspaper article, which pandoc and
 *   biblatex styles read and Zotero's importer ignores. `journal` rather
 *   than `journaltitle`: biblatex/biber alias it, classic BibTeX styles know only `journal`, and
 *   given both, Zotero may file one as the journal abbreviation. The day lives in `date`
 *   (ISO 8601, read by biblatex, pandoc and Zotero, where it wins over `year`); `year` is kept for
 *   classic BibTeX styles. Names are braced (`{黄虹}`) so that no importer splits a Chinese name
 *   into given and family name, and the title is braced so that no style changes its case.
 *   Special characters are escaped as LaTeX that keeps BibTeX's brace count (it counts every
 *   brace, escaped or not); Chinese stays UTF-8 (biber, XeLaTeX, pandoc and Zotero read it as is).
 * - CSL-JSON: `type: "article-newspaper"`, which Zotero imports as Newspaper Article; names as
 *   `{ literal }` because a Chinese name has no given/family split worth guessing.
 *
 * Parts that are not known are left out, never invented. Text is cleaned the same way in every
 * format (control characters and line breaks become spaces, runs of spaces one space), because a
 * citation is one line in every reference manager.
 */
import { pageNumber, type CitableArticle } from './citation';

export const CITATION_FORMATS = ['ris', 'bibtex', 'csl'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

/** File extensions and media types for hosts that save or serve a citation file. */
export const CITATION_FILE_TYPES: Record<CitationFormat, { extension: string; mime: string }> = {
  ris: { extension: 'ris', mime: 'application/x-research-info-systems; charset=utf-8' },
  bibtex: { extension: 'bib', mime: 'application/x-bibtex; charset=utf-8' },
  csl: { extension: 'csl.json', mime: 'application/vnd.citationstyles.csl+json' },
};

/** Search results exported as citations when the caller names no limit. */
export const CITE_SEARCH_LIMIT = 1000;

export function isCitationFormat(value: unknown): value is CitationFormat {
  return typeof value === 'string' && (CITATION_FORMATS as readonly string[]).includes(value);
}

/** A publication date as far as it is known. */
export interface CitationDate {
  year: number;
  month?: number;
  day?: number;
}

/**
 * YYYY-MM-DD, YYYY-MM or YYYY (also with / or . between, or as 2024年3月1日); undefined when the
 * text is not such a date or names a day that does not exist.
 */
export function citationDate(date: string | undefined): CitationDate | undefined {
  const text = date?.normalize('NFKC').trim() ?? '';
  const m =
    /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/u.exec(text) ??
    /^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?$/u.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (!m[2]) return { year };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (!m[3]) return { year, month };
  const day = Number(m[3]);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= days ? { year, month, day } : undefined;
}

/** One line of text: control characters and line breaks become spaces, space runs one space. */
export function citationText(text: string | undefined): string {
  let line = '';
  for (const c of text ?? '') {
    const code = c.charCodeAt(0);
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
    line += control ? ' ' : c;
  }
  return line.replace(/ {2,}/gu, ' ').trim();
}

/** FNV-1a over the UTF-8 bytes: a short, stable, dependency-free fingerprint for citation keys. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `news-20240301-1a2b3c4d`: the date as far as known, then a fingerprint of the article's id. */
function baseKey(a: CitableArticle): string {
  const date = citationDate(a.date);
  const when = date ? `${date.year}${date.month ? pad(date.month) : ''}${date.day ? pad(date.day) : ''}` : '';
  const identity = a.id?.trim() || JSON.stringify([a.title, a.publication, a.date, a.page, a.authors]);
  return `news-${when ? `${when}-` : ''}${fingerprint(identity)}`;
}

/**
 * Citation keys, ASCII only (BibTeX, biber and pandoc take them as is) and stable: the same
 * article gets the same key in every export. Pinyin is not available offline, so the key is made
 * of the date and a fingerprint of the article id; a second article with the same key in one
 * file (a fingerprint collision, or the same article twice) gets `-2`, `-3` …
 */
export function citationKeys(articles: readonly CitableArticle[]): string[] {
  const seen = new Map<string, number>();
  return articles.map((a) => {
    const base = baseKey(a);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/** What every format cites of one article, cleaned; absent parts are undefined (or empty). */
interface CitationFields {
  key: string;
  title?: string;
  authors: string[];
  publication?: string;
  date?: CitationDate;
  page?: string;
  language?: string;
}

function fieldsOf(articles: readonly CitableArticle[]): CitationFields[] {
  const keys = citationKeys(articles);
  return articles.map((a, i) => ({
    key: keys[i],
    title: citationText(a.title) || undefined,
    authors: (a.authors ?? []).map(citationText).filter(Boolean),
    publication: citationText(a.publication) || undefined,
    date: citationDate(a.date),
    page: citationText(pageNumber(a.page)) || undefined,
    language: citationText(a.language) || undefined,
  }));
}

const CRLF = '\r\n';

function risLine(tag: string, value: string): string {
  return `${tag}  - ${value}${CRLF}`;
}

/** RIS dates are YYYY/MM/DD/ with unknown parts left empty (2024/03//). */
function risDate(d: CitationDate): string {
  return `${d.year}/${d.month ? pad(d.month) : ''}/${d.day ? pad(d.day) : ''}/`;
}

/** RIS records (TY  - NEWS … ER  - ), CRLF line ends, a blank line between records. */
export function toRis(articles: readonly CitableArticle[]): string {
  return fieldsOf(articles)
    .map((f) => {
      const lines = [risLine('TY', 'NEWS')];
      if (f.title) lines.push(risLine('TI', f.title));
      for (const name of f.authors) lines.push(risLine('AU', name));
      if (f.publication) lines.push(risLine('T2', f.publication));
      if (f.date) lines.push(risLine('DA', risDate(f.date)), risLine('PY', String(f.date.year)));
      if (f.page) lines.push(risLine('SP', f.page));
      if (f.language) lines.push(risLine('LA', f.language));
      lines.push(risLine('ER', ''));
      return lines.join('');
    })
    .join(CRLF);
}

/**
 * LaTeX for characters that BibTeX or LaTeX would otherwise read as syntax. Braces are a special
 * case: BibTeX counts them even after a backslash, so `\{` is safe only when the text's braces
 * pair up; otherwise they become text commands with balanced braces of their own.
 */
const BIBTEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '&': '\\&',
  '#': '\\#',
  _: '\\_',
  $: '\\$',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

function bracesPair(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

export function escapeBibtex(text: string): string {
  // `\{…\}` is what pandoc, Zotero and biber read back best; it needs braces that pair up.
  const paired = bracesPair(text);
  return text.replace(/[\\{}%&#_$~^]/gu, (c) =>
    paired && (c === '{' || c === '}') ? `\\${c}` : BIBTEX_ESCAPES[c],
  );
}

function isoDate(d: CitationDate): string {
  return `${d.year}${d.month ? `-${pad(d.month)}` : ''}${d.day ? `-${pad(d.day)}` : ''}`;
}

/** BibTeX `@article` entries that biblatex also reads; see the header for the choice of fields. */
export function toBibtex(articles: readonly CitableArticle[]): string {
  return fieldsOf(articles)
    .map((f) => {
      const fields: [string, string][] = [];
      if (f.authors.length)
        fields.push(['author', f.authors.map((name) => `{${escapeBibtex(name)}}`).join(' and ')]);
      if (f.title) fields.push(['title', `{${escapeBibtex(f.title)}}`]);
      if (f.publication) fields.push(['journal', escapeBibtex(f.publication)]);
      fields.push(['entrysubtype', 'newspaper']);
      if (f.date) fields.push(['date', isoDate(f.date)], ['year', String(f.date.year)]);
      if (f.page) fields.push(['pages', escapeBibtex(f.page)]);
      if (f.language) fields.push(['language', escapeBibtex(f.language)]);
      const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n');
      return `@article{${f.key},\n${body}\n}\n`;
    })
    .join('\n');
}

/** A CSL-JSON item of a newspaper article (CSL 1.0.2 schema). */
export interface CslItem {
  id: string;
  type: 'article-newspaper';
  title?: string;
  author?: { literal: string }[];
  'container-title'?: string;
  issued?: { 'date-parts': [[number] | [number, number] | [number, number, number]] };
  page?: string;
  language?: string;
}

function cslDateParts(d: CitationDate): [number] | [number, number] | [number, number, number] {
  if (d.month && d.day) return [d.year, d.month, d.day];
  if (d.month) return [d.year, d.month];
  return [d.year];
}

export function toCslItems(articles: readonly CitableArticle[]): CslItem[] {
  return fieldsOf(articles).map((f) => ({
    id: f.key,
    type: 'article-newspaper',
    ...(f.title ? { title: f.title } : {}),
    ...(f.authors.length ? { author: f.authors.map((literal) => ({ literal })) } : {}),
    ...(f.publication ? { 'container-title': f.publication } : {}),
    ...(f.date ? { issued: { 'date-parts': [cslDateParts(f.date)] } } : {}),
    ...(f.page ? { page: f.page } : {}),
    ...(f.language ? { language: f.language } : {}),
  }));
}

/** A CSL-JSON array (what Zotero, pandoc and citeproc read), two-space indented. */
export function toCslJson(articles: readonly CitableArticle[]): string {
  return `${JSON.stringify(toCslItems(articles), null, 2)}\n`;
}

export function formatCitations(format: CitationFormat, articles: readonly CitableArticle[]): string {
  switch (format) {
    case 'ris':
      return toRis(articles);
    case 'bibtex':
      return toBibtex(articles);
    case 'csl':
      return toCslJson(articles);
  }
}
