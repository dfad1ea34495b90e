/**
 * The year-end assessment table: one row per township below a unit, in chasing order per county, with
 * the score and its three parts (formula in domain/score.ts and the README).
 */
import type { Translate } from "../bot/i18n.js";
import { type CsvCell, csvBytes } from "../documents/csv.js";
import type { Overview } from "../domain/overview.js";
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
