import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArchiveService } from '../../src/main/core/service';
import {
  addRevision,
  indexedText,
  paragraphsOf,
  printedVariants,
} from '../../src/main/core/corrections/text';
import { mergeHistories } from '../../src/main/core/corrections/exchange';
import { tempDir } from './helpers/tmp';

/** A page with an OCR slip: 重夫 for 重庆, 亿无 for 亿元. */
const PAGE = [
  '江北区智能制造项目集中签约',
  '',
  '本报讯 昨日，重夫市江北区举行智能制造项目集中签约仪式，共签约项目12个，总投资86亿无。',
  '',
  '据介绍，签约项目涵盖新能源汽车零部件、工业互联网等领域，预计全部投产后年产值可达150亿元。',
  '',
  '江北区相关负责人表示，将持续优化营商环境，为企业提供全流程服务。',
  '',
].join('\n');

function archiveWithPage(): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, '2023'), { recursive: true });
  writeFileSync(path.join(dir, '2023', '2023-05-06_江北报_01.txt'), PAGE);
  return dir;
}

async function open(archive: string, data: string): Promise<ArchiveService> {
  const service = new ArchiveService({ archiveDirs: [archive], dataDir: data });
  await service.info();
  return service;
}

async function theArticle(service: ArchiveService): Promise<string> {
  const { hits } = await service.search('智能制造项目集中签约');
  expect(hits).toHaveLength(1);
  return hits[0].id;
}

describe('correcting an article text', () => {
  it('shows the corrected text, keeps the printed one, and finds both forms', async () => {
    const service = await open(archiveWithPage(), tempDir());
    const id = await theArticle(service);
    const before = await service.getArticle(id);
    const fixed = before.text.replace('重夫市', '重庆市').replace('86亿无', '86亿元');

    const view = await service.handle('articles:correctText', { id, text: fixed, note: '对照原版' });
    expect(view.text).toContain('重庆市江北区举行');
    expect(view.originalText).toBe(before.text);
    expect(view.paragraphs).toHaveLength(before.paragraphs.length);
    expect(view.corrected).toContain('text');
    expect(view.textHistory).toEqual([{ text: fixed, at: expect.any(String), note: '对照原版' }]);

    // The corrected form is found and highlighted in the text the reader shows.
    const corrected = await service.search('"重庆市江北区"');
    expect(corrected.hits.map((h) => h.id)).toEqual([id]);
    expect(corrected.hits[0].snippet).toContain('重庆市江北区');
    const withQuery = await service.getArticle(id, '重庆市江北区');
    expect(withQuery.highlights.map(([s, e]) => withQuery.text.slice(s, e))).toEqual(['重庆市江北区']);
    // The printed form still finds it, with a snippet of the passage as printed.
    const printed = await service.search('"重夫市江北区"');
    expect(printed.hits.map((h) => h.id)).toEqual([id]);
    expect(printed.hits[0].snippet).toContain('重夫市江北区');
    const inPrinted = await service.getArticle(id, '重夫市');
    expect(inPrinted.highlights).toEqual([]);
    expect(inPrinted.originalHighlights?.map(([s, e]) => before.text.slice(s, e))).toEqual(['重夫市']);
    // A figure counts in its corrected unit.
    expect((await service.handle('metrics:article', { id })).map((m) => m.text)).toContain('86亿元');
    await service.close();
  });

  it('keeps a history, restores the printed text, and refuses an empty text', async () => {
    const service = await open(archiveWithPage(), tempDir());
    const id = await theArticle(service);
    const printed = (await service.getArticle(id)).text;
    const first = printed.replace('重夫市', '重庆市');
    await service.handle('articles:correctText', { id, text: first });
    // The same text again adds nothing.
    expect(
      (await service.handle('articles:correctText', { id, text: `${first}\n\n` })).textHistory,
    ).toHaveLength(1);
    const second = first.replace('86亿无', '86亿元');
    await service.handle('articles:correctText', { id, text: second, note: '单位' });
    await expect(service.handle('articles:correctText', { id, text: ' \n\n ' })).rejects.toMatchObject({
      code: 'bad-request',
    });

    const restored = await service.handle('articles:correctText', { id, text: null });
    expect(restored.text).toBe(printed);
    expect(restored.originalText).toBeUndefined();
    expect(restored.corrected ?? []).not.toContain('text');
    expect(restored.textHistory?.map((r) => r.text)).toEqual([first, second, null]);
    expect((await service.search('"重庆市江北区"')).total).toBe(0);
    expect((await service.search('"重夫市江北区"')).total).toBe(1);

    // Going back to an earlier revision is a new revision with its text.
    const again = await service.handle('articles:correctText', { id, text: first });
    expect(again.textHistory?.map((r) => r.text)).toEqual([first, second, null, first]);
    expect((await service.search('"重庆市江北区"')).total).toBe(1);
    await service.close();
  });

  it("keeps the user's annotations on their passage when the text around them changes", async () => {
    const service = await open(archiveWithPage(), tempDir());
    const id = await theArticle(service);
    const printed = (await service.getArticle(id)).text;
    const quote = '预计全部投产后年产值可达150亿元';
    const start = printed.indexOf(quote);
    const note = await service.handle('notes:annotate', {
      articleId: id,
      start,
      end: start + quote.length,
      note: '产值预期',
    });

    // A sentence added before the passage, and a slip fixed inside it.
    const fixed = printed
      .replace('重夫市', '重庆市')
      .replace('据介绍，', '据江北区经济信息委介绍，')
      .replace('年产值可达150亿元', '年产值可达150亿元以上');
    const view = await service.handle('articles:correctText', { id, text: fixed });
    const [after] = await service.handle('notes:listAnnotations', { articleId: id });
    expect(after.id).toBe(note.id);
    expect(after.anchor.status).toBe('anchored');
    const { start: s, end: e } = after.selector.position;
    expect(view.text.slice(s, e)).toBe(quote);
    expect(after.note).toBe('产值预期');
    await service.close();
  });

  it('survives a restart and a damaged archive database', async () => {
    const archive = archiveWithPage();
    const data = tempDir();
    const first = await open(archive, data);
    const id = await theArticle(first);
    const fixed = (await first.getArticle(id)).text.replace('重夫市', '重庆市');
    await first.handle('articles:correctText', { id, text: fixed });
    await first.close();

    const second = await open(archive, data);
    expect((await second.getArticle(id)).text).toBe(fixed);
    expect((await second.search('"重庆市江北区"')).total).toBe(1);
    await second.close();

    // The database is lost; the corrections come back from their copy.
    expect(existsSync(path.join(data, 'archive.db'))).toBe(true);
    for (const name of ['archive.db', 'archive.db-wal', 'archive.db-shm', 'index'])
      rmSync(path.join(data, name), { recursive: true, force: true });
    const third = await open(archive, data);
    const view = await third.getArticle(id);
    expect(view.text).toBe(fixed);
    expect(view.textHistory).toHaveLength(1);
    expect((await third.search('"重庆市江北区"')).total).toBe(1);
    await third.close();
  });
});

describe('the corrections file', () => {
  it('takes corrections to another copy of the archive and back, merging without loss', async () => {
    const archive = archiveWithPage();
    const mine = await open(archive, tempDir());
    const id = await theArticle(mine);
    const printed = (await mine.getArticle(id)).text;
    const fixed = printed.replace('重夫市', '重庆市');
    await mine.handle('articles:correctText', { id, text: fixed, note: '对照原版' });
    await mine.handle('articles:correct', { id, correction: { page: '2' } });
    const exported = await mine.handle('corrections:export', {});
    expect(exported.fileName).toMatch(/^newsstack-corrections-\d{4}-\d{2}-\d{2}\.json$/u);
    const file = JSON.parse(exported.content ?? '') as { corrections: { id: string }[] };
    expect(file.corrections.map((c) => c.id)).toEqual([id]);

    // A colleague's copy of the same pages, with a correction of its own.
    const theirs = await open(archiveWithPage(), tempDir());
    expect(await theArticle(theirs)).toBe(id);
    await theirs.handle('articles:correct', { id, correction: { page: '3' } });
    const report = await theirs.handle('corrections:import', { content: exported.content ?? '' });
    expect(report).toMatchObject({ entries: 1, changed: 1, revisionsAdded: 1, notInArchive: 0 });
    expect(report.conflicts).toEqual([{ id, field: 'page' }]);
    const view = await theirs.getArticle(id);
    expect(view.text).toBe(fixed);
    expect(view.page).toBe('3');
    expect(view.textHistory?.[0].note).toBe('对照原版');
    expect((await theirs.search('"重庆市江北区"')).total).toBe(1);
    // The same file again changes nothing.
    expect(await theirs.handle('corrections:import', { content: exported.content ?? '' })).toMatchObject({
      changed: 0,
      unchanged: 1,
    });
    await mine.close();
    await theirs.close();
  });

  it('keeps entries for pages not imported yet, repairs bad times and says what it refused', async () => {
    const archive = archiveWithPage();
    const service = await open(archive, tempDir());
    const later = '江南区公园开放\n\n本报讯 江南区滨江公园昨日开放，市民可免贾入园。\n';
    const content = JSON.stringify({
      format: 'newsstack-corrections',
      version: 1,
      exported: '2026-01-01T00:00:00Z',
      corrections: [
        { id: 'nope', textHistory: [{ text: 'x', at: 'yesterday' }] },
        { textHistory: [] },
        { id: 'not-yet', fields: { page: '5' } },
      ],
    });
    const report = await service.handle('corrections:import', { content });
    expect(report).toMatchObject({ entries: 3, changed: 2, notInArchive: 2, repairedTimes: 1 });
    expect(report.rejected).toEqual([{ index: 1, reason: expect.stringContaining('id') }]);

    // A file that is not one is refused with a reason, and nothing changes.
    await expect(service.handle('corrections:import', { content: '{"format":"x"}' })).rejects.toThrow(
      /not a corrections file/u,
    );
    await expect(service.handle('corrections:import', { content: 'garbage' })).rejects.toThrow(
      /not a JSON file/u,
    );
    await expect(
      service.handle('corrections:import', {
        content: JSON.stringify({ format: 'newsstack-corrections', version: 9, corrections: [] }),
      }),
    ).rejects.toThrow(/newer version/u);

    // A page imported later picks up the correction kept for it.
    writeFileSync(path.join(archive, '2023', '2023-05-07_江北报_02.txt'), later);
    await service.reimport();
    const { hits } = await service.search('滨江公园');
    const exported = JSON.parse((await service.handle('corrections:export', {})).content ?? '') as {
      corrections: { id: string }[];
    };
    expect(exported.corrections.map((c) => c.id)).toEqual(['nope', 'not-yet']);
    const text = (await service.getArticle(hits[0].id)).text.replace('免贾', '免费');
    const futureFile = JSON.stringify({
      format: 'newsstack-corrections',
      version: 1,
      corrections: [{ id: hits[0].id, textHistory: [{ text, at: '9999-12-31T00:00:00Z' }] }],
    });
    expect(await service.handle('corrections:import', { content: futureFile })).toMatchObject({
      changed: 1,
      repairedTimes: 1,
    });
    const view = await service.getArticle(hits[0].id);
    expect(view.text).toContain('免费入园');
    expect(Date.parse(view.textHistory?.[0].at ?? '')).toBeLessThanOrEqual(Date.now());
    await service.close();
  });
});

describe('text revisions', () => {
  it('index the printed passages that differ, with context, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('江', '北', '区', '重', '庆', '夫', '。', '1', '\n'),
          maxLength: 120,
        }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.constantFrom('', '庆', '元', '市区')), {
          maxLength: 4,
        }),
        (original, edits) => {
          let corrected = original;
          for (const [at, remove, insert] of edits) {
            const i = original.length ? at % (corrected.length + 1) : 0;
            corrected = corrected.slice(0, i) + insert + corrected.slice(i + remove);
          }
          const variants = printedVariants(original, corrected, 3);
          const text = indexedText({ text: corrected, originalText: original });
          expect(text.startsWith(corrected)).toBe(true);
          if (corrected === original) expect(variants).toBe('');
          // Every variant line is a passage of the printed text (line breaks made spaces).
          for (const line of variants ? variants.split('\n') : [])
            expect(original.replace(/\s*\n\s*/gu, ' ')).toContain(line.trim());
        },
      ),
    );
  });

  it('split paragraphs at blank lines whatever the line endings', () => {
    expect(paragraphsOf('一\r\n\r\n二\n \n\n三\n四  \n')).toEqual(['一', '二', '三\n四']);
  });

  it('add nothing for the current text and store the printed text as null', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const first = addRevision(undefined, '甲\n\n乙', '甲\n\n丙', undefined, now);
    expect(first.kind).toBe('changed');
    const history = first.kind === 'changed' ? first.history : [];
    expect(addRevision(history, '甲\n\n乙', '甲\r\n\r\n丙\n', undefined, now).kind).toBe('unchanged');
    const back = addRevision(history, '甲\n\n乙', '甲\n\n乙', '', now);
    expect(back.kind === 'changed' && back.history.at(-1)).toEqual({ text: null, at: now.toISOString() });
  });

  it('merge two histories in time order, each revision once', () => {
    const a = { text: 'A', at: '2026-01-01T00:00:00.000Z' };
    const b = { text: 'B', at: '2026-01-02T00:00:00.000Z' };
    const c = { text: null, at: '2026-01-03T00:00:00.000Z' };
    expect(mergeHistories([a, c], [b, a])).toEqual([a, b, c]);
  });
});
