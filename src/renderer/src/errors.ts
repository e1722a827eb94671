/** What the user reads when a call fails: translated where the core gave a code to translate. */
import type { TFunction } from 'i18next';
import type { QueryIssue } from '../../shared/search-types';
import { ApiError } from './api';
import './features/report/i18n';
import { translateReason } from './features/report/reasons';

export function describeError(e: unknown, t: TFunction): string {
  if (e instanceof ApiError && e.shape.code === 'unauthorized') return t('error.unauthorized');
  if (e instanceof ApiError && e.shape.folder)
    return t('folder.invalid', {
      folder: e.shape.folder.root,
      reason: t(`folder.problem.${e.shape.folder.problem}`),
    });
  // An archive that cannot be read at all says so with the import report's wording, translated alike.
  if (e instanceof ApiError && e.shape.code === 'unreadable-archive')
    return translateReason(e.shape.message, t);
  if (e instanceof ApiError) {
    for (const [pattern, key] of SERVER_MESSAGES) {
      const m = pattern.exec(e.shape.message);
      if (m) return t(key, { ...m.groups });
    }
  }
  return e instanceof Error ? e.message : String(e);
}

/** What opening a server archive can go wrong with (core/remote.ts), in the user's language. */
const SERVER_MESSAGES: [RegExp, string][] = [
  [/^cannot log in: wrong user name or password/u, 'server.error.badLogin'],
  [/^cannot log in: too many failed logins/u, 'server.error.rateLimited'],
  [/must start with https:\/\//u, 'server.error.https'],
  [/^not a server address: (?<url>.*)$/u, 'server.error.notUrl'],
  [/^cannot reach the server (?<origin>\S+)/u, 'server.error.unreachable'],
  [/^the server (?<url>\S+) ended the session/u, 'server.error.sessionEnded'],
  [/not available for a server archive yet/u, 'server.error.notAvailable'],
  [/^only editors and admins share notes/u, 'server.error.cannotShare'],
  [/^only editors and admins add pages/u, 'serverImport.error.notEditor'],
  [/^your role on the server does not allow this/u, 'server.error.forbidden'],
  [/^(?<dir>.+) holds no page files to upload/u, 'serverImport.error.noPages'],
  [
    /^uploading (?<file>.+) failed \((?<reason>.+)\); the files sent before are kept in upload (?<job>\d+) on the server/u,
    'serverImport.error.failed',
  ],
];

/** A query issue in the user's language (the core's English message when there is no translation). */
export function describeIssue(issue: QueryIssue, t: TFunction): string {
  return t(`queryIssue.${issue.code}`, { ...issue.params, defaultValue: issue.message });
}
