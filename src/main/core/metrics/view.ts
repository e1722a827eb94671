/**
 * The text the patterns run on, with a map back to the original offsets:
 * - full-width ASCII folded to half-width (１２月３１日 → 12月31日), one unit for one unit;
 * - markdown bold markers (`**`) removed, so **506家** reads as 506家;
 * - whitespace holding at most one line break removed (OCR columns: 增\n长33.3%, 8个百\n分点;
 *   OCR spacing: 达到 16%), unless it separates two ASCII letters or digits; blank lines
 *   (paragraph breaks) stay, since labels must not run across paragraphs.
 */

export interface MetricView {
  /** Folded text without bold markers or in-paragraph line breaks. */
  text: string;
  /** For each unit of `text`, its offset in the original string. */
  origin: Int32Array;
}

function foldUnit(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x3000 || c === 0xa0) return 0x20;
  if (c === 0x2212 || c === 0xfe63) return 0x2d; // minus signs
  if (c === 0xfe6a) return 0x25; // small percent sign
  return c;
}

function isAsterisk(c: number): boolean {
  return c === 0x2a || c === 0xff0a;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export function buildView(original: string): MetricView {
  const n = original.length;
  const codes = new Uint16Array(n);
  const origin = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const c = original.charCodeAt(i);
    if (isAsterisk(c)) {
      let j = i;
      while (j < n && isAsterisk(original.charCodeAt(j))) j++;
      if (j - i >= 2) {
        i = j - 1; // a bold marker: drop it
        continue;
      }
    } else if (isSpace(c) && m > 0) {
      let j = i;
      let breaks = 0;
      while (j < n && isSpace(original.charCodeAt(j))) breaks += original.charCodeAt(j++) === 0x0a ? 1 : 0;
      const next = j < n ? foldUnit(original.charCodeAt(j)) : 0;
      if (breaks <= 1 && j < n && !(isAsciiAlnum(codes[m - 1]) && isAsciiAlnum(next))) {
        i = j - 1; // a line wrapped inside a paragraph, or OCR spacing: join it
        continue;
      }
    }
    let folded = foldUnit(c);
    // 2·1％, 15121·98点: People's Daily writes the decimal point as a middle dot
    if ((c === 0xb7 || c === 0x30fb || c === 0xff65) && m > 0 && isDigit(codes[m - 1]) && i + 1 < n) {
      if (isDigit(foldUnit(original.charCodeAt(i + 1)))) folded = 0x2e;
    }
    codes[m] = folded;
    origin[m] = i;
    m++;
  }
  let text = '';
  const CHUNK = 8192;
  for (let k = 0; k < m; k += CHUNK) {
    text += String.fromCharCode(...codes.subarray(k, Math.min(m, k + CHUNK)));
  }
  return { text, origin: origin.subarray(0, m) };
}

const NUMERAL = /[0-9０-９零〇○一二两三四五六七八九十百千]/;
const BOLD = /[*＊]{2,}/g;

/**
 * Maps a range of the view back to the original. A range that spans a removed bold marker
 * (全市**第3**) is narrowed to the marker-free piece holding the number, so a range never covers
 * asterisks; joined line breaks stay inside the range.
 */
export function toOriginal(view: MetricView, original: string, start: number, end: number): [number, number] {
  const s = view.origin[start];
  const e = view.origin[end - 1] + 1;
  const slice = original.slice(s, e);
  if (!slice.includes('*') && !slice.includes('＊')) return [s, e];
  const pieces: [number, number][] = [];
  let from = 0;
  for (const marker of slice.matchAll(BOLD)) {
    pieces.push([from, marker.index]);
    from = marker.index + marker[0].length;
  }
  pieces.push([from, slice.length]);
  const useful = pieces.filter(([a, b]) => slice.slice(a, b).trim().length > 0);
  let [a, b] = useful.find(([x, y]) => NUMERAL.test(slice.slice(x, y))) ?? useful[useful.length - 1];
  while (a < b && isSpace(slice.charCodeAt(a))) a++;
  while (b > a && isSpace(slice.charCodeAt(b - 1))) b--;
  return [s + a, s + b];
}
