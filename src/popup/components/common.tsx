import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Method, Params, Reply } from '../../shared/messages';
import { formatDate, type MessageKey, t } from '../../shared/i18n';
import { callBackground } from '../../shared/messaging';
import type { LinkKind, Source, SourceKind } from '../../shared/types';
import type { Route } from '../route';

/** What every view gets from the app. */
export interface ViewProps {
  go: (route: Route) => void;
  back: () => void;
  /** Shows a status line, with an Undo button when `undoId` is given. */
  notify: (text: string, undoId?: string) => void;
}

const SOURCE_KINDS: Record<SourceKind, MessageKey> = {
  file: 'commonSourceKindFile',
  page: 'commonSourceKindPage',
  api: 'commonSourceKindApi',
  manual: 'commonSourceKindManual',
  sample: 'commonSourceKindSample',
};

/** Brand names as they are; words as message keys (as on the hover card). */
const LINK_BRANDS: Partial<Record<LinkKind, string>> = { github: 'GitHub', gitlab: 'GitLab', linkedin: 'LinkedIn', twitter: 'X/Twitter', mastodon: 'Mastodon' };
const LINK_WORDS: Record<Exclude<LinkKind, 'github' | 'gitlab' | 'linkedin' | 'twitter' | 'mastodon'>, MessageKey> = {
  homepage: 'cardLinkWebsite',
  profile: 'cardLinkProfile',
  video: 'commonVideo',
  slides: 'commonSlides',
  page: 'commonLinkPage',
  rsvp: 'commonLinkRsvp',
  other: 'commonLinkOther',
};

/** What kind of link this is, in the user's language ("GitHub", "Website"). */
export function linkKindLabel(kind: LinkKind): string {
  const brand = LINK_BRANDS[kind];
  if (brand) return brand;
  const word = LINK_WORDS[kind as keyof typeof LINK_WORDS] as MessageKey | undefined;
  return word ? t(word) : kind;
}

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: string };

/** Calls a worker method on mount (and on `reload()`). */
export function useWorker<M extends Method>(method: M, params: Params<M>, deps: unknown[]): [Loaded<Reply<M>>, () => Promise<void>] {
  const [state, setState] = useState<Loaded<Reply<M>>>({ status: 'loading' });
  const reload = useCallback(async () => {
    const r = await callBackground(method, params);
    setState(r.ok ? { status: 'ready', value: r.value } : { status: 'error', error: r.error });
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return [state, reload];
}

/** The names of the sources a fact cites, in small print. */
export function Cites({ ids, sources }: { ids: readonly string[]; sources: ReadonlyMap<string, Source> }) {
  const names = ids.map((id) => sources.get(id)?.name ?? id);
  if (names.length === 0) return null;
  return <span class="cite">({names.join(', ')})</span>;
}

/** The sources a record cites, each with a Remove button. */
export function SourceList({ sources, notify, onChange }: { sources: Source[]; notify: ViewProps['notify']; onChange: () => void }) {
  const remove = async (s: Source) => {
    const r = await callBackground('removeSource', { id: s.id });
    if (!r.ok) return notify(r.error);
    notify(t('commonSourceRemoved', s.name), r.value.undoId);
    onChange();
  };
  if (sources.length === 0) return null;
  return (
    <section aria-labelledby="sources-title">
      <h3 id="sources-title" class="section-title">{t('commonSources')}</h3>
      <ul class="plain">
        {sources.map((s) => (
          <li key={s.id} class="row source">
            <span>
              {s.url ? (
                <a href={s.url} target="_blank" rel="noreferrer">
                  {s.name}
                </a>
              ) : (
                s.name
              )}{' '}
              <span class="muted-inline">
                {t('commonSourceMeta', SOURCE_KINDS[s.kind] ? t(SOURCE_KINDS[s.kind]) : s.kind, formatDate(s.importedAt))}
              </span>
            </span>
            <button type="button" class="button button--quiet button--small" aria-label={t('commonRemoveSource', s.name)} onClick={() => remove(s)}>
              {t('commonRemove')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Loading({ state, children }: { state: Loaded<unknown>; children: () => ComponentChildren }) {
  if (state.status === 'loading') return <p class="muted">{t('commonLoading')}</p>;
  if (state.status === 'error')
    return (
      <p class="app__error" role="alert">
        {state.error}
      </p>
    );
  return <>{children()}</>;
}

/** Fields a user may fill in a small edit form. */
export interface FieldSpec {
  name: string;
  label: string;
  value: string;
  multiline?: boolean;
  hint?: string;
}

/** A labelled form of text fields; `onSave` gets the values by name. */
export function EditForm({ fields, onSave, onCancel, submit = t('commonSave') }: { fields: FieldSpec[]; onSave: (v: Record<string, string>) => void; onCancel: () => void; submit?: string }) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, f.value])));
  const set = (name: string) => (e: Event) => setValues((v) => ({ ...v, [name]: (e.target as HTMLInputElement).value }));
  return (
    <form
      class="edit"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(values);
      }}
    >
      {fields.map((f, i) => (
        <label key={f.name} class="field">
          <span>{f.label}</span>
          {f.multiline ? (
            <textarea name={f.name} rows={3} value={values[f.name]} onInput={set(f.name)} />
          ) : (
            <input name={f.name} type="text" value={values[f.name]} onInput={set(f.name)} autoFocus={i === 0} />
          )}
          {f.hint && <small class="muted-inline">{f.hint}</small>}
        </label>
      ))}
      <FormActions submit={submit} onCancel={onCancel} />
    </form>
  );
}

/** A form's submit and Cancel buttons. */
export function FormActions({ submit, onCancel }: { submit: string; onCancel: () => void }) {
  return (
    <div class="row">
      <button type="submit" class="button">
        {submit}
      </button>
      <button type="button" class="button button--quiet" onClick={onCancel}>
        {t('commonCancel')}
      </button>
    </div>
  );
}

/** A year from a date string or number. */
export const yearOf = (d?: string | number): string => (d === undefined ? '' : String(d).slice(0, 4));
export const place = (p?: { city?: string | undefined; country?: string | undefined }): string => [p?.city, p?.country].filter(Boolean).join(', ');
