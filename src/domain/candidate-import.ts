/**
 * Several candidates at once: pasted lines (comma- or tab-separated, header row optional) or a
 * spreadsheet's rows. Every row is read with the same field schemas as the chat dialog, checked
 * against the eligibility rules on the election date, and the same person twice in one batch (same ID
 * number, or same name and birth date) is caught. Pure: no I/O (the ID numbers found here leave only
 * to be hashed by the caller, never to be stored).
 */
import Papa from "papaparse";
import { type CandidateDraft, type CandidateField, type FieldError, parseCandidateRow } from "./candidate-fields.js";
import { eligibilityFor, type Finding } from "./eligibility.js";
import { looksLikeIdNumber } from "./id-number.js";
import type { EffectiveRules } from "./rules/effective.js";
import type { LocalDate } from "./township.js";

export const MAX_IMPORT_ROWS = 5000;

/** The column that takes either an 18-character ID number or a birth date (told apart by the value). */
export type ImportColumn = Exclude<CandidateField, "birthDate" | "idNumber"> | "idOrBirthDate";

/**
 * Column order of lines pasted without a header row. Cells may be empty where the value is optional or
 * derived: gender and birth date come from an ID number, a deputy's commitment from the post.
 */
export const DEFAULT_COLUMNS: ImportColumn[] = [
  "name",
  "gender",
  "idOrBirthDate",
  "politicalStatus",
  "establishment",
  "sector",
  "post",
  "commitment",
  "channel",
  "signatures",
  "localTie",
  "mobile",
  "education",
  "workplace",
  "relaxationReason",
];

/** Header names `parseCandidateRow` knows, one per field (it accepts more; these are what we write). */
const HEADER_OF: Record<CandidateField, string> = {
  name: "姓名",
  gender: "性别",
  birthDate: "出生日期",
  idNumber: "身份证号",
  politicalStatus: "政治面貌",
  establishment: "编制",
  sector: "领域",
  post: "竞选职务",
  commitment: "专兼职",
  channel: "推荐方式",
  signatures: "联名人数",
  localTie: "是否本地",
  mobile: "手机",
  education: "学历",
  workplace: "工作单位",
  relaxationReason: "放宽理由",
};

const headerKey = (cell: string) =>
  cell
    .normalize("NFKC")
    .replace(/\(.*?\)|\[.*?\]|【.*?】/g, "")
    .toLowerCase()
    .replace(/[\s_\-:.]/g, "");

/** A first row naming a 姓名 / name column is a header. */
export function isHeaderRow(cells: string[]): boolean {
  return cells.some((cell) => ["姓名", "name"].includes(headerKey(cell)));
}

/** "身份证号或出生日期", "出生日期/身份证号", "ID number or birth date": one column, either value. */
function isIdOrBirthHeader(cell: string): boolean {
  const key = headerKey(cell);
  return (key.includes("身份证") && key.includes("出生")) || (key.includes("id") && key.includes("birth"));
}

/** 15 or more digits (spaces allowed, X last): an ID number, even a mistyped one; anything else is a date. */

/**
 * Splits pasted text or a CSV file into rows of cells. Full-width commas count as commas; the
 * delimiter is a tab when the text has tabs, else a comma or a semicolon (as some Excel exports write).
 */
export function splitLines(text: string): string[][] {
  const normalized = text.replace(/^\uFEFF/, "").replace(/，/g, ",").replace(/\r\n?/g, "\n");
  const result = Papa.parse<string[]>(normalized, {
    delimiter: normalized.includes("\t") ? "\t" : "",
    delimitersToGuess: [",", ";", "\t"],
    skipEmptyLines: false,
  });
  return result.data.map((row) => row.map((cell) => String(cell ?? "")));
}

export type RowProblem =
  | { kind: "field"; error: FieldError }
  | { kind: "rule"; finding: Finding }
  | { kind: "duplicate-in-batch"; row: number };

export interface RowResult {
  /** Row number as the user sees it: the line of the pasted text, the spreadsheet's row. */
  row: number;
  /** What the row's name cell says (for the report; may be invalid). */
  label: string;
  ok: boolean;
  /** The row read as a candidate: present when accepted, and when refused only for a rule or a duplicate. */
  candidate?: CandidateDraft;
  /** Only to be hashed by the caller; never stored, logged or shown. */
  idNumberNormalized?: string;
  problems: RowProblem[];
}

export interface BatchResult {
  header: boolean;
  rows: RowResult[];
  /** More rows than MAX_IMPORT_ROWS: nothing was read. */
  tooMany?: { count: number; max: number };
}

/** One row's cells as a record keyed by headers `parseCandidateRow` knows. */
function recordOf(cells: string[], columns: (ImportColumn | string)[]): Record<string, string> {
  const record: Record<string, string> = {};
  columns.forEach((column, i) => {
    const cell = cells[i] ?? "";
    if (column === "idOrBirthDate") {
      if (cell.trim() !== "") record[looksLikeIdNumber(cell) ? HEADER_OF.idNumber : HEADER_OF.birthDate] = cell;
      return;
    }
    const header = HEADER_OF[column as CandidateField] ?? column;
    if (!(header in record) || record[header]?.trim() === "") record[header] = cell;
  });
  return record;
}

/**
 * Validates a table of cells (pasted lines or a spreadsheet's rows): each row on its own, then the
 * eligibility rules on the election date, then the same person twice within the batch.
 */
export function validateBatch(
  table: string[][],
  rules: EffectiveRules,
  today: LocalDate,
  electionDate: LocalDate,
): BatchResult {
  const rows = table.map((cells, i) => ({ row: i + 1, cells })).filter((r) => r.cells.some((c) => c.trim() !== ""));
  const first = rows[0];
  const header = first !== undefined && isHeaderRow(first.cells);
  const body = header ? rows.slice(1) : rows;
  if (body.length > MAX_IMPORT_ROWS) return { header, rows: [], tooMany: { count: body.length, max: MAX_IMPORT_ROWS } };
  const columns: (ImportColumn | string)[] =
    header && first ? first.cells.map((cell) => (isIdOrBirthHeader(cell) ? "idOrBirthDate" : cell)) : DEFAULT_COLUMNS;
  const nameColumn = header ? columns.findIndex((c) => ["姓名", "name"].includes(headerKey(c))) : 0;

  const byId = new Map<string, number>();
  const byNameAndBirth = new Map<string, number>();
  const results = body.map(({ row, cells }): RowResult => {
    const label = (cells[nameColumn] ?? "").normalize("NFKC").replace(/\s+/g, " ").trim().slice(0, 20);
    const parsed = parseCandidateRow(recordOf(cells, columns), rules, today);
    if (!parsed.ok) return { row, label, ok: false, problems: parsed.errors.map((error) => ({ kind: "field", error })) };

    const { candidate, idNumberNormalized } = parsed;
    const problems: RowProblem[] = eligibilityFor(candidate, rules, electionDate)
      .findings.filter((f) => !f.ok)
      .map((finding) => ({ kind: "rule", finding }));
    const nameAndBirth = `${candidate.name}\u0000${candidate.birthDate}`;
    const earlier = (idNumberNormalized ? byId.get(idNumberNormalized) : undefined) ?? byNameAndBirth.get(nameAndBirth);
    if (earlier !== undefined) problems.push({ kind: "duplicate-in-batch", row: earlier });
    if (problems.length > 0) return { row, label: candidate.name, ok: false, candidate, problems };

    if (idNumberNormalized) byId.set(idNumberNormalized, row);
    byNameAndBirth.set(nameAndBirth, row);
    const result: RowResult = { row, label: candidate.name, ok: true, candidate, problems: [] };
    if (idNumberNormalized) result.idNumberNormalized = idNumberNormalized;
    return result;
  });
  return { header, rows: results };
}
