/**
 * Turns the bytes of a page file into text, keeping the text exactly as the file holds it.
 * Detection: BOM first, then the NUL-byte pattern of UTF-16, then strict UTF-8, then chardet's
 * ranking of GB18030 and Big5. Every candidate is decoded strictly (an invalid byte sequence
 * rejects it: chardet alone is wrong on short input), and when both Chinese encodings decode
 * cleanly, the one whose text is made of common characters wins.
 *
 * Real files are sometimes damaged: a few bytes that no encoding takes, a stray NUL or DEL from a
 * bad copy. A page is not lost for that: when the damage is a small share of it (see DAMAGE_SHARE),
 * it is decoded with U+FFFD in place of each damaged byte sequence or control character, and the
 * result says how much and where (the import reports it). A file is binary only when a real share
 * of it is (or its first bytes say so); more damage than that is reported with its byte offset.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

/** What was repaired to read a damaged page. Offsets: bytes of the file, characters of the text. */
export interface Damage {
  /** Byte sequences no encoding takes, each read as U+FFFD: how many, and the first one's byte offset. */
  invalid?: { count: number; firstByte: number };
  /** NUL, DEL and other control characters no text holds, each read as U+FFFD. */
  controls?: { count: number; firstChar: number };
  /** "?" between Chinese characters: a converter that replaced bytes it could not map (text still valid). */
  questionMarks?: { count: number; firstChar: number };
}

export type Decoded =
  | { ok: true; text: string; encoding: Encoding; bom: boolean; damage?: Damage }
  | { ok: false; reason: string; binary?: boolean; offset?: number };

/**
 * Damage a page may have and still be read: at most one damaged byte or control character in a
 * hundred (a handful in a page of news), and at most MAX_DAMAGE in all. Beyond that the text
 * would be more guess than page.
 */
const DAMAGE_SHARE = 0.01;
const MAX_DAMAGE = 256;

function tolerable(count: number, length: number): boolean {
  return count > 0 && count <= MAX_DAMAGE && count <= length * DAMAGE_SHARE;
}

const MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'PNG image'],
  [[0xff, 0xd8, 0xff], 'JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP archive (or an Office document)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'Office document'],
  [[0x1f, 0x8b], 'gzip archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'executable'],
];

// The commonest characters, simplified and traditional: genuine text is mostly made of them,
// text decoded with the wrong Chinese encoding mostly is not.
const COMMON = new Set(
  Array.from(
    '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切' +
      '這來國個說們為時會過學對裡後麼發當無開見經頭長動兩樣現將與進點種聲話兒問機給幾業間電門東無聽氣關內軍產萬體別處總場師書員華報馬張難數車應親務記邊風戰許覺統請愛讓認論義術結連遠資隊帶條變聯權展該領傳紅決保達辦運轉眾輕語滿寫識極黃錢黨設歷單據導網專誰讀飛觀爭組視濟離雖壞興區層廣議題會',
  ),
);

/** Share of Han characters in `text` that are common ones; -1 when there are none. */
export function commonShare(text: string): number {
  let han = 0;
  let common = 0;
  for (const ch of text) {
    if (/\p{Script=Han}/u.test(ch)) {
      han++;
      if (COMMON.has(ch)) common++;
    }
  }
  return han === 0 ? -1 : common / han;
}

function isControl(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x1b) || c === 0x7f;
}

/** Offset of the first control character no text file holds (tab, newlines, form feed and ESC are fine), or -1. */
function controlAt(text: string): number {
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) return i;
  return -1;
}

function countControls(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) n++;
  return n;
}

/** Whether decoded text reads as text: common Chinese characters, or mostly plain Latin. */
function readsAsText(text: string): boolean {
  const share = commonShare(text);
  if (share >= 0) return share >= 0.3;
  let plain = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09 || (c >= 0xa0 && c < 0x250))
      plain++;
  }
  return text.length > 0 && plain / text.length >= 0.9;
}

/** Decodes with U+FFFD for every byte sequence the encoding does not take. */
function lenient(bytes: Uint8Array, encoding: 'utf-8' | 'gb18030' | 'big5'): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

function countReplacements(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\ufffd'); at !== -1; at = text.indexOf('\ufffd', at + 1)) n++;
  return n;
}

/** "?" with a Chinese character on both sides: in Chinese text a sign a converter lost bytes. */
function questionMarks(text: string): { count: number; firstChar: number } | undefined {
  let count = 0;
  let firstChar = -1;
  const han = /\p{Script=Han}/u;
  for (let at = text.indexOf('?'); at !== -1; at = text.indexOf('?', at + 1)) {
    if (at > 0 && han.test(text[at - 1]) && han.test(text[at + 1] ?? '')) {
      if (firstChar < 0) firstChar = at;
      count++;
    }
  }
  return count ? { count, firstChar } : undefined;
}

/**
 * Offset of the first byte that does not belong to a valid sequence, or -1. With `mapped`, a
 * well-formed double-byte sequence that maps to no character counts as invalid too (slow: only
 * used to report a failure).
 */
function firstInvalid(bytes: Uint8Array, encoding: 'utf-8' | 'gb18030' | 'big5', mapped = false): number {
  if (encoding === 'utf-8') {
    let lo = 0;
    let hi = bytes.length;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return -1;
    } catch {
      // Binary search on prefixes: a prefix that decodes, allowing a cut sequence at its end, is good.
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
        lo = mid;
      } catch {
        hi = mid;
      }
    }
    // The good prefix may end inside a sequence that the next byte breaks: report its start.
    let lead = lo;
    while (lead > 0 && (bytes[lead - 1] & 0xc0) === 0x80) lead--;
    const b = bytes[lead - 1];
    if (lead > 0 && b >= 0xc0) {
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (lo - (lead - 1) < needed) return lead - 1;
    }
    return lo;
  }
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const start = i;
    const b1 = bytes[i + 1];
    if (encoding === 'gb18030') {
      if (b === 0x80 || b === 0xff || b1 === undefined) return i;
      if ((b1 >= 0x40 && b1 <= 0x7e) || (b1 >= 0x80 && b1 <= 0xfe)) i += 2;
      else if (b1 >= 0x30 && b1 <= 0x39) {
        const b2 = bytes[i + 2];
        const b3 = bytes[i + 3];
        if (b2 === undefined || b3 === undefined || b2 < 0x81 || b2 > 0xfe || b3 < 0x30 || b3 > 0x39)
          return i;
        i += 4;
      } else return i;
    } else {
      if (b < 0x81 || b === 0xff || b1 === undefined) return i;
      if ((b1 >= 0x40 && b1 <= 0x7e) || (b1 >= 0xa1 && b1 <= 0xfe)) i += 2;
      else return i;
    }
    if (mapped && iconv.decode(Buffer.from(bytes.subarray(start, i)), encoding).includes('\ufffd'))
      return start;
  }
  return -1;
}

/** Decodes strictly; null when a byte sequence is invalid or maps to nothing. */
function strict(bytes: Uint8Array, encoding: Encoding): string | null {
  if (encoding === 'gb18030' || encoding === 'big5') {
    if (firstInvalid(bytes, encoding) !== -1) return null;
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
    // iconv-lite writes U+FFFD for a valid-looking pair that maps to no character.
    return text.includes('\ufffd') ? null : text;
  }
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-16 without BOM: ASCII characters (newlines, digits) put NUL bytes on one side of each pair,
 * and CJK characters whose low byte is 0 (开 U+5F00) a few on the other. The likelier order
 * first; the decoded text decides (see decodePage).
 */
function utf16Candidates(bytes: Uint8Array): ('utf-16le' | 'utf-16be')[] {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return [];
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  if (even + odd === 0) return [];
  return odd >= even ? ['utf-16le', 'utf-16be'] : ['utf-16be', 'utf-16le'];
}

function binaryKind(bytes: Uint8Array): string | null {
  for (const [magic, kind] of MAGIC) if (magic.every((b, i) => bytes[i] === b)) return kind;
  return null;
}

function chineseCandidates(bytes: Uint8Array): ('gb18030' | 'big5')[] {
  const ranked: ('gb18030' | 'big5')[] = [];
  try {
    for (const match of chardet.analyse(bytes)) {
      const name = match.name.toLowerCase();
      if (/gb|euc-cn|hz/u.test(name) && !ranked.includes('gb18030')) ranked.push('gb18030');
      if (/big5|euc-tw/u.test(name) && !ranked.includes('big5')) ranked.push('big5');
    }
  } catch {
    // chardet only ranks; strict decoding decides.
  }
  for (const e of ['gb18030', 'big5'] as const) if (!ranked.includes(e)) ranked.push(e);
  return ranked;
}

function gbReadsBetter(bytes: Uint8Array): boolean {
  const gb = strict(bytes, 'gb18030');
  return gb !== null && commonShare(gb) >= 0.5;
}

/**
 * The decoded page, with a few stray control characters read as U+FFFD; a binary file when they
 * are more than a few.
 */
function ok(text: string, encoding: Encoding, bom: boolean, damage: Damage = {}): Decoded {
  const at = controlAt(text);
  let out = text;
  if (at !== -1) {
    const count = countControls(text);
    if (!tolerable(count, text.length)) {
      return {
        ok: false,
        binary: true,
        reason: `binary file (control character at character ${at})`,
        offset: at,
      };
    }
    let repaired = '';
    for (let i = 0; i < text.length; i++) repaired += isControl(text.charCodeAt(i)) ? '\ufffd' : text[i];
    out = repaired;
    damage = { ...damage, controls: { count, firstChar: at } };
  }
  if (encoding === 'gb18030' || encoding === 'big5') {
    const marks = questionMarks(out);
    if (marks) damage = { ...damage, questionMarks: marks };
  }
  return Object.keys(damage).length
    ? { ok: true, text: out, encoding, bom, damage }
    : { ok: true, text: out, encoding, bom };
}

/** Decodes a page. `hint` (from a sidecar or an HTML meta tag) is tried first, strictly. */
export function decodePage(bytes: Uint8Array, hint?: Encoding): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = strict(bytes.subarray(3), 'utf-8');
    if (text !== null) return ok(text, 'utf-8', true);
    const at = firstInvalid(bytes.subarray(3), 'utf-8') + 3;
    const read = lenient(bytes.subarray(3), 'utf-8');
    const count = countReplacements(read);
    if (tolerable(count, bytes.length)) return ok(read, 'utf-8', true, { invalid: { count, firstByte: at } });
    return {
      ok: false,
      reason: `invalid UTF-8 at byte ${at} (the file starts with a UTF-8 BOM)`,
      offset: at,
    };
  }
  for (const [b0, b1, encoding] of [
    [0xff, 0xfe, 'utf-16le'],
    [0xfe, 0xff, 'utf-16be'],
  ] as const) {
    if (bytes.length >= 2 && bytes[0] === b0 && bytes[1] === b1) {
      const text = strict(bytes.subarray(2), encoding);
      if (text !== null) return ok(text, encoding, true);
      return { ok: false, reason: `invalid ${encoding.toUpperCase()} text (odd length or a lone surrogate)` };
    }
  }
  const magic = binaryKind(bytes);
  if (magic) return { ok: false, binary: true, reason: `binary file (${magic})` };
  if (hint) {
    const text = strict(bytes, hint);
    if (text !== null && controlAt(text) === -1) return ok(text, hint, false);
  }
  for (const utf16 of utf16Candidates(bytes)) {
    // A stray NUL in a UTF-8 page also gives NUL bytes: only text that reads as text is UTF-16.
    const text = strict(bytes, utf16);
    if (text !== null && controlAt(text) === -1 && readsAsText(text)) return ok(text, utf16, false);
  }
  if (bytes.includes(0)) {
    let nuls = 0;
    for (const b of bytes) if (b === 0) nuls++;
    // A few NULs are damage (read as U+FFFD below, with the other control characters).
    if (!tolerable(nuls, bytes.length)) {
      const at = bytes.indexOf(0);
      return { ok: false, binary: true, reason: `binary file (NUL byte at ${at})`, offset: at };
    }
  }
  const utf8 = strict(bytes, 'utf-8');
  // Short GBK text can be valid UTF-8 too (去学 is C8 A5 D1 A7: ȥѧ). UTF-8 Chinese has no
  // two-byte characters only; if all non-ASCII is two-byte and GB18030 reads common words, it wins.
  if (
    utf8 !== null &&
    !(/[\u0080-\u07ff]/u.test(utf8) && !/[\u0800-\uffff]/u.test(utf8) && gbReadsBetter(bytes))
  ) {
    return ok(utf8, 'utf-8', false);
  }
  const decoded: { encoding: 'gb18030' | 'big5'; text: string; share: number }[] = [];
  for (const encoding of chineseCandidates(bytes)) {
    const text = strict(bytes, encoding);
    // Stray control characters are judged by ok() (a few are damage, many make a binary file).
    if (text !== null) decoded.push({ encoding, text, share: commonShare(text) });
  }
  // UTF-8 with a few damaged bytes: UTF-8's multi-byte sequences are often valid GB18030 too, so a
  // clean GB18030 reading of garbage must not beat it; the text that reads as Chinese wins.
  const utf8Read = utf8 === null ? lenient(bytes, 'utf-8') : null;
  const utf8Damage = utf8Read === null ? 0 : countReplacements(utf8Read);
  const utf8Usable = utf8Read !== null && tolerable(utf8Damage, bytes.length) && readsAsText(utf8Read);
  if (decoded.length > 0) {
    // Both decode cleanly (common on short text): the one that reads as Chinese wins, then chardet's order.
    let best = decoded[0];
    for (const d of decoded.slice(1)) if (d.share > best.share + 0.1) best = d;
    if (utf8Usable && utf8Read !== null && commonShare(utf8Read) > best.share + 0.1) {
      return ok(utf8Read, 'utf-8', false, {
        invalid: { count: utf8Damage, firstByte: firstInvalid(bytes, 'utf-8') },
      });
    }
    return ok(best.text, best.encoding, false);
  }
  // No encoding takes every byte: the one that takes all but a few, when there is one, with U+FFFD
  // for the rest (chardet's order first among equals).
  const order = [...new Set(['utf-8', ...chineseCandidates(bytes)] as const)];
  // A wrong encoding can read UTF-8 with fewer replacements than the right one (as garbage that
  // happens to be valid): only readings that read as text compete.
  let best: { encoding: 'utf-8' | 'gb18030' | 'big5'; text: string; count: number } | null = null;
  for (const encoding of order) {
    const text = lenient(bytes, encoding);
    const count = countReplacements(text);
    if (!tolerable(count, bytes.length) || !readsAsText(text)) continue;
    if (
      !best ||
      count < best.count ||
      (count === best.count && commonShare(text) > commonShare(best.text) + 0.1)
    )
      best = { encoding, text, count };
  }
  if (best) {
    const firstByte = firstInvalid(bytes, best.encoding, true);
    return ok(best.text, best.encoding, false, { invalid: { count: best.count, firstByte } });
  }
  const positions = (['utf-8', 'gb18030', 'big5'] as const).map((e) => ({
    e,
    at: firstInvalid(bytes, e, true),
  }));
  const furthest = positions.reduce((a, b) => (b.at > a.at ? b : a));
  return {
    ok: false,
    offset: furthest.at,
    reason: `not valid text in any supported encoding: ${positions
      .map(
        ({ e, at }) =>
          `${e === 'utf-8' ? 'UTF-8' : e === 'gb18030' ? 'GB18030' : 'Big5'} fails at byte ${at < 0 ? '?' : at}`,
      )
      .join(', ')}`,
  };
}
