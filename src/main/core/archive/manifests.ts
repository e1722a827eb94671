/**
 * Loads the sidecars and folder manifests an import found (format: see metadata.ts) and tells,
 * for each page, which metadata layers apply to it, strongest first.
 */
import path from 'node:path';
import type { ImportSkipped } from '../../../shared/types';
import type { FoundMetadata, FoundPage } from './discover';
import {
  MANIFEST_NAME,
  SIDECAR_SUFFIX,
  metaFromPath,
  type Manifest,
  type PageMeta,
  type PageMetaFile,
} from './metadata';
import type { PageContext } from './read';
import { readSmallFile } from './safe-read';
import { parseManifest, parseSidecar } from './sidecars';

export interface LoadedMetadata {
  contextFor(page: FoundPage): PageContext;
  /** Problems with a page's own sidecar, reported with the page. */
  warningsFor(page: FoundPage): string[];
  /** Problems with manifests and unreadable metadata files. */
  problems: ImportSkipped[];
}

/** A sidecar or manifest larger than this is not metadata (a manifest of 100,000 pages is about 10 MB). */
const MAX_METADATA_BYTES = 32 * 1024 * 1024;

const key = (root: string, file: string): string => `${root}\u0000${file}`;

export async function loadMetadata(files: FoundMetadata[]): Promise<LoadedMetadata> {
  const sidecars = new Map<string, { meta: PageMetaFile; warnings: string[] }>();
  const manifests = new Map<string, Manifest>();
  const problems: ImportSkipped[] = [];
  for (const f of files) {
    const read = await readSmallFile(f.real ?? f.absolute, MAX_METADATA_BYTES, true);
    if ('message' in read) {
      problems.push({ root: f.root, file: f.file, reason: `cannot read metadata: ${read.message}` });
      continue;
    }
    const text = Buffer.from(read.bytes).toString('utf8');
    if (f.kind === 'sidecar') {
      sidecars.set(
        key(f.root, f.file.slice(0, -SIDECAR_SUFFIX.length)),
        parseSidecar(text, path.posix.basename(f.file)),
      );
    } else {
      const { manifest, warnings } = parseManifest(text, f.file);
      for (const reason of warnings) problems.push({ root: f.root, file: f.file, reason });
      manifests.set(key(f.root, path.posix.dirname(f.file)), manifest);
    }
  }
  return {
    problems,
    warningsFor: (page) => sidecars.get(key(page.root, page.file))?.warnings ?? [],
    contextFor(page) {
      const sidecar = sidecars.get(key(page.root, page.file))?.meta;
      const entries: PageMetaFile[] = [];
      const defaults: PageMetaFile[] = [];
      let folder = path.posix.dirname(page.file);
      for (;;) {
        const manifest = manifests.get(key(page.root, folder));
        if (manifest) {
          const rel = folder === '.' ? page.file : page.file.slice(folder.length + 1);
          const entry = manifest.pages?.[rel];
          if (entry) entries.push(entry);
          defaults.push(manifest);
        }
        if (folder === '.') break;
        folder = path.posix.dirname(folder);
      }
      const layers: PageMeta[] = [
        ...(sidecar ? [sidecar] : []),
        ...entries,
        ...defaults,
        metaFromPath(page.file),
      ];
      const found = [sidecar, ...entries, ...defaults];
      const hint = found.find((l) => l?.encoding)?.encoding;
      const columns = found.find((l) => l?.columns)?.columns;
      return {
        metaLayers: layers,
        ...(hint ? { encodingHint: hint } : {}),
        ...(columns ? { columns } : {}),
      };
    },
  };
}

export { MANIFEST_NAME };
