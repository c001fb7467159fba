/** A pyvideo archive too large to review record by record: its counts, event names and notes. */
import { formatNumber, t } from '../../shared/i18n';
import type { ArchiveItem } from '../reader';
import { Notes } from './Notes';

export function ArchiveSummary({ item }: { item: ArchiveItem }) {
  const { summary } = item;
  return (
    <article class="bundle" data-testid="archive-summary">
      <h3>{item.label}</h3>
      <p>{t('importArchiveSummary', formatNumber(summary.events), formatNumber(summary.talks), formatNumber(summary.speakers))}</p>
      <p class="events">{t('importArchiveEvents', `${summary.eventNames.join(', ')}${summary.events > summary.eventNames.length ? ', …' : ''}`)}</p>
      <Notes warnings={summary.warnings} />
    </article>
  );
}
