/**
 * A newsroom server's archive opened in the desktop app (URL + login) instead of local folders:
 * searches, suggestions and articles come from the server (the same contract, src/main/server);
 * the user's bookmarks and annotations stay on this computer, as their private notes. The session
 * is kept in the data folder (0600), so the app stays connected across restarts until the user
 * disconnects or the server ends the session.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { SERVER_CHANNELS, type ServerChannel } from '../../shared/channels';
import type { Input, Output } from '../../shared/contract';
import type { ServerConnection, ServerImportJob, TeamNote } from '../../shared/types';
import { discover } from './archive/discover';
import { ArchiveError } from './errors';
import { readCheckedJson, writeCheckedJson } from './store';

export const SERVER_FILE = 'server.json';
/** What a server archive answers; every other call works on this computer's data. */
export const REMOTE_CALLS = SERVER_CHANNELS;
export type RemoteCall = ServerChannel;

interface Saved {
  url: string;
  user: string;
  role: string;
  cookie: string;
  csrf: string;
}

const TIMEOUT_MS = 30_000;
/** Page files sent at once while uploading. */
const UPLOADS_AT_ONCE = 4;

/** The server's address, checked: https, or http only for this computer (a password must not travel in clear). */
export function serverUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ArchiveError('bad-request', `not a server address: ${raw}`);
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    throw new ArchiveError(
      'bad-request',
      'a server address must start with https:// (http:// only for a server on this computer): passwords must not travel unencrypted',
    );
  url.pathname = url.pathname.replace(/\/+$/u, '');
  url.search = '';
  url.hash = '';
  return url;
}

export class RemoteArchive {
  private saved: Saved | null | undefined;

  constructor(private readonly dataDir: string) {}

  private file(): string {
    return path.join(this.dataDir, SERVER_FILE);
  }

  private async state(): Promise<Saved | null> {
    if (this.saved === undefined) {
      const read = await readCheckedJson(this.file());
      this.saved = (read?.payload as Saved | undefined) ?? null;
    }
    return this.saved;
  }

  async connection(): Promise<ServerConnection | null> {
    const s = await this.state();
    return s ? { url: s.url, user: s.user, role: s.role } : null;
  }

  async connect(rawUrl: string, name: string, password: string): Promise<ServerConnection> {
    const url = serverUrl(rawUrl);
    const response = await this.fetch(`${url.href.replace(/\/$/u, '')}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      user?: { name: string; role: string };
      csrf?: string;
      error?: { message?: string };
    };
    if (!response.ok || !body.user || !body.csrf) {
      const reason =
        response.status === 401
          ? 'wrong user name or password'
          : response.status === 429
            ? 'too many failed logins; try again later'
            : (body.error?.message ?? `the server answered ${response.status}`);
      throw new ArchiveError('bad-request', `cannot log in: ${reason}`);
    }
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    if (!cookie) throw new ArchiveError('bad-request', 'cannot log in: the server set no session');
    this.saved = {
      url: url.href.replace(/\/$/u, ''),
      user: body.user.name,
      role: body.user.role,
      cookie,
      csrf: body.csrf,
    };
    await writeCheckedJson(this.file(), { format: 1 }, this.saved);
    return { url: this.saved.url, user: this.saved.user, role: this.saved.role };
  }

  async disconnect(): Promise<void> {
    const s = await this.state();
    if (s)
      await this.fetch(`${s.url}/api/logout`, {
        method: 'POST',
        headers: changing(s),
        body: '{}',
      }).catch(() => undefined);
    this.saved = null;
    await rm(this.file(), { force: true });
  }

  /** The notes of the team on an article: the shared ones and the user's own on the server. */
  async teamNotes(articleId: string): Promise<TeamNote[]> {
    const s = await this.state();
    if (!s) return [];
    const response = await this.fetch(`${s.url}/api/notes?articleId=${encodeURIComponent(articleId)}`, {
      headers: { cookie: s.cookie },
    });
    return answer<TeamNote[]>(response, s.url);
  }

  /** Shares a note with the team: the server allows it to editors and admins. */
  async shareNote(input: { articleId: string; quote: string; note: string }): Promise<TeamNote> {
    const s = await this.state();
    if (!s) throw new ArchiveError('bad-request', 'not connected to a server');
    const response = await this.fetch(`${s.url}/api/notes`, {
      method: 'POST',
      headers: changing(s),
      body: JSON.stringify({ ...input, shared: true }),
    });
    if (response.status === 403)
      throw new ArchiveError('bad-request', 'only editors and admins share notes with the team');
    return answer<TeamNote>(response, s.url);
  }

  /**
   * Uploads the page files of `dir` (and the sidecars and manifests that describe them: what the
   * importer would read, discover.ts) into a new import job on the server, then starts the job.
   * The job counts the files it has received, so that the app can show the upload's progress.
   */
  async upload(dir: string, label?: string): Promise<ServerImportJob> {
    const s = await this.state();
    if (!s) throw new ArchiveError('bad-request', 'not connected to a server');
    const found = await discover([path.resolve(dir)]);
    if (found.unreadableRoots.length)
      throw new ArchiveError('bad-request', `cannot read ${dir}: ${found.unreadableRoots[0].message}`);
    const files = [...found.pages, ...found.metadata];
    if (found.pages.length === 0)
      throw new ArchiveError('bad-request', `${dir} holds no page files to upload (text, HTML, PDF, tables)`);
    const made = await this.fetch(`${s.url}/api/uploads`, {
      method: 'POST',
      headers: changing(s),
      body: JSON.stringify({ label: label ?? path.basename(path.resolve(dir)), files: files.length }),
    });
    if (made.status === 403)
      throw new ArchiveError('bad-request', 'only editors and admins add pages to the server');
    const job = await answer<ServerImportJob>(made, s.url);
    let next = 0;
    // The first failure stops every sender: nothing more is sent to a job that cannot be imported.
    let failed = false;
    const send = async (): Promise<void> => {
      for (let i = next++; i < files.length && !failed; i = next++) {
        const file = files[i];
        const response = await this.fetch(
          `${s.url}/api/uploads/${job.id}/files?path=${encodeURIComponent(file.file)}`,
          {
            method: 'PUT',
            headers: changing(s, 'application/octet-stream'),
            body: new Uint8Array(await readFile(file.absolute)),
          },
          // A large page on a slow line: at least 50 KB a second.
          TIMEOUT_MS + Math.ceil(file.size / 50),
        ).catch((error: unknown) => {
          failed = true;
          throw error;
        });
        if (!response.ok) {
          failed = true;
          const reason = await serverMessage(response);
          throw new ArchiveError(
            'bad-request',
            `uploading ${file.file} failed (${response.status}${reason ? `: ${reason}` : ''}); the files sent before are kept in upload ${job.id} on the server`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(UPLOADS_AT_ONCE, files.length) }, send));
    const started = await this.fetch(`${s.url}/api/uploads/${job.id}/import`, {
      method: 'POST',
      headers: changing(s),
      body: '{}',
    });
    return answer<ServerImportJob>(started, s.url);
  }

  /** Runs a failed or interrupted import job again. */
  async retryJob(id: number): Promise<ServerImportJob> {
    const s = await this.state();
    if (!s) throw new ArchiveError('bad-request', 'not connected to a server');
    const response = await this.fetch(`${s.url}/api/jobs/${id}/retry`, {
      method: 'POST',
      headers: changing(s),
      body: '{}',
    });
    if (response.status === 403)
      throw new ArchiveError('bad-request', 'only editors and admins add pages to the server');
    return answer<ServerImportJob>(response, s.url);
  }

  /** The server's import jobs, newest first. */
  async jobs(): Promise<ServerImportJob[]> {
    const s = await this.state();
    if (!s) return [];
    const response = await this.fetch(`${s.url}/api/jobs`, { headers: { cookie: s.cookie } });
    if (response.status === 403) return [];
    return answer<ServerImportJob[]>(response, s.url);
  }

  /** A call of the contract, answered by the server. */
  async call<C extends RemoteCall>(channel: C, input: Input<C>): Promise<Output<C>> {
    const s = await this.state();
    if (!s) throw new ArchiveError('bad-request', 'not connected to a server');
    const response = await this.fetch(`${s.url}/api/call/${channel}`, {
      method: 'POST',
      headers: changing(s),
      body: JSON.stringify(input),
    });
    const body = (await response.json().catch(() => null)) as
      (Output<C> & { error?: undefined }) | { error: { code?: string; message?: string } } | null;
    if (response.ok && body && !('error' in body && body.error)) return body as Output<C>;
    const message = body && 'error' in body && body.error ? (body.error.message ?? '') : '';
    if (response.status === 401)
      throw new ArchiveError(
        'bad-request',
        `the server ${s.url} ended the session; connect again in Settings`,
      );
    if (response.status === 404) throw new ArchiveError('not-found', message || 'not found on the server');
    if (response.status === 403)
      throw new ArchiveError('bad-request', `your role on the server does not allow this: ${message}`);
    if (response.status === 400)
      throw new ArchiveError('bad-request', message || 'the server refused the request');
    throw new ArchiveError('bad-request', `the server ${s.url} answered ${response.status}: ${message}`);
  }

  private async fetch(url: string, init: RequestInit, timeout = TIMEOUT_MS): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeout) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new ArchiveError(
        'bad-request',
        `cannot reach the server ${new URL(url).origin}${cause ? ` (${cause})` : ''}: ${(error as Error).message}`,
      );
    }
  }
}

/** A server's answer, or why there is none in words the user can act on. */
async function answer<T>(response: Response, url: string): Promise<T> {
  if (response.status === 401)
    throw new ArchiveError('bad-request', `the server ${url} ended the session; connect again in Settings`);
  if (!response.ok) {
    const message = await serverMessage(response);
    throw new ArchiveError(
      'bad-request',
      `the server ${url} answered ${response.status}${message ? `: ${message}` : ''}`,
    );
  }
  return (await response.json()) as T;
}

/** Headers of a change: the session, its CSRF token, and the body's type. */
function changing(s: Saved, type = 'application/json'): Record<string, string> {
  return { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': type };
}

/** The message of a server's error answer, when it gave one. */
async function serverMessage(response: Response): Promise<string | undefined> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message;
}
