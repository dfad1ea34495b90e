/**
 * Sizes for laying a paper out on A4 as GB/T 9704 has it: how wide a piece of Chinese text is, each
 * table column's width from what it holds (narrow 序号 and 性别, wide 工作单位, a date never split),
 * and where the signature stands so that it is centred over the date. Pure: numbers in twips.
 */
import type { Block, Run, TableRow } from "./render.js";

/** The text area of an A4 page with the GB/T 9704 margins (210 − 28 − 26 mm): 156 mm, 28 characters of 三号. */
export const TEXT_WIDTH = 8845;
/** One character of 三号 (16 pt). */
export const BODY_EM = 320;
/** Left and right padding of a table cell. */
export const CELL_PADDING = 80;

/** Width in ems: a Chinese character or full-width sign is one, a Latin letter or digit about half. */
export function emWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u0000-\u00ff\u2000-\u206f]/.test(ch) && ch !== "—" ? 0.5 : 1;
  return width;
}

const runText = (runs: readonly Run[]) => runs.map((r) => r.text).join("");
/** A cell's text as it is sized: a blank to fill counts as its line, not its long label. */
const sizedText = (runs: readonly Run[]) => runs.map((r) => (r.blank ? "＿＿＿＿" : r.text)).join("");
/** Room (ems) for what fonts and borders add to a line's width: a text that just fits must not wrap. */
const SLACK = 0.8;

/** A date as a table prints it (1993年4月, 2027年2月1日), or a dash: never split over two lines. */
const DATE = /^(\d{4}年\d{1,2}月(\d{1,2}日)?|—)$/;
/** A text this short (a name, 性别, 编制内, a number) stays on one line. */
const SHORT_EMS = 5;
/** The room a form leaves to write in, per column of empty cells. */
const WRITING_EMS = 5;

interface ColumnNeeds {
  /** The width (ems) that fits the column's longest line. */
  desired: number;
  /** The width (ems) below which something would break that must not: a date, a short text, a header. */
  least: number;
}

function cellNeeds(text: string, header: boolean): ColumnNeeds {
  const lines = text.split("\n").map((l) => l.trim());
  const desired = Math.max(...lines.map(emWidth));
  if (lines.every((l) => l === "")) return { desired: WRITING_EMS, least: 2 };
  let least = 2;
  for (const line of lines) {
    const width = emWidth(line);
    if (DATE.test(line) || width <= SHORT_EMS || (header && width <= 6)) least = Math.max(least, width);
    // Latin runs (document numbers, ratios) do not break either.
    for (const word of line.match(/[\x21-\x7e]+/g) ?? []) least = Math.max(least, emWidth(word));
  }
  return { desired, least };
}

/** The column a cell starts in and how many it spans, per row, after merges. */
export interface PlacedCell {
  column: number;
  span: number;
  /** Continues the cell above (merged down). */
  continued: boolean;
  runs: Run[];
}

export function placeCells(row: TableRow, columns: number): PlacedCell[] {
  const placed: PlacedCell[] = [];
  row.cells.forEach((runs, i) => {
    const merge = row.merge?.[i];
    if (merge === "left" && placed.length > 0) {
      placed.at(-1)!.span += 1;
      return;
    }
    placed.push({ column: i, span: 1, continued: merge === "up", runs });
  });
  // A row with fewer cells than the widest spans its last cell to the end.
  const last = placed.at(-1);
  if (last) last.span = columns - last.column;
  return placed;
}

/**
 * Each column's width in twips for a table of `columns` at `emTwips` per character: every column gets
 * what its content needs, the rest of the line goes to the columns that would otherwise wrap (and to
 * all, in proportion, when nothing wraps). A table whose least widths exceed the line shrinks evenly.
 */
export function columnWidths(rows: readonly TableRow[], columns: number, emTwips: number, total = TEXT_WIDTH): number[] {
  const needs: ColumnNeeds[] = Array.from({ length: columns }, () => ({ desired: 1, least: 1 }));
  const hasSingle = Array<boolean>(columns).fill(false);
  /** Each row's cells' widths (ems) by column (0 where a cell spans or continues): how tall the table gets. */
  const grid: number[][] = [];
  for (const row of rows) {
    const line = Array<number>(columns).fill(0);
    grid.push(line);
    for (const cell of placeCells(row, columns)) {
      if (cell.span !== 1 || cell.continued) continue;
      const need = cellNeeds(sizedText(cell.runs), row.header);
      const column = needs[cell.column]!;
      column.desired = Math.max(column.desired, need.desired);
      column.least = Math.max(column.least, need.least);
      line[cell.column] = need.desired;
      hasSingle[cell.column] = true;
    }
  }
  for (let i = 0; i < columns; i++) if (!hasSingle[i]) needs[i] = { desired: WRITING_EMS, least: 2 };
  const padding = 2 * CELL_PADDING;
  const room = total - columns * padding;
  const desired = needs.map((n) => (n.desired + SLACK) * emTwips);
  const least = needs.map((n) => (Math.min(n.least, n.desired) + SLACK) * emTwips);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (sum(desired) <= room) widths = desired.map((d) => d + ((room - sum(desired)) * d) / sum(desired));
  else if (sum(least) <= room) {
    // Narrow, half a character at a time, the column where that makes the table least taller (a row is
    // as tall as its tallest cell: 委员（兼职） may wrap where the 工作单位 beside it wraps anyway; a
    // column with one long 中共预备党员 gives way before one whose every value is long), until it fits.
    widths = [...desired];
    const step = emTwips / 2;
    const height = (w: number[]) =>
      grid.reduce((total, row) => total + Math.max(1, ...row.map((e, i) => (e === 0 ? 1 : Math.ceil(((e + SLACK) * emTwips) / w[i]! - 1e-9)))), 0);
    while (sum(widths) > room) {
      let best = -1;
      let bestCost = Number.POSITIVE_INFINITY;
      const now = height(widths);
      for (let i = 0; i < columns; i++) {
        const narrower = widths[i]! - step;
        if (narrower < least[i]!) continue;
        const cost = height(widths.map((w, k) => (k === i ? narrower : w))) - now;
        if (cost < bestCost || (cost === bestCost && widths[i]! > widths[best]!)) {
          best = i;
          bestCost = cost;
        }
      }
      if (best < 0) break;
      widths[best] = Math.max(least[best]!, widths[best]! - Math.min(step, sum(widths) - room));
    }
  } else widths = least.map((l) => (l * room) / sum(least));
  const out = widths.map((w) => Math.floor(w + padding));
  // Rounding leaves a few twips: the widest column takes them, so the table spans the line exactly.
  const widest = out.indexOf(Math.max(...out));
  out[widest]! += total - sum(out);
  return out;
}

/**
 * The right indents (twips) of a signature block's lines (the organ over the date): the date four
 * characters in from the right margin, every line centred over it; a signature wider than the date
 * moves the whole block left so that it keeps two characters from the margin.
 */
export function signatureIndents(lines: readonly string[]): number[] {
  const widths = lines.map(emWidth);
  const date = widths.at(-1) ?? 0;
  const centre = 4 + date / 2;
  const indents = widths.map((w) => centre - w / 2);
  const shift = Math.max(0, 2 - Math.min(...indents));
  return indents.map((i) => Math.round((i + shift) * BODY_EM));
}

/** The right indent of each line of a signature block (consecutive right-set paragraphs), by block index. */
export function signatureGroups(blocks: readonly Block[]): Map<number, number> {
  const indentOf = new Map<number, number>();
  for (let i = 0; i < blocks.length; ) {
    const block = blocks[i]!;
    if (block.type !== "paragraph" || block.align !== "right") {
      i++;
      continue;
    }
    let end = i;
    while (end < blocks.length) {
      const b = blocks[end]!;
      if (b.type !== "paragraph" || b.align !== "right" || (end > i && b.first)) break;
      end++;
    }
    const group = blocks.slice(i, end).map((b) => (b.type === "paragraph" ? runText(b.runs) : ""));
    const indents = signatureIndents(group);
    for (let k = i; k < end; k++) indentOf.set(k, indents[k - i]!);
    i = end;
  }
  return indentOf;
}
