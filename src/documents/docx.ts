/**
 * A rendered document as a Word file (.docx), laid out as Chinese official papers are: A4, title
 * centred in a large bold Song face, body in FangSong 16 pt (三号) with a two-character first-line
 * indent and a fixed 28 pt line, headings in Hei / Kai, the signature block and date set right,
 * tables full width. Blanks to fill are highlighted. Built with `docx`, which zips with fflate in
 * plain JavaScript, so the same code runs in Node and in the Worker (`Packer.toArrayBuffer`, no Buffer).
 */
import {
  AlignmentType,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Align, Block, RenderedDocument, Run } from "./render.js";

const FONT = {
  title: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体", cs: "Times New Roman" },
  body: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "仿宋", cs: "Times New Roman" },
  heading: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体", cs: "Times New Roman" },
  subheading: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "楷体", cs: "Times New Roman" },
} as const;

/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 小四 12 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, table: 24, wideTable: 21 };
/** Twips: a fixed 28 pt line; two characters of 16 pt. */
const LINE = 560;
const INDENT = 640;
const exact = { line: LINE, lineRule: LineRuleType.EXACT };

/**
 * The look lives in named styles (a county can restyle a paper in Word in one place), so that each
 * run carries only its text: a table of 60 people is thousands of runs, and per-run formatting
 * doubled the time to write one.
 */
const STYLES = [
  { id: "PaperTitle", name: "文书标题", run: { font: FONT.title, size: SIZE.title, bold: true }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: LINE } } },
  { id: "PaperHeading1", name: "一级标题", run: { font: FONT.heading, size: SIZE.body }, paragraph: { indent: { firstLine: INDENT }, spacing: exact, keepNext: true } },
  { id: "PaperHeading2", name: "二级标题", run: { font: FONT.subheading, size: SIZE.body, bold: true }, paragraph: { indent: { firstLine: INDENT }, spacing: { ...exact, before: LINE / 2 }, keepNext: true } },
  { id: "PaperBody", name: "正文", run: { font: FONT.body, size: SIZE.body }, paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: exact } },
  { id: "PaperFlush", name: "正文顶格", run: { font: FONT.body, size: SIZE.body }, paragraph: { alignment: AlignmentType.LEFT, spacing: exact } },
  { id: "PaperCentre", name: "正文居中", run: { font: FONT.body, size: SIZE.body }, paragraph: { alignment: AlignmentType.CENTER, spacing: exact } },
  // The signature block sits four characters in from the right margin, as papers are signed.
  { id: "PaperSignature", name: "落款", run: { font: FONT.body, size: SIZE.body }, paragraph: { alignment: AlignmentType.RIGHT, indent: { right: INDENT * 2 }, spacing: exact } },
  { id: "PaperTable", name: "表格", run: { font: FONT.body, size: SIZE.table } },
  { id: "PaperTableHeader", name: "表头", run: { font: FONT.body, size: SIZE.table, bold: true }, paragraph: { alignment: AlignmentType.CENTER } },
  { id: "PaperWideTable", name: "宽表格", run: { font: FONT.body, size: SIZE.wideTable } },
  { id: "PaperWideTableHeader", name: "宽表格表头", run: { font: FONT.body, size: SIZE.wideTable, bold: true }, paragraph: { alignment: AlignmentType.CENTER } },
];

const PARAGRAPH_STYLE: Record<Align, string> = {
  indent: "PaperBody",
  left: "PaperFlush",
  center: "PaperCentre",
  right: "PaperSignature",
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

function table(block: Extract<Block, { type: "table" }>): Table {
  const wide = block.columns >= 8;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    rows: block.rows.map(
      (row) =>
        new TableRow({
          tableHeader: row.header,
          cantSplit: true,
          children: row.cells.map(
            (cell, i) =>
              new TableCell({
                ...(i === row.cells.length - 1 && row.cells.length < block.columns
                  ? { columnSpan: block.columns - row.cells.length + 1 }
                  : {}),
                children: [
                  new Paragraph({
                    style: `Paper${wide ? "Wide" : ""}Table${row.header ? "Header" : ""}`,
                    children: runs(cell),
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

function paragraph(block: Exclude<Block, { type: "table" }>): Paragraph {
  switch (block.type) {
    case "title":
      return new Paragraph({ style: "PaperTitle", children: runs(block.runs) });
    case "heading":
      return new Paragraph({ style: block.level === 1 ? "PaperHeading1" : "PaperHeading2", children: runs(block.runs) });
    case "paragraph":
      return new Paragraph({
        style: PARAGRAPH_STYLE[block.align],
        // The first line of a signature or centred block stands a line apart from what precedes it.
        ...(block.first ? { spacing: { ...exact, before: LINE } } : {}),
        children: runs(block.runs),
      });
  }
}

/** The .docx bytes of a rendered document. Works without Node APIs (Workers included). */
export async function toDocx(doc: RenderedDocument, meta: { title: string; subject?: string }): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  for (const block of doc.blocks) {
    if (block.type === "table") {
      children.push(table(block));
      // Word runs a paragraph straight after a table into it visually; a small gap keeps them apart.
      children.push(new Paragraph({ spacing: { line: 240 }, children: [] }));
    } else children.push(paragraph(block));
  }
  const document = new Document({
    creator: "团建助手",
    title: meta.title,
    ...(meta.subject ? { subject: meta.subject } : {}),
    styles: { default: { document: { run: { font: FONT.body, size: SIZE.body } } }, paragraphStyles: STYLES },
    sections: [
      {
        properties: {
          // A4, margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
          },
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
