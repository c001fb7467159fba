/**
 * Export in the platforms' formats (issue 7 point 6): a speaker's talks or a
 * search result's talks as iCalendar or frab JSON, and the whole archive as
 * Podium's own JSON. Files are built here and downloaded; nothing leaves the
 * machine.
 */
import { useState } from 'preact/hooks';
import { callBackground, callOrThrow } from '../../shared/messaging';
import { exportTalkFromView, talksToFrabJson, talksToICalendar } from '../../shared/importers/platforms';
import type { Speaker } from '../../shared/types';
import { formatNumber, t, tn } from '../../shared/i18n';
import { download } from '../../shared/download';
import { exportArchiveParts } from '../../shared/archive-transfer';

interface Found {
  speakers: { id: string; name: string }[];
  talks: { id: string; title: string }[];
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'podium';

export function ExportPanel() {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const find = async () => {
    const r = await callBackground('search', { query, limit: 50, interactive: true });
    if (!r.ok) return setMessage(r.error);
    // The search result's shape grows with the search issue; read only what exporting needs.
    const v = r.value as unknown as { speakers?: { id: string; name: string }[]; talks?: { id: string; title: string }[] };
    setFound({ speakers: v.speakers ?? [], talks: v.talks ?? [] });
    setMessage(null);
  };

  /** Exports talks by id, named after `label`. */
  const exportTalks = async (ids: string[], label: string, format: 'ics' | 'frab') => {
    const r = await callBackground('talksForExport', { ids });
    if (!r.ok) return setMessage(r.error);
    const people = new Map<string, Speaker>(r.value.speakers.map((s) => [s.id, s]));
    const talks = r.value.talks.map((talk) => exportTalkFromView(talk, people));
    const out = format === 'ics' ? talksToICalendar(talks, { name: label }) : talksToFrabJson(talks, { title: label });
    const text = format === 'ics' ? (out as { text: string }).text : JSON.stringify((out as { json: unknown }).json, null, 2);
    download(`${slug(label)}.${format === 'ics' ? 'ics' : 'frab.json'}`, text, format === 'ics' ? 'text/calendar' : 'application/json');
    const exported = tn('importExportedTalks', talks.length - out.skipped.length);
    const formatName = format === 'ics' ? 'iCalendar' : 'frab JSON';
    setMessage(
      out.skipped.length
        ? t('importExportedSkipped', exported, formatName, formatNumber(out.skipped.length), out.skipped.slice(0, 5).join('; '))
        : t('importExported', exported, formatName),
    );
  };

  const speakerTalks = async (id: string, name: string, format: 'ics' | 'frab') => {
    const r = await callBackground('getSpeaker', { id });
    if (!r.ok || !r.value) return setMessage(r.ok ? t('importExportSpeakerGone') : r.error);
    await exportTalks(r.value.talks.map((talk) => talk.id), name, format);
  };

  const archive = async () => {
    try {
      download(`podium-archive-${new Date().toISOString().slice(0, 10)}.json`, await exportArchiveParts(callOrThrow));
      setMessage(t('importExportedArchive'));
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  return (
    <section class="export" aria-label={t('importExportTitle')} data-testid="export">
      <h2>{t('importExportTitle')}</h2>
      <div class="row">
        <button type="button" onClick={() => void archive()}>
          {t('importExportArchive')}
        </button>
      </div>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <label for="export-query">{t('importExportQuery')}</label>
        <input id="export-query" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <button type="submit" disabled={!query.trim()}>
          {t('importExportFind')}
        </button>
      </form>
      {found && (
        <div data-testid="export-results">
          {found.speakers.length === 0 && found.talks.length === 0 && <p>{t('importExportNothing')}</p>}
          <ul>
            {found.speakers.map((s) => (
              <li key={s.id}>
                {t('importExportSpeakerTalks', s.name)}{' '}
                <button type="button" onClick={() => void speakerTalks(s.id, s.name, 'ics')}>
                  iCalendar
                </button>{' '}
                <button type="button" onClick={() => void speakerTalks(s.id, s.name, 'frab')}>
                  frab JSON
                </button>
              </li>
            ))}
          </ul>
          {found.talks.length > 0 && (
            <p>
              {tn('importExportMatching', found.talks.length)}{' '}
              <button type="button" onClick={() => void exportTalks(found.talks.map((x) => x.id), `Podium – ${query}`, 'ics')}>
                iCalendar
              </button>{' '}
              <button type="button" onClick={() => void exportTalks(found.talks.map((x) => x.id), `Podium – ${query}`, 'frab')}>
                frab JSON
              </button>
            </p>
          )}
        </div>
      )}
      {message && (
        <p class="message" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
