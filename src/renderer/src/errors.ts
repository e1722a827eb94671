/** What the user reads when a call fails: translated where the core gave a code to translate. */
import type { TFunction } from 'i18next';
import type { QueryIssue } from '../../shared/search-types';
import { ApiError } from './api';

export function describeError(e: unknown, t: TFunction): string {
  if (e instanceof ApiError && e.shape.code === 'unauthorized') return t('error.unauthorized');
  if (e instanceof ApiError && e.shape.folder)
    return t('folder.invalid', {
      folder: e.shape.folder.root,
      reason: t(`folder.problem.${e.shape.folder.problem}`),
    });
  return e instanceof Error ? e.message : String(e);
}

/** A query issue in the user's language (the core's English message when there is no translation). */
export function describeIssue(issue: QueryIssue, t: TFunction): string {
  return t(`queryIssue.${issue.code}`, { ...issue.params, defaultValue: issue.message });
}
