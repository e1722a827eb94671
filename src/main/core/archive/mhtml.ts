/**
 * Web pages saved as one file (MHTML, .mhtml/.mht: Chrome and Edge's "Webpage, single file", IE's
 * web archive): a MIME multipart/related message whose text/html part is the page, written
 * quoted-printable or base64, with the pictures and styles as further parts. Only the page is
 * taken, with the charset its part declares, and a map from its lines to the lines of the file so
 * that articles still point into the file the user has.
 */

/** The page inside an MHTML file. */
export interface MhtmlPage {
  /** The text/html part, transfer encoding undone (still in its charset). */
  bytes: Uint8Array;
  /** The charset its Content-Type names, lower case, when it names one. */
  charset?: string;
  /** The address the page was saved from (Content-Location, Snapshot-Content-Location). */
  url?: string;
  /** For line i + 1 of the page: the first and last line of the file it came from. */
  lines: [number, number][];
}

/** How far into the file its first headers may reach. */
const HEAD = 16 * 1024;

/** Whether the bytes are a MIME message of a saved page (headers first, then multipart/related). */
export function isMhtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, HEAD)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/u);
  const headers = end < 0 ? head : head.slice(0, end);
  return (
    /^[\w-]+:/u.test(headers) &&
    /^mime-version\s*:/imu.test(headers) &&
    /^content-type\s*:\s*multipart\/related/imu.test(headers)
  );
}

interface Headers {
  [name: string]: string;
}

/** Header fields of one header block, folded lines joined, names in lower case. */
function readHeaders(block: string): Headers {
  const out: Headers = {};
  for (const line of block.replace(/\r?\n[ \t]+/gu, ' ').split(/\r?\n/u)) {
    const colon = line.indexOf(':');
    if (colon > 0) out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}

function param(value: string | undefined, name: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'iu').exec(value ?? '');
  return m ? (m[1] ?? m[2]) : undefined;
}

const lineCount = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
};

/** Quoted-printable to bytes; each decoded line remembers the lines of the file it spans. */
function quotedPrintable(body: string, firstLine: number): { bytes: Uint8Array; lines: [number, number][] } {
  const out: number[] = [];
  const lines: [number, number][] = [];
  const raw = body.split(/\r?\n/u);
  let from = firstLine;
  raw.forEach((line, i) => {
    const soft = line.endsWith('=');
    const text = soft ? line.slice(0, -1) : line.replace(/[ \t]+$/u, '');
    for (let k = 0; k < text.length; k++) {
      const hex = text[k] === '=' ? /^[0-9A-Fa-f]{2}/u.exec(text.slice(k + 1, k + 3)) : null;
      if (hex) {
        out.push(parseInt(hex[0], 16));
        k += 2;
      } else out.push(text.charCodeAt(k) & 0xff);
    }
    if (soft && i < raw.length - 1) return;
    if (i < raw.length - 1) out.push(10);
    lines.push([from, firstLine + i]);
    from = firstLine + i + 1;
  });
  return { bytes: Uint8Array.from(out), lines };
}

/** The text/html part of an MHTML file, or null when it has none. */
export function htmlOfMhtml(bytes: Uint8Array): MhtmlPage | null {
  const text = Buffer.from(bytes).toString('latin1');
  const headEnd = /\r?\n\r?\n/u.exec(text);
  if (!headEnd) return null;
  const top = readHeaders(text.slice(0, headEnd.index));
  const boundary = param(top['content-type'], 'boundary');
  if (!boundary) return null;
  const start = param(top['content-type'], 'start');
  const delimiter = `--${boundary}`;
  const parts: { headers: Headers; body: string; line: number }[] = [];
  let at = text.indexOf(delimiter, headEnd.index);
  while (at >= 0) {
    const lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0 || text.startsWith(`${delimiter}--`, at)) break;
    const next = text.indexOf(delimiter, lineEnd);
    const chunk = text.slice(lineEnd + 1, next < 0 ? text.length : next);
    const split = /\r?\n\r?\n/u.exec(chunk) ?? /^\r?\n/u.exec(chunk);
    if (split) {
      const bodyStart = split.index + split[0].length;
      // The line break before the next delimiter belongs to the delimiter.
      const body = chunk.slice(bodyStart).replace(/\r?\n$/u, '');
      const line = lineCount(text.slice(0, lineEnd + 1 + bodyStart)) + 1;
      parts.push({ headers: readHeaders(chunk.slice(0, split.index)), body, line });
    }
    at = next;
  }
  const html = parts.filter((p) => /^text\/html\b/iu.test(p.headers['content-type'] ?? ''));
  const page =
    html.find((p) => start && p.headers['content-id'] === start) ??
    html.find((p) => !/^cid:/iu.test(p.headers['content-location'] ?? '')) ??
    html[0];
  if (!page) return null;
  const encoding = (page.headers['content-transfer-encoding'] ?? '').toLowerCase();
  let decoded: { bytes: Uint8Array; lines: [number, number][] };
  if (encoding === 'quoted-printable') decoded = quotedPrintable(page.body, page.line);
  else if (encoding === 'base64') {
    const out = Buffer.from(page.body.replace(/[^A-Za-z0-9+/=]/gu, ''), 'base64');
    // Base64 keeps no lines of its own: every line of the page is somewhere in the part.
    const span: [number, number] = [page.line, page.line + lineCount(page.body)];
    const n = lineCount(out.toString('latin1')) + 1;
    decoded = { bytes: new Uint8Array(out), lines: Array.from({ length: n }, () => span) };
  } else {
    const n = lineCount(page.body) + 1;
    decoded = {
      bytes: new Uint8Array(Buffer.from(page.body, 'latin1')),
      lines: Array.from({ length: n }, (_, i): [number, number] => [page.line + i, page.line + i]),
    };
  }
  const result: MhtmlPage = { bytes: decoded.bytes, lines: decoded.lines };
  const charset = param(page.headers['content-type'], 'charset');
  if (charset) result.charset = charset.toLowerCase();
  const url = page.headers['content-location'] ?? top['snapshot-content-location'];
  if (url) result.url = url;
  return result;
}
