/**
 * A rendered document as a Word file (.docx), laid out as GB/T 9704 has Chinese official papers: A4
 * with its margins and a 28-character, 22-line grid; the title in 小标宋 (二号, with 宋体 as the
 * fallback where the face is not installed); body in 仿宋 三号 with a two-character first-line indent;
 * headings in 黑体 / 楷体; the signature centred over the date; page numbers 「— 1 —」 in 四号 宋体,
 * odd pages right and even pages left; attachments on a new page headed 附件; tables sized to their
 * content with the header repeated on every page and no row left alone at a page's foot. Blanks to
 * fill are highlighted. Built with `docx`, which zips with fflate in plain JavaScript, so the same
 * code runs in Node and in the Worker (`Packer.toArrayBuffer`, no Buffer).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { BODY_EM, CELL_PADDING, columnWidths, placeCells, signatureGroups, TEXT_WIDTH } from "./layout.js";
import type { Align, Block, RenderedDocument, Run } from "./render.js";

/** The title face of GB/T 9704; Word and LibreOffice fall back to 宋体 (fontTable altName) where it is missing. */
const TITLE_FACE = "方正小标宋简体";
const TITLE_FALLBACK = "宋体";

const latin = { ascii: "Times New Roman", hAnsi: "Times New Roman", cs: "Times New Roman" };
const FONT = {
  title: { ...latin, eastAsia: TITLE_FACE },
  body: { ...latin, eastAsia: "仿宋" },
  heading: { ...latin, eastAsia: "黑体" },
  subheading: { ...latin, eastAsia: "楷体" },
  pageNumber: { ...latin, eastAsia: "宋体" },
} as const;

/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, imprint: 28, pageNumber: 28, table: 24, wideTable: 21 };
/** Twips: 22 lines on the 225 mm text height; two characters of 三号. */
const LINE = 579;
const INDENT = 2 * BODY_EM;
const exact = { line: LINE, lineRule: LineRuleType.EXACT };
/** Tables keep their own line height (exact lines are not stretched to the grid). */
const tableLine = (size: number) => ({ line: Math.round(size * 12.5), lineRule: LineRuleType.EXACT });
/**
 * 28 characters of 三号 on the 156 mm line: each a quarter point narrower than 16 pt (27 would fit at
 * full width). The section's grid holds the 22 lines; a character grid proper (linesAndChars) is read
 * differently by LibreOffice, which spreads the body to some 17 characters a line, so the characters'
 * pitch is set on the body styles instead, and the grid's char space states the same pitch for Word.
 */
const CHAR_SPACING = Math.floor(TEXT_WIDTH / 28) - BODY_EM;
const CHAR_SPACE = Math.round((CHAR_SPACING / 20) * 4096);

/**
 * The look lives in named styles (a county can restyle a paper in Word in one place), so that each
 * run carries only its text: a table of 60 people is thousands of runs, and per-run formatting
 * doubled the time to write one. Text that is not 三号 does not snap to the character grid (it would
 * be spread to the grid's pitch).
 */
const STYLES = [
  { id: "PaperTitle", name: "文书标题", run: { font: FONT.title, size: SIZE.title, snapToGrid: false }, paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, after: LINE }, keepNext: true } },
  { id: "PaperHeading1", name: "一级标题", run: { font: FONT.heading, size: SIZE.body, characterSpacing: CHAR_SPACING }, paragraph: { indent: { firstLine: INDENT }, spacing: exact, keepNext: true } },
  { id: "PaperHeading2", name: "二级标题", run: { font: FONT.subheading, size: SIZE.body, bold: true, characterSpacing: CHAR_SPACING }, paragraph: { indent: { firstLine: INDENT }, spacing: { ...exact, before: LINE / 2 }, keepNext: true } },
  { id: "PaperBody", name: "正文", run: { font: FONT.body, size: SIZE.body, characterSpacing: CHAR_SPACING }, paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: exact } },
  { id: "PaperFlush", name: "正文顶格", run: { font: FONT.body, size: SIZE.body, characterSpacing: CHAR_SPACING }, paragraph: { alignment: AlignmentType.LEFT, spacing: exact } },
  { id: "PaperCentre", name: "正文居中", run: { font: FONT.body, size: SIZE.body, characterSpacing: CHAR_SPACING }, paragraph: { alignment: AlignmentType.CENTER, spacing: exact } },
  { id: "PaperSignature", name: "落款", run: { font: FONT.body, size: SIZE.body, characterSpacing: CHAR_SPACING }, paragraph: { alignment: AlignmentType.RIGHT, spacing: exact, keepNext: true } },
  { id: "PaperAttachment", name: "附件标识", run: { font: FONT.heading, size: SIZE.body, characterSpacing: CHAR_SPACING }, paragraph: { alignment: AlignmentType.LEFT, spacing: { ...exact, after: LINE }, pageBreakBefore: true, keepNext: true } },
  {
    id: "PaperImprint",
    name: "版记",
    run: { font: FONT.body, size: SIZE.imprint, snapToGrid: false },
    paragraph: {
      alignment: AlignmentType.LEFT,
      indent: { left: 280, right: 280 },
      spacing: { ...exact, before: LINE },
      border: {
        top: { style: BorderStyle.SINGLE, size: 4, color: "000000", space: 4 },
        bottom: { style: BorderStyle.SINGLE, size: 4, color: "000000", space: 4 },
      },
    },
  },
  { id: "PaperTable", name: "表格", run: { font: FONT.body, size: SIZE.table, snapToGrid: false }, paragraph: { spacing: tableLine(SIZE.table) } },
  { id: "PaperTableHeader", name: "表头", run: { font: FONT.heading, size: SIZE.table, snapToGrid: false }, paragraph: { alignment: AlignmentType.CENTER, spacing: tableLine(SIZE.table) } },
  { id: "PaperWideTable", name: "宽表格", run: { font: FONT.body, size: SIZE.wideTable, snapToGrid: false }, paragraph: { spacing: tableLine(SIZE.wideTable) } },
  { id: "PaperWideTableHeader", name: "宽表格表头", run: { font: FONT.heading, size: SIZE.wideTable, snapToGrid: false }, paragraph: { alignment: AlignmentType.CENTER, spacing: tableLine(SIZE.wideTable) } },
  { id: "PaperPageNumber", name: "页码", run: { font: FONT.pageNumber, size: SIZE.pageNumber, snapToGrid: false }, paragraph: { spacing: { line: 280, lineRule: LineRuleType.EXACT } } },
];

const PARAGRAPH_STYLE: Record<Align, string> = {
  indent: "PaperBody",
  left: "PaperFlush",
  center: "PaperCentre",
  right: "PaperSignature",
  imprint: "PaperImprint",
};

function runs(source: readonly Run[]): TextRun[] {
  const out: TextRun[] = [];
  for (const run of source) {
    run.text.split("\n").forEach((text, i) => {
      out.push(
        i === 0 && !run.blank
          ? new TextRun(text)
          : new TextRun({ text, ...(i > 0 ? { break: 1 } : {}), ...(run.blank ? { highlight: "yellow" as const } : {}) }),
      );
    });
  }
  return out;
}

/** Rows kept with the next one: the header and the first row, and the last two together; a short table whole. */
function keepsWithNext(index: number, rows: number, headers: number): boolean {
  if (index === rows - 1) return false;
  if (rows - headers <= 6) return true;
  return index <= headers || index === rows - 2;
}

function table(block: Extract<Block, { type: "table" }>): Table {
  const wide = block.columns >= 7;
  const style = `Paper${wide ? "Wide" : ""}Table`;
  const widths = columnWidths(block.rows, block.columns, (wide ? SIZE.wideTable : SIZE.table) * 10);
  const headers = block.rows.filter((r) => r.header).length;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { left: CELL_PADDING, right: CELL_PADDING, top: 40, bottom: 40 },
    rows: block.rows.map((row, r) => {
      const mergedDown = (column: number) => block.rows[r + 1]?.merge?.[column] === "up";
      return new TableRow({
        tableHeader: row.header,
        cantSplit: true,
        keepNext: keepsWithNext(r, block.rows.length, headers),
        children: placeCells(row, block.columns).map((cell) => {
          const width = widths.slice(cell.column, cell.column + cell.span).reduce((a, b) => a + b, 0);
          const label = !row.header && cell.column === 0 && cell.span === 1;
          return new TableCell({
            width: { size: width, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            ...(cell.span > 1 ? { columnSpan: cell.span } : {}),
            ...(cell.continued ? { verticalMerge: "continue" as const } : mergedDown(cell.column) ? { verticalMerge: "restart" as const } : {}),
            children: [
              new Paragraph({
                style: `${style}${row.header ? "Header" : ""}`,
                // A form's labels and short values sit centred in their cells.
                ...(label || runText(cell.runs).length <= 4 ? { alignment: AlignmentType.CENTER } : {}),
                children: runs(cell.runs),
              }),
            ],
          });
        }),
      });
    }),
  });
}

const runText = (source: readonly Run[]) => source.map((r) => r.text).join("");

function paragraph(block: Exclude<Block, { type: "table" }>, signatureIndent: number | undefined, keepNext: boolean): Paragraph {
  switch (block.type) {
    case "title":
      return new Paragraph({ style: "PaperTitle", children: runs(block.runs) });
    case "heading":
      return new Paragraph({ style: block.level === 1 ? "PaperHeading1" : "PaperHeading2", children: runs(block.runs) });
    case "attachment":
      return new Paragraph({ style: "PaperAttachment", children: runs(block.runs) });
    case "paragraph":
      return new Paragraph({
        style: PARAGRAPH_STYLE[block.align],
        // The first line of a signature or centred block stands apart from what precedes it.
        ...(block.first && block.align !== "imprint" ? { spacing: { ...exact, before: block.align === "right" ? 2 * LINE : LINE } } : {}),
        ...(signatureIndent !== undefined ? { indent: { right: signatureIndent } } : {}),
        ...(keepNext ? { keepNext: true } : {}),
        children: runs(block.runs),
      });
  }
}

/** 「— 1 —」: odd pages set right and even pages left, one character in (GB/T 9704 7.5). */
function pageNumberFooter(align: "right" | "left"): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: "PaperPageNumber",
        alignment: align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === "right" ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}

/** Styles whose text keeps its own size and line height: the grid is for the 三号 body. */
const OFF_GRID = ["PaperTitle", "PaperImprint", "PaperTable", "PaperTableHeader", "PaperWideTable", "PaperWideTableHeader", "PaperPageNumber"];

/**
 * What docx cannot say, written into its XML: (1) the font table names 宋体 as the face to use where
 * 小标宋 is not installed (w:altName; it rarely is outside government offices), which Word and
 * LibreOffice honour; (2) tables, the title, the imprint and page numbers do not snap to the document
 * grid (w:snapToGrid off on their paragraph styles), or every line of a table would take a body line's
 * height and every character a body character's width.
 */
function finish(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const fonts = files["word/fontTable.xml"] ? strFromU8(files["word/fontTable.xml"]) : undefined;
  if (fonts && !fonts.includes(`w:name="${TITLE_FACE}"`)) {
    const entry = `<w:font w:name="${TITLE_FACE}"><w:altName w:val="${TITLE_FALLBACK}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`;
    const closed = /<\/w:fonts>\s*$/.test(fonts);
    files["word/fontTable.xml"] = strToU8(
      closed ? fonts.replace(/<\/w:fonts>\s*$/, `${entry}</w:fonts>`) : fonts.replace(/\/>\s*$/, `>${entry}</w:fonts>`),
    );
  }
  const styles = strFromU8(files["word/styles.xml"]!);
  files["word/styles.xml"] = strToU8(
    styles.replace(/<w:style [^>]*w:styleId="([^"]+)"[^>]*>[\s\S]*?<\/w:style>/g, (style, id: string) =>
      OFF_GRID.includes(id) ? style.replace(/<w:spacing /, '<w:snapToGrid w:val="0"/><w:spacing ') : style,
    ),
  );
  return zipSync(files, { level: 6 });
}

/** The .docx bytes of a rendered document. Works without Node APIs (Workers included). */
export async function toDocx(doc: RenderedDocument, meta: { title: string; subject?: string }): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  const signature = signatureGroups(doc.blocks);
  doc.blocks.forEach((block, i) => {
    if (block.type === "table") {
      children.push(table(block));
      // Word runs a paragraph straight after a table into it visually; a small gap keeps them apart.
      // After the last table (a form) the paragraph Word needs is a hairline, or it would start a page.
      const last = i === doc.blocks.length - 1;
      children.push(new Paragraph({ style: "PaperTable", spacing: { line: last ? 20 : 240, lineRule: LineRuleType.EXACT }, children: [] }));
      return;
    }
    // The line that introduces a table stays on the table's page; the last two lines of the text stay
    // with the signature (a page holding only the signature is not allowed).
    const next = doc.blocks[i + 1];
    const signatureAhead = [doc.blocks[i + 1], doc.blocks[i + 2]].some((b) => b?.type === "paragraph" && b.align === "right" && b.first);
    const keepNext = next?.type === "table" || (signatureAhead && !(block.type === "paragraph" && block.align === "right"));
    children.push(paragraph(block, signature.get(i), keepNext));
  });
  const document = new Document({
    creator: "团建助手",
    title: meta.title,
    ...(meta.subject ? { subject: meta.subject } : {}),
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONT.body, size: SIZE.body } } }, paragraphStyles: STYLES },
    sections: [
      {
        properties: {
          // A4, margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm); 22 lines of 28 characters.
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1587, right: 1474, footer: 1247 },
          },
          grid: { type: DocumentGridType.LINES, linePitch: LINE, charSpace: CHAR_SPACE },
        },
        footers: { default: pageNumberFooter("right"), even: pageNumberFooter("left") },
        children,
      },
    ],
  });
  return finish(new Uint8Array(await Packer.toArrayBuffer(document)));
}
