import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchives } from '../../src/main/core/archive';
import { tempDir } from './helpers/tmp';

describe('an archive of many small files', () => {
  it('imports 10,000 pages in 100 folders, then re-reads none of them when nothing changed', async () => {
    const dir = tempDir();
    for (let folder = 0; folder < 100; folder++) {
      const sub = path.join(dir, `2023-${String(1 + (folder % 12)).padStart(2, '0')}`, `f${folder}`);
      mkdirSync(sub, { recursive: true });
      for (let page = 0; page < 100; page++) {
        writeFileSync(
          path.join(sub, `p${page}.txt`),
          `第${folder}组第${page}版报道\n本报讯 这是第${folder * 100 + page}篇稿件，全区新增企业${page}家。\n`,
        );
      }
    }
    const progress: number[] = [];
    const first = await importArchives([dir], {
      onProgress: (p) => p.phase === 'read' && progress.push(p.done),
    });
    expect(first.report.totals.files).toBe(10_000);
    expect(first.report.totals.failed).toBe(0);
    expect(first.articles).toHaveLength(10_000);
    expect(new Set(first.articles.map((a) => a.id)).size).toBe(10_000);
    expect(progress.length).toBeGreaterThan(100);

    const second = await importArchives([dir], { previous: first.state });
    expect(second.report.files.every((f) => f.status === 'unchanged')).toBe(true);
    expect(second.articles.map((a) => a.id)).toEqual(first.articles.map((a) => a.id));
  }, 180_000);
});
