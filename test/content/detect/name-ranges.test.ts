import { toFound } from '../../../src/content/detect/name-ranges';
import { ChunkBuilder, TextWalker, type TextChunk } from '../../../src/content/detect/page-text';
import { NODE_JOIN } from '../../../src/shared/messages';
import { rangeText } from '../helpers';

const MATCH = { name: 'Rok Papež', speakers: [{ id: 'sp_papez' }] };

/** The page's text as the scanner sends it, and where `name` starts in the joined text. */
function collect(name: string): { chunk: TextChunk; start: number; end: number } {
  const builder = new ChunkBuilder();
  const walker = new TextWalker(document, () => false);
  while (!walker.done) walker.collect(builder, () => false);
  const chunk = builder.take()!;
  const text = chunk.parts.join(NODE_JOIN);
  const start = text.indexOf(name);
  expect(start).toBeGreaterThanOrEqual(0);
  return { chunk, start, end: start + name.length };
}

const found = (c: { chunk: TextChunk; start: number; end: number }) => toFound(c.chunk, c.start, c.end, new Map(), MATCH);

describe('toFound (a hit in the text sent → a range on the page)', () => {
  it('covers a name in one text node, or across inline elements and the blank nodes between them', () => {
    document.body.innerHTML = '<p>Talk by Rok Papež today</p>';
    expect(rangeText(found(collect('Rok Papež'))!.range)).toBe('Rok Papež');
    document.body.innerHTML = '<p>Talk by <b>Rok</b> <i> </i><span>Papež</span></p>';
    const f = found(collect(`Rok${NODE_JOIN}Papež`))!;
    expect(rangeText(f.range)).toBe('Rok  Papež');
    expect(f.nodes.map((n) => n.data)).toEqual(['Rok', ' ', ' ', 'Papež']);
    expect(f.speakers).toEqual([{ id: 'sp_papez' }]);
  });

  it('gives nothing once the page changed that text between the walk and the answer', () => {
    document.body.innerHTML = '<p>Talk by Rok Papež today</p>';
    let c = collect('Rok Papež');
    document.querySelector('p')!.firstChild!.textContent = 'Talk by Ana Novak today';
    expect(found(c)).toBeUndefined();

    // A blank node between the name's words now holds text.
    document.body.innerHTML = '<p><b>Rok</b><i> </i><span>Papež</span></p>';
    c = collect(`Rok${NODE_JOIN}Papež`);
    document.querySelector('i')!.firstChild!.textContent = ' and ';
    expect(found(c)).toBeUndefined();

    // Text inserted between the name's nodes.
    document.body.innerHTML = '<p><b>Rok</b> <span>Papež</span></p>';
    c = collect(`Rok${NODE_JOIN}Papež`);
    document.querySelector('b')!.after('Novak, ');
    expect(found(c)).toBeUndefined();

    // One of its nodes removed.
    document.body.innerHTML = '<p><b>Rok</b> <span>Papež</span></p>';
    c = collect(`Rok${NODE_JOIN}Papež`);
    document.querySelector('span')!.remove();
    expect(found(c)).toBeUndefined();
  });

  it('refuses offsets outside the text sent, and a name split across two lines', () => {
    document.body.innerHTML = '<p>Rok Papež</p>';
    const c = collect('Rok Papež');
    expect(toFound(c.chunk, -1, 4, new Map(), MATCH)).toBeUndefined();
    expect(toFound(c.chunk, 4, 4, new Map(), MATCH)).toBeUndefined();
    expect(toFound(c.chunk, 0, c.chunk.length + 1, new Map(), MATCH)).toBeUndefined();
    document.body.innerHTML = '<p>Rok</p><p>Papež</p>';
    expect(found(collect(`Rok${NODE_JOIN}Papež`))).toBeUndefined();
  });
});
