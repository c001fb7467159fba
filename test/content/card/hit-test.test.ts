import { FoundNames } from '../../../src/content/detect/found-names';
import { hitTest, rectsOf } from '../../../src/content/card/hit-test';

/** jsdom has no layout: a range's one box is 10 px a character, on the line of its start node's parent. */
beforeAll(() => {
  Range.prototype.getClientRects = function (this: Range) {
    const top = [...document.querySelectorAll('p')].indexOf(this.startContainer.parentElement as HTMLParagraphElement) * 20;
    return [new DOMRect(this.startOffset * 10, top, (this.endOffset - this.startOffset) * 10, 16)] as unknown as DOMRectList;
  };
});

const rangeOver = (text: Text, start: number, end: number) => new StaticRange({ startContainer: text, startOffset: start, endContainer: text, endOffset: end });

describe('hit test', () => {
  it('measures each name where its text is now, one after the other', () => {
    document.body.innerHTML = '<p>by Rok Papež</p><p>Angelo Failla</p>';
    const [a, b] = [...document.querySelectorAll('p')].map((p) => p.firstChild as Text);
    expect(Array.from(rectsOf(rangeOver(a!, 3, 12)))).toEqual([new DOMRect(30, 0, 90, 16)]);
    expect(Array.from(rectsOf(rangeOver(b!, 0, 13)))).toEqual([new DOMRect(0, 20, 130, 16)]);
  });

  it('measures nothing for a range the page’s edit left past the end of its text (until its line is rescanned)', () => {
    document.body.innerHTML = '<p>by Rok Papež</p>';
    const text = document.querySelector('p')!.firstChild as Text;
    const r = rangeOver(text, 3, 12);
    text.data = 'Rok';
    expect(Array.from(rectsOf(r))).toEqual([]);
  });

  it('finds the name under the pointer among those with text in the target', () => {
    document.body.innerHTML = '<p>by Rok Papež</p>';
    const p = document.querySelector('p')!;
    const found = new FoundNames();
    found.add([{ range: rangeOver(p.firstChild as Text, 3, 12), nodes: [p.firstChild as Text], name: 'Rok Papež', speakers: [] }]);
    expect(hitTest(found, p, 50, 8)?.found.name).toBe('Rok Papež');
    expect(hitTest(found, p, 10, 8)).toBeUndefined();
    expect(hitTest(found, document.body, 50, 8)).toBeUndefined();
  });
});
