import type { BotContext } from "../bot/context.js";
import { describeSource } from "../i18n/sources.js";
import type { StepRecord } from "../domain/checklist/index.js";
import { formatDate, shanghaiDate } from "../domain/time.js";
import { type TimelineWarning, timelineWarnings } from "../domain/timeline.js";
import type { TownshipPlan } from "../domain/township.js";

/**
 * What in a plan's dates cannot work, said at registration and in /plan: the rules in conflict, each
 * with its source, and the earliest plan the minimum periods allow. Empty when the dates can work.
 */
export function timelineText(ctx: BotContext, plan: TownshipPlan, records: readonly StepRecord[] = []): string[] {
  return timelineWarnings(plan, records, shanghaiDate(ctx.deps.now())).map((w) => warningText(ctx, w));
}

/** A rule's source; one the township's plan does not state is marked as the recommended default's. */
function sourceOf(ctx: BotContext, rule: { source: Parameters<typeof describeSource>[1]; fallback: boolean }): string {
  return `${describeSource(ctx.locale, rule.source)}${rule.fallback ? ctx.t("step-card-recommended") : ""}`;
}

function warningText(ctx: BotContext, w: TimelineWarning): string {
  const d = (date: string) => formatDate(date, ctx.locale);
  if (w.kind === "election-too-early") {
    return [
      ctx.t("timeline-election-too-early", { election: d(w.election), earliest: d(w.earliest), publicityDays: w.publicity.value.days }),
      sourceOf(ctx, w.publicity),
    ].join("\n");
  }
  if (w.kind === "election-after-deadline") {
    return [
      ctx.t("timeline-election-after-deadline", { election: d(w.election), deadline: d(w.deadline), months: w.completion.value.monthsAfterPartyElection }),
      sourceOf(ctx, w.completion),
    ].join("\n");
  }
  const e = w.earliest;
  return [
    ctx.t("timeline-deadline-too-short", {
      deadline: d(w.deadline),
      months: w.completion.value.monthsAfterPartyElection,
      publicityDays: w.publicity.value.days,
      noticeDays: w.notice.value.days,
      appointment: d(e.appointment),
    }),
    ...[...new Set([w.completion, w.publicity, w.notice].map((r) => sourceOf(ctx, r)))],
    ctx.t("timeline-earliest-plan", {
      publicityStart: d(e.publicity.start),
      publicityEnd: d(e.publicity.end),
      election: d(e.election),
      noticeStart: d(e.notice.start),
      noticeEnd: d(e.notice.end),
      appointment: d(e.appointment),
    }),
  ].join("\n");
}
