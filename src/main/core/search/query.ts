/**
 * The query language, parsed into clauses that the index evaluates:
 *
 *   双减 工作            both terms (space = AND)
 *   "科技 创新"           an exact phrase (spaces inside are ignored, like everywhere in matching)
 *   -三超                 exclude articles containing a term
 *   双减 OR 三超          either term (OR binds tighter than the space)
 *   title:双减            the term must occur in the title
 *   publication:北碚报    only articles of that publication (substring, normalised)
 *   from:2022-01-01 to:2022-12-31   inclusive date range (YYYY, YYYY-MM or YYYY-MM-DD)
 *
 * Never throws: whatever cannot be understood becomes an issue with a message and its position,
 * and the rest of the query is still used.
 */
import type { QueryIssue } from '../../../shared/search-types';
import { normalize } from '../text/normalize';

export type TermField = 'any' | 'title';

export interface QueryTerm {
  /** Normalised text to match contiguously. */
  text: string;
  /** As typed, for messages. */
  raw: string;
  field: TermField;
}

/** Articles must match at least one of the alternatives. */
export interface QueryClause {
  anyOf: QueryTerm[];
}

export type { QueryIssue };

export interface ParsedQuery {
  clauses: QueryClause[];
  exclude: QueryTerm[];
  publications: string[];
  /** Inclusive ISO date bounds (YYYY-MM-DD), when given. */
  from?: string;
  to?: string;
  issues: QueryIssue[];
}

interface Token {
  kind: 'word' | 'phrase' | 'or';
  text: string;
  negated: boolean;
  field?: string;
  start: number;
  end: number;
}

const FIELDS = new Set(['title', 'publication', 'pub', 'from', 'to']);
const SPACE = /\s/u;

function tokenize(query: string, issues: QueryIssue[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    if (SPACE.test(query[i])) {
      i++;
      continue;
    }
    const start = i;
    let negated = false;
    if ((query[i] === '-' || query[i] === '－') && i + 1 < n && !SPACE.test(query[i + 1])) {
      negated = true;
      i++;
    }
    let field: string | undefined;
    const fieldMatch = /^([a-zA-Z]+)[:：]/u.exec(query.slice(i, i + 16));
    if (fieldMatch && FIELDS.has(fieldMatch[1].toLowerCase())) {
      field = fieldMatch[1].toLowerCase();
      if (field === 'pub') field = 'publication';
      i += fieldMatch[0].length;
    }
    if (query[i] === '"' || query[i] === '“' || query[i] === '”') {
      i++;
      let close = i;
      while (close < n && !['"', '“', '”'].includes(query[close])) close++;
      if (close >= n) {
        issues.push({
          severity: 'warning',
          code: 'unclosed-quote',
          message: 'A quotation mark is not closed: the rest of the query is read as one phrase.',
          start,
          end: n,
        });
      }
      tokens.push({
        kind: 'phrase',
        text: query.slice(i, close),
        negated,
        field,
        start,
        end: Math.min(n, close + 1),
      });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < n && !SPACE.test(query[end]) && !['"', '“', '”'].includes(query[end])) end++;
    const text = query.slice(i, end);
    i = end;
    if (text === 'OR' && !negated && !field) tokens.push({ kind: 'or', text, negated, start, end });
    else tokens.push({ kind: 'word', text, negated, field, start, end });
  }
  return tokens;
}

const DATE = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/u;

/** An inclusive bound from YYYY, YYYY-MM or YYYY-MM-DD, or null when it is not a real date. */
export function dateBound(value: string, end: boolean): string | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : end ? 12 : 1;
  if (month < 1 || month > 12) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = m[3] ? Number(m[3]) : end ? last : 1;
  if (day < 1 || day > last) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseQuery(query: string): ParsedQuery {
  const issues: QueryIssue[] = [];
  const parsed: ParsedQuery = { clauses: [], exclude: [], publications: [], issues };
  const tokens = tokenize(query, issues);
  let pendingOr = false;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (token.kind === 'or') {
      const previous = parsed.clauses[parsed.clauses.length - 1];
      const next = tokens[k + 1];
      if (
        !previous ||
        (tokens[k - 1]?.kind !== 'word' && tokens[k - 1]?.kind !== 'phrase') ||
        tokens[k - 1].negated ||
        tokens[k - 1].field === 'publication' ||
        tokens[k - 1].field === 'from' ||
        tokens[k - 1].field === 'to'
      ) {
        issues.push({
          severity: 'warning',
          code: 'or-without-term-before',
          message: 'OR needs a search term before it; it was ignored.',
          start: token.start,
          end: token.end,
        });
      } else if (!next || next.kind === 'or' || next.negated || (next.field && next.field !== 'title')) {
        issues.push({
          severity: 'warning',
          code: 'or-without-term-after',
          message: 'OR needs a search term after it; it was ignored.',
          start: token.start,
          end: token.end,
        });
      } else {
        pendingOr = true;
      }
      continue;
    }
    const field = token.field;
    if (field === 'from' || field === 'to') {
      const bound = dateBound(token.text.trim(), field === 'to');
      if (!bound) {
        issues.push({
          severity: 'error',
          code: 'bad-date',
          params: { field, value: token.text },
          message: `${field}: needs a date like 2022-01-31, 2022-01 or 2022; "${token.text}" is not one.`,
          start: token.start,
          end: token.end,
        });
      } else if (token.negated) {
        issues.push({
          severity: 'warning',
          code: 'negated-date',
          params: { field },
          message: `-${field}: cannot be negated; it was read as ${field}:.`,
          start: token.start,
          end: token.end,
        });
        parsed[field] = bound;
      } else parsed[field] = bound;
      pendingOr = false;
      continue;
    }
    const text = normalize(token.text);
    if (!text) {
      if (field || token.kind === 'phrase') {
        issues.push({
          severity: 'warning',
          code: field ? 'empty-field' : 'empty-phrase',
          params: field ? { field } : undefined,
          message: field ? `${field}: has no value; it was ignored.` : 'An empty phrase was ignored.',
          start: token.start,
          end: token.end,
        });
      }
      pendingOr = false;
      continue;
    }
    if (field === 'publication') {
      if (token.negated)
        issues.push({
          severity: 'warning',
          code: 'negated-publication',
          message: '-publication: is not supported; it was read as publication:.',
          start: token.start,
          end: token.end,
        });
      parsed.publications.push(text);
      pendingOr = false;
      continue;
    }
    const term: QueryTerm = { text, raw: token.text, field: field === 'title' ? 'title' : 'any' };
    if (token.negated) parsed.exclude.push(term);
    else if (pendingOr) parsed.clauses[parsed.clauses.length - 1].anyOf.push(term);
    else parsed.clauses.push({ anyOf: [term] });
    pendingOr = false;
  }
  if (parsed.from && parsed.to && parsed.from > parsed.to) {
    issues.push({
      severity: 'error',
      code: 'from-after-to',
      params: { from: parsed.from, to: parsed.to },
      message: `from: ${parsed.from} is after to: ${parsed.to}; nothing can match.`,
      start: 0,
      end: query.length,
    });
  }
  if (
    parsed.clauses.length === 0 &&
    (parsed.exclude.length > 0 || parsed.publications.length > 0 || parsed.from || parsed.to)
  ) {
    if (parsed.exclude.length > 0 && parsed.publications.length === 0 && !parsed.from && !parsed.to) {
      issues.push({
        severity: 'error',
        code: 'only-exclusions',
        message: 'A query of exclusions only matches nothing: add a term to search for.',
        start: 0,
        end: query.length,
      });
    }
  }
  return parsed;
}

/** Every positive term of the query (for highlighting and snippets). */
export function positiveTerms(parsed: ParsedQuery): QueryTerm[] {
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  for (const clause of parsed.clauses) {
    for (const term of clause.anyOf) {
      if (seen.has(term.text)) continue;
      seen.add(term.text);
      terms.push(term);
    }
  }
  return terms;
}
