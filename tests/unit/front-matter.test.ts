import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { importArchives, PARSER_VERSION } from '../../src/main/core/archive';
import { splitFrontMatter } from '../../src/main/core/archive/front-matter';
import { Catalog } from '../../src/main/core/catalog';
import { ArchiveService } from '../../src/main/core/service';
import { archiveWith, tempDir } from './helpers/tmp';

const ARTICLE = `---
title: "港府宣布新一轮防疫措施"
subtitle: 食肆晚市堂食延至十时
date: 2021-06-18 11:21
author:
  - 陳小明
  - 李大文
tags: [防疫, 政府]
source: 蘋果日報
---

# 港府宣布新一轮防疫措施

政府今日宣布，由下周一起放宽部分社交距离措施。

## 食肆

食肆晚市堂食时间延长至晚上十时，每台人数上限维持四人。

## 学校

全港中小学将于下月恢复全日面授课堂。
`;

describe('Markdown front matter', () => {
  it('gives the one article of the file its title, date, paper, authors and tags; the block is not an article', async () => {
    const dir = archiveWith({ '2021/港闻.md': ARTICLE, '2021/plain.md': '# 只有标题\n\n正文一段。\n' });
    const { report, articles } = await importArchives([dir]);
    const [article, ...others] = articles.filter((a) => a.source.file === '2021/港闻.md');
    expect(others).toEqual([]);
    expect(article).toMatchObject({
      title: '港府宣布新一轮防疫措施',
      subtitle: '食肆晚市堂食延至十时',
      date: '2021-06-18',
      publication: '蘋果日報',
      authors: ['陳小明', '李大文'],
      byline: '陳小明 李大文',
      tags: ['防疫', '政府'],
    });
    expect(article.sections?.map((s) => s.title)).toEqual(['食肆', '学校']);
    expect(article.text).toContain('政府今日宣布');
    expect(article.text).toContain('全港中小学');
    expect(article.text).not.toMatch(/title:|tags:|---/u);
    // Lines still point into the file: the article starts at its heading, after the block.
    expect(article.source.lineStart).toBe(12);
    expect(report.files.find((f) => f.file === '2021/港闻.md')?.warnings).toEqual([]);
    expect(articles.find((a) => a.source.file === '2021/plain.md')?.title).toBe('只有标题');
  });

  it('a broken block is reported and ignored, never read as text; a page that merely opens with a rule is read as before', async () => {
    const dir = archiveWith({
      'bad.md': '---\ntitle: "没有闭合的引号\ndate: [2021\n---\n\n# 标题\n\n正文。\n',
      'baddate.md': '---\ntitle: 标题二\ndate: 上周三\n---\n\n正文二。\n',
      'rule.md': '---\n\n# 分隔线开头的页面\n\n正文三。\n',
    });
    const { report, articles } = await importArchives([dir]);
    const warnings = Object.fromEntries(report.files.map((f) => [f.file, f.warnings]));
    expect(warnings['bad.md']).toEqual([
      expect.stringMatching(/^front matter is not valid YAML \(line \d+, /u),
    ]);
    expect(warnings['baddate.md']).toEqual(['front matter date "上周三" is not a date; ignored']);
    const byFile = (f: string) => articles.filter((a) => a.source.file === f);
    expect(byFile('bad.md').map((a) => a.title)).toEqual(['标题']);
    expect(byFile('baddate.md').map((a) => [a.title, a.date])).toEqual([['标题二', undefined]]);
    expect(byFile('rule.md').map((a) => a.title)).toEqual(['分隔线开头的页面']);
    for (const a of articles) expect(a.text).not.toMatch(/^title:/mu);
  });

  it('property: written by a YAML library, the fields come back; any text never throws and keeps its line count', () => {
    const name = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((s) => s.trim() === s && /\S/u.test(s) && !/[,，、;；]/u.test(s));
    fc.assert(
      fc.property(
        fc.record({
          title: name,
          date: fc.date({ min: new Date('1950-01-01'), max: new Date('2049-12-31'), noInvalidDate: true }),
          tags: fc.uniqueArray(name, { maxLength: 4 }),
          author: fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
        }),
        fc.string({ maxLength: 200 }),
        ({ title, date, tags, author }, body) => {
          const day = date.toISOString().slice(0, 10);
          const source = `---\n${stringify({ title, date: day, tags, author })}---\n${body}`;
          const { meta, body: rest } = splitFrontMatter(source);
          expect(meta).toMatchObject({ title, date: day, authors: author });
          expect(meta?.tags ?? []).toEqual(tags);
          expect(rest.split(/\r\n|\r|\n/u).length).toBe(source.split(/\r\n|\r|\n/u).length);
        },
      ),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (junk) => {
        const source = `---\n${junk}\n---\n正文`;
        const split = splitFrontMatter(source);
        expect(split.body.split('\n').length).toBe(source.split(/\r\n|\r|\n/u).length);
        expect(split.body.endsWith('正文')).toBe(true);
      }),
    );
  });

  it('after an upgrade only Markdown pages are read again: the text pages keep their articles (and index slots)', async () => {
    const dir = archiveWith({ 'a.md': ARTICLE, 'b.txt': '标题乙\n\n正文乙，全区新增企业10家。\n' });
    const data = tempDir();
    const first = new ArchiveService({ archiveDirs: [dir], dataDir: data });
    await first.info();
    await first.close();
    // As an earlier version left it: the folder read by parser 1, the Markdown page's block an article.
    const catalog = Catalog.open(data);
    catalog.db.prepare('UPDATE folders SET parser = 1').run();
    const slotOfB = catalog.db
      .prepare("SELECT a.slot FROM articles a JOIN files f ON f.id = a.file_id WHERE f.file = 'b.txt'")
      .pluck()
      .get();
    catalog.close();
    const second = new ArchiveService({ archiveDirs: [dir], dataDir: data, scanOnOpen: 'wait' });
    const info = await second.info();
    const status = Object.fromEntries(info.report?.files.map((f) => [f.file, f.status]) ?? []);
    expect(status['b.txt']).toBe('unchanged');
    expect((await second.search('全区新增企业')).total).toBe(1);
    const hit = (await second.search('食肆晚市')).hits[0];
    expect(hit?.title).toBe('港府宣布新一轮防疫措施');
    // What the reader and citations get from the catalogue.
    expect(await second.getArticle(hit.id)).toMatchObject({
      tags: ['防疫', '政府'],
      authors: ['陳小明', '李大文'],
      date: '2021-06-18',
      publication: '蘋果日報',
    });
    await second.close();
    const after = Catalog.open(data);
    expect(
      after.db
        .prepare("SELECT a.slot FROM articles a JOIN files f ON f.id = a.file_id WHERE f.file = 'b.txt'")
        .pluck()
        .get(),
    ).toBe(slotOfB);
    expect(after.db.prepare('SELECT parser FROM folders').pluck().get()).toBe(PARSER_VERSION);
    after.close();
  });
});
