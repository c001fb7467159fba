/**
 * A failed schedule fetch in the user's language: the worker and the fetcher
 * say which kind of problem it was ({@link FetchProblem}); the English
 * sentence they also keep is shown only for what has no words of its own
 * (an importer's message about a malformed file).
 */
import { t } from './i18n';
import { FetchError } from './importers/fetch-schedule';
import type { SubscriptionProblem } from './subscriptions';

export function problemText(problem: { code: SubscriptionProblem; detail?: string }, url: string): string {
  const detail = problem.detail ?? '';
  switch (problem.code) {
    case 'address':
      return t('subsProblemAddress');
    case 'status':
      return t('subsProblemStatus', detail);
    case 'notJson':
      return t('subsProblemNotJson');
    case 'tooLarge':
      return t('subsProblemTooLarge', detail);
    case 'tooManyPages':
      return t('subsProblemTooManyPages', detail);
    case 'timeout':
      return t('subsProblemTimeout');
    case 'network':
      return t('subsProblemNetwork', detail);
    case 'unreadable':
      return detail ? t('subsProblemUnreadableDetail', detail) : t('subsProblemUnreadable');
    case 'noTalks':
      return t('subsProblemNoTalks');
    case 'permission':
      return t('subsNeedsPermission', new URL(url).hostname);
    case 'storage':
      return t('subsProblemStorage');
    default:
      return detail;
  }
}

/** A fetch error thrown in this page, worded like the subscription's (the import page's "Fetch"); undefined for other errors. */
export function fetchErrorText(e: unknown, url: string): string | undefined {
  return e instanceof FetchError ? problemText({ code: e.problem, ...(e.detail ? { detail: e.detail } : {}) }, url) : undefined;
}
