import { FoundNames } from '../../../src/content/detect/found-names';
import { Scanner } from '../../../src/content/detect/scanner';
import { SEED_PEOPLE, fakeFind, rangeText } from '../helpers';

const texts = (found: FoundNames) => found.all().map((f) => rangeText(f.range).replace(/\s+/g, ' '));

describe('Scanner rescans', () => {
  it('confirms names in subtrees queued one after another (as a mutation batch delivers them)', async () => {
    document.body.innerHTML = '<main id="app"><div class="talk"><span>Giuseppe Lavagetto</span></div></main>';
    const found = new FoundNames();
    const scanner = new Scanner({ found, find: fakeFind(SEED_PEOPLE), yieldFn: () => Promise.resolve() });
    await scanner.scan(document);
    expect(texts(found)).toEqual(['Giuseppe Lavagetto']);
    const app = document.getElementById('app')!;
    app.innerHTML = '<div class="talk"><span>Angelo Failla</span></div><div class="talk"><span>Papež, Rok</span></div>';
    found.prune();
    const roots = Array.from(app.children);
    const done = roots.map((r) => {
      found.removeWithin(r);
      return scanner.scan(r);
    });
    await Promise.all(done);
    expect(texts(found).sort()).toEqual(['Angelo Failla', 'Papež, Rok']);
  });

  it('scans a root queued right after a scan that finished at once (nothing to confirm)', async () => {
    // Regression: a heading without names was scanned synchronously, and the talks queued after it were never walked.
    document.body.innerHTML = '<main id="app"></main>';
    const found = new FoundNames();
    const scanner = new Scanner({ found, find: fakeFind(SEED_PEOPLE), yieldFn: () => Promise.resolve() });
    await scanner.scan(document);
    const app = document.getElementById('app')!;
    app.innerHTML = '<h1>Day 2</h1><div class="talk"><span>Angelo Failla</span></div>';
    await Promise.all(Array.from(app.children).map((r) => scanner.scan(r)));
    expect(texts(found)).toEqual(['Angelo Failla']);
  });
});

describe('PageObserver', () => {
  it('does not rescan a container for whitespace appended between new blocks', async () => {
    const { PageObserver } = await import('../../../src/content/detect/page-observer');
    document.body.innerHTML = '<main><div>old</div></main>';
    const batches: Node[][] = [];
    const observer = new PageObserver(window, { onBatch: (roots) => batches.push(roots), onNavigate: () => {}, isOwn: () => false, delayMs: 0 });
    observer.observe(document);
    const main = document.querySelector('main')!;
    const div = document.createElement('div');
    div.textContent = 'Angelo Failla';
    main.append('\n', div, '\n');
    await new Promise((r) => setTimeout(r, 20));
    observer.disconnect();
    expect(batches).toEqual([[div]]);
  });
});

describe('FoundNames.removeWithin', () => {
  it('removes exactly the names inside a small subtree of a page with many names', async () => {
    const { FoundNames: Found } = await import('../../../src/content/detect/found-names');
    const rows = Array.from({ length: 40 }, (_, i) => `<div id="r${i}"><span>n${i}</span> <b>x</b></div>`).join('');
    document.body.innerHTML = `<main>${rows}</main>`;
    const found = new Found();
    found.add(
      Array.from(document.querySelectorAll('span'), (span) => {
        const text = span.firstChild as Text;
        const range = new StaticRange({ startContainer: text, startOffset: 0, endContainer: text, endOffset: text.length });
        return { range, nodes: [span.firstChild as Text], name: span.textContent!, speakers: [] };
      }),
    );
    expect(found.removeWithin(document.getElementById('r7')!).map((f) => f.name)).toEqual(['n7']);
    expect(found.removeWithin(document.querySelector('#r8 b')!)).toEqual([]);
    expect(found.size).toBe(39);
    expect(found.removeWithin(document.querySelector('main')!).length).toBe(39);
  });
});

describe('Scanner batches of sibling roots', () => {
  it('walks elements inserted side by side as one run: every name in them, none from the text around them, none in a hidden one', async () => {
    document.body.innerHTML = '<main id="app"><p>Giuseppe Lavagetto</p></main><footer>Rok Papež</footer>';
    const found = new FoundNames();
    const sent: string[] = [];
    const scanner = new Scanner({ found, find: fakeFind(SEED_PEOPLE, [], sent), yieldFn: () => Promise.resolve() });
    const app = document.getElementById('app')!;
    app.insertAdjacentHTML(
      'beforeend',
      '\n<div><b>Angelo</b> Failla</div>\n<div hidden>Rok Papež</div>\n<div><span>Papež, Rok</span></div>',
    );
    const roots = Array.from(app.children).slice(1);
    await scanner.scanAll(roots, true);
    expect(texts(found)).toEqual(['Angelo Failla', 'Papež, Rok']);
    // One request for the run; the heading before it and the footer after it were not walked.
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toMatch(/Lavagetto/);
    expect(sent[0]!.match(/Rok/g)).toHaveLength(2);
  });

  it('walks roots that are not side by side one at a time', async () => {
    document.body.innerHTML = '<main><div id="a">Angelo Failla</div><p>Giuseppe Lavagetto</p><div id="b">Rok Papež</div></main>';
    const found = new FoundNames();
    const sent: string[] = [];
    const scanner = new Scanner({ found, find: fakeFind(SEED_PEOPLE, [], sent), yieldFn: () => Promise.resolve() });
    await scanner.scanAll([document.getElementById('a')!, document.getElementById('b')!], true);
    expect(texts(found)).toEqual(['Angelo Failla', 'Rok Papež']);
    expect(sent.join('\n')).not.toMatch(/Lavagetto/);
  });

  it('scans the shadow root of an inserted element that is itself a host', async () => {
    document.body.innerHTML = '<main id="app"></main>';
    const found = new FoundNames();
    const roots: ShadowRoot[] = [];
    const scanner = new Scanner({ found, find: fakeFind(SEED_PEOPLE), yieldFn: () => Promise.resolve() });
    scanner.onShadowRoot = (r) => roots.push(r);
    const widget = document.createElement('conf-schedule');
    widget.attachShadow({ mode: 'open' }).innerHTML = '<ul><li>Angelo Failla</li></ul>';
    document.getElementById('app')!.append(widget);
    await scanner.scanAll([widget], true);
    expect(texts(found)).toEqual(['Angelo Failla']);
    expect(roots).toEqual([widget.shadowRoot]);
  });
});
