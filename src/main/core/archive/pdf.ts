/**
 * PDF pages with a text layer (e-paper PDFs, exports of page layouts) to page text, through
 * pdf.js (pdfjs-dist): the text runs of each page are put in reading order by recursive XY-cut
 * (cut the page at the widest empty band across it, top before bottom and left before right,
 * until a block is one column of lines), so that columns are read one after another and a
 * headline over several columns comes before them. Each output line is a paragraph and remembers
 * where on which page it was printed, so that an article can show its region on the page image.
 * A page without text (a scan) is reported, never guessed at.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PageRegion } from '../../../shared/types';

/** One printed line: its text, page (1-based), box in page units from the top left, and type size. */
interface Line {
  text: string;
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  size: number;
}

interface Run {
  text: string;
  x0: number;
  x1: number;
  /** Top and bottom, from the top of the page. */
  y0: number;
  y1: number;
  size: number;
}

export interface PdfText {
  text: string;
  /** For output line i + 1: the page and boxes (fractions of the page, from the top left) it came from. */
  lineRegions: (PageRegion | null)[];
  pages: number;
  /** Pages (1-based) that carry no text at all: scans without a text layer. */
  scannedPages: number[];
}

export class PdfReadError extends Error {}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loading: Promise<PdfJs> | null = null;

/** pdf.js, with its worker code run in this thread (there is no DOM worker here) and its CMaps found. */
function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}

function assetDir(name: string): string {
  const require = createRequire(import.meta.url);
  return `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), name)}${path.sep}`;
}

/** The text of a PDF in reading order, paragraph per line, with where each paragraph was printed. */
export async function pdfToText(bytes: Uint8Array, maxPages = 200): Promise<PdfText> {
  const lib = await pdfjs();
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: assetDir('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: assetDir('standard_fonts'),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new PdfReadError('the PDF is password-protected');
    throw new PdfReadError(`not a readable PDF: ${(error as Error).message}`);
  }
  try {
    const paragraphs: { text: string; region: PageRegion }[] = [];
    const scannedPages: number[] = [];
    const count = Math.min(doc.numPages, maxPages);
    for (let n = 1; n <= count; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height;
        // The baseline in viewport space (top-left origin).
        const [x, y] = viewport.convertToViewportPoint(e, f) as [number, number];
        const width = item.width || size * item.str.length;
        runs.push({ text: item.str, x0: x, x1: x + width, y0: y - size * 0.88, y1: y + size * 0.12, size });
      }
      page.cleanup();
      if (runs.length === 0) {
        scannedPages.push(n);
        continue;
      }
      for (const block of xyCut(runs)) {
        for (const p of blockParagraphs(linesOf(block, n)))
          paragraphs.push({
            text: p.map((l) => l.text).join(''),
            region: regionOf(p, n, viewport.width, viewport.height),
          });
      }
    }
    const lines: string[] = [];
    const lineRegions: (PageRegion | null)[] = [];
    for (const p of paragraphs) {
      if (lines.length) {
        lines.push('');
        lineRegions.push(null);
      }
      lines.push(p.text);
      lineRegions.push(p.region);
    }
    return { text: lines.join('\n'), lineRegions, pages: doc.numPages, scannedPages };
  } finally {
    await doc.destroy();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * The widest empty band across the runs, vertical (between columns) or horizontal (between
 * blocks), if wider than the type allows between lines and characters.
 */
function widestGap(runs: Run[], axis: 'x' | 'y', minGap: number): { at: number; width: number } | null {
  const spans = runs
    .map((r) => (axis === 'x' ? [r.x0, r.x1] : [r.y0, r.y1]) as [number, number])
    .sort((a, b) => a[0] - b[0]);
  let best: { at: number; width: number } | null = null;
  let end = spans[0][1];
  for (const [start, stop] of spans.slice(1)) {
    const gap = start - end;
    if (gap > minGap && (!best || gap > best.width)) best = { at: (start + end) / 2, width: gap };
    end = Math.max(end, stop);
  }
  return best;
}

/** Recursive XY-cut: blocks of runs in reading order. */
function xyCut(runs: Run[], depth = 0): Run[][] {
  if (runs.length <= 1 || depth > 40) return [runs];
  const size = median(runs.map((r) => r.size));
  const across = widestGap(runs, 'y', size * 0.9);
  const between = widestGap(runs, 'x', size * 0.9);
  // A column gutter runs the whole height of the block; a band between blocks the whole width.
  const pick =
    across && between
      ? across.width / size >= between.width / size
        ? 'y'
        : 'x'
      : across
        ? 'y'
        : between
          ? 'x'
          : null;
  if (!pick) return [runs];
  const at = (pick === 'y' ? across : between)?.at ?? 0;
  const first = runs.filter((r) => (pick === 'y' ? (r.y0 + r.y1) / 2 : (r.x0 + r.x1) / 2) < at);
  const second = runs.filter((r) => (pick === 'y' ? (r.y0 + r.y1) / 2 : (r.x0 + r.x1) / 2) >= at);
  if (first.length === 0 || second.length === 0) return [runs];
  return [...xyCut(first, depth + 1), ...xyCut(second, depth + 1)];
}

/** The printed lines of one block: runs on one baseline, left to right. */
function linesOf(runs: Run[], page: number): Line[] {
  const sorted = [...runs].sort((a, b) => a.y1 - b.y1 || a.x0 - b.x0);
  const lines: Run[][] = [];
  for (const run of sorted) {
    const line = lines.at(-1);
    const last = line?.at(-1);
    if (line && last && Math.abs(run.y1 - last.y1) < Math.min(run.size, last.size) * 0.5) line.push(run);
    else lines.push([run]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x0 - b.x0);
    let text = '';
    let prev: Run | null = null;
    for (const run of line) {
      // A space where the type leaves one: between Latin words set as separate runs, or a wide
      // gap (本报讯 昨日); CJK text set close needs none.
      const gap = prev ? run.x0 - prev.x1 : 0;
      if (
        prev &&
        (gap > run.size * 0.4 || (gap > run.size * 0.2 && /[\w,.;:]$/u.test(text) && /^\w/u.test(run.text)))
      )
        text += ' ';
      text += run.text;
      prev = run;
    }
    return {
      text: text.trim(),
      page,
      x0: Math.min(...line.map((r) => r.x0)),
      x1: Math.max(...line.map((r) => r.x1)),
      y0: Math.min(...line.map((r) => r.y0)),
      y1: Math.max(...line.map((r) => r.y1)),
      size: median(line.map((r) => r.size)),
    };
  });
}

/**
 * Lines into paragraphs: a new one where the type size changes (a headline), a line is indented,
 * the line before stopped short of the column's edge, or the space between lines opens up.
 */
function blockParagraphs(lines: Line[]): Line[][] {
  if (lines.length === 0) return [];
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const pitch = median(lines.slice(1).map((l, i) => l.y1 - lines[i].y1)) || lines[0].size * 1.5;
  const out: Line[][] = [[lines[0]]];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const prev = lines[i - 1];
    const newParagraph =
      Math.abs(line.size - prev.size) > Math.min(line.size, prev.size) * 0.15 ||
      line.x0 - left > line.size * 1.2 ||
      right - prev.x1 > prev.size * 1.5 ||
      line.y1 - prev.y1 > pitch * 1.6;
    if (newParagraph) out.push([line]);
    else out[out.length - 1].push(line);
  }
  return out;
}

/** The boxes of a paragraph's lines, merged, as fractions of the page. */
function regionOf(lines: Line[], page: number, width: number, height: number): PageRegion {
  const x0 = Math.min(...lines.map((l) => l.x0));
  const x1 = Math.max(...lines.map((l) => l.x1));
  const y0 = Math.min(...lines.map((l) => l.y0));
  const y1 = Math.max(...lines.map((l) => l.y1));
  const round = (v: number): number => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;
  return { page, boxes: [[round(x0 / width), round(y0 / height), round(x1 / width), round(y1 / height)]] };
}

/** The region of output lines [start, end] (1-based): the boxes on the page most of them are on, merged by column. */
export function regionOfLines(
  lineRegions: readonly (PageRegion | null)[],
  start: number,
  end: number,
): PageRegion | null {
  const regions = lineRegions.slice(start - 1, end).filter((r): r is PageRegion => r !== null);
  if (regions.length === 0) return null;
  const perPage = new Map<number, number>();
  for (const r of regions) perPage.set(r.page, (perPage.get(r.page) ?? 0) + 1);
  const page = [...perPage].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  const boxes: [number, number, number, number][] = [];
  for (const box of regions.filter((r) => r.page === page).flatMap((r) => r.boxes)) {
    // Paragraphs one under the other in the same column become one box.
    const last = boxes.at(-1);
    const sameColumn =
      last &&
      Math.min(last[2], box[2]) - Math.max(last[0], box[0]) >
        0.5 * Math.min(last[2] - last[0], box[2] - box[0]);
    if (last && sameColumn && box[1] - last[3] < 0.03 && box[1] >= last[1]) {
      last[0] = Math.min(last[0], box[0]);
      last[2] = Math.max(last[2], box[2]);
      last[3] = Math.max(last[3], box[3]);
    } else boxes.push([...box]);
  }
  return { page, boxes };
}
