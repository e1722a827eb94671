/**
 * Browser mode: the same ArchiveService behind the shared contract, over HTTP on 127.0.0.1,
 * serving the same renderer build. Every API call needs the per-run token; Host and Origin are
 * checked against DNS rebinding; bodies are size-limited; bad requests get 4xx, never a crash.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CHANNELS, TOKEN_HEADER, type Channel } from '../../shared/channels';
import type { Envelope } from '../../shared/types';
import { toErrorShape } from '../core/errors';
import type { ArchiveService } from '../core/service';
import { CONTENT_SECURITY_POLICY } from '../security';

/** Big enough for a notes import of a heavy user; anything larger is refused with 413. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

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

/** The request body, or null when it is over the limit (then the rest is drained, up to a hard cap). */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES * 16) {
      req.destroy();
      return null;
    }
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8');
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
  req.on('close', stop);
  res.on('close', stop);
}

export async function startWebServer(options: WebServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { service, rendererDir } = options;
  let port = 0;
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const host = req.headers.host ?? '';
    const origin = req.headers.origin;
    if (
      !allowedHosts().has(host) ||
      (origin !== undefined && ![...allowedHosts()].some((h) => origin === `http://${h}`))
    ) {
      // Refused before reading anything: close the connection rather than drain a stranger's body.
      res.setHeader('connection', 'close');
      return allowedHosts().has(host)
        ? sendError(res, 403, 'unauthorized', 'cross-origin request refused')
        : sendError(res, 421, 'bad-request', 'unexpected Host header');
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) {
      // Read the (size-limited) body before answering, so a refused call never leaves the socket half-read.
      if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES * 16) {
        res.setHeader('connection', 'close');
        return sendError(res, 413, 'bad-request', 'request body too large');
      }
      const body = await readBody(req);
      if (body === null) return sendError(res, 413, 'bad-request', 'request body too large');
      if (req.method !== 'POST' && url.pathname !== '/api/events') {
        return sendError(res, 405, 'bad-request', 'use POST for API calls');
      }
      const given = req.headers[TOKEN_HEADER];
      if (typeof given !== 'string' || !tokensEqual(given, token)) {
        return sendError(
          res,
          401,
          'unauthorized',
          'missing or wrong session token: open the URL printed at start',
        );
      }
      if (url.pathname === '/api/events') return streamEvents(req, res, service);
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      if (!CHANNEL_SET.has(channel)) return sendError(res, 404, 'not-found', `unknown call ${channel}`);
      let input: unknown;
      try {
        input = body ? JSON.parse(body) : {};
      } catch {
        return sendError(res, 400, 'bad-request', 'request body is not JSON');
      }
      try {
        const value = await service.handle(channel as Channel, input);
        const envelope: Envelope<unknown> = { ok: true, value };
        return send(res, 200, JSON.stringify(envelope));
      } catch (error) {
        const shape = toErrorShape(error);
        const status = shape.code === 'bad-request' ? 400 : shape.code === 'not-found' ? 404 : 500;
        return send(res, status, JSON.stringify({ ok: false, error: shape }));
      }
    }
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, 405, 'bad-request', 'method not allowed');
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/u, '');
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

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'internal', toErrorShape(error).message);
      else res.destroy();
    });
  });
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
