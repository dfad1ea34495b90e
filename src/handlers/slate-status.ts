import type { BotContext } from "../bot/context.js";
import { effectiveRules } from "../domain/rules/effective.js";
import { checkSlate } from "../domain/slate.js";
import type { TownshipPlan } from "../domain/township.js";
import { slateFailures } from "./candidates/slate-report.js";
import { candidatesJudgedNow } from "./candidates/shared.js";

/** Whether the slate passes every rule, and its failing checks in words: the formal list waits on it. */
export async function slateStatusFor(
  ctx: BotContext,
  township: TownshipPlan,
): Promise<{ slateOk: boolean; slateReasons: string[] }> {
  const candidates = await candidatesJudgedNow(ctx, township);
  const report = checkSlate(candidates, township, effectiveRules(township));
  if (report.ok) return { slateOk: true, slateReasons: [] };
  return { slateOk: false, slateReasons: slateFailures(ctx, township, candidates) };
}
