import type { BotContext } from "../bot/context.js";
import { candidateRepository } from "../db/candidates.js";
import { checkSlate } from "../domain/slate.js";
import { effectiveRules } from "../domain/rules/effective.js";
import type { TownshipPlan } from "../domain/township.js";
import { slateReport } from "./candidates/slate-report.js";

/** Whether the slate passes every rule, and the failing lines of its report: the formal list waits on it. */
export async function slateStatusFor(ctx: BotContext, township: TownshipPlan): Promise<{ slateOk: boolean; slateReasons: string[] }> {
  const candidates = await candidateRepository(ctx.deps.db).list(township.id);
  const report = checkSlate(candidates, township, effectiveRules(township));
  if (report.ok) return { slateOk: true, slateReasons: [] };
  const failing = slateReport(ctx, township, candidates)
    .split("\n")
    .filter((line) => line.startsWith("❌"));
  return { slateOk: false, slateReasons: failing };
}
