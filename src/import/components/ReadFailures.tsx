/** The inputs that could not be read, each with why. */
import { t } from '../../shared/i18n';
import type { ReadFailure } from '../reader';

export function ReadFailures({ failures }: { failures: ReadFailure[] }) {
  return (
    <section class="failures" role="alert" data-testid="failures">
      <h2>{t('importFailuresTitle')}</h2>
      <ul>
        {failures.map((f, i) => (
          <li key={i}>
            <strong>{f.label}</strong>: {t('importFailure', f.message)}
          </li>
        ))}
      </ul>
    </section>
  );
}
