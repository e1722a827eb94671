/**
 * Turns the bytes of a page file into text. Decoding is strict: a file that is not cleanly
 * one of the supported encodings is reported, never silently mangled.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type Decoded =
  | { ok: true; text: string; encoding: Encoding; bom: boolean }
  | { ok: false; reason: string };

function strictDecode(bytes: Uint8Array, encoding: Encoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Offset of the first byte sequence that is not valid UTF-8, for the report. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // Binary search on prefixes: a prefix that decodes (allowing a cut sequence at the end) is good.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

export function decodePage(bytes: Uint8Array): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = strictDecode(bytes.subarray(3), 'utf-8');
    return text === null
      ? { ok: false, reason: `invalid UTF-8 at byte ${firstInvalidUtf8(bytes.subarray(3)) + 3}` }
      : { ok: true, text, encoding: 'utf-8', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = strictDecode(bytes.subarray(2), 'utf-16le');
    return text === null
      ? { ok: false, reason: 'invalid UTF-16LE text' }
      : { ok: true, text, encoding: 'utf-16le', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = strictDecode(bytes.subarray(2), 'utf-16be');
    return text === null
      ? { ok: false, reason: 'invalid UTF-16BE text' }
      : { ok: true, text, encoding: 'utf-16be', bom: true };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  const utf8 = strictDecode(bytes, 'utf-8');
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8', bom: false };
  const gb = strictDecode(bytes, 'gb18030');
  if (gb !== null) return { ok: true, text: gb, encoding: 'gb18030', bom: false };
  return {
    ok: false,
    reason: `not valid UTF-8 (first bad byte at ${firstInvalidUtf8(bytes)}) nor GB18030`,
  };
}
