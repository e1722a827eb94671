/**
 * Sidecar and manifest files (page metadata written by the user or an export tool): parsed
 * leniently, every problem a warning. Kept apart from metadata.ts so that reading articles
 * never loads the schema library; only an import that meets such a file does.
 */
import { z } from 'zod';
import type { Encoding } from './decode';
import {
  normalPage,
  parseDate,
  TABLE_FIELDS,
  type Manifest,
  type PageMetaFile,
  type TableColumns,
  type TableField,
} from './metadata';

const ENCODINGS: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  big5: 'big5',
};

const fileSchema = z.object({
  publication: z.string().trim().min(1).max(100).optional(),
  date: z.string().optional(),
  page: z.union([z.string(), z.number()]).optional(),
  encoding: z.string().optional(),
  columns: z.record(z.string(), z.string().trim().min(1).max(200)).optional(),
});
const manifestSchema = fileSchema.extend({ pages: z.record(z.string(), z.unknown()).optional() });

function cleanFile(raw: z.infer<typeof fileSchema>, where: string, warnings: string[]): PageMetaFile {
  const meta: PageMetaFile = {};
  if (raw.publication) meta.publication = raw.publication;
  if (raw.date !== undefined) {
    const date = parseDate(raw.date);
    if (date) meta.date = date;
    else warnings.push(`${where}: date "${raw.date}" is not a date, ignored`);
  }
  if (raw.page !== undefined) {
    const page = normalPage(String(raw.page));
    if (page) meta.page = page;
    else warnings.push(`${where}: page "${raw.page}" ignored`);
  }
  if (raw.encoding !== undefined) {
    const encoding = ENCODINGS[raw.encoding.toLowerCase()];
    if (encoding) meta.encoding = encoding;
    else warnings.push(`${where}: encoding "${raw.encoding}" is not supported, ignored`);
  }
  if (raw.columns !== undefined) {
    const columns: TableColumns = {};
    for (const [field, column] of Object.entries(raw.columns)) {
      if ((TABLE_FIELDS as readonly string[]).includes(field)) columns[field as TableField] = column;
      else
        warnings.push(
          `${where}: columns: "${field}" is not a field of an article (${TABLE_FIELDS.join(', ')}), ignored`,
        );
    }
    if (Object.keys(columns).length) meta.columns = columns;
  }
  return meta;
}

function parseJson(text: string, where: string, warnings: string[]): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch (error) {
    warnings.push(`${where}: not valid JSON (${(error as Error).message}), ignored`);
    return undefined;
  }
}

function unknownKeys(value: unknown, known: string[], where: string, warnings: string[]): void {
  if (value && typeof value === 'object') {
    const extra = Object.keys(value).filter((k) => !known.includes(k));
    if (extra.length)
      warnings.push(`${where}: unknown field${extra.length > 1 ? 's' : ''} ${extra.join(', ')} ignored`);
  }
}

export function parseSidecar(text: string, where: string): { meta: PageMetaFile; warnings: string[] } {
  const warnings: string[] = [];
  const value = parseJson(text, where, warnings);
  if (value === undefined) return { meta: {}, warnings };
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success)
    return { meta: {}, warnings: [...warnings, `${where}: not a metadata object, ignored`] };
  unknownKeys(value, ['publication', 'date', 'page', 'encoding', 'columns'], where, warnings);
  return { meta: cleanFile(parsed.data, where, warnings), warnings };
}

export function parseManifest(text: string, where: string): { manifest: Manifest; warnings: string[] } {
  const warnings: string[] = [];
  const value = parseJson(text, where, warnings);
  if (value === undefined) return { manifest: {}, warnings };
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success)
    return { manifest: {}, warnings: [...warnings, `${where}: not a manifest object, ignored`] };
  unknownKeys(value, ['publication', 'date', 'page', 'encoding', 'columns', 'pages'], where, warnings);
  const manifest: Manifest = cleanFile(parsed.data, where, warnings);
  if (parsed.data.pages) {
    manifest.pages = {};
    for (const [file, entry] of Object.entries(parsed.data.pages)) {
      const one = fileSchema.safeParse(entry);
      if (one.success)
        manifest.pages[file.replace(/\\/gu, '/').replace(/^\.\//u, '')] = cleanFile(
          one.data,
          `${where} pages["${file}"]`,
          warnings,
        );
      else warnings.push(`${where}: pages["${file}"] is not a metadata object, ignored`);
    }
  }
  return { manifest, warnings };
}
