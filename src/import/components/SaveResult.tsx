/** What the last save did: the records created and merged with its notes, or why it failed. */
import { formatNumber, t } from '../../shared/i18n';
import type { SaveOutcome } from '../save';
import { Notes } from './Notes';

export function SaveResult({ outcome }: { outcome: SaveOutcome }) {
  if (!outcome.ok) {
    return (
      <p role="alert" class="error" data-testid="save-error">
        {outcome.error}
      </p>
    );
  }
  const { speakers, talks, events, warnings } = outcome.totals;
  return (
    <section class="result" data-testid="result" aria-live="polite">
      <h2>{t('importSavedTitle')}</h2>
      <p>{t('importSavedTotals', ...[speakers, talks, events].flatMap((c) => [formatNumber(c.created), formatNumber(c.merged)]))}</p>
      <Notes warnings={warnings} limit={100} />
    </section>
  );
}
