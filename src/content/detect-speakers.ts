/**
 * Detection on one page, wired together: scan the page in slices (the
 * worker searches the text the page sends), keep scanning what changes, mark what is found, and run
 * the hover card. Everything stops with {@link Detection.stop}.
 */
import type { SpeakerWithTalks } from '../shared/types';
import { FoundNames } from './detect/found-names';
import { FOCUS, MARK, Painter, declaredStyle, setMarkStyle, styleScope } from './detect/highlight';
import { HOST_TAG, HoverCard } from './card/hover-card';
import { HoverController } from './card/hover-controller';
import { PageObserver } from './detect/page-observer';
import { PortCaller } from '../shared/port-caller';
import { type ExtensionApi, parsePush, type Sender } from './runtime';
import { Scanner } from './detect/scanner';
import { type ContentSettings, DEFAULT_SETTINGS, SETTINGS_KEY, parseSettings, showsMarks } from '../shared/content-settings';

export interface Detection {
  found: FoundNames;
  card: HoverCard;
  controller: HoverController;
  /** Resolves when the first full scan (and its confirmations) is done. */
  ready: Promise<void>;
  stop(): void;
}

/** When to look again at custom elements that had no shadow root yet (widgets render after their script loads). */
const LATE_SHADOW_CHECKS_MS = [500, 2000, 5000];

async function loadSettings(api: ExtensionApi): Promise<ContentSettings> {
  try {
    return parseSettings((await api.storage?.local.get(SETTINGS_KEY))?.[SETTINGS_KEY]);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

const isOwn = (n: Node): boolean => n.nodeType === 1 && (n as Element).localName === HOST_TAG;

/**
 * Starts detection on `doc`. Resolves to undefined when there is nothing to
 * look for (empty archive, unreachable worker).
 */
export async function startDetection(api: ExtensionApi, doc: Document = document): Promise<Detection | undefined> {
  const win = doc.defaultView!;
  // An empty request: is there anything to look for (and is the worker there)?
  const requests = new PortCaller(api);
  const [settingsLoaded, status] = await Promise.all([loadSettings(api), requests.call('findNames', { text: '' })]);
  let settings = settingsLoaded;
  if (!status.ok || !status.value?.active) {
    requests.close();
    return undefined;
  }
  // The worker declares the marks' CSS for pages loaded while marks are shown (src/background/sites/mark-styles.ts).
  if (showsMarks(settings)) declaredStyle(doc, settings.markStyle);
  else setMarkStyle(settings.markStyle);

  const found = new FoundNames();
  const marks = new Painter(MARK);
  const focus = new Painter(FOCUS, 1);
  /** True once the scan met an open shadow root: until then every name is in `doc` and needs no getRootNode() each. */
  let shadowRoots = false;
  const paintAdded = (added: readonly { range: Range; nodes: Text[] }[]) => {
    if (!added.length) return;
    if (shadowRoots) for (const f of added) styleScope(f.nodes[0]!.getRootNode() as Document | ShadowRoot);
    else styleScope(doc);
    marks.add(added.map((f) => f.range));
  };
  found.onChange((added, removed) => {
    marks.remove(removed.map((f) => f.range));
    if (showsMarks(settings)) paintAdded(added);
  });

  const late = new Set<Element>();
  const timers: ReturnType<typeof setTimeout>[] = [];
  const observer = new PageObserver(win, {
    isOwn,
    onBatch: (roots, removed, fresh) => {
      if (removed) found.prune();
      for (const root of roots) if (!fresh.has(root)) found.removeWithin(root);
      // Delivered in a timer task of the observer's own: the scan starts right away.
      void scanner.scanAll(roots, true);
    },
    onNavigate: () => {
      found.clear();
      void scanner.scan(doc);
    },
  });
  const scanner = new Scanner({
    found,
    find: async (text) => {
      const r = await requests.call('findNames', { text });
      return r.ok ? r.value : undefined;
    },
    onShadowRoot: (sr) => {
      shadowRoots = true;
      observer.observe(sr);
    },
    onCustomElement: (el) => late.add(el),
  });
  for (const ms of LATE_SHADOW_CHECKS_MS) {
    timers.push(
      setTimeout(() => {
        for (const el of late) {
          if (!el.shadowRoot) continue;
          late.delete(el);
          shadowRoots = true;
          void scanner.scan(el);
        }
      }, ms),
    );
  }

  const card = new HoverCard(doc, () => controller.cardHidden());
  const controller = new HoverController({
    win,
    found,
    card,
    settings: () => settings,
    loadPeople: async (ids) => {
      const replies = await Promise.all(ids.map((id) => requests.call('getSpeaker', { id })));
      return replies.flatMap((r): SpeakerWithTalks[] => (r.ok && r.value ? [r.value] : []));
    },
    openSpeaker: (id) => void requests.call('openSpeaker', { id }),
    focusPainter: {
      set: (ranges) => {
        for (const r of ranges) styleScope(r.startContainer.getRootNode() as Document | ShadowRoot);
        focus.set(ranges);
      },
    },
  });
  if (settings.privacy) card.ensureHost();

  const onMessage = (message: unknown, sender: Sender) => {
    const push = parsePush(message, sender, api.runtime.id);
    if (push?.push === 'focusSpeaker') controller.focusNext(push.params.direction);
    else if (push?.push === 'archiveChanged') {
      // As after a navigation: every name again, from the new matcher.
      found.clear();
      void scanner.scan(doc);
    }
  };
  api.runtime.onMessage.addListener(onMessage);

  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    settings = parseSettings(changes[SETTINGS_KEY]?.newValue);
    setMarkStyle(settings.markStyle);
    marks.set([]);
    if (showsMarks(settings)) paintAdded(found.all());
    else marks.destroy();
    if (settings.privacy) card.ensureHost();
  };
  api.storage?.onChanged.addListener(onStorage);

  observer.observe(doc);
  const ready = scanner.scan(doc);

  return {
    found,
    card,
    controller,
    ready,
    stop() {
      scanner.stop();
      requests.close();
      observer.disconnect();
      controller.stop();
      card.destroy();
      marks.destroy();
      focus.destroy();
      for (const t of timers) clearTimeout(t);
      api.runtime.onMessage.removeListener(onMessage);
      api.storage?.onChanged.removeListener(onStorage);
    },
  };
}

