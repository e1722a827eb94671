/**
 * A parsed query (query.ts) as SQL over the articles table. A term's candidates come from the
 * GIN index over gram keys (`grams @> keys`: every gram of the term occurs somewhere in the
 * article); longer terms are then verified by strpos on the normalised title and text, so recall
 * and precision are exact. Terms are always bound as parameters: strpos takes them literally,
 * with no pattern characters (unlike LIKE).
 */
import { termKeys } from '../grams';
import type { ParsedQuery, QueryTerm } from '../query';
import { pgSafe } from './schema';

/** Positional parameters of one statement. */
export class Params {
  readonly values: unknown[] = [];

  /** The placeholder of `value`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The normalised term as the tables hold text (pgSafe). */
export function termText(term: QueryTerm): string {
  return pgSafe(term.text);
}

/** Gram keys of a term, as the articles' `grams` hold them. */
export function keysOf(term: QueryTerm): number[] {
  return termKeys(termText(term));
}

/** SQL of one term: whether a row matches it, and how often it occurs there. */
export interface TermSql {
  match: string;
  /** Occurrences in title and text (0 where the row does not match). */
  tf: string;
  /** 1 where the term occurs in the title, else 0. */
  inTitle: string;
}

/** A regular expression for one character, literally. */
function regexChar(c: string): string {
  return /[\p{L}\p{N}]/u.test(c) ? c : `\\${c}`;
}

/**
 * Occurrences of the term in `column`, counted as the desktop index counts them: a one- or
 * two-unit term by its gram's postings (a bigram of two equal units overlaps itself: 哈哈 occurs
 * twice in 哈哈哈), a longer one without overlaps from the start (countAll). Lengths in bytes:
 * octet_length reads a header, char_length walks the UTF-8.
 */
function countIn(column: string, text: string, placeholder: string, p: Params): string {
  if (text.length === 2 && text[0] === text[1]) {
    const c = regexChar(text[0]);
    return `regexp_count(${column}, ${p.add(`${c}(?=${c})`)})`;
  }
  return `((octet_length(${column}) - octet_length(replace(${column}, ${placeholder}, ''))) / octet_length(${placeholder}))`;
}

/**
 * A term's SQL; without `counts`, only its match (tf and inTitle are then 0). The index answers
 * a one- or two-unit term of the title or text exactly (its gram is in the row's grams if and
 * only if the term is in the title or the text, as the desktop index's postings), so only longer
 * terms and title: terms read the text to verify.
 */
export function termSql(term: QueryTerm, p: Params, counts = true): TermSql {
  const text = termText(term);
  const keys = p.add(termKeys(text));
  // Added when first used: PostgreSQL cannot type a parameter that the statement does not use.
  let placeholder = '';
  const t = (): string => (placeholder ||= p.add(text));
  const inTitle = (): string => `strpos(ntitle, ${t()}) > 0`;
  const titleOnly = term.field === 'title';
  const verify = titleOnly
    ? ` AND ${inTitle()}`
    : text.length > 2
      ? ` AND (${inTitle()} OR strpos(ntext, ${t()}) > 0)`
      : '';
  const match = `(grams @> ${keys}::int8[]${verify})`;
  if (!counts) return { match, tf: '0', inTitle: '0' };
  // Occurrences anywhere count, also for a title: term (as the desktop's), where it is in the title.
  const count = `${countIn('ntitle', text, t(), p)} + ${countIn('ntext', text, t(), p)}`;
  return {
    match,
    tf: titleOnly ? `CASE WHEN ${inTitle()} THEN ${count} ELSE 0 END` : `(${count})`,
    inTitle: `CASE WHEN ${inTitle()} THEN 1 ELSE 0 END`,
  };
}

/** Whether a row holds an excluded term (no index needed: it only narrows other matches). */
function excludedSql(term: QueryTerm, p: Params): string {
  const t = p.add(termText(term));
  return term.field === 'title'
    ? `strpos(ntitle, ${t}) > 0`
    : `(strpos(ntitle, ${t}) > 0 OR strpos(ntext, ${t}) > 0)`;
}

function isoKey(iso: string): number {
  return Number(iso.replaceAll('-', ''));
}

/**
 * Exclusions, publications and dates, as evaluate.ts applies them: a publication filter keeps
 * articles whose normalised publication contains any of the names; a date range keeps dated
 * articles overlapping it (a date known to the month only, day 00, overlaps when its month does).
 */
export function filterSql(parsed: ParsedQuery, p: Params): string[] {
  const where: string[] = [];
  for (const term of parsed.exclude) where.push(`NOT ${excludedSql(term, p)}`);
  if (parsed.publications.length)
    where.push(
      `(${parsed.publications.map((name) => `strpos(pub_norm, ${p.add(pgSafe(name))}) > 0`).join(' OR ')})`,
    );
  if (parsed.from || parsed.to) where.push('date_key <> 0');
  if (parsed.from)
    where.push(
      `date_key >= ${p.add(isoKey(parsed.from))}::int - CASE WHEN date_key % 100 = 0 THEN 99 ELSE 0 END`,
    );
  if (parsed.to) where.push(`date_key <= ${p.add(isoKey(parsed.to))}::int`);
  return where;
}

/** The statement of matching rows: every clause (any of its terms), then the filters. */
export interface MatchSql {
  where: string;
  /** Per clause, per alternative: the term's SQL. */
  terms: TermSql[][];
  params: Params;
}

/** Every parameter is used by the statement (PostgreSQL cannot type one it does not see). */
export function matchSql(parsed: ParsedQuery, counts = true): MatchSql {
  const p = new Params();
  const terms = parsed.clauses.map((c) => c.anyOf.map((t) => termSql(t, p, counts)));
  const where = [
    ...terms.map((alts) => `(${alts.map((t) => t.match).join(' OR ')})`),
    ...filterSql(parsed, p),
  ];
  return { where: where.length ? where.join(' AND ') : 'TRUE', terms, params: p };
}
