/** How far reading or saving has got, with a cancel while it can still be cancelled. */
import { t } from '../../shared/i18n';
import type { Progress } from '../use-import-queue';

export interface TaskProgressProps {
  progress: Progress;
  onCancel(): void;
}

export function TaskProgress({ progress, onCancel }: TaskProgressProps) {
  return (
    <section class="progress" aria-live="polite">
      {/* No fraction: the worker's final merge, one transaction that cannot be cancelled half-way. */}
      <progress data-testid="progress" max={1} value={Number.isNaN(progress.fraction) ? undefined : progress.fraction} />
      <span>{progress.label}</span>
      {!Number.isNaN(progress.fraction) && (
        <button type="button" data-testid="cancel" onClick={onCancel}>
          {t('commonCancel')}
        </button>
      )}
    </section>
  );
}
