import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LocalEngine } from '../../src/main/core/search/local-engine';
import { describeEngineContract } from './helpers/engine-contract';

// Built, written to the folder and opened again, as the library persists it.
describeEngineContract('local', async (dir, articles) => {
  const file = path.join(dir, 'index.bin');
  writeFileSync(file, LocalEngine.build(articles).toBinary());
  return LocalEngine.fromBinary(readFileSync(file), articles);
});
