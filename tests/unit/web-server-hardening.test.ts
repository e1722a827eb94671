/**
 * Browser mode under hostile or broken clients: refused calls are answered before their body is
 * read, and malformed URLs or bodies get a 4xx with a clear message, never a 500 or a crash.
 */
import { request, type OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ArchiveService } from '../../src/main/core/service';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, type RunningServer } from '../../src/main/web/server';
import { startTestServer } from './helpers/web';

const TOKEN = 'secret-token';
const MiB = 1024 * 1024;

let running: { server: RunningServer; service: ArchiveService } | null = null;
afterEach(async () => {
  await running?.server.close();
  await running?.service.close();
  running = null;
});

async function start(): Promise<RunningServer> {
  running = await startTestServer(TOKEN);
  const { server } = running;
  return server;
}

interface Answer {
  status: number;
  body: string;
  json: { ok: boolean; error?: { code: string; message: string } };
}

function call(
  server: RunningServer,
  options: { path: string; method?: string; headers?: OutgoingHttpHeaders; body?: string | Buffer },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: options.path,
        method: options.method ?? 'POST',
        headers: options.headers ?? { 'content-type': 'application/json', 'x-newsstack-token': TOKEN },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let json: Answer['json'] = { ok: false };
          try {
            json = JSON.parse(body) as Answer['json'];
          } catch {
            // Not JSON (a static file): the status says enough.
          }
          resolve({ status: res.statusCode ?? 0, body, json });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const withToken = { 'content-type': 'application/json', 'x-newsstack-token': TOKEN };

interface Upload {
  /** Status of the answer, or null when the connection ended without one. */
  status: number | null;
  body: string;
  /** Whether the client had handed over its whole body before it was answered or cut off. */
  sentAll: boolean;
  /** Whether the server sent "100 Continue". */
  continued: boolean;
}

/**
 * Sends a large body in chunks, yielding between them so that the server (in this same process)
 * gets its turn, and stops as soon as an answer arrives or the server closes the connection.
 */
function upload(
  server: RunningServer,
  options: { path: string; headers: OutgoingHttpHeaders; total: number; method?: string },
): Promise<Upload> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let written = 0;
    let stopped = false;
    let continued = false;
    let settled = false;
    let status: number | null = null;
    const finish = (body = ''): void => {
      if (settled) return;
      settled = true;
      stopped = true;
      req.destroy();
      resolve({ status, body, sentAll: written >= options.total, continued });
    };
    const req = request({
      host: '127.0.0.1',
      port: server.port,
      path: options.path,
      method: options.method ?? 'POST',
      headers: options.headers,
    });
    req.on('response', (res) => {
      stopped = true;
      status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish(Buffer.concat(chunks).toString('utf8')));
      res.on('error', () => finish(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', () => {
      if (status === null) finish();
    });
    const pump = (): void => {
      if (stopped) return;
      if (written >= options.total) {
        req.end();
        return;
      }
      const piece = chunk.subarray(0, Math.min(chunk.length, options.total - written));
      written += piece.length;
      if (req.write(piece)) setImmediate(pump);
      else req.once('drain', pump);
    };
    if (options.headers.expect === '100-continue') {
      req.on('continue', () => {
        continued = true;
        pump();
      });
      req.flushHeaders();
    } else {
      pump();
    }
  });
}

async function expectUsable(server: RunningServer): Promise<void> {
  const info = await call(server, { path: '/api/archive:info', headers: withToken, body: '{}' });
  expect(info.status).toBe(200);
  expect(info.json.ok).toBe(true);
}

describe('refused calls are answered before their body is read', () => {
  it('answers a call without the token at once and keeps serving', async () => {
    const server = await start();
    const refused = await upload(server, {
      path: '/api/notes:import',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      total: 16 * MiB,
    });
    expect(refused.status).toBe(401);
    expect(refused.sentAll).toBe(false);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await expectUsable(server);
  });

  it('refuses many token-less uploads at the same time and keeps serving', async () => {
    const server = await start();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        upload(server, {
          path: '/api/notes:import',
          headers: {
            'content-type': 'application/json',
            'content-length': String(8 * MiB),
            'x-newsstack-token': i % 2 ? 'wrong' : '',
          },
          total: 8 * MiB,
        }),
      ),
    );
    for (const result of results) {
      expect(result.status).toBe(401);
      expect(result.sentAll).toBe(false);
    }
    await expectUsable(server);
  });

  it('does not ask a client without the token for its body (Expect: 100-continue)', async () => {
    const server = await start();
    const refused = await upload(server, {
      path: '/api/notes:import',
      headers: { 'content-type': 'application/json', 'content-length': String(MiB), expect: '100-continue' },
      total: MiB,
    });
    expect(refused.status).toBe(401);
    expect(refused.continued).toBe(false);
    const accepted = await upload(server, {
      path: '/api/archive:info',
      headers: { ...withToken, 'content-length': '2', expect: '100-continue' },
      total: 2,
    });
    expect(accepted.continued).toBe(true);
    await expectUsable(server);
  });

  it('refuses a declared length over the limit before the body is sent', async () => {
    const server = await start();
    const refused = await upload(server, {
      path: '/api/notes:import',
      headers: { ...withToken, 'content-length': String(MAX_BODY_BYTES + 1) },
      total: MAX_BODY_BYTES + 1,
    });
    expect(refused.status).toBe(413);
    expect(refused.sentAll).toBe(false);
    await expectUsable(server);
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    const server = await start();
    const refused = await upload(server, {
      path: '/api/notes:import',
      headers: { ...withToken, 'transfer-encoding': 'chunked' },
      total: MAX_BODY_BYTES + 16 * MiB,
    });
    expect(refused.status).toBe(413);
    expect(refused.sentAll).toBe(false);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await expectUsable(server);
  });

  it.each([
    ['another method', 'PUT', '/api/notes:import', withToken, 405],
    ['an unknown call', 'POST', '/api/nope:nothing', withToken, 404],
    [
      'a body that is not JSON',
      'POST',
      '/api/notes:import',
      { ...withToken, 'content-type': 'text/plain' },
      415,
    ],
    ['a stranger Origin', 'POST', '/api/notes:import', { ...withToken, origin: 'http://evil.example' }, 403],
    ['a static file', 'POST', '/index.html', {}, 405],
  ])('refuses %s without reading the body', async (_what, method, target, headers, status) => {
    const server = await start();
    const refused = await upload(server, {
      path: target,
      method,
      headers: { ...headers, 'transfer-encoding': 'chunked' },
      total: 16 * MiB,
    });
    expect(refused.status).toBe(status);
    expect(refused.sentAll).toBe(false);
    await expectUsable(server);
  });

  it('cuts off a refused client that goes on sending regardless', async () => {
    const server = await start();
    const ending = await new Promise<{ status: number | null; ended: boolean }>((resolve) => {
      let status: number | null = null;
      const req = request({
        host: '127.0.0.1',
        port: server.port,
        path: '/api/notes:import',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        res.resume();
      });
      // A trickle that would never end: only the server can end this exchange.
      const trickle = setInterval(() => req.write(Buffer.alloc(1024, 0x20)), 20);
      const ended = (): void => {
        clearInterval(trickle);
        resolve({ status, ended: true });
      };
      req.on('error', ended);
      req.on('close', ended);
    });
    expect(ending).toEqual({ status: 401, ended: true });
    await expectUsable(server);
  });

  it('keeps serving after a client gives up in the middle of its body', async () => {
    const server = await start();
    await new Promise<void>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port: server.port,
        path: '/api/notes:import',
        method: 'POST',
        headers: { ...withToken, 'content-length': String(4 * MiB) },
      });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(MiB, 0x20), () => {
        req.destroy();
        resolve();
      });
    });
    await expectUsable(server);
  });
});

describe('malformed URLs', () => {
  it.each([
    '/api/archive:info?q=%E0%A4%A',
    '/api/archive:info?q=%zz',
    '/api/x?q=%E0%A4%A',
    '/api/%zz',
    '/api/archive:info%',
    '/api/%E0%A4%A',
    '/%zz',
    '/?token=x&q=%C0%AF',
  ])('answers %s with 400 and a clear message', async (target) => {
    const server = await start();
    const api = target.startsWith('/api/');
    const res = await call(server, {
      path: target,
      method: api ? 'POST' : 'GET',
      body: api ? '{}' : undefined,
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(res.json.error?.message).toMatch(/percent/i);
    await expectUsable(server);
  });

  it('answers a request target that is not a path with 400', async () => {
    const server = await start();
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(
          `GET http://[bad/ HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
        );
      });
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(head).toMatch(/^HTTP\/1\.1 400 /u);
    await expectUsable(server);
  });
});

describe('request bodies', () => {
  const nested = (depth: number, open = '[', close = ']'): string => open.repeat(depth) + close.repeat(depth);

  it.each([
    ['arrays', 'archive:info', nested(100_000)],
    ['objects', 'search:query', `{"query":${nested(100_000, '{"a":', '}').replace('{"a":}', '{}')}}`],
    [
      'a mix inside a field',
      'settings:update',
      `{"ui":${nested(5_000, '[{"x":', '}]').replace('{"x":}', '{"x":1}')}}`,
    ],
    ['just past the limit', 'search:query', `{"query":${nested(MAX_JSON_DEPTH)}}`],
  ])('answers deeply nested %s with 400', async (_what, channel, body) => {
    const server = await start();
    const res = await call(server, { path: `/api/${channel}`, body });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(res.json.error?.message).toMatch(/nested too deeply/i);
    await expectUsable(server);
  });

  it('does not count brackets inside strings as nesting, nor refuse nesting up to the limit', async () => {
    const server = await start();
    const deepest = await call(server, {
      path: '/api/search:query',
      body: `{"query":${nested(MAX_JSON_DEPTH - 1)}}`,
    });
    expect(deepest.status).toBe(400);
    expect(deepest.json.error?.message).not.toMatch(/nested too deeply/iu);
    const res = await call(server, {
      path: '/api/search:query',
      body: JSON.stringify({ query: `\\"[{${'['.repeat(900)}` }),
    });
    expect(res.status).toBe(200);
  });

  it('answers a body that is not valid UTF-8 with 400', async () => {
    const server = await start();
    const body = Buffer.concat([
      Buffer.from('{"query":"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"}'),
    ]);
    const res = await call(server, { path: '/api/search:query', body });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(res.json.error?.message).toMatch(/UTF-8/u);
  });

  it('answers a body that is not JSON with 400', async () => {
    const server = await start();
    const res = await call(server, { path: '/api/search:query', body: '{"query":' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['no content type', {}],
    ['form data', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['another charset', { 'content-type': 'application/json; charset=iso-8859-1' }],
    ['a compressed body', { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
  ])('answers %s with 415', async (_what, headers) => {
    const server = await start();
    const res = await call(server, {
      path: '/api/archive:info',
      headers: { ...headers, 'x-newsstack-token': TOKEN },
      body: '{}',
    });
    expect(res.status).toBe(415);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(res.json.error?.message).toMatch(/application\/json/u);
    await expectUsable(server);
  });

  it('accepts the JSON bodies real clients send', async () => {
    const server = await start();
    const calls: [OutgoingHttpHeaders, string | undefined][] = [
      [withToken, '{}'],
      [{ ...withToken, 'content-type': 'application/json; charset=UTF-8' }, '{}'],
      [{ ...withToken, 'content-type': 'Application/JSON;charset="utf-8"' }, '{}'],
      [{ 'x-newsstack-token': TOKEN }, undefined],
      [withToken, '\ufeff{}'],
    ];
    for (const [headers, body] of calls) {
      const res = await call(server, { path: '/api/archive:info', headers, body });
      expect(res.status).toBe(200);
    }
    const search = await call(server, {
      path: '/api/settings:update',
      body: JSON.stringify({ ui: { view: 'search', query: '双减' } }),
    });
    expect(search.status).toBe(200);
  });
});
