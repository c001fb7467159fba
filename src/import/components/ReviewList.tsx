/** The queued inputs to review before saving: each bundle's BundleReview or an archive's summary, the guesses to confirm, save and discard. */
import type { ImportPreview } from '../../shared/messages';
import { formatNumber, t } from '../../shared/i18n';
import type { ImportBundle } from '../../shared/types';
import { key, type Entry } from '../use-import-queue';
import { ArchiveSummary } from './ArchiveSummary';
import { BundleReview } from './BundleReview';

export interface ReviewListProps {
  entries: Entry[];
  /** By bundle key: the worker's preview, or its error message. */
  previews: Record<string, ImportPreview | string>;
  busy: boolean;
  /** Names of people whose guessed fields are not confirmed yet; saving waits for them. */
  unconfirmed: string[];
  isConfirmed(entryId: number, index: number, ref: string): boolean;
  onConfirm(entryId: number, index: number, ref: string, yes: boolean): void;
  onConfirmAll(): void;
  onEdit(entryId: number, index: number, change: (b: ImportBundle) => ImportBundle): void;
  onSave(): void;
  onDiscard(): void;
}

export function ReviewList({ entries, previews, busy, unconfirmed, isConfirmed, onConfirm, onConfirmAll, onEdit, onSave, onDiscard }: ReviewListProps) {
  return (
    <section class="review" data-testid="review" aria-label={t('importReviewTitle')}>
      <h2>{t('importReviewTitle')}</h2>
      <p class="hint">{t('importReviewHint')}</p>
      {entries.map((e) =>
        e.item.kind === 'archive' ? (
          <ArchiveSummary key={e.id} item={e.item} />
        ) : (
          e.item.bundles.map((b, i) => (
            <BundleReview
              key={key(e.id, i)}
              bundle={b}
              preview={previews[key(e.id, i)]}
              editable={!busy}
              confirmed={(ref) => isConfirmed(e.id, i, ref)}
              onConfirm={(ref, yes) => onConfirm(e.id, i, ref, yes)}
              onChange={(change) => onEdit(e.id, i, change)}
            />
          ))
        ),
      )}
      {unconfirmed.length > 0 && (
        <p class="confirm-needed" data-testid="confirm-needed">
          {t(
            'importConfirmNeeded',
            unconfirmed.slice(0, 10).join(', ') + (unconfirmed.length > 10 ? ` ${t('importMoreNames', formatNumber(unconfirmed.length - 10))}` : ''),
          )}{' '}
          {unconfirmed.length > 1 && (
            <button type="button" data-testid="confirm-all" onClick={onConfirmAll}>
              {t('importConfirmAll', formatNumber(unconfirmed.length))}
            </button>
          )}
        </p>
      )}
      <div class="row">
        <button type="button" class="primary" data-testid="save" disabled={busy || unconfirmed.length > 0} onClick={onSave}>
          {t('importSave')}
        </button>
        <button type="button" data-testid="discard" disabled={busy} onClick={onDiscard}>
          {t('importDiscard')}
        </button>
      </div>
    </section>
  );
}
