import { Catalog } from '../../src/main/core/catalog';
import type { SearchEngine } from '../../src/main/core/search/engine';
import { DiskEngine } from '../../src/main/core/search/disk/engine';
import { describeEngineContract } from './helpers/engine-contract';

// The articles go into a catalogue in the folder, the index is built on disk, and the engine
// that answers is a second one opened on the same database, as a new process would.
describeEngineContract('disk', async (dir, articles) => {
  const writer = Catalog.open(dir);
  await DiskEngine.open(writer).apply({ upsert: articles, remove: [] });
  writer.close();
  const catalog = Catalog.open(dir);
  const engine = DiskEngine.open(catalog);
  const close = engine.close.bind(engine);
  return Object.assign(engine, {
    close: async () => {
      await close();
      catalog.close();
    },
  }) satisfies SearchEngine;
});
