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

/**
 * Finds the x of a gutter between two columns: a vertical band no line
 * crosses, with many lines of text on both sides. Prose paragraphs spanning
 * the page cross every candidate, so single-column pages return undefined.
 */
export function findGutter(items: PdfTextItem[], pageWidth: number): number | undefined {
  const lines = groupLines(items);
  if (lines.length < 10) return undefined;
  let best: { x: number; crossing: number } | undefined;
  for (let x = pageWidth * 0.2; x <= pageWidth * 0.8; x += pageWidth / 100) {
    let crossing = 0;
    let left = 0;
    let right = 0;
    for (const l of lines) {
      let crosses = false;
      for (const i of l.items) {
        if (i.x < x && i.x + i.width > x) crosses = true;
        else if (i.x + i.width <= x) left++;
        else right++;
      }
      if (crosses) crossing++;
    }
    const leftLines = lines.filter((l) => l.items.some((i) => i.x + i.width <= x)).length;
    const rightLines = lines.filter((l) => l.items.some((i) => i.x >= x)).length;
    if (left < 8 || right < 8 || leftLines < lines.length * 0.3 || rightLines < lines.length * 0.3) continue;
    if (crossing <= lines.length * 0.03 && (!best || crossing < best.crossing)) best = { x, crossing };
  }
  if (!best) return undefined;
  // Both sides must hold paragraphs, not just a date column: check the right side's lines are mostly long.
  const rightTexts = lines.map((l) => l.items.filter((i) => i.x >= best!.x).map((i) => i.str).join(' ')).filter(Boolean);
  const leftTexts = lines.map((l) => l.items.filter((i) => i.x + i.width <= best!.x).map((i) => i.str).join(' ')).filter(Boolean);
  const wordy = (texts: string[]) => texts.filter((t) => t.split(/\s+/).length >= 4).length >= texts.length * 0.25;
  return wordy(rightTexts) && wordy(leftTexts) ? best.x : undefined;
}

/**
 * Turns one page's text items into text in reading order: lines top to
 * bottom, and on a two-column page the left column before the right.
 */
export function pageText(items: PdfTextItem[], pageWidth: number): string {
  const gutter = findGutter(items, pageWidth);
  if (gutter === undefined) return groupLines(items).map(lineText).join('\n');
  const left = items.filter((i) => i.x + i.width / 2 < gutter);
  const right = items.filter((i) => i.x + i.width / 2 >= gutter);
  return [...groupLines(left).map(lineText), '', ...groupLines(right).map(lineText)].join('\n');
}
