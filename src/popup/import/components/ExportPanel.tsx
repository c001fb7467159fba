/**
 * Export in the platforms' formats (issue 7 point 6): a speaker's talks or a
 * search result's talks as iCalendar or frab JSON, and the whole archive as
 * Podium's own JSON. Files are built here and downloaded; nothing leaves the
 * machine.
 */
import { useState } from 'preact/hooks';
import { callBackground, callOrThrow } from '../../../shared/messaging';
import { exportTalkFromView, talksToFrabJson, talksToICalendar } from '../../../shared/importers/platforms';
import type { Speaker } from '../../../shared/types';
import { download } from '../../download';
import { exportArchiveParts } from '../../../shared/archive-transfer';

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
    const r = await callBackground('search', { query, limit: 50 });
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
    const talks = r.value.talks.map((t) => exportTalkFromView(t, people));
    const out = format === 'ics' ? talksToICalendar(talks, { name: label }) : talksToFrabJson(talks, { title: label });
    const text = format === 'ics' ? (out as { text: string }).text : JSON.stringify((out as { json: unknown }).json, null, 2);
    download(`${slug(label)}.${format === 'ics' ? 'ics' : 'frab.json'}`, text, format === 'ics' ? 'text/calendar' : 'application/json');
    setMessage(
      `Exported ${talks.length - out.skipped.length} talks as ${format === 'ics' ? 'iCalendar' : 'frab JSON'}` +
        (out.skipped.length ? `; ${out.skipped.length} without a full date were left out (${out.skipped.slice(0, 5).join('; ')}).` : '.'),
    );
  };

  const speakerTalks = async (id: string, name: string, format: 'ics' | 'frab') => {
    const r = await callBackground('getSpeaker', { id });
    if (!r.ok || !r.value) return setMessage(r.ok ? 'That speaker is no longer in the archive.' : r.error);
    await exportTalks(r.value.talks.map((t) => t.id), name, format);
  };

  const archive = async () => {
    try {
      download(`podium-archive-${new Date().toISOString().slice(0, 10)}.json`, await exportArchiveParts(callOrThrow));
      setMessage('Exported the whole archive as Podium JSON.');
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  return (
    <section class="export" aria-label="Export" data-testid="export">
      <h2>Export</h2>
      <div class="row">
        <button type="button" onClick={() => void archive()}>
          Whole archive (Podium JSON)
        </button>
      </div>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <label for="export-query">Speaker or talk</label>
        <input id="export-query" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <button type="submit" disabled={!query.trim()}>
          Find
        </button>
      </form>
      {found && (
        <div data-testid="export-results">
          {found.speakers.length === 0 && found.talks.length === 0 && <p>Nothing found.</p>}
          <ul>
            {found.speakers.map((s) => (
              <li key={s.id}>
                {s.name}’s talks:{' '}
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
              {found.talks.length} matching talks:{' '}
              <button type="button" onClick={() => void exportTalks(found.talks.map((t) => t.id), `Podium – ${query}`, 'ics')}>
                iCalendar
              </button>{' '}
              <button type="button" onClick={() => void exportTalks(found.talks.map((t) => t.id), `Podium – ${query}`, 'frab')}>
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
