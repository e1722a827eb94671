import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResearchWorker, researchJob } from '../../src/main/core/research-worker';
import { ArchiveService } from '../../src/main/core/service';
import { SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

const RESEARCH_WORKER = path.resolve('src/main/core/research-worker.ts');

/** The research calls in their worker thread answer as they do on the service thread. */
describe('research in a worker thread', () => {
  it('gives the same concordance, collocates and trends as the service thread, and sees later changes', async () => {
    const data = tempDir();
    const inWorker = new ArchiveService({
      archiveDirs: [SAMPLE_ARCHIVE],
      dataDir: data,
      workers: { research: RESEARCH_WORKER },
    });
    const here = new ArchiveService({ archiveDirs: [SAMPLE_ARCHIVE], dataDir: tempDir() });

    const lines = await inWorker.concordance('科技创新', { sort: 'left', width: 12, limit: 10_000 });
    expect(lines.total).toBeGreaterThan(10);
    expect(lines).toEqual(await here.concordance('科技创新', { sort: 'left', width: 12, limit: 10_000 }));
    expect(await inWorker.collocates('改革', { limit: 10 })).toEqual(
      await here.collocates('改革', { limit: 10 }),
    );
    expect(await inWorker.trends(['科技创新', '改革'], 'month')).toEqual(
      await here.trends(['科技创新', '改革'], 'month'),
    );

    // The worker itself answers (not the service thread after a failure).
    const direct = new ResearchWorker(RESEARCH_WORKER, researchJob(data));
    expect(
      await direct.run({
        kind: 'concordance',
        query: '科技创新',
        options: { sort: 'left', width: 12, limit: 10_000 },
      }),
    ).toEqual(lines);
    await direct.close();

    // A text corrected after the worker opened the database: the next call reads the new text.
    const first = lines.lines[0];
    const article = await inWorker.getArticle(first.articleId);
    const fixed = `${article.text.slice(0, first.start)}科技革新${article.text.slice(first.end)}`;
    await inWorker.handle('articles:correctText', { id: article.id, text: fixed });
    const after = await inWorker.concordance('科技创新', { width: 12, limit: 10_000 });
    expect(after.total).toBe(lines.total - 1);
    expect((await inWorker.concordance('科技革新', { limit: 10 })).lines.map((l) => l.articleId)).toContain(
      article.id,
    );
    await inWorker.close();
    await here.close();
  });

  it('answers on the service thread when the worker cannot run', async () => {
    const service = new ArchiveService({
      archiveDirs: [SAMPLE_ARCHIVE],
      dataDir: tempDir(),
      workers: { research: path.join(tempDir(), 'missing-worker.js') },
    });
    expect((await service.concordance('科技创新', { limit: 3 })).lines).toHaveLength(3);
    await service.close();
  });
});
