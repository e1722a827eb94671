/**
 * The newsroom server's HTTP API: log in, search and read the shared archive, notes (private or
 * shared with the team), imports and deletions for those whose role allows them, users for
 * admins. A session lives in a cookie (HttpOnly, SameSite=Strict, Secure and __Host- when served
 * over HTTPS); every change also needs the session's CSRF token in a header, and a request from
 * another origin is refused. Errors are JSON with a code and a message, never a stack.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { realpath, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join as joinPath, resolve as resolvePath, sep } from 'node:path';
import { z } from 'zod';
import { SERVER_CHANNELS, type ServerChannel } from '../../shared/channels';
import { parseInput, type Input } from '../../shared/contract';
import type { ArticleView, BrowseResult } from '../../shared/types';
import { exploreMetrics, metricsCandidateQuery } from '../core/metrics-calls';
import { research, type ResearchAnswer, type ResearchCall, type ResearchSource } from '../core/research';
import type { SearchEngine } from '../core/search/engine';
import type { ServerCorrections } from './corrections';
import type { ImportJobs, Staging } from './jobs';
import { can, ROLES, TeamError, type Action, type Session, type TeamStore } from './team';
import {
  MAX_UPLOAD_FILES,
  MAX_UPLOAD_JOB_BYTES,
  newUploadFolder,
  receiveFile,
  safeRelative,
  UploadError,
} from './uploads';

export const CSRF_HEADER = 'x-csrf-token';
/** The calls of the desktop contract a server archive answers (see remote.ts in the core). */
export const REMOTE_CHANNELS = SERVER_CHANNELS;
type RemoteChannel = ServerChannel;
const MAX_BODY_BYTES = 1024 * 1024;

export interface TeamServerOptions {
  team: TeamStore;
  /** Where imports and deletions go (the primary database). */
  engine: SearchEngine;
  /** Where searches go, when not `engine`: an engine on a read replica. */
  searchEngine?: SearchEngine;
  /** An article as the reader gets it (with neighbours and the query's highlights), or null. */
  article?: (id: string, query: string | undefined) => Promise<ArticleView | null>;
  /** Where research (concordance, collocates, trends) reads articles (see research.ts). */
  research?: ResearchSource;
  /** Runs research calls off the request thread (research-worker.ts); without it, they run here. */
  researchWorker?: { run<C extends ResearchCall>(call: C): Promise<ResearchAnswer<C>> };
  /** Browsing by publication, date and page (see browse.ts). */
  browse?: (publication: string | null | undefined, date: string | null | undefined) => Promise<BrowseResult>;
  /** Import jobs (jobs.ts): from a folder on the server, or from uploaded files. */
  jobs?: ImportJobs;
  /** Corrections of articles by editors (corrections.ts); without them, corrections are refused. */
  corrections?: ServerCorrections;
  /** The folder on the server whose folders editors may import (with what is under them); without it, only uploads. */
  importRoot?: string;
  /** Where uploaded page files are kept, a folder per job; without it, uploads are refused. */
  uploads?: string;
  port?: number;
  host?: string;
  /** Served over HTTPS (directly or behind a proxy): cookies are Secure and __Host- prefixed. */
  secure?: boolean;
}

export interface RunningTeamServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const Login = z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict();
const Search = z
  .object({
    query: z.string().max(1000),
    limit: z.number().int().min(1).max(200).optional(),
    offset: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();
const NewNote = z
  .object({
    articleId: z.string().min(1).max(200),
    quote: z.string().max(10_000),
    note: z.string().max(100_000),
    shared: z.boolean(),
  })
  .strict();
const NoteChange = z.object({ note: z.string().max(100_000) }).strict();
const NewUser = z
  .object({ name: z.string().min(1).max(64), password: z.string().max(1024), role: z.enum(ROLES) })
  .strict();
const Import = z
  .object({ folder: z.string().min(1).max(4096), label: z.string().max(200).optional() })
  .strict();
const Upload = z
  .object({ label: z.string().max(200).optional(), files: z.number().int().min(0).max(100_000).optional() })
  .strict();

/**
 * `folder` (absolute, or relative to the root) when it is inside the server's import root,
 * links followed: an editor reads pages the admin put there, never any folder the server can read.
 */
async function insideImportRoot(root: string | undefined, folder: string): Promise<string> {
  if (!root)
    throw new HttpError(
      403,
      'forbidden',
      'this server imports folders only under the folder its admin named (--import-root); upload the pages instead',
    );
  const real = async (p: string): Promise<string> => realpath(p).catch(() => resolvePath(p));
  const base = await real(root);
  const target = await real(resolvePath(root, folder));
  if (target !== base && !target.startsWith(base.endsWith(sep) ? base : base + sep))
    throw new HttpError(403, 'forbidden', `${folder} is not under the import folder ${root}`);
  return target;
}

function cookieName(secure: boolean): string {
  return secure ? '__Host-newsstack' : 'newsstack_session';
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/iu.test(req.headers['content-type'] ?? ''))
    throw new HttpError(415, 'bad-request', 'send JSON (content-type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'bad-request', 'the request is too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'bad-request', 'the request is not valid JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new HttpError(400, 'bad-request', `${issue.path.join('.') || 'request'}: ${issue.message}`);
  }
  return result.data;
}

/** A research call of the contract as research.ts takes it (the desktop service maps them alike). */
function researchCall(channel: RemoteChannel, input: unknown): ResearchCall {
  if (channel === 'search:trends') {
    const i = input as Input<'search:trends'>;
    return { kind: 'trends', queries: i.queries, by: i.by ?? 'year' };
  }
  if (channel === 'search:concordance') {
    const i = input as Input<'search:concordance'>;
    return { kind: 'concordance', query: i.query, options: { sort: i.sort, width: i.width, limit: i.limit } };
  }
  const i = input as Input<'search:collocates'>;
  return { kind: 'collocates', query: i.query, options: { width: i.width, limit: i.limit } };
}

export async function startTeamServer(options: TeamServerOptions): Promise<RunningTeamServer> {
  const { team, engine } = options;
  const secure = options.secure ?? false;
  const cookie = cookieName(secure);
  const jobsOf = (): ImportJobs => {
    if (!options.jobs) throw new HttpError(501, 'bad-request', 'this server does not import');
    return options.jobs;
  };
  /** An upload job that `session` may add files to or start. */
  const uploadOf = async (session: Session, id: number): Promise<Staging> => {
    const job = await jobsOf().staging(id);
    if (!job || (job.userId !== session.user.id && !can(session.user.role, 'manage-users')))
      throw new HttpError(404, 'not-found', `no upload ${id} of yours`);
    if (job.state !== 'receiving')
      throw new HttpError(409, 'conflict', `upload ${id} has been imported already; start a new one`);
    return job;
  };

  const need = (session: Session | null, action: Action): Session => {
    if (!session) throw new HttpError(401, 'unauthorized', 'log in first');
    if (!can(session.user.role, action))
      throw new HttpError(403, 'forbidden', `a ${session.user.role} may not do this (${action})`);
    return session;
  };

  const answerCall = async (session: Session, channel: RemoteChannel, raw: unknown): Promise<unknown> => {
    let input;
    try {
      input = parseInput(channel, raw);
    } catch (error) {
      throw new HttpError(400, 'bad-request', (error as Error).message.slice(0, 500));
    }
    const reader = options.searchEngine ?? engine;
    if (channel === 'search:query') {
      const i = input as Input<'search:query'>;
      return reader.search(i.query, { limit: i.limit, offset: i.offset, sort: i.sort });
    }
    if (channel === 'search:suggest') {
      const i = input as Input<'search:suggest'>;
      return reader.suggest(i.prefix, i.limit ?? 10);
    }
    if (channel === 'search:trends' || channel === 'search:concordance' || channel === 'search:collocates') {
      if (!options.research) throw new HttpError(404, 'not-found', 'this server does not offer research');
      const call = researchCall(channel, input);
      return options.researchWorker
        ? options.researchWorker.run(call)
        : research(options.research, reader, call);
    }
    if (channel === 'metrics:explore') {
      if (!options.research) throw new HttpError(404, 'not-found', 'this server does not offer metrics');
      const m = input as Input<'metrics:explore'>;
      // As the desktop service does: the label is text, matched literally.
      const ids = await reader.matchIds(metricsCandidateQuery(m.label));
      return exploreMetrics(await options.research.articles(ids), m.label, m.kinds, m.limit);
    }
    if (channel === 'browse:list') {
      const b = input as Input<'browse:list'>;
      if (!options.browse) throw new HttpError(404, 'not-found', 'this server does not offer browsing');
      return options.browse(b.publication, b.date);
    }
    if (channel === 'articles:correct' || channel === 'articles:correctText') {
      const { user } = need(session, 'correct');
      if (!options.corrections)
        throw new HttpError(404, 'not-found', 'this server does not take corrections');
      if (channel === 'articles:correct') {
        const c = input as Input<'articles:correct'>;
        await options.corrections.correct(user, c.id, c.correction);
        return viewOf(c.id, undefined);
      }
      const c = input as Input<'articles:correctText'>;
      await options.corrections.correctText(user, c.id, c.text, c.note);
      return viewOf(c.id, undefined);
    }
    const i = input as Input<'articles:get'>;
    return viewOf(i.id, i.query);
  };

  const viewOf = async (id: string, query: string | undefined): Promise<ArticleView> => {
    const view = await options.article?.(id, query);
    if (!view) throw new HttpError(404, 'not-found', `no article with id ${id}`);
    return view;
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<unknown> => {
    const url = new URL(req.url ?? '/', 'http://server');
    const method = req.method ?? 'GET';
    // A change from a page of another site: refused whatever its cookie.
    const origin = req.headers.origin;
    if (method !== 'GET' && origin && new URL(origin).host !== req.headers.host)
      throw new HttpError(403, 'forbidden', 'requests from another site are refused');
    const token = readCookie(req, cookie);
    const session = await team.session(token);
    if (method !== 'GET' && url.pathname !== '/api/login') {
      if (session && req.headers[CSRF_HEADER] !== session.csrf)
        throw new HttpError(403, 'forbidden', `missing or wrong ${CSRF_HEADER} header`);
    }
    const path = url.pathname;
    if (method === 'POST' && path === '/api/login') {
      const { name, password } = parse(Login, await readJson(req));
      const made = await team.login(name, password, req.socket.remoteAddress ?? '');
      const attributes = ['HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${12 * 3600}`];
      if (secure) attributes.push('Secure');
      res.setHeader('set-cookie', `${cookie}=${made.token}; ${attributes.join('; ')}`);
      return { user: made.user, csrf: made.csrf };
    }
    if (method === 'POST' && path === '/api/logout') {
      if (token) await team.logout(token);
      res.setHeader(
        'set-cookie',
        `${cookie}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure ? '; Secure' : ''}`,
      );
      return { ok: true };
    }
    if (method === 'GET' && path === '/api/me') {
      const s = need(session, 'read');
      return { user: s.user, csrf: s.csrf };
    }
    if (method === 'POST' && path === '/api/search') {
      need(session, 'read');
      const { query, limit, offset } = parse(Search, await readJson(req));
      return (options.searchEngine ?? engine).search(query, { limit, offset });
    }
    if (path === '/api/notes') {
      const s = need(session, 'note');
      if (method === 'GET') return team.notes(s.user, url.searchParams.get('articleId') ?? undefined);
      if (method === 'POST') return team.addNote(s.user, parse(NewNote, await readJson(req)));
    }
    const note = /^\/api\/notes\/(\d+)$/u.exec(path);
    if (note) {
      const s = need(session, 'note');
      if (method === 'PATCH')
        return team.updateNote(s.user, Number(note[1]), parse(NoteChange, await readJson(req)).note);
      if (method === 'DELETE') {
        await team.deleteNote(s.user, Number(note[1]));
        return { ok: true };
      }
    }
    // The desktop app's own calls, for a server archive opened in it: the same contract.
    const call = /^\/api\/call\/([\w:]+)$/u.exec(path);
    if (call && method === 'POST') {
      need(session, 'read');
      const channel = call[1];
      if (!(REMOTE_CHANNELS as readonly string[]).includes(channel))
        throw new HttpError(404, 'not-found', `${channel} is not offered by the server`);
      return answerCall(session as Session, channel as RemoteChannel, await readJson(req));
    }
    const article = /^\/api\/articles\/([^/]{1,200})$/u.exec(path);
    if (article && method === 'DELETE') {
      need(session, 'delete');
      return engine.apply({ upsert: [], remove: [decodeURIComponent(article[1])] });
    }
    if (method === 'POST' && path === '/api/import') {
      const s = need(session, 'import');
      const { folder: asked, label } = parse(Import, await readJson(req));
      const folder = await insideImportRoot(options.importRoot, asked);
      const job = await jobsOf().create(s.user, 'folder', folder, label);
      res.statusCode = 202;
      return jobsOf().start(job.id);
    }
    if (method === 'POST' && path === '/api/uploads') {
      const s = need(session, 'import');
      const { label, files } = parse(Upload, await readJson(req));
      if (!options.uploads)
        throw new HttpError(501, 'bad-request', 'this server takes no uploads (start it with --uploads)');
      res.statusCode = 201;
      return jobsOf().create(s.user, 'upload', await newUploadFolder(options.uploads), label, files);
    }
    const upload = /^\/api\/uploads\/(\d+)\/(files|import)$/u.exec(path);
    if (upload && method === 'PUT' && upload[2] === 'files') {
      const s = need(session, 'import');
      const job = await uploadOf(s, Number(upload[1]));
      const folder = job.folder;
      if (job.received >= MAX_UPLOAD_FILES)
        throw new HttpError(413, 'bad-request', `an upload takes at most ${MAX_UPLOAD_FILES} files`);
      if (job.receivedBytes >= MAX_UPLOAD_JOB_BYTES)
        throw new HttpError(
          413,
          'bad-request',
          `an upload takes at most ${MAX_UPLOAD_JOB_BYTES / 1024 ** 3} GB; import this one and upload the rest in another`,
        );
      const file = url.searchParams.get('path') ?? '';
      const bytes = await receiveFile(req, folder, file);
      // Started meanwhile: the file came too late to be read, and is not kept.
      if (!(await jobsOf().received(Number(upload[1]), bytes))) {
        await rm(joinPath(folder, ...safeRelative(file).split('/')), { force: true });
        throw new HttpError(
          409,
          'conflict',
          `upload ${upload[1]} was started before ${file} arrived; send it in a new upload`,
        );
      }
      res.statusCode = 201;
      return { file: safeRelative(file), bytes };
    }
    if (upload && method === 'POST' && upload[2] === 'import') {
      const s = need(session, 'import');
      await uploadOf(s, Number(upload[1]));
      res.statusCode = 202;
      return jobsOf().start(Number(upload[1]));
    }
    if (method === 'GET' && path === '/api/jobs') {
      need(session, 'import');
      return jobsOf().list();
    }
    const jobMatch = /^\/api\/jobs\/(\d+)(\/pages|\/retry)?$/u.exec(path);
    if (jobMatch) {
      const s = need(session, 'import');
      const id = Number(jobMatch[1]);
      const job = await jobsOf().get(id);
      if (!job) throw new HttpError(404, 'not-found', `no import job ${id}`);
      if (method === 'GET' && !jobMatch[2]) return job;
      if (method === 'GET' && jobMatch[2] === '/pages') return jobsOf().pages(id);
      if (method === 'POST' && jobMatch[2] === '/retry') {
        res.statusCode = 202;
        return jobsOf().retry(s.user, id);
      }
    }
    if (path === '/api/users') {
      need(session, 'manage-users');
      if (method === 'GET') return team.users();
      if (method === 'POST') {
        const { name, password, role } = parse(NewUser, await readJson(req));
        res.statusCode = 201;
        return team.createUser(name, password, role);
      }
    }
    throw new HttpError(404, 'not-found', `no ${method} ${path}`);
  };

  const server = createServer((req, res) => {
    route(req, res).then(
      (value) => {
        if (res.statusCode === 200 || res.statusCode === 201 || res.statusCode === 202) {
          res.setHeader('content-type', 'application/json; charset=utf-8');
          res.setHeader('cache-control', 'no-store');
          res.end(JSON.stringify(value));
        }
      },
      (error: unknown) => {
        const known =
          error instanceof HttpError
            ? error
            : error instanceof UploadError
              ? new HttpError(error.status, 'bad-request', error.message)
              : error instanceof TeamError
                ? new HttpError(
                    { 'bad-login': 401, 'rate-limited': 429, forbidden: 403, 'not-found': 404, invalid: 400 }[
                      error.code
                    ],
                    error.code,
                    error.message,
                    error.retryAfter ? { 'retry-after': String(error.retryAfter) } : {},
                  )
                : new HttpError(500, 'internal', 'the server failed; see its log');
        if (known.status === 500) console.error(error);
        req.resume();
        res.writeHead(known.status, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          ...known.headers,
        });
        res.end(JSON.stringify({ error: { code: known.code, message: known.message } }));
      },
    );
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
