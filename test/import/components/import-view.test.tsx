/**
 * The import view against a faked worker: review, edit, save through one
 * import session; and every bad input shows its message and saves nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { ImportApp } from '../../../src/import/components/ImportApp';
import { setMessageHandler } from '../../mocks/browser';
import { mountRoot, unmountRoot } from '../../mocks/render-root';

const ROOT = path.resolve(__dirname, '../../..');
const SEEDS = path.resolve(ROOT, '../shared/seeds');
const DATA = path.resolve(ROOT, '../shared/data');
const haveSeeds = fs.existsSync(SEEDS);

interface Call {
  method: string;
  params: any;
}

// jsdom's Blob has no arrayBuffer(); browsers do. Read through FileReader here.
if (!Blob.prototype.arrayBuffer) {
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(r.result as ArrayBuffer);
      r.onerror = () => reject(r.error);
      r.readAsArrayBuffer(this);
    });
  };
}
// Nor stream() (the frab XML reader streams files): one chunk per 64 KB, as a browser reads.
if (!Blob.prototype.stream) {
  Blob.prototype.stream = function stream(this: Blob) {
    const { ReadableStream } = require('node:stream/web') as typeof import('node:stream/web');
    const slice = (from: number, to: number) => this.slice(from, to);
    const size = this.size;
    let at = 0;
    return new ReadableStream<Uint8Array>({
      async pull(c) {
        if (at >= size) return c.close();
        c.enqueue(new Uint8Array(await slice(at, at + 65_536).arrayBuffer()));
        at += 65_536;
      },
    }) as unknown as ReturnType<Blob['stream']>;
  };
}

let calls: Call[];
let root: HTMLElement;

const result = (talks = 1) => ({
  sourceIds: ['src_1'],
  speakers: { created: 1, merged: 0 },
  talks: { created: talks, merged: 0 },
  events: { created: 1, merged: 0 },
  warnings: [],
});

beforeEach(() => {
  calls = [];
  setMessageHandler((msg) => {
    const m = msg as Call;
    calls.push(m);
    switch (m.method) {
      case 'previewBundle':
        return {
          ok: true,
          value: {
            result: result(m.params.bundle.talks.length),
            speakers: m.params.bundle.speakers.length ? [{ index: 0, id: 'sp_1', label: m.params.bundle.speakers[0].name }] : [],
            talks: [],
            events: [],
          },
        };
      case 'importSessionStart':
        return { ok: true, value: { sessionId: 'imp_1' } };
      case 'importSessionAdd':
        return { ok: true, value: result(m.params.bundle.talks.length) };
      case 'importSessionCommit':
      case 'importSessionAbort':
        return { ok: true, value: { sessionId: 'imp_1', bundles: 1, created: { speakers: 1, talks: 1, events: 1, sources: 1 }, merged: { speakers: 0, talks: 0, events: 0 } } };
      default:
        return { ok: true, value: null };
    }
  });
  root = mountRoot();
});
afterEach(() => {
  unmountRoot(root);
});

async function settle(rounds = 20) {
  for (let i = 0; i < rounds; i++) await act(() => new Promise((r) => setTimeout(r, 5)));
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await act(() => new Promise((r) => setTimeout(r, 10)));
  }
  throw new Error(`timed out waiting for ${what}: ${root.textContent?.slice(0, 500)}`);
}

async function pick(...files: File[]) {
  const input = root.querySelector<HTMLInputElement>('[data-testid=file-input]')!;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const file = (name: string, content: BlobPart | BlobPart[], type = '') => new File(Array.isArray(content) ? content : [content], name, { type });
const saved = () => calls.filter((c) => c.method.startsWith('importSession') || c.method === 'importBundle');
const failureText = () => root.querySelector('[data-testid=failures]')?.textContent ?? '';
const values = (sel: string) => [...root.querySelectorAll<HTMLInputElement>(sel)].map((i) => i.value);

(haveSeeds ? describe : describe.skip)('import view: a seed CV', () => {
  it('reads, shows what merges, lets the user fix a name, and saves through a session', async () => {
    render(<ImportApp />, root);
    await pick(file('001_a06cb9bf7c902ca5.txt', fs.readFileSync(path.join(SEEDS, '001_a06cb9bf7c902ca5.txt'))));
    await until(() => !!root.querySelector('[data-testid=review]'), 'the review');
    expect(values('[data-testid=speaker-name]')).toEqual(['Giuseppe Lavagetto']);
    expect(values('[data-testid=speaker-headline]')[0]).toMatch(/Principal SRE at Wikimedia Foundation/);
    expect(values('[data-testid=talk-title]')).toEqual(expect.arrayContaining(['Building a Kubernetes on Bare-Metal Cluster']));
    await until(() => !!root.querySelector('[data-testid=merge-note]'), 'the preview');
    expect(root.querySelector('[data-testid=merge-note]')!.textContent).toContain('merges with person “Giuseppe Lavagetto”');
    expect(saved()).toEqual([]);

    const title = root.querySelector<HTMLInputElement>('[data-testid=talk-title]')!;
    const first = title.value;
    await act(() => {
      title.value = `${first} (edited)`;
      title.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => root.querySelector<HTMLButtonElement>('[data-testid=save]')!.click());
    await until(() => !!root.querySelector('[data-testid=result]'), 'the result');
    expect(saved().map((c) => c.method)).toEqual(['importSessionStart', 'importSessionAdd', 'importSessionCommit']);
    const bundle = saved()[1]!.params.bundle;
    expect(bundle.talks.map((t: { title: string }) => t.title)).toContain(`${first} (edited)`);
  });

  it('asks to confirm an inferred name (seed 000) before saving', async () => {
    render(<ImportApp />, root);
    await pick(file('000_728296b6ea8a234a.txt', fs.readFileSync(path.join(SEEDS, '000_728296b6ea8a234a.txt'))));
    await until(() => !!root.querySelector('[data-testid=review]'), 'the review');
    expect(values('[data-testid=speaker-name]')).toEqual(['Angelo Failla']);
    const save = root.querySelector<HTMLButtonElement>('[data-testid=save]')!;
    expect(save.disabled).toBe(true);
    expect(root.querySelector('[data-testid=confirm-needed]')!.textContent).toContain('Angelo Failla');
    await act(() => root.querySelector<HTMLInputElement>('[data-testid=confirm-inferred] input')!.click());
    expect(root.querySelector<HTMLButtonElement>('[data-testid=save]')!.disabled).toBe(false);
  });
});

describe('import view: bad input shows a message and saves nothing', () => {
  const cases: [string, () => File, RegExp][] = [
    ['an empty file', () => file('empty.txt', ''), /empty/],
    ['a binary file', () => file('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0, 1, 2])), /binary|not UTF-8/],
    ['a file that is not UTF-8', () => file('talks.xml', new Uint8Array([...Buffer.from('<schedule><title>Caf'), 0xe9, ...Buffer.from('</title></schedule>')])), /not UTF-8/],
    ['a JSON file starting with a comment', () => file('schedule.json', '// exported by hand\n{"schedule": {}}'), /starts with a comment/],
    ['duplicate UIDs', () => file('dup.ics', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240301T100000Z\r\nSUMMARY:Talk\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240301T100000Z\r\nSUMMARY:Other\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'), /UID "a@x" is used by two different events/],
    // Refused by its size before it is read, so the size alone is what matters here.
    ['a 150 MB text', () => {
      const f = file('huge.txt', 'x'.repeat(1024));
      Object.defineProperty(f, 'size', { value: 150 * 1024 * 1024 });
      return f;
    }, /150 MB, more than the 128 MB/],
    ['a 200 MB file', () => {
      const f = file('huge.json', '{}');
      Object.defineProperty(f, 'size', { value: 200 * 1024 * 1024 });
      return f;
    }, /200 MB/],
    ['a file Podium cannot place', () => file('notes.bin', 'just some words'), /cannot tell what this is/],
  ];
  if (fs.existsSync(DATA)) {
    cases.push(
      ['an empty Sessionize export', () => file('global-azure-linz-2023-empty.json', fs.readFileSync(path.join(DATA, 'sessionize/global-azure-linz-2023-empty.json'))), /nothing to import|empty/i],
      ['a truncated archive', () => file('pyvideo.tar.gz', fs.readFileSync(path.join(DATA, 'pyvideo-data.tar.gz')).subarray(0, 300_000)), /cut off|truncated|ends too early|unexpected end/i],
    );
  }
  it.each(cases)('%s', async (_what, make, message) => {
    render(<ImportApp />, root);
    await pick(make());
    await until(() => failureText() !== '', 'the message');
    expect(failureText()).toMatch(message);
    expect(failureText()).toContain('Nothing was saved from it.');
    expect(root.querySelector('[data-testid=review]')).toBeNull();
    expect(saved()).toEqual([]);
  });

  it('a CV with no talks and a page with no speaker: reviewed with a clear note, nothing saved yet', async () => {
    render(<ImportApp />, root);
    await pick(
      file('no-talks.txt', fs.readFileSync(path.join(ROOT, 'test/fixtures/cv/no-talks.txt'))),
      file('no-speaker.md', fs.readFileSync(path.join(ROOT, 'test/fixtures/talk-pages/no-speaker.md'))),
    );
    await settle(40);
    const text = root.textContent ?? '';
    expect(text).toMatch(/No talks were found in this CV/);
    expect(text).toMatch(/No speaker was found|no speaker/i);
    expect(saved()).toEqual([]);
  });

  (fs.existsSync(DATA) ? it : it.skip)('the invalid c3voc example: what is valid is reviewed, with what was ignored', async () => {
    render(<ImportApp />, root);
    await pick(file('invalid-example.json', fs.readFileSync(path.join(DATA, 'frab-json/invalid-example.json'))));
    await until(() => !!root.querySelector('[data-testid=warnings]'), 'the warnings');
    expect(root.querySelector('[data-testid=warnings]')!.textContent).toContain('person id "dsadf" is not a number; ignored');
    expect(saved()).toEqual([]);
  });

  it('cancelling a save rolls the session back', async () => {
    const real = setMessageHandler;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    real(async (msg) => {
      const m = msg as Call;
      calls.push(m);
      if (m.method === 'importSessionStart') return { ok: true, value: { sessionId: 'imp_9' } };
      if (m.method === 'importSessionAdd') {
        await gate;
        return { ok: true, value: result() };
      }
      if (m.method === 'importSessionAbort') return { ok: true, value: { sessionId: 'imp_9', bundles: 1, created: { speakers: 0, talks: 0, events: 0, sources: 0 }, merged: { speakers: 0, talks: 0, events: 0 } } };
      return { ok: false, error: 'not in this test' };
    });
    render(<ImportApp />, root);
    await pick(file('a.md', '---\ntitle: One\nspeaker: Ada Lovelace\ndate: 2024-01-01\n---\nAbstract.'), file('b.md', '---\ntitle: Two\nspeaker: Ada Lovelace\ndate: 2024-01-02\n---\nAbstract.'));
    await until(() => !!root.querySelector('[data-testid=save]'), 'the review');
    await act(() => root.querySelector<HTMLButtonElement>('[data-testid=save]')!.click());
    await until(() => !!root.querySelector('[data-testid=cancel]'), 'the progress bar');
    expect(root.querySelector('progress')).not.toBeNull();
    await act(() => root.querySelector<HTMLButtonElement>('[data-testid=cancel]')!.click());
    release();
    await until(() => !!root.querySelector('[data-testid=save-error]'), 'the cancel message');
    expect(root.querySelector('[data-testid=save-error]')!.textContent).toMatch(/cancelled; nothing was saved/);
    const session = calls.map((c) => c.method).filter((m) => m.startsWith('importSession'));
    expect(session[0]).toBe('importSessionStart');
    expect(session[session.length - 1]).toBe('importSessionAbort');
    expect(session).not.toContain('importSessionCommit');
  });
});

describe('import view: a large import is sent while the user reviews it', () => {
  /** A frab schedule of `n` talks, each by its own person. */
  const bigSchedule = (n: number) =>
    file(
      'big.xml',
      `<?xml version="1.0"?><schedule><conference><title>Big Conf</title></conference><day date="2026-03-01"><room name="A">${Array.from(
        { length: n },
        (_, i) => `<event id="${i}" guid="g-${i}"><title>Talk ${i}</title><persons><person id="${i}">Person Number${i}</person></persons></event>`,
      ).join('')}</room></day></schedule>`,
    );
  const ahead = () => calls.filter((c) => c.method === 'importSessionAdd' && c.params.stageOnly);

  beforeEach(() => {
    const answer = setMessageHandler;
    answer(async (msg) => {
      const m = msg as Call;
      calls.push(m);
      if (m.method === 'importSessionStaged') return { ok: true, value: { bundles: ahead().filter((c) => c.params.sessionId === m.params.sessionId).length } };
      if (m.method === 'importSessionStart') return { ok: true, value: { sessionId: `imp_${calls.length}` } };
      if (m.method === 'importSessionAdd') return { ok: true, value: result(0) };
      if (m.method === 'importSessionCommit' || m.method === 'importSessionAbort')
        return { ok: true, value: { sessionId: m.params.sessionId, bundles: 1, created: { speakers: 0, talks: 0, events: 0, sources: 0 }, merged: { speakers: 0, talks: 0, events: 0 }, totals: result(2100) } };
      return { ok: true, value: null };
    });
  });

  it('sends it once the review shows, and Save only commits', async () => {
    render(<ImportApp />, root);
    await pick(bigSchedule(2100));
    await until(() => !!root.querySelector('[data-testid=review]'), 'the review');
    await until(() => ahead().length === 1, 'the bundle sent ahead');
    expect(ahead()[0]!.params.bundle.talks).toHaveLength(2100);
    await act(() => root.querySelector<HTMLButtonElement>('[data-testid=save]')!.click());
    await until(() => !!root.querySelector('[data-testid=result]'), 'the result');
    expect(saved().map((c) => c.method)).toEqual(['importSessionStart', 'importSessionAdd', 'importSessionStaged', 'importSessionCommit']);
  });

  it('discarding the review drops what was sent', async () => {
    render(<ImportApp />, root);
    await pick(bigSchedule(2100));
    await until(() => ahead().length === 1, 'the bundle sent ahead');
    await act(() => root.querySelector<HTMLButtonElement>('[data-testid=discard]')!.click());
    await until(() => saved().some((c) => c.method === 'importSessionAbort'), 'the abort');
    expect(saved().map((c) => c.method)).toEqual(['importSessionStart', 'importSessionAdd', 'importSessionAbort']);
  });

  it('an edit sends the edited input again; Save commits the second session', async () => {
    render(<ImportApp />, root);
    await pick(bigSchedule(2100));
    await until(() => ahead().length === 1, 'the bundle sent ahead');
    const title = root.querySelector<HTMLInputElement>('[data-testid=talk-title]')!;
    await act(() => {
      title.value = 'Talk 0, fixed';
      title.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(() => ahead().length === 2, 'the edited bundle sent ahead');
    expect(ahead()[1]!.params.bundle.talks.map((t: { title: string }) => t.title)).toContain('Talk 0, fixed');
    await act(() => root.querySelector<HTMLButtonElement>('[data-testid=save]')!.click());
    await until(() => !!root.querySelector('[data-testid=result]'), 'the result');
    const methods = saved().map((c) => c.method);
    // The first session's abort and the second's start cross on the way.
    expect([...methods].sort()).toEqual(['importSessionAbort', 'importSessionAdd', 'importSessionAdd', 'importSessionCommit', 'importSessionStaged', 'importSessionStart', 'importSessionStart']);
    expect(methods.slice(-2)).toEqual(['importSessionStaged', 'importSessionCommit']);
    const aborted = saved().find((c) => c.method === 'importSessionAbort')!;
    expect(aborted.params.sessionId).toBe(ahead()[0]!.params.sessionId);
    const commit = saved().find((c) => c.method === 'importSessionCommit')!;
    expect(commit.params.sessionId).toBe(ahead()[1]!.params.sessionId);
  });
});

