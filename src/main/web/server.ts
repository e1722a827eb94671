/**
 * Browser mode: the same ArchiveService behind the shared contract, over HTTP on 127.0.0.1,
 * serving the same renderer build. Every API call needs the per-run token; Host and Origin are
 * checked against DNS rebinding. All that the headers tell (Host, Origin, URL, method, token, call,
 * content type, declared length) is checked before a byte of the body is read, and a refused call
 * is answered at once and its body dropped unread, so that a client without the token cannot make
 * the server hold memory. Bodies are limited in size and nesting and must be JSON in UTF-8; bad
 * requests get 4xx with a message, never a 500 or a crash.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CHANNELS, TOKEN_HEADER, type Channel } from '../../shared/channels';
import type { Envelope, ErrorCode } from '../../shared/types';
import { toErrorShape } from '../core/errors';
import type { ArchiveService } from '../core/service';
import { CONTENT_SECURITY_POLICY } from '../security';

/** Big enough for a notes import of a heavy user; anything larger is refused with 413. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The HTTP status of each error a call can end with: only the unexpected is a 500. */
const STATUS_OF: Record<ErrorCode, number> = {
  'bad-request': 400,
  'invalid-folder': 422,
  'not-found': 404,
  'unreadable-archive': 409,
  unauthorized: 401,
  internal: 500,
};

/** The contract's arguments are a few levels deep at most; deeper JSON is refused before parsing. */
export const MAX_JSON_DEPTH = 64;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface WebServerOptions {
  service: ArchiveService;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface RunningServer {
  server: Server;
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const CHANNEL_SET = new Set<string>(CHANNELS);

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'application/json; charset=utf-8',
): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }));
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Why a request is answered with an error instead of being served. */
interface Refusal {
  status: number;
  code: ErrorCode;
  message: string;
}

const badRequest = (message: string): Refusal => ({ status: 400, code: 'bad-request', message });

/** Whether the headers say that a body follows (a declared length or a chunked body). */
function announcesBody(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}

/** How long a refused client may go on sending its body before its connection is cut. */
const LINGER_MS = 2000;

/**
 * Answers at once, without reading the body; whatever body still arrives is dropped unread, never
 * buffered, so a refused client cannot make the server hold memory. Without a body the connection
 * is closed with the answer. With a body still on its way it is not closed at once: cutting a socket
 * with unread bytes makes the kernel send a reset, which can destroy the answer before the client
 * reads it. The rest of the body is dropped instead, and the connection is cut if it has not ended
 * LINGER_MS later.
 */
function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  if (announcesBody(req) && !req.complete) {
    const cut = setTimeout(() => {
      if (!req.complete) req.socket.destroy();
    }, LINGER_MS);
    cut.unref();
    req.once('end', () => clearTimeout(cut));
  } else {
    res.setHeader('connection', 'close');
  }
  sendError(res, refusal.status, refusal.code, refusal.message);
  req.resume();
}

/**
 * The decoded path of an origin-form request target (`/path?query`). The query is not used, but a
 * malformed one is refused like a malformed path rather than passed over in silence.
 */
function parseTarget(raw: string): { path: string } | Refusal {
  if (!raw.startsWith('/')) return badRequest('the request target must be a path starting with /');
  const query = raw.indexOf('?');
  try {
    const decoded = decodeURIComponent(query < 0 ? raw : raw.slice(0, query));
    if (query >= 0) decodeURIComponent(raw.slice(query + 1));
    return { path: decoded };
  } catch {
    return badRequest('malformed percent-escape in the URL: use %XX escapes of UTF-8 bytes');
  }
}

/** `application/json`, with no charset or UTF-8 (JSON is UTF-8 by definition). */
function isJsonType(header: string | undefined): boolean {
  const [type = '', ...params] = (header ?? '').split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  return params.every((param) => {
    const [name = '', value = ''] = param.split('=');
    if (name.trim().toLowerCase() !== 'charset') return true;
    return /^"?utf-?8"?$/iu.test(value.trim());
  });
}

/** What the headers say about the body, judged before a byte of it is read. */
function checkBodyHeaders(req: IncomingMessage): Refusal | null {
  if (!announcesBody(req)) return null;
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== 'identity') {
    return {
      status: 415,
      code: 'bad-request',
      message: 'send the body as plain application/json, not compressed',
    };
  }
  if (!isJsonType(req.headers['content-type'])) {
    return {
      status: 415,
      code: 'bad-request',
      message: 'the request body must be application/json in UTF-8',
    };
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES)
    return { status: 413, code: 'bad-request', message: 'request body too large' };
  return null;
}

type BodyRead = { kind: 'complete'; bytes: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * Reads a body of at most `limit` bytes. The moment it grows past the limit the chunks are let go
 * and 'too-large' is reported: the caller refuses the call and the rest is dropped unread.
 */
function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: BodyRead): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else settle({ kind: 'too-large' });
    };
    const onEnd = (): void => settle({ kind: 'complete', bytes: Buffer.concat(chunks, size) });
    // Before 'end' only when the client went away in the middle of its body.
    const onClose = (): void => settle({ kind: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}

/**
 * Whether JSON text opens more than `limit` arrays or objects inside one another. One pass, no
 * recursion, strings skipped; run before JSON.parse so that no later walk of the value (validation,
 * logging, cloning) can overflow the stack. On text that is not JSON the answer does not matter:
 * JSON.parse refuses it next.
 */
function nestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* backslash */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The call's argument from its body (none means `{}`), or why the body cannot be used. */
function parseBody(bytes: Buffer): { input: unknown } | Refusal {
  if (bytes.length === 0) return { input: {} };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return badRequest('request body is not valid UTF-8');
  }
  if (nestingExceeds(text, MAX_JSON_DEPTH)) {
    return badRequest(`request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels)`);
  }
  try {
    return { input: JSON.parse(text) as unknown };
  } catch {
    return badRequest('request body is not JSON');
  }
}

const KEEPALIVE_MS = 25_000;

/** Server-sent events: every ServiceEvent as one `data:` line, until the client goes away. */
function streamEvents(req: IncomingMessage, res: ServerResponse, service: ArchiveService): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const off = service.events.on((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  const stop = (): void => {
    off();
    clearInterval(keepalive);
  };
  // The response's close is the client going away. The request's is not: it closes as soon as
  // its (empty) body has been read, which would end the stream before its first event.
  res.on('close', stop);
}

export async function startWebServer(options: WebServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { service, rendererDir } = options;
  let port = 0;
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const handleApi = async (
    req: IncomingMessage,
    res: ServerResponse,
    route: string,
    expectsContinue: boolean,
  ): Promise<void> => {
    const events = route === '/api/events';
    if (req.method !== (events ? 'GET' : 'POST')) {
      return refuse(req, res, {
        status: 405,
        code: 'bad-request',
        message: events ? 'use GET for the event stream' : 'use POST for API calls',
      });
    }
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || !tokensEqual(given, token)) {
      return refuse(req, res, {
        status: 401,
        code: 'unauthorized',
        message: 'missing or wrong session token: open the URL printed at start',
      });
    }
    if (events) {
      req.resume();
      return streamEvents(req, res, service);
    }
    const channel = route.slice('/api/'.length);
    if (!CHANNEL_SET.has(channel)) {
      return refuse(req, res, { status: 404, code: 'not-found', message: `unknown call ${channel}` });
    }
    const wrongHeaders = checkBodyHeaders(req);
    if (wrongHeaders) return refuse(req, res, wrongHeaders);
    // The client waits for this before sending its body; refused calls above never get it.
    if (expectsContinue) res.writeContinue();
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large') {
      return refuse(req, res, { status: 413, code: 'bad-request', message: 'request body too large' });
    }
    const parsed = parseBody(body.bytes);
    if (!('input' in parsed)) return sendError(res, parsed.status, parsed.code, parsed.message);
    try {
      const value = await service.handle(channel as Channel, parsed.input);
      const envelope: Envelope<unknown> = { ok: true, value };
      return send(res, 200, JSON.stringify(envelope));
    } catch (error) {
      const shape = toErrorShape(error);
      const status = STATUS_OF[shape.code];
      return send(res, status, JSON.stringify({ ok: false, error: shape }));
    }
  };

  const serveFile = async (req: IncomingMessage, res: ServerResponse, route: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return refuse(req, res, { status: 405, code: 'bad-request', message: 'method not allowed' });
    }
    req.resume();
    const rel = route === '/' ? 'index.html' : route.replace(/^\/+/u, '');
    const file = path.resolve(rendererDir, rel);
    if (!file.startsWith(path.resolve(rendererDir) + path.sep))
      return sendError(res, 404, 'not-found', 'not found');
    try {
      const data = await readFile(file);
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      res.end(req.method === 'HEAD' ? undefined : data);
    } catch {
      sendError(res, 404, 'not-found', 'not found');
    }
  };

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    expectsContinue: boolean,
  ): Promise<void> => {
    const host = req.headers.host ?? '';
    const origin = req.headers.origin;
    if (!allowedHosts().has(host)) {
      return refuse(req, res, { status: 421, code: 'bad-request', message: 'unexpected Host header' });
    }
    if (origin !== undefined && ![...allowedHosts()].some((h) => origin === `http://${h}`)) {
      return refuse(req, res, { status: 403, code: 'unauthorized', message: 'cross-origin request refused' });
    }
    const target = parseTarget(req.url ?? '/');
    if (!('path' in target)) return refuse(req, res, target);
    return target.path.startsWith('/api/')
      ? handleApi(req, res, target.path, expectsContinue)
      : serveFile(req, res, target.path);
  };

  const respond = (req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void => {
    handle(req, res, expectsContinue).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'internal', toErrorShape(error).message);
      else res.destroy();
    });
  };
  const server = createServer((req, res) => respond(req, res, false));
  // With a listener here Node no longer answers "100 Continue" on its own: only calls that pass
  // every header check are asked for their body.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => respond(req, res, true));
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Event streams stay open until their client leaves: end them so that closing never hangs.
        server.closeAllConnections();
      }),
  };
}
