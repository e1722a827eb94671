import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateBound, parseQuery } from '../../src/main/core/search/query';
import { termKeys } from '../../src/main/core/search/grams';
import { en } from '../../src/renderer/src/i18n/en';
import { zh } from '../../src/renderer/src/i18n/zh';

describe('parseQuery', () => {
  it('reads AND, phrases, exclusions, OR and filters', () => {
    const q = parseQuery(
      '双减 "科技 创新" -三超 北碚 OR 渝北 title:会议 publication:北碚报 from:2022-01-01 to:2022-03',
    );
    expect(q.clauses.map((c) => c.anyOf.map((t) => `${t.field}:${t.text}`))).toEqual([
      ['any:双减'],
      ['any:科技创新'],
      ['any:北碚', 'any:渝北'],
      ['title:会议'],
    ]);
    expect(q.exclude.map((t) => t.text)).toEqual(['三超']);
    expect(q.publications).toEqual(['北碚报']);
    expect(q.from).toBe('2022-01-01');
    expect(q.to).toBe('2022-03-31');
    expect(q.issues).toEqual([]);
  });

  it('explains bad syntax instead of throwing', () => {
    expect(parseQuery('"双减').issues[0]).toMatchObject({ severity: 'warning' });
    expect(parseQuery('"双减').clauses[0].anyOf[0].text).toBe('双减');
    expect(parseQuery('from:2022-13-01 双减').issues[0]).toMatchObject({ severity: 'error' });
    expect(parseQuery('from:2022-02-30').issues[0].message).toMatch(/from:/u);
    expect(parseQuery('-双减').issues[0]).toMatchObject({ severity: 'error' });
    expect(parseQuery('OR 双减').issues[0].message).toMatch(/OR/u);
    expect(parseQuery('双减 OR').issues[0].message).toMatch(/OR/u);
    expect(parseQuery('from:2023 to:2022').issues.some((i) => i.severity === 'error')).toBe(true);
    expect(parseQuery('title:').issues[0].severity).toBe('warning');
  });

  it('every issue has a code the Chinese and English UI translate, with the parts it names', () => {
    const queries = [
      '"双减',
      'OR 双减',
      '双减 OR',
      'from:2022-13-01 双减',
      '-from:2022 双减',
      'title: 双减',
      '"" 双减',
      '-publication:北碚报 双减',
      'from:2023 to:2022 双减',
      '-双减',
    ];
    const issues = queries.flatMap((q) => parseQuery(q).issues);
    expect(new Set(issues.map((i) => i.code)).size).toBe(queries.length);
    for (const issue of issues) {
      for (const strings of [zh, en]) {
        const template = (strings.queryIssue as Record<string, string>)[issue.code];
        expect(template, `${issue.code} is translated`).toBeTruthy();
        // Every placeholder of the translation is one of the issue's params.
        for (const [, name] of template.matchAll(/\{\{(\w+)\}\}/gu))
          expect(issue.params ?? {}, `${issue.code}: {{${name}}}`).toHaveProperty(name);
      }
    }
    expect(parseQuery('from:2022-13-01 双减').issues[0].params).toEqual({
      field: 'from',
      value: '2022-13-01',
    });
  });

  it('keeps unknown field names and times as text', () => {
    expect(parseQuery('10:30').clauses[0].anyOf[0].text).toBe('10:30');
    expect(parseQuery('foo:bar').clauses[0].anyOf[0].text).toBe('foo:bar');
  });

  it('normalises terms like the text (full width, case, traditional)', () => {
    expect(parseQuery('ＰＴＦＥ 高新技術企業').clauses.map((c) => c.anyOf[0].text)).toEqual([
      'ptfe',
      '高新技术企业',
    ]);
  });

  it('accepts partial dates as inclusive bounds', () => {
    expect(dateBound('2022', false)).toBe('2022-01-01');
    expect(dateBound('2024-02', true)).toBe('2024-02-29');
    expect(dateBound('2022-1-5', false)).toBe('2022-01-05');
    expect(dateBound('yesterday', false)).toBeNull();
  });

  it('property: never throws, and every issue points into the query', () => {
    const alphabet = fc.constantFrom(
      '双',
      '减',
      ' ',
      '"',
      '“',
      '”',
      '-',
      'O',
      'R',
      'OR',
      ':',
      'title:',
      'from:',
      'to:',
      'publication:',
      '2022-01-01',
      'a',
      '5G',
      '\n',
      '　',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.array(alphabet, { maxLength: 20 }).map((a) => a.join('')),
        ),
        (query) => {
          const parsed = parseQuery(query);
          for (const issue of parsed.issues) {
            expect(issue.start).toBeGreaterThanOrEqual(0);
            expect(issue.end).toBeLessThanOrEqual(query.length);
            expect(issue.message.length).toBeGreaterThan(0);
          }
          for (const clause of parsed.clauses)
            for (const t of clause.anyOf) expect(t.text.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('property: the tokenizer gives one key per distinct bigram, or the unigram', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), (term) => {
        const keys = termKeys(term);
        if (term.length === 1) expect(keys).toEqual([term.charCodeAt(0)]);
        else {
          const pairs = new Set<string>();
          for (let i = 0; i + 1 < term.length; i++) pairs.add(term.slice(i, i + 2));
          expect(keys.length).toBe(pairs.size);
        }
      }),
    );
  });
});
