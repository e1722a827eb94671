/**
 * The newsroom server's people and what they make, in PostgreSQL: users with a role, login
 * sessions, failed logins (for rate limits), and notes on articles, each either the user's own
 * (private: nobody else ever reads it, not even an admin) or shared with the team.
 *
 * Roles, each with the rights of the one before:
 *   reader  search and read the archive; private notes
 *   editor  shared team notes; import pages; correct articles; edit and delete shared notes
 *   admin   manage users; delete articles
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { TeamNote } from '../../shared/types';
import { prepareServerTables } from './tables';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './passwords';

export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Action = 'read' | 'note' | 'share' | 'import' | 'correct' | 'delete' | 'manage-users';

const RIGHTS: Record<Role, readonly Action[]> = {
  reader: ['read', 'note'],
  editor: ['read', 'note', 'share', 'import', 'correct'],
  admin: ['read', 'note', 'share', 'import', 'correct', 'delete', 'manage-users'],
};

export function can(role: Role, action: Action): boolean {
  return RIGHTS[role].includes(action);
}

export interface User {
  id: number;
  name: string;
  role: Role;
}

export interface Session {
  user: User;
  /** Sent back by the client in a header with every change: a page on another site cannot know it. */
  csrf: string;
  expires: Date;
}

export type { TeamNote };

/** How long a session lasts without use, and how many failed logins a name and address get. */
export const SESSION_HOURS = 12;
export const MAX_FAILURES = 5;
/** An office behind one address has many users: its limit is higher than one name's. */
export const MAX_ADDRESS_FAILURES = 50;
export const FAILURE_WINDOW_MINUTES = 15;

export class TeamError extends Error {
  constructor(
    readonly code: 'bad-login' | 'rate-limited' | 'forbidden' | 'not-found' | 'invalid',
    message: string,
    /** For 'rate-limited': seconds until the next try is allowed. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export class TeamStore {
  private constructor(private readonly pool: Pool) {}

  /** Opens the team's tables, made or upgraded to this release's version first (tables.ts). */
  static async open(pool: Pool): Promise<TeamStore> {
    await prepareServerTables(pool);
    return new TeamStore(pool);
  }

  // ---- users ---------------------------------------------------------------------------------

  async createUser(name: string, password: string, role: Role): Promise<User> {
    const clean = name.trim();
    if (!/^[\p{L}\p{N}._-]{2,64}$/u.test(clean))
      throw new TeamError('invalid', 'a user name has 2 to 64 letters, digits, dots, dashes or underscores');
    const problem = passwordProblem(password);
    if (problem) throw new TeamError('invalid', problem);
    try {
      const { rows } = await this.pool.query<User>(
        'INSERT INTO team_users (name, role, password) VALUES ($1, $2, $3) RETURNING id, name, role',
        [clean, role, await hashPassword(password)],
      );
      return rows[0];
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new TeamError('invalid', `there is already a user called ${clean}`);
      throw error;
    }
  }

  async users(): Promise<User[]> {
    return (await this.pool.query<User>('SELECT id, name, role FROM team_users ORDER BY name')).rows;
  }

  async setRole(by: User, id: number, role: Role): Promise<void> {
    if (!can(by.role, 'manage-users')) throw new TeamError('forbidden', 'only an admin may change roles');
    await this.pool.query('UPDATE team_users SET role = $2 WHERE id = $1', [id, role]);
    // Rights change at once: the user's sessions end.
    await this.pool.query('DELETE FROM team_sessions WHERE user_id = $1', [id]);
  }

  // ---- sessions ------------------------------------------------------------------------------

  /**
   * Logs in: a session token for the cookie and its CSRF token. Failed logins are counted per
   * user name and per address; after MAX_FAILURES for a name (MAX_ADDRESS_FAILURES for an
   * address) within the window, further tries are refused until it has passed, whether the
   * password is right or not.
   */
  async login(name: string, password: string, address: string): Promise<Session & { token: string }> {
    const keys = [`name:${name.trim().toLowerCase()}`, `address:${address}`];
    const { rows: counts } = await this.pool.query<{ key: string; n: string; oldest: Date }>(
      `SELECT key, count(*) AS n, min(at) AS oldest FROM team_login_failures
       WHERE key = ANY($1) AND at > now() - make_interval(mins => $2) GROUP BY key`,
      [keys, FAILURE_WINDOW_MINUTES],
    );
    const blocked = counts.find(
      (c) => Number(c.n) >= (c.key.startsWith('name:') ? MAX_FAILURES : MAX_ADDRESS_FAILURES),
    );
    if (blocked) {
      const retryAfter = Math.max(
        1,
        Math.ceil((blocked.oldest.getTime() + FAILURE_WINDOW_MINUTES * 60_000 - Date.now()) / 1000),
      );
      throw new TeamError('rate-limited', 'too many failed logins; try again later', retryAfter);
    }
    const { rows } = await this.pool.query<User & { password: string }>(
      'SELECT id, name, role, password FROM team_users WHERE name = $1',
      [name.trim()],
    );
    const found = rows[0];
    // The same work whether or not the user exists: the time taken tells nothing.
    const ok = await verifyPassword(password, found?.password ?? (await dummyHash()));
    if (!found || !ok) {
      await this.pool.query('INSERT INTO team_login_failures (key) SELECT unnest($1::text[])', [keys]);
      throw new TeamError('bad-login', 'wrong user name or password');
    }
    await this.pool.query('DELETE FROM team_login_failures WHERE key = ANY($1)', [keys]);
    if (needsRehash(found.password))
      await this.pool.query('UPDATE team_users SET password = $2 WHERE id = $1', [
        found.id,
        await hashPassword(password),
      ]);
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    const { rows: made } = await this.pool.query<{ expires: Date }>(
      `INSERT INTO team_sessions (token_hash, user_id, csrf, expires)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING expires`,
      [sha256(token), found.id, csrf, SESSION_HOURS],
    );
    return {
      token,
      csrf,
      expires: made[0].expires,
      user: { id: found.id, name: found.name, role: found.role },
    };
  }

  /** The session of a cookie's token, extended by use; null when unknown or expired. */
  async session(token: string | undefined): Promise<Session | null> {
    if (!token || token.length > 200) return null;
    const { rows } = await this.pool.query<User & { csrf: string; expires: Date }>(
      `UPDATE team_sessions s SET expires = now() + make_interval(hours => $2)
       FROM team_users u WHERE s.token_hash = $1 AND u.id = s.user_id AND s.expires > now()
       RETURNING u.id, u.name, u.role, s.csrf, s.expires`,
      [sha256(token), SESSION_HOURS],
    );
    const row = rows[0];
    return row
      ? { user: { id: row.id, name: row.name, role: row.role }, csrf: row.csrf, expires: row.expires }
      : null;
  }

  async logout(token: string): Promise<void> {
    await this.pool.query('DELETE FROM team_sessions WHERE token_hash = $1', [sha256(token)]);
  }

  // ---- notes ---------------------------------------------------------------------------------

  async addNote(
    by: User,
    input: { articleId: string; quote: string; note: string; shared: boolean },
  ): Promise<TeamNote> {
    if (input.shared && !can(by.role, 'share'))
      throw new TeamError('forbidden', 'a reader keeps private notes; shared team notes need an editor');
    const { rows } = await this.pool.query<{ id: number }>(
      `INSERT INTO team_notes (article_id, author_id, shared, quote, note) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [input.articleId, by.id, input.shared, input.quote, input.note],
    );
    return (await this.notesWhere(by, 'n.id = $2', [rows[0].id]))[0];
  }

  /** The notes `by` may read: their own, and every shared one; never another user's private note. */
  notes(by: User, articleId?: string): Promise<TeamNote[]> {
    return articleId === undefined
      ? this.notesWhere(by, 'TRUE', [])
      : this.notesWhere(by, 'n.article_id = $2', [articleId]);
  }

  /** Changes a note: its author, or for a shared note an editor or admin. */
  async updateNote(by: User, id: number, note: string): Promise<TeamNote> {
    await this.mayChange(by, id);
    await this.pool.query('UPDATE team_notes SET note = $2, modified = now() WHERE id = $1', [id, note]);
    return (await this.notesWhere(by, 'n.id = $2', [id]))[0];
  }

  async deleteNote(by: User, id: number): Promise<void> {
    await this.mayChange(by, id);
    await this.pool.query('DELETE FROM team_notes WHERE id = $1', [id]);
  }

  private async mayChange(by: User, id: number): Promise<void> {
    const { rows } = await this.pool.query<{ author_id: number; shared: boolean }>(
      'SELECT author_id, shared FROM team_notes WHERE id = $1',
      [id],
    );
    const row = rows[0];
    // Another user's private note does not exist for `by`.
    if (!row || (!row.shared && row.author_id !== by.id)) throw new TeamError('not-found', `no note ${id}`);
    if (row.author_id !== by.id && !can(by.role, 'share'))
      throw new TeamError('forbidden', 'only its author or an editor may change a shared note');
  }

  private async notesWhere(by: User, where: string, params: unknown[]): Promise<TeamNote[]> {
    const { rows } = await this.pool.query<{
      id: number;
      article_id: string;
      author: string;
      shared: boolean;
      quote: string;
      note: string;
      created: Date;
      modified: Date;
    }>(
      `SELECT n.id, n.article_id, u.name AS author, n.shared, n.quote, n.note, n.created, n.modified
       FROM team_notes n JOIN team_users u ON u.id = n.author_id
       WHERE (n.shared OR n.author_id = $1) AND ${where} ORDER BY n.created, n.id`,
      [by.id, ...params],
    );
    return rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      author: r.author,
      shared: r.shared,
      quote: r.quote,
      note: r.note,
      created: r.created.toISOString(),
      modified: r.modified.toISOString(),
    }));
  }
}

let dummy: Promise<string> | null = null;
/** A hash to check a password against when the user does not exist. */
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}
