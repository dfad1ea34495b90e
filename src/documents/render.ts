/**
 * Fills a document template (Markdown-like text, see src/documents/TEMPLATES.md) from a plain data
 * object and lays it out as blocks that both the plain-text message and the .docx are made from.
 * A value that is missing is never guessed: it becomes a visible blank, `＿＿＿＿【待填:名称】`, and
 * its name is listed in `blanks`. Pure: no I/O.
 *
 * Syntax, line by line:
 *   `# 标题`                   the title (centred)
 *   `## 一、…` / `### (一)…`   headings
 *   `| a | b |`                table rows (`| --- |` under a row makes it the header row; a row with
 *                              fewer cells than the widest row spans its last cell; `<br>` in a cell
 *                              breaks the line, so `| 工作简历 | <br><br><br> |` leaves room to write)
 *   `::: 落款` … `:::`         the signature and the date (centred over each other, set right); `::: 居中`
 *                              centred; `::: 顶格` flush left; `::: 版记` the imprint (抄送) at the end
 *   `[附件]`                   a new page headed 附件 (GB/T 9704: attachments follow the signature)
 *   `| 姓名 | < | ^ |`          in a table, a cell `<` joins the cell to its left, `^` the cell above
 *   `{{名称}}`                 a value; `{{#名单}}` … `{{/名单}}` on their own lines repeat the lines
 *                              between for each entry of a list (inside, `{{序号}}` numbers them), or
 *                              show them once for `true` and not at all for `false`
 *   `<!-- … -->`               a note for whoever edits the template, not printed
 * Any other line is a paragraph (first line indented two characters); empty lines are ignored.
 */

export type TemplateScalar = string | number | undefined | null;
export type TemplateValue = TemplateScalar | boolean | readonly TemplateRecord[];
export interface TemplateRecord {
  readonly [name: string]: TemplateValue;
}

/** A piece of text; `blank` names the value that was missing where the blank stands. */
export interface Run {
  text: string;
  blank?: string;
}

export type Align = "indent" | "left" | "center" | "right" | "imprint";

export type Block =
  | { type: "title"; runs: Run[] }
  | { type: "heading"; level: 1 | 2; runs: Run[] }
  | { type: "paragraph"; align: Align; runs: Run[]; first?: boolean }
  | { type: "table"; rows: TableRow[]; columns: number }
  /** A page break and the heading 附件: what follows is an attachment. */
  | { type: "attachment"; runs: Run[] };

/** How a cell joins its neighbour: `left` continues the cell before it, `up` the cell above it. */
export type CellMerge = "left" | "up" | undefined;

export interface TableRow {
  /** A cell's runs; "\n" in a run's text is a line break. */
  cells: Run[][];
  /** Per cell, whether it is part of a merged cell (its runs are then empty). */
  merge?: CellMerge[];
  header: boolean;
}

export interface RenderedDocument {
  blocks: Block[];
  /** The names of the missing values, in order of first appearance. */
  blanks: string[];
}

export class TemplateError extends Error {
  override name = "TemplateError";
}

export const BLANK_LINE = "＿＿＿＿";

export function blankText(name: string): string {
  return `${BLANK_LINE}【待填：${name}】`;
}

const PLACEHOLDER = /\{\{\s*([^{}#/\s][^{}]*?)\s*\}\}/g;
const SECTION_OPEN = /^\s*\{\{#\s*([^{}]+?)\s*\}\}\s*$/;
const SECTION_CLOSE = /^\s*\{\{\/\s*([^{}]+?)\s*\}\}\s*$/;
const DIRECTIVE = /^:::\s*(\S*)\s*$/;
const COMMENT = /^\s*<!--.*-->\s*$/;
const SEPARATOR_ROW = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const DIRECTIVE_ALIGN: Record<string, Align> = { 落款: "right", 居中: "center", 顶格: "left", 版记: "imprint" };
const ATTACHMENT = /^\[(附件[^\]]*)\]$/;

interface ScopedLine {
  line: string;
  scopes: readonly TemplateRecord[];
}

function lookup(name: string, scopes: readonly TemplateRecord[]): TemplateValue {
  for (const scope of scopes) if (Object.hasOwn(scope, name)) return scope[name];
  return undefined;
}

/** Repeats `{{#x}}…{{/x}}` sections; an empty or missing list leaves one line with a blank named x. */
function expand(lines: readonly string[], scopes: readonly TemplateRecord[], out: ScopedLine[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (SECTION_CLOSE.test(line)) throw new TemplateError(`“${line.trim()}” closes a section that was not opened`);
    const open = SECTION_OPEN.exec(line);
    if (!open) {
      out.push({ line, scopes });
      continue;
    }
    const name = open[1]!;
    let depth = 1;
    let end = i + 1;
    for (; end < lines.length; end++) {
      const inner = lines[end]!;
      if (SECTION_OPEN.exec(inner)?.[1] === name) depth++;
      else if (SECTION_CLOSE.exec(inner)?.[1] === name && --depth === 0) break;
    }
    if (end >= lines.length) throw new TemplateError(`section {{#${name}}} is not closed with {{/${name}}}`);
    const body = lines.slice(i + 1, end);
    const value = lookup(name, scopes);
    if (value === true) expand(body, scopes, out);
    else if (value === false) {
      // An optional passage that does not apply: left out.
    } else if (Array.isArray(value) && value.length > 0) {
      for (const [index, item] of (value as readonly TemplateRecord[]).entries())
        expand(body, [{ 序号: index + 1, ...item }, ...scopes], out);
    } else {
      out.push({ line: blankLineFor(body, name), scopes });
    }
    i = end;
  }
}

/** The blank that stands for a whole missing list: a table row of the list's shape, or a paragraph. */
function blankLineFor(body: readonly string[], name: string): string {
  const first = body.find((l) => l.trim() !== "" && !COMMENT.test(l)) ?? "";
  if (first.trim().startsWith("|")) {
    const cells = splitRow(first).length;
    return `| {{${name}}} |${" |".repeat(Math.max(cells - 1, 0))}`;
  }
  const prefix = /^\s*(#{1,3}\s+)/.exec(first)?.[1] ?? "";
  return `${prefix}{{${name}}}`;
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split("|").map((c) => c.trim());
}

function formatScalar(value: TemplateValue): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== "string") return undefined;
  // Values are one line wherever they stand; a table's cell separator in a value is not one.
  const text = value.replace(/\s*[\r\n]+\s*/g, " ").trim();
  return text === "" ? undefined : text;
}

function fill(text: string, scopes: readonly TemplateRecord[], inCell: boolean, blanks: Set<string>): Run[] {
  const runs: Run[] = [];
  let last = 0;
  const push = (run: Run) => {
    const prev = runs.at(-1);
    if (prev && !prev.blank && !run.blank) prev.text += run.text;
    else if (run.text !== "") runs.push(run);
  };
  for (const match of text.matchAll(PLACEHOLDER)) {
    push({ text: text.slice(last, match.index) });
    const name = match[1]!;
    const value = formatScalar(lookup(name, scopes));
    if (value === undefined) {
      blanks.add(name);
      push({ text: blankText(name), blank: name });
    } else push({ text: inCell ? value.replace(/\|/g, "|") : value });
    last = match.index + match[0].length;
  }
  push({ text: text.slice(last) });
  return runs;
}

/** Renders a template body (front matter already removed) with `data`. Throws TemplateError on bad syntax. */
export function renderTemplate(template: string, data: TemplateRecord): RenderedDocument {
  const lines: ScopedLine[] = [];
  expand(template.replace(/\r\n?/g, "\n").split("\n"), [data], lines);
  const blanks = new Set<string>();
  const blocks: Block[] = [];
  let align: Align = "indent";
  let firstInDirective = false;
  let table: { rows: TableRow[] } | undefined;
  const closeTable = () => {
    if (!table) return;
    const columns = Math.max(...table.rows.map((r) => r.cells.length));
    blocks.push({ type: "table", rows: table.rows, columns });
    table = undefined;
  };

  for (const { line, scopes } of lines) {
    const trimmed = line.trim();
    if (COMMENT.test(line)) continue;
    const directive = DIRECTIVE.exec(trimmed);
    if (directive) {
      closeTable();
      const name = directive[1]!;
      if (name === "") align = "indent";
      else if (DIRECTIVE_ALIGN[name]) {
        align = DIRECTIVE_ALIGN[name];
        firstInDirective = true;
      } else throw new TemplateError(`unknown block “::: ${name}” (known: ${Object.keys(DIRECTIVE_ALIGN).join(", ")})`);
      continue;
    }
    if (trimmed.startsWith("|")) {
      if (SEPARATOR_ROW.test(trimmed)) {
        const previous = table?.rows.at(-1);
        if (previous) previous.header = true;
        continue;
      }
      const raw = splitRow(trimmed);
      const merge = raw.map((cell): CellMerge => (cell === "<" ? "left" : cell === "^" ? "up" : undefined));
      const cells = raw.map((cell, i) =>
        merge[i]
          ? []
          : cell.split(/<br\s*\/?>/i).flatMap((part, j) => [...(j > 0 ? [{ text: "\n" }] : []), ...fill(part, scopes, true, blanks)]),
      );
      table ??= { rows: [] };
      table.rows.push(merge.some((m) => m) ? { cells, merge, header: false } : { cells, header: false });
      continue;
    }
    closeTable();
    if (trimmed === "") continue;
    const attachment = ATTACHMENT.exec(trimmed);
    if (attachment) {
      blocks.push({ type: "attachment", runs: [{ text: attachment[1]! }] });
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(trimmed);
    if (heading) {
      const runs = fill(heading[2]!, scopes, false, blanks);
      blocks.push(heading[1]!.length === 1 ? { type: "title", runs } : { type: "heading", level: heading[1]!.length === 2 ? 1 : 2, runs });
      continue;
    }
    const runs = fill(align === "indent" ? trimmed : line.trim(), scopes, false, blanks);
    blocks.push(firstInDirective ? { type: "paragraph", align, runs, first: true } : { type: "paragraph", align, runs });
    firstInDirective = false;
  }
  closeTable();
  if (align !== "indent") throw new TemplateError("a “:::” block is not closed with “:::”");
  return { blocks, blanks: [...blanks] };
}

/** The placeholder and section names a template uses (sections with `#`), for checks at build time. */
export function placeholdersOf(template: string): { values: string[]; sections: string[] } {
  const sections = [...template.matchAll(/\{\{#\s*([^{}]+?)\s*\}\}/g)].map((m) => m[1]!);
  const values = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  return { values: [...new Set(values)], sections: [...new Set(sections)] };
}

const runText = (runs: readonly Run[]) => runs.map((r) => r.text).join("");

/** A table row as one line; an empty cell (room to write in a form) turns the cell before it into “label：”. */
function plainRow(row: TableRow): string {
  const cells = row.cells
    .filter((_, i) => !row.merge?.[i])
    .map((cell) => runText(cell).replace(/\s*\n\s*/g, " ").trim());
  const shown: string[] = [];
  for (const cell of cells) {
    if (cell !== "") shown.push(cell);
    else if (shown.length > 0 && !shown.at(-1)!.endsWith("：")) shown[shown.length - 1] += "：";
  }
  return shown.join(" | ");
}

/**
 * The document as plain text for a chat message: paragraphs indented with two ideographic spaces as
 * Chinese documents are typed, tables as rows of cells separated by “ | ”.
 */
export function toPlainText(doc: RenderedDocument): string {
  const out: string[] = [];
  const gap = () => {
    if (out.length > 0 && out.at(-1) !== "") out.push("");
  };
  for (const block of doc.blocks) {
    switch (block.type) {
      case "title":
        gap();
        out.push(runText(block.runs));
        out.push("");
        break;
      case "heading":
        if (block.level === 2) gap();
        out.push(runText(block.runs));
        break;
      case "paragraph":
        if (block.first) gap();
        out.push(block.align === "indent" ? `　　${runText(block.runs)}` : runText(block.runs));
        break;
      case "table":
        gap();
        for (const row of block.rows) out.push(plainRow(row));
        out.push("");
        break;
      case "attachment":
        gap();
        out.push(runText(block.runs));
        break;
    }
  }
  while (out.at(-1) === "") out.pop();
  return out.join("\n");
}

/** Splits a text into pieces of at most `max` characters, at line ends where it can. */
export function splitForMessages(text: string, max = 4096): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const pieces: string[] = [];
    for (let rest = line; ; rest = rest.slice(max)) {
      pieces.push(rest.slice(0, max));
      if (rest.length <= max) break;
    }
    for (const piece of pieces) {
      if (current !== "" && current.length + 1 + piece.length > max) {
        chunks.push(current);
        current = piece;
      } else current = current === "" ? piece : `${current}\n${piece}`;
    }
  }
  if (current !== "") chunks.push(current);
  return chunks;
}
