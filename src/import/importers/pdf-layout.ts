/**
 * Reading order for text extracted from a PDF page. PDF text items come in
 * drawing order with positions; this groups them into lines by baseline,
 * marks wide gaps inside a line with a tab (CV templates put dates and
 * places in right-aligned columns), and reads a two-column page (sidebar +
 * main) column by column instead of across.
 */

/** One text item: what pdf.js `getTextContent()` gives, reduced to what layout needs. */
export interface PdfTextItem {
  str: string;
  /** Left edge, in PDF units (origin bottom-left). */
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** Font height; 0 when unknown. */
  height: number;
}

interface Line {
  y: number;
  items: PdfTextItem[];
}

function groupLines(items: PdfTextItem[]): Line[] {
  const sorted = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const item of sorted) {
    const tolerance = Math.max(item.height, 6) * 0.5;
    const line = lines.find((l) => Math.abs(l.y - item.y) <= tolerance);
    if (line) line.items.push(item);
    else lines.push({ y: item.y, items: [item] });
  }
  for (const l of lines) l.items.sort((a, b) => a.x - b.x);
  return lines.sort((a, b) => b.y - a.y);
}

function lineText(line: Line): string {
  let out = '';
  let prevEnd: number | undefined;
  for (const item of line.items) {
    if (prevEnd !== undefined) {
      const gap = item.x - prevEnd;
      const charWidth = item.str.length ? item.width / item.str.length : 4;
      // A gap of several characters is a column gap (a tab); a small one is a word space.
      if (gap > Math.max(charWidth * 3, 12)) out += '\t';
      else if (gap > charWidth * 0.15 && !out.endsWith(' ') && !item.str.startsWith(' ')) out += ' ';
    }
    out += item.str;
    prevEnd = item.x + item.width;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Items of a line left and right of `x`, and whether one crosses it. */
function sidesOf(line: Line, x: number): { left: number; right: number; crosses: boolean } {
  let left = 0;
  let right = 0;
  let crosses = false;
  for (const i of line.items) {
    if (i.x < x - 1 && i.x + i.width > x + 1) crosses = true;
    else if (i.x + i.width / 2 < x) left++;
    else right++;
  }
  return { left, right, crosses };
}

const words = (line: Line, pick: (i: PdfTextItem) => boolean) =>
  line.items
    .filter(pick)
    .map((i) => i.str)
    .join(' ')
    .split(/\s+/)
    .filter(Boolean).length;

/** Share of lines whose first item on one side starts at the most common x (a left-aligned column). */
function leftAligned(starts: number[]): number {
  if (starts.length === 0) return 0;
  const counts = new Map<number, number>();
  for (const s of starts) counts.set(Math.round(s / 2), (counts.get(Math.round(s / 2)) ?? 0) + 1);
  return Math.max(...counts.values()) / starts.length;
}

/** A two-column band of a page: the gutter's x and the band's lines (indices into the y-sorted lines). */
export interface ColumnBand {
  gutter: number;
  from: number;
  to: number;
}

/**
 * Finds the longest band of lines that a vertical gutter splits into two
 * columns: no line of the band crosses the gutter, and the two sides are
 * columns rather than a row layout with right-aligned dates, because each
 * side has lines the other has no text beside (a sidebar and a main column
 * keep their own line rhythm) and both sides are left-aligned, or because
 * both sides hold wordy lines. Lines above and below the band (a name
 * across the top, a footer) are left out of it.
 */
function findBand(lines: Line[], pageWidth: number): ColumnBand | undefined {
  if (lines.length < 6) return undefined;
  let best: (ColumnBand & { size: number; xs: number[] }) | undefined;
  const step = Math.max(pageWidth / 200, 1);
  for (let x = pageWidth * 0.15; x <= pageWidth * 0.85; x += step) {
    // The longest run of consecutive lines none of which crosses x.
    let runFrom = 0;
    let bestFrom = 0;
    let bestTo = -1;
    for (let k = 0; k <= lines.length; k++) {
      if (k === lines.length || sidesOf(lines[k]!, x).crosses) {
        if (k - runFrom > bestTo - bestFrom + 1) [bestFrom, bestTo] = [runFrom, k - 1];
        runFrom = k + 1;
      }
    }
    const band = lines.slice(bestFrom, bestTo + 1);
    if (band.length < 6) continue;
    let leftLines = 0;
    let rightLines = 0;
    let leftOnly = 0;
    let rightOnly = 0;
    const leftStarts: number[] = [];
    const rightStarts: number[] = [];
    let leftWordy = 0;
    let rightWordy = 0;
    for (const l of band) {
      const { left, right } = sidesOf(l, x);
      if (left) {
        leftLines++;
        leftStarts.push(l.items.find((i) => i.x + i.width / 2 < x)!.x);
        if (words(l, (i) => i.x + i.width / 2 < x) >= 4) leftWordy++;
      }
      if (right) {
        rightLines++;
        rightStarts.push(l.items.find((i) => i.x + i.width / 2 >= x)!.x);
        if (words(l, (i) => i.x + i.width / 2 >= x) >= 4) rightWordy++;
      }
      if (left && !right) leftOnly++;
      if (right && !left) rightOnly++;
    }
    if (leftLines < 3 || rightLines < 3) continue;
    const ownRhythm = leftOnly >= 1 && rightOnly >= 2 && leftAligned(leftStarts) >= 0.6 && leftAligned(rightStarts) >= 0.6;
    const bothWordy = leftWordy >= leftLines * 0.25 && rightWordy >= rightLines * 0.25;
    if (!ownRhythm && !bothWordy) continue;
    const size = band.length;
    if (!best || size > best.size) best = { gutter: x, from: bestFrom, to: bestTo, size, xs: [x] };
    else if (size === best.size && best.from === bestFrom) best.xs.push(x);
  }
  if (!best) return undefined;
  // The middle of the gutter positions that give the same band.
  return { gutter: best.xs[Math.floor(best.xs.length / 2)]!, from: best.from, to: best.to };
}

/**
 * Finds the x of a gutter between two columns, or undefined on a
 * single-column page (see {@link pageText}).
 */
export function findGutter(items: PdfTextItem[], pageWidth: number): number | undefined {
  return findBand(groupLines(items), pageWidth)?.gutter;
}

/**
 * Turns one page's text items into text in reading order: lines top to
 * bottom; where a band of the page has two columns (a sidebar beside the
 * main column), the band's left column, a blank line, then its right
 * column. What is above and below the band (a name across the top) is read
 * the same way, so a page may have several bands.
 */
export function pageText(items: PdfTextItem[], pageWidth: number, depth = 0): string {
  const lines = groupLines(items);
  const band = depth < 8 ? findBand(lines, pageWidth) : undefined;
  if (!band) return lines.map(lineText).join('\n');
  const itemsOf = (ls: Line[]) => ls.flatMap((l) => l.items);
  const inBand = itemsOf(lines.slice(band.from, band.to + 1));
  const left = inBand.filter((i) => i.x + i.width / 2 < band.gutter);
  const right = inBand.filter((i) => i.x + i.width / 2 >= band.gutter);
  const parts: string[] = [];
  if (band.from > 0) parts.push(pageText(itemsOf(lines.slice(0, band.from)), pageWidth, depth + 1));
  parts.push(groupLines(left).map(lineText).join('\n'), '', groupLines(right).map(lineText).join('\n'));
  if (band.to < lines.length - 1) parts.push('', pageText(itemsOf(lines.slice(band.to + 1)), pageWidth, depth + 1));
  return parts.join('\n');
}
