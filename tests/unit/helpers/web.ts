import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ArchiveService } from '../../../src/main/core/service';
import { startWebServer, type RunningServer } from '../../../src/main/web/server';
import { SAMPLE_ARCHIVE, tempDir } from './tmp';

/** Browser mode on the sample archive, with a stand-in renderer page; the caller closes both. */
export async function startTestServer(
  token: string,
): Promise<{ server: RunningServer; service: ArchiveService }> {
  const renderer = tempDir();
  mkdirSync(renderer, { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>t</title>');
  const service = new ArchiveService({ archiveDirs: [SAMPLE_ARCHIVE], dataDir: tempDir() });
  const server = await startWebServer({ service, rendererDir: renderer, token });
  return { server, service };
}
