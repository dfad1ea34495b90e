/**
 * Drafts one paper for one township: its template (src/documents/templates/<kind>.md, bundled),
 * filled from the township's data, as plain text for a chat message and as a .docx. Every piece of
 * text passes the personal-data mask on the way out, whatever a template or a record holds.
 */
import { maskPersonalData } from "../domain/privacy.js";
import { documentTemplates } from "../generated/templates.js";
import { type DocumentData, type DocumentInput, type DocumentNote, documentData } from "./data.js";
import { toDocx } from "./docx.js";
import type { DocumentKind } from "./kinds.js";
import { type Block, type RenderedDocument, renderTemplate, type Run, toPlainText } from "./render.js";

export interface DraftedDocument {
  kind: DocumentKind;
  /** The short name of the paper (e.g. 任前公示), from its template. */
  name: string;
  /** The title line as drafted. */
  title: string;
  fileName: string;
  text: string;
  /** Values nobody recorded: shown as ＿＿＿＿【待填:…】 in the paper. */
  blanks: string[];
  notes: DocumentNote[];
  rendered: RenderedDocument;
}

export function documentName(kind: DocumentKind): string {
  return documentTemplates[kind].name;
}

const maskRuns = (runs: Run[]): Run[] => runs.map((r) => ({ ...r, text: maskPersonalData(r.text) }));

function masked(doc: RenderedDocument): RenderedDocument {
  const blocks = doc.blocks.map((block): Block => {
    if (block.type === "table")
      return { ...block, rows: block.rows.map((row) => ({ ...row, cells: row.cells.map(maskRuns) })) };
    return { ...block, runs: maskRuns(block.runs) };
  });
  return { blocks, blanks: doc.blanks };
}

/** A name safe in a file name on every system (and in a Content-Disposition header). */
function fileNamePart(text: string): string {
  return text.replace(/[\\/:*?"<>|\r\n\t]/g, "_").trim().slice(0, 60);
}

export function draftDocument(kind: DocumentKind, input: DocumentInput, data: DocumentData = documentData(kind, input)): DraftedDocument {
  const template = documentTemplates[kind];
  const rendered = masked(renderTemplate(template.body, data.values));
  const titleBlock = rendered.blocks.find((b) => b.type === "title");
  const title = titleBlock ? titleBlock.runs.map((r) => r.text).join("") : template.name;
  return {
    kind,
    name: template.name,
    title,
    fileName: `${fileNamePart(input.plan.name)}-${fileNamePart(template.name)}.docx`,
    text: toPlainText(rendered),
    blanks: rendered.blanks,
    notes: data.notes,
    rendered,
  };
}

export function draftDocx(draft: DraftedDocument): Promise<Uint8Array> {
  return toDocx(draft.rendered, { title: draft.title, subject: draft.name });
}
