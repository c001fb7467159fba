import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FoundNames } from '../../../src/content/detect/found-names';
import { PageObserver } from '../../../src/content/detect/page-observer';
import { Scanner } from '../../../src/content/detect/scanner';
import { NODE_JOIN, PAGE_TEXT_MAX } from '../../../src/shared/messages';
import { SEED_PEOPLE, fakeFind, rangeText } from '../helpers';

const PEOPLE = [...SEED_PEOPLE, { id: 'sp_mira', name: 'Mira Kovačič' }, { id: 'sp_hannah', name: 'Hannah Okafor' }];

function scanner(found: FoundNames, calls: string[][] = [], extra: Partial<ConstructorParameters<typeof Scanner>[0]> = {}) {
  return new Scanner({ found, find: fakeFind(PEOPLE, calls), yieldFn: () => Promise.resolve(), ...extra });
}

/** Loads a fixture into the test document and runs its inline scripts (innerHTML does not). */
function loadFixture(name: string): void {
  const html = readFileSync(join(__dirname, '../../fixtures/pages', name), 'utf8');
  document.documentElement.innerHTML = html.replace(/^<!doctype html>/i, '');
  for (const s of Array.from(document.querySelectorAll('script'))) new Function(s.textContent ?? '')();
}

const texts = (found: FoundNames) => found.all().map((f) => rangeText(f.range).replace(/\s+/g, ' '));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('Scanner on the DOM', () => {
  it('finds names split by inline elements and <br>, but not across cells', async () => {
    document.body.innerHTML = `<p>By <a>Rok</a> <b>Papež</b>.</p><p>Angelo<br>Failla</p>
      <table><tr><td>Giuseppe</td><td>Lavagetto</td></tr></table>`;
    const found = new FoundNames();
    await scanner(found).scan(document);
    expect(texts(found)).toEqual(['Rok Papež', 'AngeloFailla']);
    const [rok] = found.all();
    expect(rok!.nodes).toHaveLength(3);
    expect(found.at(document.querySelector('b')!)).toHaveLength(1);
  });

  it('skips inputs, text areas, editable regions, scripts, styles and hidden elements', async () => {
    document.body.innerHTML = `<input value="Angelo Failla"><textarea>Angelo Failla</textarea>
      <div contenteditable="true"><p>Angelo Failla</p></div><div contenteditable="false">Rok Papež</div>
      <script>var s = "Angelo Failla"</script><style>/* Angelo Failla */</style><noscript>Angelo Failla</noscript>
      <select><option>Angelo Failla</option></select><p hidden>Angelo Failla</p><podium-card>Angelo Failla</podium-card>`;
    const found = new FoundNames();
    await scanner(found).scan(document);
    expect(texts(found)).toEqual(['Rok Papež']);
  });

  it('scans open shadow roots and reports them', async () => {
    document.body.innerHTML = '<div id="host"></div><p>Mira Kovačič</p>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<ul><li>Hannah Okafor</li></ul>';
    const found = new FoundNames();
    const roots: ShadowRoot[] = [];
    const s = scanner(found, []);
    s.onShadowRoot = (r) => roots.push(r);
    await s.scan(document);
    expect(texts(found).sort()).toEqual(['Hannah Okafor', 'Mira Kovačič']);
    expect(roots).toEqual([root]);
  });

  it('confirms each distinct name once, in batches, and keeps only confirmed ones', async () => {
    document.body.innerHTML = '<p>Angelo Failla</p><p>Angelo Failla</p><p>ANGELO FAILLA</p><p>Rok Novak</p>';
    const found = new FoundNames();
    const calls: string[][] = [];
    // "Rok Novak" hashes like no name here; a collision would still be refused by the worker.
    await scanner(found, calls).scan(document);
    expect(found.size).toBe(3);
    expect(calls.flat()).toEqual(['Angelo Failla']);
  });

  it('asks again for text the worker dropped (a worker being stopped), and gives up after the last try', async () => {
    document.body.innerHTML = '<p>Talk by Angelo Failla</p>';
    const real = fakeFind(PEOPLE);
    let dropped = 2;
    const found = new FoundNames();
    const tries: string[] = [];
    await scanner(found, [], {
      retryMs: [0, 0, 0],
      find: (parts) => {
        tries.push(parts.join(NODE_JOIN));
        return dropped-- > 0 ? (dropped === 1 ? Promise.reject(new Error('port closed')) : Promise.resolve(undefined)) : real(parts);
      },
    }).scan(document);
    expect(texts(found)).toEqual(['Angelo Failla']);
    expect(tries).toHaveLength(3);

    const none = new FoundNames();
    let asked = 0;
    await scanner(none, [], { retryMs: [0, 0], find: async () => void asked++ }).scan(document);
    expect(asked).toBe(3);
    expect(none.size).toBe(0);

    // Stopped while waiting to ask again: it does not ask.
    let later = 0;
    const s = scanner(new FoundNames(), [], { retryMs: [20, 20], find: async () => void later++ });
    const done = s.scan(document);
    await new Promise((r) => setTimeout(r, 5));
    s.stop();
    await done;
    await new Promise((r) => setTimeout(r, 60));
    expect(later).toBe(1);
  });

  it('yields between slices', async () => {
    // The clock is read every 64 text nodes, so 1,000 lines with a zero-length slice yield 15 times.
    document.body.innerHTML = Array.from({ length: 1000 }, (_, i) => `<p>Talk ${i} by Angelo Failla</p>`).join('');
    let yields = 0;
    const found = new FoundNames();
    await scanner(found, [], { sliceMs: 0, yieldFn: async () => void yields++ }).scan(document);
    expect(found.size).toBe(1000);
    expect(yields).toBeGreaterThanOrEqual(15);
  });

  it('finds a name cut between two slices once, whole', async () => {
    // Three text nodes per name, 1,000 lines: slices end every 128 nodes, often inside a name.
    document.body.innerHTML = Array.from({ length: 1000 }, (_, i) => `<p>${i}: <b>Angelo</b> <i>Failla</i></p>`).join('');
    const found = new FoundNames();
    await scanner(found, [], { sliceMs: 0, yieldFn: async () => undefined }).scan(document);
    expect(found.size).toBe(1000);
    expect(new Set(texts(found))).toEqual(new Set(['Angelo Failla']));
  });

  it('maps each name back to its own nodes past blank nodes, short styles and skipped scripts', async () => {
    // The worker answers with offsets in the text sent; the walk passed over blank nodes and a script's
    // long text but sent a short style's, so offsets and nodes must line up across all three.
    const longScript = `<script>var s = "${'x'.repeat(300)}";</script>`;
    document.body.innerHTML = Array.from(
      { length: 300 },
      (_, i) => `<p>${i}</p>\n  ${i % 7 ? '' : longScript}${i % 5 ? '' : '<style>p{}</style>'}<p>by <b>Angelo</b> <i>Failla</i>${i % 3 ? '' : ' and Rok Papež'}</p>`,
    ).join('');
    const found = new FoundNames();
    await scanner(found, [], { sliceMs: 0, yieldFn: async () => undefined }).scan(document);
    expect(found.size).toBe(400);
    expect(new Set(texts(found))).toEqual(new Set(['Angelo Failla', 'Rok Papež']));
    for (const f of found.all()) expect(['B', 'P']).toContain((f.range.startContainer.parentNode as Element).tagName);
  });

  it('marks no other text when the page changed between the walk and the worker’s answer', async () => {
    document.body.innerHTML = Array.from({ length: 100 }, (_, i) => `<p>${i}</p><p>Angelo Failla</p>`).join('');
    const real = fakeFind(PEOPLE);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const found = new FoundNames();
    const done = scanner(found, [], { find: async (parts) => (await held, real(parts)) }).scan(document);
    await new Promise((r) => setTimeout(r, 0));
    // Every other number leaves the page while the worker searches: the text sent no longer matches the page.
    for (const p of Array.from(document.querySelectorAll('p')).filter((p, i) => i % 4 === 0)) p.remove();
    release();
    await done;
    expect(found.size).toBeGreaterThan(0);
    expect(new Set(texts(found))).toEqual(new Set(['Angelo Failla']));
  });

  it('sends each text once per slice, never a script’s or a style’s long text', async () => {
    const big = 'var state = ' + JSON.stringify({ speakers: Array.from({ length: 50 }, () => 'Angelo Failla') });
    document.body.innerHTML = `<p>Rok Papež</p><script>${big}</script><style>${'p{color:red}'.repeat(40)}</style><p>Mira Kovačič</p>`;
    const found = new FoundNames();
    const sent: string[] = [];
    await new Scanner({ found, find: fakeFind(PEOPLE, [], sent), yieldFn: async () => undefined }).scan(document);
    expect(texts(found)).toEqual(['Rok Papež', 'Mira Kovačič']);
    expect(sent.join('')).not.toMatch(/Angelo|color/);
  });

  it('keeps every request far under what the worker takes, on a page of huge text nodes', async () => {
    // A text file shown whole, and long paragraphs: before, one step of the walk could send more than the
    // worker's limit, which refuses such a request whole (the page's first one stopped detection).
    const huge = `Talk by Angelo Failla. ${'lorem ipsum '.repeat(150_000)} and Rok Papež`;
    const long = Array.from({ length: 130 }, (_, i) => `<p>${i} Mira Kovačič ${'dolor sit amet '.repeat(600)}</p>`).join('');
    document.body.innerHTML = `<pre>${huge}</pre>${long}`;
    const found = new FoundNames();
    const sent: string[] = [];
    await new Scanner({ found, find: fakeFind(PEOPLE, [], sent), yieldFn: async () => undefined }).scan(document);
    expect(Math.max(...sent.map((t) => t.length))).toBeLessThan(PAGE_TEXT_MAX / 4);
    // The first 100,000 characters of a node are searched, the rest of a longer one is not.
    expect(texts(found).filter((t) => t !== 'Mira Kovačič')).toEqual(['Angelo Failla']);
    expect(texts(found).filter((t) => t === 'Mira Kovačič')).toHaveLength(130);
    // Each long paragraph goes once, besides the last node of a request, which starts the next.
    const total = sent.reduce((n, t) => n + t.length, 0);
    expect(total).toBeLessThan(document.body.textContent!.length * 1.2);
  });

  it('walks many small subtrees (a burst of the page’s changes) in slices, not in one task', async () => {
    document.body.innerHTML = '<main></main>';
    const found = new FoundNames();
    let yields = 0;
    const sent: string[] = [];
    const s = new Scanner({ found, find: fakeFind(PEOPLE, [], sent), sliceMs: 0, yieldFn: async () => void yields++ });
    await s.scan(document);
    const main = document.querySelector('main')!;
    // Separate subtrees (not side by side), as scattered edits queue them.
    const added = Array.from({ length: 300 }, (_, i) => {
      const p = document.createElement('p');
      p.textContent = `${i} Angelo Failla`;
      main.append(p, document.createElement('hr'));
      return p;
    });
    yields = 0;
    sent.length = 0;
    await s.scanAll(added);
    expect(found.size).toBe(300);
    expect(yields).toBeGreaterThan(10);
    expect(sent.length).toBeGreaterThan(10);
  });

  it('finds the fixtures’ names, including the pretalx widget’s shadow root', async () => {
    loadFixture('pretalx-schedule.html');
    const found = new FoundNames();
    await scanner(found).scan(document);
    expect(texts(found).sort()).toEqual(['Angelo Failla', 'Mira Kovačič', 'Rok Papež']);

    loadFixture('sessionize-schedule.html');
    const s = new FoundNames();
    await scanner(s).scan(document);
    expect(texts(s).sort()).toEqual(['Failla, Angelo', 'GIUSEPPE LAVAGETTO', 'Hannah Okafor', 'Papez, Rok']);

    loadFixture('plain-schedule.html');
    const p = new FoundNames();
    await scanner(p).scan(document);
    expect(texts(p).sort()).toEqual(['AngeloFailla', 'Giuseppe Lavagetto', 'Rok Papež']);
  });
});

describe('PageObserver', () => {
  it('delivers only the added or changed subtrees, once per burst, and ignores Podium’s host', async () => {
    document.body.innerHTML = '<main><section id="old"><p>Angelo Failla</p></section></main>';
    const batches: { roots: Node[]; removed: boolean }[] = [];
    const obs = new PageObserver(window, {
      onBatch: (roots, removed) => batches.push({ roots, removed }),
      onNavigate: () => undefined,
      isOwn: (n) => n.nodeName === 'PODIUM-CARD',
      delayMs: 5,
    });
    obs.observe(document);
    const main = document.querySelector('main')!;
    const added = document.createElement('section');
    added.innerHTML = '<p>Rok <b>Papež</b></p>';
    main.append(added);
    added.querySelector('p')!.append(' and more'); // inside an already-added subtree
    document.documentElement.append(document.createElement('podium-card'));
    const b = document.createElement('b');
    document.querySelector('#old p')!.append(b); // inline: rescans its line
    await new Promise((r) => setTimeout(r, 30));
    obs.disconnect();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.roots).toEqual([added, document.querySelector('#old p')]);
  });

  it('rescans the new subtree only, and reports removals', async () => {
    document.body.innerHTML = '<main><p id="a">Angelo Failla</p></main>';
    const found = new FoundNames();
    const calls: string[][] = [];
    const sc = scanner(found, calls);
    await sc.scan(document);
    const walked: Node[] = [];
    const obs = new PageObserver(window, {
      onBatch: (roots, removed) => {
        if (removed) found.prune();
        for (const r of roots) {
          walked.push(r);
          void sc.scan(r);
        }
      },
      onNavigate: () => undefined,
      isOwn: () => false,
      delayMs: 5,
    });
    obs.observe(document);
    const p = document.createElement('p');
    p.textContent = 'Later: Giuseppe Lavagetto';
    document.querySelector('main')!.append(p);
    document.getElementById('a')!.remove();
    await new Promise((r) => setTimeout(r, 30));
    await sc.scan(p);
    obs.disconnect();
    expect(walked).toEqual([p]);
    expect(texts(found)).toEqual(['Giuseppe Lavagetto']);
    expect(calls).toEqual([['Angelo Failla'], ['Giuseppe Lavagetto']]);
  });
});
