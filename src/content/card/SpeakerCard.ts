/**
 * The hover card's content: who this is and what else they have said.
 * Props in, element out; every string is set as text, never as HTML, and
 * only http(s) links become links.
 */
import type { Link, SpeakerWithTalks, TalkView } from '../../shared/types';
import { formatNumber, type MessageKey, t, tn } from '../../shared/i18n';
import { h } from '../dom';

export interface SpeakerCardProps {
  /** The name as found on the page. */
  pageName: string;
  /** Everyone in the archive with that name (usually one). */
  people: SpeakerWithTalks[];
  /** True for a talk whose title appears on this page. */
  isOnPage: (talk: TalkView) => boolean;
  scheme: 'light' | 'dark';
  onOpen: (speakerId: string) => void;
  onClose: () => void;
}

const MAX_TALKS = 5;
const MAX_LINKS = 4;

/** A URL safe to put in `href`: http(s) only, so an imported `javascript:` link cannot run in the page. */
export function safeUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

const yearOf = (t: TalkView): string => (t.date ?? '').slice(0, 4) || (t.event?.year ? String(t.event.year) : '');

/** "EuroPython 2016", plus the year when the event's name does not already say it. */
function talkMeta(t: TalkView): string {
  const year = yearOf(t);
  const event = t.event?.name ?? '';
  return [event, year && !event.includes(year) ? year : ''].filter(Boolean).join(' · ');
}

/** Most recent first; talks without a date last. */
const byRecent = (a: TalkView, b: TalkView): number => (b.date ?? yearOf(b)).localeCompare(a.date ?? yearOf(a));

/** Brand names as they are; words as message keys. */
const LINK_LABELS: Partial<Record<Link['kind'], string>> = { github: 'GitHub', gitlab: 'GitLab', linkedin: 'LinkedIn', twitter: 'X/Twitter', mastodon: 'Mastodon' };
const LINK_WORDS: Partial<Record<Link['kind'], MessageKey>> = { homepage: 'cardLinkWebsite', video: 'commonVideo', slides: 'commonSlides', profile: 'cardLinkProfile' };

/** "Berlin, Germany": where the archive places them. */
function whereOf(p: SpeakerWithTalks): string {
  const place = p.speaker.location[0]?.value;
  return [place?.city, place?.country].filter(Boolean).join(', ');
}

/** What sets one of several same-named people apart: where they are, and where they spoke last. */
export function distinction(p: SpeakerWithTalks): string {
  const latest = [...p.talks].sort(byRecent)[0];
  const spoke = latest ? tn('cardTalksLatest', p.talks.length, talkMeta(latest) || clip(latest.title, 40)) : t('cardNoTalks');
  return [whereOf(p), spoke].filter(Boolean).join(' · ');
}

/**
 * A short background when the archive has no summary: where they are and
 * where they worked before (earlier employers, most recent first).
 */
export function shortBackground(p: SpeakerWithTalks): string {
  const current = new Set(p.speaker.positions.filter((x) => x.current || !x.end).map((x) => x.organisation));
  const earlier: string[] = [];
  for (const pos of [...p.speaker.positions].sort((a, b) => (b.start ?? '').localeCompare(a.start ?? ''))) {
    if (!current.has(pos.organisation) && !earlier.includes(pos.organisation)) earlier.push(pos.organisation);
  }
  const before = earlier.length ? t('cardPreviously', `${earlier.slice(0, 3).join(', ')}${earlier.length > 3 ? '…' : ''}`) : '';
  const text = [whereOf(p), before].filter(Boolean).join(' · ');
  return text ? text[0]!.toUpperCase() + text.slice(1) : '';
}

function person(p: SpeakerWithTalks, index: number, many: boolean, props: SpeakerCardProps): HTMLElement {
  const { speaker } = p;
  const talks = [...p.talks].sort(byRecent);
  const links = speaker.links.flatMap((l) => {
    const href = safeUrl(l.url);
    const word = LINK_WORDS[l.kind];
    return href ? [{ href, label: l.label ?? LINK_LABELS[l.kind] ?? (word ? t(word) : new URL(href).hostname) }] : [];
  });
  const headline = speaker.headline[0]?.value;
  const summary = speaker.summary[0]?.value;
  const background = clip(summary ?? shortBackground(p), 220);
  return h(
    'section',
    { class: 'person' },
    h('h2', { class: 'name', id: `podium-name-${index}` }, speaker.name),
    headline && h('p', { class: 'headline' }, headline),
    many && h('p', { class: 'tells' }, distinction(p)),
    background && h('p', { class: 'summary' }, background),
    talks.length > 0 && [
      h('span', { class: 'label', id: `podium-talks-${index}` }, t('cardTalks')),
      h(
        'ul',
        { class: 'talks', 'aria-labelledby': `podium-talks-${index}` },
        talks.slice(0, MAX_TALKS).map((talk) => {
          const here = props.isOnPage(talk);
          const meta = talkMeta(talk);
          return h(
            'li',
            { class: here ? 'talk here' : 'talk' },
            here && h('span', { class: 'badge' }, t('cardOnThisPage')),
            h('span', { class: 'title' }, talk.title),
            talk.withdrawn && h('span', { class: 'badge' }, t('cardWithdrawn')),
            meta && h('span', { class: 'meta' }, meta),
          );
        }),
      ),
      talks.length > MAX_TALKS && h('p', { class: 'more' }, tn('cardMoreTalks', talks.length - MAX_TALKS)),
    ],
    links.length > 0 &&
      h(
        'ul',
        { class: 'links' },
        links.slice(0, MAX_LINKS).map((l) => h('li', null, h('a', { href: l.href, target: '_blank', rel: 'noopener noreferrer' }, l.label))),
      ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'open', onClick: () => props.onOpen(speaker.id) }, t('cardOpen')),
    ),
  );
}

/** The card element: a non-modal dialog named after the speaker (or after the shared name when several people have it). */
export function SpeakerCard(props: SpeakerCardProps): HTMLElement {
  const many = props.people.length > 1;
  return h(
    'div',
    {
      class: 'card',
      // The language of its messages, not the page's, for screen readers.
      lang: t('extLang'),
      'data-scheme': props.scheme,
      role: 'dialog',
      'aria-labelledby': many ? 'podium-note' : 'podium-name-0',
      tabindex: -1,
    },
    h('button', { type: 'button', class: 'close', 'aria-label': t('cardClose'), onClick: props.onClose }, '×'),
    many && h('p', { class: 'note', id: 'podium-note' }, t('cardSameName', formatNumber(props.people.length), props.pageName)),
    props.people.map((p, i) => person(p, i, many, props)),
  );
}
