import { InlineKeyboard } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { BotContext } from "../../bot/context.js";
import type { DialogData } from "../../bot/dialogs/engine.js";
import { encodeButton } from "../../buttons/callback-data.js";
import type { FieldError } from "../../domain/candidate-fields.js";
import { type Finding, judgedNow } from "../../domain/eligibility.js";
import type { Candidate } from "../../domain/candidate.js";
import { candidateRepository } from "../../db/candidates.js";
import { maskPersonalData } from "../../domain/privacy.js";
import { type EffectiveRules, effectiveRules, type RuleSource } from "../../domain/rules/effective.js";
import type { Post, ProfileId } from "../../domain/rules/types.js";
import { SEATS_OF_POST } from "../../domain/slate.js";
import { shanghaiDate } from "../../domain/time.js";
import type { LocalDate, TownshipPlan } from "../../domain/township.js";
import { joinList } from "../../i18n/index.js";
import { citationText } from "../../i18n/sources.js";
import { activeTownship } from "../active-township.js";

/** What every part of the candidates feature shares: the township in dialog data, masked sending, rule texts. */

/** The candidates feature's dialogs (names as kept in the session). */
export const ADD = "candidate-add";
export const EDIT = "candidate-edit";
export const IMPORT = "candidate-import";
export const SCORES = "candidate-scores";

const MAX_MESSAGE = 3900;

// ── Township and rules ─────────────────────────────────────────────────────────────────────────────

/** What the dialogs need of the township, kept in the dialog data and refreshed on every update. */
export interface PlanContext {
  townshipId: string;
  townshipName: string;
  profileId: ProfileId;
  customRules?: TownshipPlan["customRules"];
  customNote?: string;
  /** The planned election (eligibility is judged on it), or today when none is registered yet. */
  electionDate: LocalDate;
  onToday: boolean;
  today: LocalDate;
  /** The seats the plan has per post: a post with none is not offered. */
  seats?: TownshipPlan["seats"];
}

export type Township = TownshipPlan & { version: number };

export function planContext(township: Township, today: LocalDate): PlanContext {
  const plan: PlanContext = {
    townshipId: township.id,
    townshipName: township.name,
    profileId: township.profileId,
    electionDate: township.plannedElectionDate ?? today,
    onToday: !township.plannedElectionDate,
    today,
    seats: township.seats,
  };
  if (township.customRules) plan.customRules = township.customRules;
  if (township.customNote) plan.customNote = township.customNote;
  return plan;
}

export const todayOf = (ctx: BotContext) => shanghaiDate(ctx.deps.now());
export const planOf = (data: DialogData) => data._plan as PlanContext;
export const rulesOf = (plan: PlanContext): EffectiveRules => effectiveRules(plan);

export async function requireTownship(ctx: BotContext): Promise<Township | undefined> {
  const township = await activeTownship(ctx);
  if (!township)
    await say(ctx, ctx.t("cand-error-no-township"), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-register"), encodeButton("nav:register")),
    });
  return township;
}

// ── Sending: always masked, split when long ────────────────────────────────────────────────────────

export async function say(
  ctx: BotContext,
  text: string,
  other: { reply_markup?: InlineKeyboardMarkup } = {},
): Promise<void> {
  const chunks = splitMessage(maskPersonalData(text));
  for (const [i, chunk] of chunks.entries()) await ctx.reply(chunk, i === chunks.length - 1 ? other : {});
}

function splitMessage(text: string): string[] {
  if (text.length <= MAX_MESSAGE) return [text];
  const chunks: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const piece = line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
    if (current && current.length + piece.length + 1 > MAX_MESSAGE) {
      chunks.push(current);
      current = piece;
    } else current = current ? `${current}\n${piece}` : piece;
  }
  if (current) chunks.push(current);
  return chunks;
}

export const listJoin = (ctx: BotContext, items: string[]) => joinList(ctx.locale, items);

// ── Describing values, findings and sources ────────────────────────────────────────────────────────

/** "Source: 《title》 section: 「quote」", or the township's own note. */
export function sourceText(ctx: BotContext, source: RuleSource): string {
  return ctx.t("cand-source", { cite: citation(ctx, source) });
}

/** The citation alone (for numbered footnotes). */
export function citation(ctx: BotContext, source: RuleSource): string {
  return citationText(ctx.locale, source);
}

export function findingText(
  ctx: BotContext,
  finding: Finding,
  rules: EffectiveRules,
  date: LocalDate,
  post?: Post,
): string {
  const relaxed = rules.relaxedMaxAge?.value;
  const params = finding.params;
  return ctx.t(`finding-${finding.code}`, {
    ...params,
    date,
    status: params.status ? ctx.t(`cand-political-${params.status}`) : "",
    allowed: listJoin(
      ctx,
      String(params.allowed ?? "")
        .split(",")
        .filter(Boolean)
        .map((s) => ctx.t(`cand-political-${s}`)),
    ),
    posts:
      relaxed && relaxed.appliesTo !== "all"
        ? listJoin(
            ctx,
            relaxed.appliesTo.map((p) => ctx.t(`cand-post-${p}`)),
          )
        : "",
    post: post ? ctx.t(`cand-post-${post}`) : "",
  });
}

/** A refusal that names what is wrong, the rule and where it comes from. */
export function ruleMessage(
  ctx: BotContext,
  finding: Finding,
  rules: EffectiveRules,
  date: LocalDate,
  post?: Post,
): string {
  const rule = rules[finding.rule];
  return [
    findingText(ctx, finding, rules, date, post),
    ...(rule ? [ctx.t("cand-rule-line", { rule: rule.summary[ctx.locale] })] : []),
    sourceText(ctx, finding.source),
  ].join("\n");
}

export function fieldErrorText(ctx: BotContext, error: FieldError): string {
  const params: Record<string, string | number> = { ...error.params };
  if (typeof params.field === "string") params.field = ctx.t(`candidate-field-${params.field}`);
  if (error.key === "candidate-error-commitment-conflict") {
    params.post = ctx.t(`cand-post-${error.params.post}`);
    params.commitment = ctx.t(`cand-commitment-${error.params.commitment}`);
  }
  if (error.key === "candidate-error-channel-not-local") {
    params.channel = ctx.t(`cand-channel-${error.params.channel}`);
    params.allowed = joinList(ctx.locale, String(error.params.allowed).split(",").map((c) => ctx.t(`cand-channel-${c}`)));
  }
  if (error.key === "candidate-error-gender-conflict" && ctx.locale === "en")
    params.fromId = ctx.t(`cand-gender-${error.params.fromId}`);
  return ctx.t(error.key, params);
}

/** How many seats the plan has for a post; undefined when the plan is not known. */
export function seatsFor(plan: PlanContext, post: Post): number | undefined {
  return plan.seats?.[SEATS_OF_POST[post]];
}

/**
 * The township's candidates as the rules in force judge them today (judgedNow): what the list, the
 * slate check and the papers show and count.
 */
export async function candidatesJudgedNow(ctx: BotContext, township: TownshipPlan): Promise<Candidate[]> {
  const candidates = await candidateRepository(ctx.deps.db).list(township.id);
  return judgedNow(candidates, effectiveRules(township), township.plannedElectionDate ?? todayOf(ctx));
}
