import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { BotContext } from "../bot/context.js";
import { type DialogData, type DialogDefinition, type DialogField, defineDialog, type Parsed, startDialog } from "../bot/dialogs/engine.js";
import { FeatureComposer } from "../bot/feature-composer.js";
import { encodeButton } from "../buttons/callback-data.js";
import { onButton } from "../buttons/on-button.js";
import { stepRepository } from "../db/steps.js";
import { townshipRepository } from "../db/townships.js";
import { effectiveRules } from "../domain/rules/effective.js";
import { PROFILES } from "../domain/rules/profiles.js";
import type { ProfileId, RuleKey, RuleValues } from "../domain/rules/types.js";
import { formatDate } from "../domain/time.js";
import type { TownshipPlan } from "../domain/township.js";
import { activeTownship, townshipChanged } from "./active-township.js";
import { conflictsText } from "./checklist.js";
import { dateAnswer } from "./date-answer.js";
import { wholeNumberAnswer } from "./number-answer.js";
import { timelineText } from "./timeline-text.js";

/**
 * /plan: the township's plan, and corrections to it — key dates (the checklist's due dates follow),
 * seats, whose rules apply, and the township's own values for a rule with a note saying on what
 * authority. Every change is audited and guarded against a concurrent edit by another member.
 */
export const planFeature = new FeatureComposer<BotContext>();

const PROFILE_IDS: ProfileId[] = ["recommended", "jiyang", "xingang", "nanshan", "sichuan"];
/** The rules a township most often sets itself, and how a typed number becomes the rule's value. */
const CUSTOMISABLE: { key: RuleKey; value: (n: number, base: TownshipPlan) => unknown; min: number; max: number }[] = [
  { key: "publicityDaysMin", value: (days) => ({ days }), min: 1, max: 60 },
  { key: "preAppointmentNoticeDays", value: (days) => ({ days }), min: 1, max: 30 },
  { key: "maxAge", value: (years) => ({ years, inclusive: true }), min: 18, max: 45 },
  {
    key: "relaxedMaxAge",
    value: (years, plan) => ({
      ...(effectiveRules(plan).relaxedMaxAge?.value ?? { appliesTo: ["parttime-deputy", "member"], condition: { zh: "兼职干部人选", en: "part-time candidates" } }),
      years,
      inclusive: true,
    }),
    min: 18,
    max: 50,
  },
  { key: "candidateSurplusMin", value: (percent) => ({ minRatio: percent / 100, strictlyMore: false }), min: 0, max: 100 },
];

const number = (min: number, max: number) => (input: string, ctx: BotContext): Parsed => wholeNumberAnswer(input, ctx, min, max);
const date = (input: string, ctx: BotContext): Parsed => dateAnswer(input, ctx);

/** A plan-changing dialog: its answers become a change, saved if nobody changed the plan meanwhile. */
function planDialog(
  name: string,
  fields: DialogField[],
  change: (data: DialogData, plan: TownshipPlan) => Parameters<ReturnType<typeof townshipRepository>["update"]>[3],
): DialogDefinition {
  return defineDialog({
    name,
    fields,
    context: { version: z.number().int() },
    async complete(ctx, data) {
      ctx.handler = "plan";
      const repo = townshipRepository(ctx.deps.db);
      const plan = await repo.activeFor(ctx.from!.id);
      if (!plan) return;
      const saved = await repo.update(ctx.from!.id, plan.id, Number(data.version), change(data, plan), ctx.deps.now());
      townshipChanged(ctx);
      await ctx.reply(ctx.t(saved ? "plan-saved" : "plan-conflict"));
      if (saved) {
        // Another profile or value of the township's own may make a record already kept break a rule: say which.
        const now = await repo.activeFor(ctx.from!.id);
        const conflicts = now && conflictsText(ctx, now, await stepRepository(ctx.deps.db).list(now.id));
        if (conflicts) await ctx.reply(conflicts);
      }
      await showPlan(ctx);
    },
  });
}

const partyDate = planDialog("plan-party-date", [{ key: "date", prompt: (ctx) => ctx.t("onboard-party-election"), parse: date }], (d) => ({
  partyElectionDate: String(d.date),
}));
const electionDate = planDialog("plan-election-date", [{ key: "date", prompt: (ctx) => ctx.t("onboard-planned-election"), parse: date }], (d) => ({
  plannedElectionDate: String(d.date),
}));
const seats = planDialog(
  "plan-seats",
  [
    { key: "secretary", prompt: (ctx) => ctx.t("onboard-seats-secretary"), parse: number(1, 1), defaultValue: () => "1" },
    { key: "fulltimeDeputies", prompt: (ctx) => ctx.t("onboard-seats-fulltime"), parse: number(0, 3) },
    { key: "parttimeDeputies", prompt: (ctx) => ctx.t("onboard-seats-parttime"), parse: number(0, 10) },
    { key: "members", prompt: (ctx) => ctx.t("onboard-seats-members"), parse: number(1, 40) },
  ],
  (d) => ({
    seats: { secretary: Number(d.secretary), fulltimeDeputies: Number(d.fulltimeDeputies), parttimeDeputies: Number(d.parttimeDeputies), members: Number(d.members) },
  }),
);
const profile = planDialog(
  "plan-profile",
  [
    {
      key: "profile",
      prompt: (ctx) => ctx.t("onboard-profile"),
      choices: (ctx) => PROFILE_IDS.map((id) => ({ value: id, label: PROFILES[id].name[ctx.locale] })),
      parse: (input, ctx) => (PROFILE_IDS.includes(input as ProfileId) ? { ok: true, value: input } : { ok: false, error: ctx.t("onboard-error-choice") }),
    },
  ],
  (d) => ({ profileId: d.profile as ProfileId }),
);
const custom = planDialog(
  "plan-custom",
  [
    {
      key: "rule",
      prompt: (ctx) => ctx.t("plan-custom-rule"),
      choices: (ctx) => CUSTOMISABLE.map((c) => ({ value: c.key, label: ctx.t(`plan-rule-${c.key}`) })),
      parse: (input, ctx) => (CUSTOMISABLE.some((c) => c.key === input) ? { ok: true, value: input } : { ok: false, error: ctx.t("onboard-error-choice") }),
    },
    {
      key: "number",
      prompt: (ctx, d) => ctx.t("plan-custom-value", { rule: ctx.t(`plan-rule-${String(d.rule)}`) }),
      parse: (input, ctx, d) => {
        const spec = CUSTOMISABLE.find((c) => c.key === d.rule)!;
        return number(spec.min, spec.max)(input, ctx);
      },
    },
    {
      key: "note",
      prompt: (ctx) => ctx.t("plan-custom-note"),
      parse: (input, ctx) => (input.length >= 2 && input.length <= 100 ? { ok: true, value: input } : { ok: false, error: ctx.t("onboard-error-text", { min: 2, max: 100 }) }),
    },
  ],
  (d, plan) => {
    const spec = CUSTOMISABLE.find((c) => c.key === d.rule)!;
    const customRules = { ...plan.customRules, [spec.key]: spec.value(Number(d.number), plan) } as { [K in RuleKey]?: RuleValues[K] };
    return { customRules, customNote: String(d.note) };
  },
);

const EDITS: Record<string, DialogDefinition> = { party: partyDate, election: electionDate, seats, profile, custom };
/** The plan dialogs, for the bot's dialog registry. */
export const planDialogs = Object.values(EDITS);

async function showPlan(ctx: BotContext): Promise<void> {
  ctx.handler = "plan";
  const plan = await activeTownship(ctx);
  if (!plan) {
    await ctx.reply(ctx.t("no-township-yet"), { reply_markup: new InlineKeyboard().text(ctx.t("button-register"), encodeButton("nav:register")) });
    return;
  }
  const total = plan.seats.secretary + plan.seats.fulltimeDeputies + plan.seats.parttimeDeputies + plan.seats.members;
  const customs = Object.keys(plan.customRules ?? {}).map((key) => ctx.t(`plan-rule-${key}`));
  const text = ctx.t("plan-summary", {
    place: `${plan.province}${plan.city}${plan.county}${plan.name}`,
    profile: PROFILES[plan.profileId].name[ctx.locale],
    partyElection: plan.partyElectionDate ? formatDate(plan.partyElectionDate, ctx.locale) : "—",
    plannedElection: plan.plannedElectionDate ? formatDate(plan.plannedElectionDate, ctx.locale) : "—",
    seats: ctx.t("seats-summary", { ...plan.seats, total }),
    custom: customs.length ? ctx.t("plan-custom-list", { rules: customs.join(ctx.t("list-separator")), note: plan.customNote ?? "" }) : ctx.t("plan-custom-none"),
  });
  const keyboard = new InlineKeyboard()
    .text(ctx.t("plan-edit-party"), encodeButton("plan", "party"))
    .text(ctx.t("plan-edit-election"), encodeButton("plan", "election"))
    .row()
    .text(ctx.t("plan-edit-seats"), encodeButton("plan", "seats"))
    .text(ctx.t("plan-edit-profile"), encodeButton("plan", "profile"))
    .row()
    .text(ctx.t("plan-edit-custom"), encodeButton("plan", "custom"));
  const warnings = timelineText(ctx, plan, await stepRepository(ctx.deps.db).list(plan.id));
  await ctx.reply([text, ...warnings].join("\n"), { reply_markup: keyboard });
}

planFeature.command("plan", showPlan);
onButton(planFeature, "plan", async (ctx, args) => {
  ctx.handler = "plan";
  await ctx.answerCallbackQuery();
  const plan = await activeTownship(ctx);
  if (!plan) return;
  // The version read now: saving checks that nobody changed the plan in between.
  await startDialog(ctx, EDITS[args[0]]!, { version: plan.version });
});
