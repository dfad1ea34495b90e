/**
 * The overview in words, for the bot's /overview, the weekly digest and the CSV: one place that turns
 * the domain's figures into the locale's sentences. Takes a Translate, so the bot (ctx.t) and the
 * reminder sweep (no update, the recipient's language) share it.
 */
import type { Translate } from "../i18n/index.js";
import type { Overview, ProgressRow, SlateRule, TownshipProgress, UnitProgress } from "../domain/overview.js";
import { SLATE_RULES } from "../domain/overview.js";
import { stepById } from "../domain/checklist/index.js";
import { formatDate } from "../domain/time.js";

const NOT_STARTED_NAMES = 10;

export function ruleNames(t: Translate, rules: readonly SlateRule[]): string {
  return rules.map((r) => t(`overview-rule-${r}`)).join(t("list-separator"));
}

/** The figures of a unit: totals, stages, overdue, slates, counties without townships, townships not started. */
export function unitSummary(
  t: Translate,
  overview: Overview,
  unit: UnitProgress,
  locale: "zh" | "en",
): string[] {
  const lines = [
    t("overview-title", {
      name: unit.name,
      level: t(`unit-level-${unit.level}`),
      date: formatDate(overview.today, locale),
    }),
    t("overview-totals", { townships: unit.townships, score: unit.score }),
    t("overview-stages", {
      notStarted: unit.stages["not-started"],
      prepare: unit.stages.prepare,
      implement: unit.stages.implement,
      train: unit.stages.train,
      summarise: unit.stages.summarise,
      done: unit.stages.done,
    }),
    unit.overdueSteps > 0
      ? t("overview-overdue", { townships: unit.overdueTownships, steps: unit.overdueSteps })
      : t("overview-overdue-none"),
  ];
  if (unit.slateFailingTownships > 0) {
    const rules = SLATE_RULES.filter((r) => unit.slateFailing[r] > 0)
      .sort((a, b) => unit.slateFailing[b] - unit.slateFailing[a])
      .map((r) => t("overview-slate-rule", { rule: t(`overview-rule-${r}`), count: unit.slateFailing[r] }));
    lines.push(t("overview-slate", { townships: unit.slateFailingTownships, rules: rules.join(t("list-separator")) }));
  }
  if (unit.emptyCounties > 0) lines.push(t("overview-empty-counties", { count: unit.emptyCounties }));
  const notStarted = overview.notStarted(unit.id);
  if (notStarted.length > 0) {
    const names = notStarted.slice(0, NOT_STARTED_NAMES).map((n) => n.name);
    const more = notStarted.length > NOT_STARTED_NAMES ? t("overview-not-started-more") : "";
    lines.push(t("overview-not-started", { count: notStarted.length, names: `${names.join(t("list-separator"))}${more}` }));
  }
  return lines;
}

export function rowLine(t: Translate, row: ProgressRow): string {
  if (row.kind === "unit")
    return row.townships === 0
      ? t("overview-row-unit-empty", { name: row.name })
      : t("overview-row-unit", {
          name: row.name,
          townships: row.townships,
          overdue: row.overdueTownships,
          notStarted: row.stages["not-started"],
          score: row.score,
        });
  return t("overview-row-township", { name: row.name, parts: townshipParts(t, row).join(t("overview-row-separator")) });
}

/** The badge a township's row shows first (the days past the deadline where it missed it). */
export function badgeText(t: Translate, row: TownshipProgress): string {
  return t(`overview-badge-${row.badge}`, { days: row.daysPastDeadline });
}

/**
 * A township's row in pieces, most telling first: its badge, its phase, steps done, the first
 * overdue step with its days late, the slate rules it fails, its score (none before it starts: a
 * township that recorded nothing has earned nothing to rank by).
 */
export function townshipParts(t: Translate, row: TownshipProgress): string[] {
  const parts = [badgeText(t, row)];
  if (row.badge !== "not-started" && row.badge !== "done") parts.push(t(`stage-${row.stage}`));
  if (row.badge !== "not-started") parts.push(t("overview-row-done", { done: row.done }));
  if (row.firstOverdue)
    parts.push(t("overview-first-overdue", { step: t(stepById(row.firstOverdue.step).title), days: row.firstOverdue.daysLate }));
  if (row.failing.length > 0) parts.push(t("overview-row-failing", { rules: ruleNames(t, row.failing) }));
  parts.push(row.stage === "not-started" ? t("overview-row-no-score") : t("overview-row-score", { score: row.score }));
  return parts;
}

export const percent = (share: number) => Math.round(share * 100);

/** The read-only township card's first lines: county, stage, score and its parts, the slate. */
export function townshipHead(t: Translate, township: TownshipProgress, countyName: string): string[] {
  // A township that recorded nothing has no score; one behind says how far behind.
  const head =
    township.stage === "not-started"
      ? t("overview-township-head-not-started", { county: countyName, badge: badgeText(t, township) })
      : t("overview-township-head", {
          county: countyName,
          stage: t(`stage-${township.stage}`),
          score: township.score,
          complete: percent(township.parts.complete),
          onTime: percent(township.parts.onTime),
          slate: percent(township.parts.slate),
        });
  const behind = township.stage !== "not-started" && (township.badge === "missed-deadline" || township.badge === "overdue");
  return [
    behind ? `${head} · ${badgeText(t, township)}` : head,
    township.slate === "failing"
      ? t("overview-township-slate-failing", { rules: ruleNames(t, township.failing) })
      : t(township.slate === "ok" ? "overview-township-slate-ok" : "overview-township-slate-none"),
  ];
}

/** What a nudge did, in words: the chat's reply and the web page's confirmation say the same. */
export function nudgeReply(t: Translate, result: { name: string; queued: number; members: number; quiet: number }): string {
  const key =
    result.members === 0
      ? "nudge-no-members"
      : result.quiet === result.members
        ? "nudge-all-quiet"
        : result.queued === 0
          ? "nudge-already"
          : "nudge-queued";
  const lines = [t(key, { name: result.name, count: result.queued })];
  if (result.quiet > 0 && key !== "nudge-all-quiet") lines.push(t("nudge-quiet", { count: result.quiet }));
  return lines.join("\n");
}
