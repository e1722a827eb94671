import { CSRF_HEADER } from '../../../src/main/server/http';

/** A client of the server with its own cookie jar, as one browser is. */
export class TeamClient {
  private cookie = '';
  csrf = '';
  constructor(private readonly base: string) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { [CSRF_HEADER]: this.csrf } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  }

  /** Sends a file's bytes as the body, as the desktop app uploads a page. */
  async upload(path: string, data: string | Buffer) {
    const res = await fetch(`${this.base}${path}`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/octet-stream',
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf ? { [CSRF_HEADER]: this.csrf } : {}),
      },
      body: typeof data === 'string' ? data : new Uint8Array(data),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async login(name: string, password: string) {
    const r = await this.call('POST', '/api/login', { name, password });
    if (r.status === 200) this.csrf = String(r.body.csrf);
    return r;
  }
}
