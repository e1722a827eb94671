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
  return e instanceof Error ? e.message : String(e);
}

/** A query issue in the user's language (the core's English message when there is no translation). */
export function describeIssue(issue: QueryIssue, t: TFunction): string {
  return t(`queryIssue.${issue.code}`, { ...issue.params, defaultValue: issue.message });
}
