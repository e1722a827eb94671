import { afterEach, expect, it } from 'vitest';
import type { SearchEngine } from '../../../src/main/core/search/engine';
import type { Article } from '../../../src/shared/types';
import { article } from './articles';
import type { OpenEngine } from './engine-contract';
import { ALL, HANDMADE, has, idsWhere } from './engine-corpus';
import { tempDir } from './tmp';

/**
 * The part of the engine contract about changes (apply) and closing, each test on an engine of
 * its own; called inside describeEngineContract (engine-contract.ts).
 */
export function describeChanges(open: OpenEngine, corpusOf: () => Article[]): void {
  const opened: SearchEngine[] = [];
  const fresh = async (articles: Article[]): Promise<SearchEngine> => {
    const e = await open(tempDir('engine-'), articles);
    opened.push(e);
    return e;
  };
  afterEach(async () => {
    for (const e of opened.splice(0)) await e.close();
  });

  it('shows added, changed and removed articles in the very next search', async () => {
    const corpus = corpusOf();
    const e = await fresh(corpus);
    const added = article('new', '敦煌壁画修复完成', '莫高窟壁画修复。');
    expect(await e.apply({ upsert: [added], remove: [] })).toEqual({ added: 1, removed: 0 });
    expect((await e.search('莫高窟')).hits.map((h) => h.id)).toEqual(['new']);
    expect(await e.matchIds('壁画')).toEqual(['new']);
    expect(await e.size()).toBe(corpus.length + 1);
    expect(await e.suggest('敦煌')).toContainEqual(expect.objectContaining({ kind: 'title', id: 'new' }));

    const changed = article('jj', '经济新闻', '消费市场回暖。', {
      publication: '渝北时报',
      date: '2023-02-14',
    });
    expect(await e.apply({ upsert: [changed], remove: [] })).toEqual({ added: 1, removed: 0 });
    expect(await e.matchIds('运行平稳')).toEqual([]);
    expect((await e.search('经济运行')).hits.map((h) => h.id)).not.toContain('jj');
    expect(await e.matchIds('消费市场')).toEqual(['jj']);
    expect((await e.highlight('jj', '回暖')).text).toEqual([[4, 6]]);

    expect(await e.apply({ upsert: [], remove: ['amber', 'no-such-article'] })).toEqual({
      added: 0,
      removed: 1,
    });
    expect(await e.matchIds('琥珀')).toEqual([]);
    expect((await e.search('琥珀 OR 标本', ALL)).hits.map((h) => h.id)).not.toContain('amber');
    expect((await e.search('publication:渝北', ALL)).hits.map((h) => h.id)).not.toContain('amber');
    expect(await e.suggest('琥珀')).not.toContainEqual(expect.objectContaining({ id: 'amber' }));
    expect(await e.highlight('amber', '琥珀')).toEqual({ text: [], title: [] });
    expect(await e.size()).toBe(corpus.length);

    // The same articles again change nothing; the removed one comes back when upserted.
    expect(await e.apply({ upsert: [changed, corpus[0]], remove: [] })).toEqual({ added: 0, removed: 0 });
    const amber = HANDMADE.find((a) => a.id === 'amber') as Article;
    expect(await e.apply({ upsert: [amber], remove: [] })).toEqual({ added: 1, removed: 0 });
    expect(await e.matchIds('琥珀')).toEqual(['amber']);
  });

  it('stays exact after many small changes', async () => {
    const e = await fresh(HANDMADE);
    let live = [...HANDMADE];
    for (let k = 0; k < 30; k++) {
      const add = article(`n${k}`, `第${k}号`, `防汛第${k}次演练，水位${k % 3 === 0 ? '超警' : '正常'}。`);
      const drop = k % 4 === 0 ? [live[k % live.length].id] : [];
      await e.apply({ upsert: [add], remove: drop });
      live = [...live.filter((a) => !drop.includes(a.id)), add];
    }
    for (const q of ['防汛', '超警', '正常', '经济', '第1', '演练 -超警']) {
      const [term, minus] = q.split(' -');
      const expected = idsWhere(live, (a) => has(a, term) && !(minus && has(a, minus)));
      expect((await e.matchIds(q)).sort(), q).toEqual(expected);
      expect((await e.search(q, ALL)).total, q).toBe(expected.length);
    }
    expect(await e.size()).toBe(live.length);
  });

  it('closes', async () => {
    const e = await open(tempDir('engine-'), HANDMADE);
    await expect(e.close()).resolves.toBeUndefined();
  });
}
