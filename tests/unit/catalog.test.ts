import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../src/shared/events';
import { importArchives } from '../../src/main/core/archive';
import { Catalog, CATALOG_FILE, legacyKey } from '../../src/main/core/catalog';
import { ArchiveService } from '../../src/main/core/service';
import { writeCheckedJson } from '../../src/main/core/store';
import { article } from './helpers/articles';
import { SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

function folderOfSample(): string {
  const dir = tempDir();
  cpSync(SAMPLE_ARCHIVE, dir, { recursive: true });
  return dir;
}

/** A folder of `pages` small dated pages, each with a sentence holding `marker`. */
function folderOfPages(marker: string, pages = 5): string {
  const dir = tempDir();
  for (let n = 1; n <= pages; n++) {
    writeFileSync(
      path.join(dir, `2024-03-0${n}_测试日报_0${n}.txt`),
      `第${n}版要闻\n\n本报讯 ${marker}第${n}篇报道说，全区新增企业${n * 10}家，同比增长${n}%。\n`,
    );
  }
  return dir;
}

function statusOf(info: Awaited<ReturnType<ArchiveService['info']>>): Record<string, string> {
  return Object.fromEntries(
    info.report?.files.map((f) => [`${path.basename(f.root)}/${f.file}`, f.status]) ?? [],
  );
}

describe('catalogue: folder by folder', () => {
  it('adding a folder reads only that folder and updates the index without rebuilding it', async () => {
    const a = folderOfSample();
    const b = folderOfPages('甲乙丙丁');
    const data = tempDir();
    const service = new ArchiveService({ archiveDirs: [a], dataDir: data });
    expect((await service.search('全市第一')).total).toBeGreaterThan(0);
    const before = (await service.info()).articleCount;
    const ids = (await service.listArticles()).map((x) => x.id);

    const events: ServiceEvent[] = [];
    service.events.on((e) => events.push(e));
    const info = await service.setFolders([a, b]);
    expect(info.articleCount).toBe(before + 5);
    const status = statusOf(info);
    // The first folder's pages were compared by size and time, not read again.
    expect(
      Object.entries(status)
        .filter(([k]) => k.startsWith(path.basename(a)))
        .every(([, s]) => s === 'unchanged'),
    ).toBe(true);
    expect(
      Object.entries(status)
        .filter(([k]) => k.startsWith(path.basename(b)))
        .map(([, s]) => s),
    ).toEqual(Array(5).fill('new'));
    const found = await service.search('甲乙丙丁');
    expect(found.total).toBe(5);
    expect(found.hits[0].publication).toBe('测试日报');
    // Ids of the first folder's articles did not change; nothing was built from scratch.
    expect((await service.listArticles()).map((x) => x.id).slice(0, ids.length)).toEqual(ids);
    expect(events.some((e) => e.type === 'progress' && e.task === 'index' && e.phase === 'build')).toBe(
      false,
    );
    await service.close();
  });

  it('removing a folder drops its articles and keeps the others', async () => {
    const a = folderOfSample();
    const b = folderOfPages('戊己庚辛');
    const data = tempDir();
    const service = new ArchiveService({ archiveDirs: [a, b], dataDir: data });
    expect((await service.search('戊己庚辛')).total).toBe(5);
    const sample = (await service.search('全市第一')).total;
    await service.setFolders([a]);
    expect((await service.search('戊己庚辛')).total).toBe(0);
    expect((await service.search('全市第一')).total).toBe(sample);
    await service.close();
    // A second process sees the same archive without reading any page.
    const again = new ArchiveService({ archiveDirs: [a], dataDir: data });
    expect((await again.search('全市第一')).total).toBe(sample);
    expect(Object.values(statusOf(await again.info())).every((s) => s === 'unchanged')).toBe(true);
    await again.close();
  });

  it('the same page files in two folders get distinct ids that stay the same', async () => {
    const a = folderOfSample();
    const b = folderOfSample();
    const data = tempDir();
    const first = new ArchiveService({ archiveDirs: [a, b], dataDir: data });
    const ids = (await first.listArticles()).map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.some((id) => id.endsWith('~1'))).toBe(true);
    await first.close();
    const second = new ArchiveService({ archiveDirs: [a, b], dataDir: data });
    expect((await second.listArticles()).map((x) => x.id)).toEqual(ids);
    await second.close();
  });
});

describe('catalogue: upgrades and damage', () => {
  it('takes over the import state and corrections of an earlier version without reading pages again', async () => {
    const a = folderOfSample();
    const b = folderOfSample();
    const data = tempDir();
    // The data folder as the earlier version left it: one state file per set of folders.
    const legacy = await importArchives([a, b]);
    const key = legacyKey(legacy.state.roots);
    await writeCheckedJson(path.join(data, 'import', `${key}.json`), { format: 1 }, legacy.state);
    mkdirSync(path.join(data, 'index'), { recursive: true });
    writeFileSync(path.join(data, 'index', `${key}.idx`), 'old index');
    const duplicate = legacy.articles.find((x) => x.id.endsWith('~1'));
    if (!duplicate) throw new Error('the two folders should give duplicate ids');
    await writeCheckedJson(
      path.join(data, 'corrections.json'),
      { format: 1 },
      {
        [duplicate.id]: { publication: '北碚报', date: '2022-05-28' },
      },
    );

    const service = new ArchiveService({ archiveDirs: [a, b], dataDir: data });
    const info = await service.info();
    expect(Object.values(statusOf(info)).every((s) => s === 'unchanged')).toBe(true);
    expect((await service.listArticles()).map((x) => x.id)).toEqual(legacy.articles.map((x) => x.id));
    expect(await service.getArticle(duplicate.id)).toMatchObject({
      publication: '北碚报',
      date: '2022-05-28',
    });
    expect((await service.search('publication:北碚报')).hits.map((h) => h.id)).toEqual([duplicate.id]);
    expect(existsSync(path.join(data, 'import', `${key}.json`))).toBe(false);
    expect(existsSync(path.join(data, CATALOG_FILE))).toBe(true);
    await service.close();
  });

  it('a damaged database is set aside, the folders are read again and corrections come back', async () => {
    const a = folderOfSample();
    const data = tempDir();
    const first = new ArchiveService({ archiveDirs: [a], dataDir: data });
    const [hit] = (await first.search('全市第一')).hits;
    await first.handle('articles:correct', { id: hit.id, correction: { page: '9' } });
    await first.close();
    writeFileSync(path.join(data, CATALOG_FILE), 'this is not a database, the disk garbled it'.repeat(200));

    const second = new ArchiveService({ archiveDirs: [a], dataDir: data });
    const info = await second.info();
    expect(info.notices.map((n) => n.message).join(' ')).toMatch(/archive database could not be read/);
    expect(readdirSync(data).some((f) => f.startsWith(`${CATALOG_FILE}.damaged-`))).toBe(true);
    expect(await second.getArticle(hit.id)).toMatchObject({ page: '9' });
    expect((await second.search('全市第一')).total).toBeGreaterThan(0);
    await second.close();
  });
});

describe('catalogue: a large folder is stored as it is read', () => {
  function manyPages(count: number): string {
    const dir = tempDir();
    for (let n = 0; n < count; n++) {
      const sub = path.join(dir, `batch${Math.floor(n / 100)}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(
        path.join(sub, `2024-01-01_大样报_${n}.txt`),
        `第${n}号报道\n\n编号${n}的新闻：本区新增企业${n}家。\n`,
      );
    }
    return dir;
  }

  it('in batches through the import worker, every page searchable at the end', async () => {
    const archive = manyPages(450);
    const data = tempDir();
    const worker = path.resolve('src/main/core/archive/worker.ts');
    const service = new ArchiveService({
      archiveDirs: [archive],
      dataDir: data,
      workers: { import: worker },
    });
    const info = await service.info();
    expect(info.articleCount).toBe(450);
    expect(info.report?.totals.articles).toBe(450);
    expect((await service.search('编号449的新闻')).total).toBe(1);
    expect((await service.search('新增企业')).total).toBe(450);
    await service.close();
  });

  it('an import cancelled half way keeps the batches it stored; the next one reads only the rest', async () => {
    const archive = manyPages(450);
    const data = tempDir();
    const first = new ArchiveService({ archiveDirs: [archive], dataDir: data });
    // A first call loads the contract, so that the cancel below is answered at once.
    await first.handle('settings:get', {});
    let cancelled = false;
    first.events.on((e) => {
      if (cancelled || e.type !== 'progress' || e.task !== 'import' || e.phase !== 'read' || e.done < 250)
        return;
      cancelled = true;
      void first.handle('tasks:cancel', { task: 'import' });
    });
    await first.info();
    const stored = (await first.listArticles()).length;
    expect(cancelled).toBe(true);
    // A batch of 200 files was stored before the cancel, then what was read; the rest was not.
    expect(stored).toBeGreaterThanOrEqual(200);
    expect(stored).toBeLessThan(450);
    await first.close();

    // Opening reads what changed in the folder: the pages the first import did not reach.
    const second = new ArchiveService({ archiveDirs: [archive], dataDir: data });
    const info = await second.info();
    const statuses = info.report?.files.map((f) => f.status) ?? [];
    expect(statuses.filter((s) => s === 'unchanged').length).toBe(stored);
    expect(statuses.filter((s) => s === 'new').length).toBe(450 - stored);
    expect((await second.search('新增企业')).total).toBe(450);
    await second.close();
  });
});

describe('catalogue: a page of hits', () => {
  it('reads the hits of a page together, as corrected as one by one, and skips emptied slots', () => {
    const catalog = Catalog.open(tempDir());
    const stored = catalog.putArticles(
      Array.from({ length: 90 }, (_, k) =>
        article(`a${k}`, `标题${k}`, `第${k}篇正文。`, { publication: '北碚报', date: '2024-01-02' }),
      ),
    );
    catalog.setCorrections({ a3: { title: '更正后的标题', date: '2024-02-03' } });
    catalog.deleteArticles(['a5']);
    // More slots than one statement takes, with an emptied one and one never used.
    const slots = [...stored.map((a) => catalog.slotOf(a.id) ?? 0), 100_000].reverse();
    const page = catalog.hitsAt(slots);
    expect(page.size).toBe(89);
    for (const slot of slots) expect(page.get(slot) ?? null).toEqual(catalog.hitAt(slot));
    expect(catalog.hitAt(catalog.slotOf('a3') ?? 0)).toMatchObject({
      title: '更正后的标题',
      date: '2024-02-03',
    });
    catalog.close();
  });
});
