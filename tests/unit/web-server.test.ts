import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, type RunningServer } from '../../src/main/web/server';
import { startTestServer } from './helpers/web';

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function start(): Promise<RunningServer> {
  running = (await startTestServer('secret-token')).server;
  return running;
}

function call(
  server: RunningServer,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          // A refused upload is answered before it is all sent: stop sending once the answer is in.
          req.destroy();
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (channel: string, body: unknown, extra: Record<string, string> = {}) => ({
  path: `/api/${channel}`,
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-newsstack-token': 'secret-token', ...extra },
  body: JSON.stringify(body),
});

describe('browser mode server', () => {
  it('streams the service’s events until the page goes away: progress, and the archive changed', async () => {
    const server = await start();
    const events: string[] = [];
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${server.port}/api/events`, {
      headers: { 'x-newsstack-token': 'secret-token' },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reading = (async () => {
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done || !value) return;
        for (const m of decoder.decode(value, { stream: true }).matchAll(/"type":"([\w-]+)"/gu))
          events.push(m[1]);
      }
    })();
    // A correction changes the archive: open lists are told to ask again.
    const hit = JSON.parse((await call(server, api('search:query', { query: '双减' }))).body) as {
      value: { hits: { id: string }[] };
    };
    const id = hit.value.hits[0].id;
    expect((await call(server, api('articles:correct', { id, correction: { page: '2' } }))).status).toBe(200);
    await expect.poll(() => events).toContain('archive-changed');
    expect(events).toContain('progress');
    controller.abort();
    await reading;
  });

  it('binds 127.0.0.1 and answers the contract with the token', async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=secret-token$/);
    const res = await call(server, api('search:query', { query: '双减' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('refuses calls without the token, from another origin or for another host', async () => {
    const server = await start();
    expect((await call(server, api('articles:list', {}, { 'x-newsstack-token': 'wrong' }))).status).toBe(401);
    expect((await call(server, api('articles:list', {}, { origin: 'http://evil.example' }))).status).toBe(
      403,
    );
    expect((await call(server, api('articles:list', {}, { host: 'evil.example' }))).status).toBe(421);
    expect(
      (await call(server, { path: '/', headers: { host: `attacker.test:${server.port}` } })).status,
    ).toBe(421);
  });

  it('answers bad requests with 4xx and keeps running', async () => {
    const server = await start();
    expect((await call(server, { ...api('articles:list', {}), body: '{not json' })).status).toBe(400);
    expect((await call(server, api('search:query', { query: 42 }))).status).toBe(400);
    expect((await call(server, api('nope:nothing', {}))).status).toBe(404);
    expect((await call(server, api('articles:get', { id: 'missing' }))).status).toBe(404);
    expect(
      (await call(server, { ...api('articles:list', {}), body: Buffer.alloc(MAX_BODY_BYTES + 10, 32) }))
        .status,
    ).toBe(413);
    expect((await call(server, { path: '/../../etc/passwd' })).status).toBe(404);
    const { headers } = api('articles:list', {});
    expect((await call(server, { path: '/api/articles:list', method: 'GET', headers })).status).toBe(405);
    expect((await call(server, api('archive:info', {}))).status).toBe(200);
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const server = await start();
    const res = await new Promise<{ csp: string | undefined; status: number }>((resolve) => {
      request({ host: '127.0.0.1', port: server.port, path: '/' }, (r) => {
        r.resume();
        resolve({
          csp: r.headers['content-security-policy'] as string | undefined,
          status: r.statusCode ?? 0,
        });
      }).end();
    });
    expect(res.status).toBe(200);
    expect(res.csp).toContain("default-src 'self'");
    expect(res.csp).toContain("script-src 'self'");
    expect(res.csp).not.toContain('unsafe-eval');
  });
});
