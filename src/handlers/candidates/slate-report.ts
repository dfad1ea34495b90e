import type { BotContext } from "../../bot/context.js";
import type { Candidate } from "../../domain/candidate.js";
import { effectiveRules } from "../../domain/rules/effective.js";
import type { NominationChannel } from "../../domain/rules/types.js";
import { checkSlate, type SlateCheck } from "../../domain/slate.js";
import type { TownshipPlan } from "../../domain/township.js";
import { citation, listJoin } from "./shared.js";

/** The slate report: every rule pass/fail with its figures, and the sources as numbered footnotes. */
export function slateReport(ctx: BotContext, township: TownshipPlan, candidates: Candidate[]): string {
  const rules = effectiveRules(township);
  const report = checkSlate(candidates, township, rules);
  return renderReport(ctx, township, candidates, report);
}

/**
 * The failing checks alone, each line with its figures and without footnote markers: a refusal quotes
 * these beside the one rule it cites itself, and `/slate` has every line's source.
 */
export function slateFailures(ctx: BotContext, township: TownshipPlan, candidates: Candidate[]): string[] {
  const report = checkSlate(candidates, township, effectiveRules(township));
  return report.checks
    .filter((check) => !check.ok)
    .map((check) => ctx.t(`slate-${check.code}`, slateParams(ctx, check)));
}

function renderReport(
  ctx: BotContext,
  township: TownshipPlan,
  candidates: Candidate[],
  report: ReturnType<typeof checkSlate>,
): string {
  const sources: string[] = [];
  const lines = report.checks.map((check) => {
    const text = ctx.t(`slate-${check.code}`, slateParams(ctx, check));
    if (!check.source) return text;
    const source = citation(ctx, check.source);
    let n = sources.indexOf(source) + 1;
    if (n === 0) n = sources.push(source);
    return `${text} ${ctx.t("slate-ref", { n })}`;
  });
  const failed = report.checks.filter((c) => !c.ok).length;
  const running = candidates.filter((c) => c.status !== "withdrawn" && c.status !== "ineligible").length;
  const header = ctx.t("slate-header", {
    township: township.name,
    profile: rulesProfileName(ctx, township),
    failed,
    passed: report.checks.length - failed,
    total: report.checks.length,
  });
  return [
    header,
    ...lines,
    ...(running === 0 ? [ctx.t("slate-empty-note")] : []),
    ctx.t("slate-sources"),
    ...sources.map((source, i) => ctx.t("slate-source-line", { n: i + 1, source })),
  ].join("\n");
}

function rulesProfileName(ctx: BotContext, township: TownshipPlan): string {
  return ctx.t(`kb-locality-${township.profileId}`);
}

function slateParams(ctx: BotContext, check: SlateCheck): Record<string, string | number> {
  const f = check.figures;
  const params: Record<string, string | number> = { ...f };
  if (check.post) params.post = ctx.t(`cand-post-${check.post}`);
  switch (check.rule) {
    case "leaderShareMax":
      params.allowed = Math.floor(((f.numerator ?? 0) * (f.members ?? 0)) / (f.denominator ?? 1));
      break;
    case "nonEstablishmentShareMin": {
      const outside = f.outside ?? 0;
      const total = f.total ?? 0;
      params.percent = total > 0 ? Math.round((outside * 10_000) / total) / 100 : 0;
      // How many more 编制外 people make the share (adding them also grows the total).
      const ratio = (f.minPercent ?? 0) / 100;
      params.short = ratio >= 1 ? 0 : Math.max(0, Math.ceil((ratio * total - outside) / (1 - ratio) - 1e-9));
      break;
    }
    case "nominationChannels": {
      const channels = Object.keys(f) as NominationChannel[];
      params.counts = listJoin(
        ctx,
        channels.map((c) => `${ctx.t(`cand-channel-${c}`)} ${f[c]}`),
      );
      params.missing = listJoin(
        ctx,
        channels.filter((c) => (f[c] ?? 0) === 0).map((c) => ctx.t(`cand-channel-${c}`)),
      );
      break;
    }
  }
  return params;
}
