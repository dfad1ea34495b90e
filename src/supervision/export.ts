/**
 * The year-end assessment table: one row per township below a unit, in chasing order per county, with
 * the score and its three parts (formula in domain/score.ts and the README).
 */
import writeXlsxFile from "write-excel-file/universal";
import type { Locale, Translate } from "../i18n/index.js";
import { type CsvCell, csvBytes } from "../documents/csv.js";
import type { Overview } from "../domain/overview.js";
import { formatDate } from "../domain/time.js";
import type { TownshipPlan } from "../domain/township.js";
import { percent, ruleNames } from "./text.js";

const COLUMNS = [
  "province",
  "city",
  "county",
  "township",
  "supervisor",
  "stage",
  "done",
  "overdue",
  "next",
  "slate",
  "failing",
  "complete",
  "on-time",
  "slate-share",
  "score",
] as const;

export function progressCsv(
  t: Translate,
  overview: Overview,
  unitId: string,
  plans: ReadonlyMap<string, TownshipPlan>,
): Uint8Array {
  const rows: CsvCell[][] = [COLUMNS.map((c) => t(`csv-col-${c}`))];
  for (const township of overview.townshipsBelow(unitId)) {
    const plan = plans.get(township.id);
    rows.push([
      plan?.province ?? "",
      plan?.city ?? "",
      plan?.county ?? "",
      township.name,
      overview.units.get(township.countyId)?.name ?? "",
      t(`stage-${township.stage}`),
      township.done,
      township.overdue,
      township.next ? t(`step-${township.next}-title`) : "",
      t(`csv-slate-${township.slate}`),
      ruleNames(t, township.failing),
      percent(township.parts.complete),
      percent(township.parts.onTime),
      percent(township.parts.slate),
      township.score,
    ]);
  }
  return csvBytes(rows);
}

const XLSX_COLUMNS = ["index", "county", "township", "badge", "stage", "done", "first-overdue", "days-late", "failing", "next", "score"] as const;
/** Column widths in characters, as a county office's sheet has them: narrow 序号, wide names and notes. */
const XLSX_WIDTHS = [6, 14, 16, 18, 10, 10, 26, 10, 28, 22, 8];

/**
 * The overview as the .xlsx a county office files: a title over the table, the date it stands at,
 * one header row kept in view, one row per township in chasing order (序号, 县（区）, 乡镇（街道）,
 * 状态, 阶段, 已完成, 首个逾期环节, 逾期天数, 名单问题, 下一步, 得分), landscape. Written with
 * write-excel-file's universal build (a Blob), so the Worker makes it as Node does.
 */
export async function progressXlsx(
  t: Translate,
  locale: Locale,
  overview: Overview,
  unitId: string,
  unitName: string,
): Promise<Uint8Array> {
  const header = XLSX_COLUMNS.map((c) => ({ value: t(`xlsx-col-${c}`), fontWeight: "bold" as const, align: "center" as const, borderStyle: "thin" as const, wrap: true }));
  const cell = (value: string | number | undefined, align: "left" | "center" = "left") =>
    value === undefined || value === "" ? { value: "", borderStyle: "thin" as const } : { value, align, borderStyle: "thin" as const, wrap: true };
  const rows = overview.townshipsBelow(unitId).map((r, i) => [
    cell(i + 1, "center"),
    cell(overview.units.get(r.countyId)?.name),
    cell(r.name),
    cell(t(`overview-badge-${r.badge}`, { days: r.daysPastDeadline }).replace(/^\S+\s/, "")),
    cell(t(`stage-${r.stage}`), "center"),
    cell(`${r.done}/13`, "center"),
    cell(r.firstOverdue ? t(`step-${r.firstOverdue.step}-title`) : undefined),
    cell(r.firstOverdue ? r.firstOverdue.daysLate : undefined, "center"),
    cell(ruleNames(t, r.failing)),
    cell(r.next ? t(`step-${r.next}-title`) : undefined),
    cell(r.stage === "not-started" ? undefined : r.score, "center"),
  ]);
  const title = [{ value: t("xlsx-title", { name: unitName }), fontWeight: "bold" as const, fontSize: 16, align: "center" as const, columnSpan: XLSX_COLUMNS.length }];
  const date = [{ value: t("xlsx-date", { date: formatDate(overview.today, locale), count: rows.length }), align: "right" as const, columnSpan: XLSX_COLUMNS.length }];
  const blob = await writeXlsxFile([title, date, header, ...rows], {
    sheet: t("xlsx-sheet"),
    orientation: "landscape",
    stickyRowsCount: 3,
    columns: XLSX_WIDTHS.map((width) => ({ width })),
  }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
