import { InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { defineDialog, startDialog } from "../../bot/dialogs/engine.js";
import { FeatureComposer } from "../../bot/feature-composer.js";
import { encodeButton } from "../../buttons/callback-data.js";
import { onButton } from "../../buttons/on-button.js";
import { candidateRepository, type StoredCandidate } from "../../db/candidates.js";
import { maskPersonalData } from "../../domain/privacy.js";
import { type EffectiveRules, effectiveRules, isCustomSource } from "../../domain/rules/effective.js";
import { scoreSheet, validateScore } from "../../domain/scoring.js";
import {
  listJoin,
  planContext,
  planOf,
  requireTownship,
  rulesOf,
  SCORES,
  say,
  sourceText,
  todayOf,
} from "./shared.js";

/** Speech scores: one sheet per judge, averaged and ranked; the speaking order drawn by lot where the rules say so. */
export const scoresFeature = new FeatureComposer<BotContext>();

const running = (candidates: StoredCandidate[]) =>
  candidates.filter((c) => c.status !== "withdrawn" && c.status !== "ineligible");

/** The speaking order is drawn by lot where the profile's speech rule says so (xingang: 演讲顺序按抽签决定). */
function drawsLots(rules: EffectiveRules): boolean {
  const source = rules.speechMinutesMax?.source;
  return !!source && !isCustomSource(source) && source.quote.includes("抽签");
}

function scoreReminders(ctx: BotContext, rules: EffectiveRules): string[] {
  const lines: string[] = [];
  const speech = rules.speechMinutesMax;
  const scoring = rules.scoring;
  if (speech)
    lines.push(
      `${ctx.t("score-reminder-speech", { rule: speech.summary[ctx.locale] })} ${sourceText(ctx, speech.source)}`,
    );
  if (scoring) {
    // Both rules usually come from the same sentence group of one plan: cite it once.
    const sameSection =
      speech &&
      !isCustomSource(speech.source) &&
      !isCustomSource(scoring.source) &&
      speech.source.doc === scoring.source.doc &&
      speech.source.section === scoring.source.section;
    const rule = ctx.t("score-reminder-scoring", { rule: scoring.summary[ctx.locale] });
    lines.push(sameSection ? rule : `${rule} ${sourceText(ctx, scoring.source)}`);
  }
  if (!speech && !scoring) lines.push(ctx.t("score-reminder-none"));
  return lines;
}

export function scoresText(
  ctx: BotContext,
  rules: EffectiveRules,
  candidates: StoredCandidate[],
  scores: { judge: string; candidateId: string; hundredths: number }[],
): string {
  const people = running(candidates);
  const names = new Map(candidates.map((c) => [c.id, c.name]));
  const judges = [...new Set(scores.map((s) => s.judge))];
  const lines: string[] = [];
  if (people.length === 0) lines.push(ctx.t("score-no-candidates"));
  else if (judges.length === 0) lines.push(ctx.t("score-sheet-empty"));
  else {
    const sheet = scoreSheet(
      judges,
      people.map((c) => c.id),
      scores.map((s) => ({ judge: s.judge, candidate: s.candidateId, score: s.hundredths / 100 })),
    );
    lines.push(ctx.t("score-sheet-header", { judges: judges.length, candidates: people.length }));
    for (const row of sheet.rows) {
      const name = names.get(row.candidate) ?? "";
      lines.push(
        row.average === null
          ? ctx.t("score-row-unscored", { name })
          : ctx.t("score-row", {
              rank: row.rank ?? "",
              name,
              average: row.average.toFixed(2),
              scored: row.scored,
              judges: judges.length,
              complete: row.complete ? "yes" : "no",
            }),
      );
    }
    if (sheet.missing.length > 0)
      lines.push(
        ctx.t("score-incomplete", {
          missing: listJoin(
            ctx,
            sheet.missing.map((m) =>
              ctx.t("score-missing-pair", { judge: m.judge, name: names.get(m.candidate) ?? "" }),
            ),
          ),
        }),
      );
  }
  lines.push(...scoreReminders(ctx, rules));
  return lines.join("\n");
}

async function showScores(ctx: BotContext): Promise<void> {
  ctx.handler = "scores";
  const township = await requireTownship(ctx);
  if (!township) return;
  const repo = candidateRepository(ctx.deps.db);
  const rules = effectiveRules(township);
  const candidates = await repo.list(township.id);
  const keyboard = new InlineKeyboard();
  if (running(candidates).length > 0) {
    keyboard.text(ctx.t("score-button-record"), encodeButton("score:record"));
    if (drawsLots(rules)) keyboard.row().text(ctx.t("score-button-lots"), encodeButton("score:lots"));
  }
  await say(ctx, scoresText(ctx, rules, candidates, await repo.scores(township.id)), {
    reply_markup: keyboard,
  });
}

scoresFeature.command("scores", showScores);
onButton(scoresFeature, "cand:scores", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showScores(ctx);
});

const SCALE = 100;
export const scoresDialog = defineDialog({
  name: SCORES,
  fields: [
    {
      key: "judge",
      prompt: (ctx) => ctx.t("score-prompt-judge"),
      choices: (_ctx, data) =>
        ((data._judges as string[] | undefined) ?? []).slice(0, 10).map((j) => ({ value: j, label: j })),
      parse: (input, ctx) => {
        const judge = input.normalize("NFKC").replace(/\s+/g, " ").trim();
        const length = [...judge].length;
        return length >= 1 && length <= 20
          ? { ok: true, value: judge }
          : { ok: false, error: ctx.t("score-error-judge") };
      },
    },
    {
      key: "scores",
      prompt: (ctx, data) => {
        const order = data._order as { id: string; name: string }[];
        return ctx.t("score-prompt-scores", {
          judge: String(data.judge),
          scale: SCALE,
          list: order.map((c, i) => `${i + 1}. ${c.name}`).join("\n"),
          example: order.map((_c, i) => (i === 1 ? "85.5" : i === 2 ? "-" : String(90 - i))).join(" "),
        });
      },
      parse: (input, ctx, data) => {
        const order = data._order as { id: string; name: string }[];
        const tokens = input
          .normalize("NFKC")
          .split(/[\s,;、]+/)
          .filter(Boolean);
        if (tokens.length !== order.length)
          return {
            ok: false,
            error: ctx.t("score-error-count", { expected: order.length, count: tokens.length }),
          };
        const values: (number | null)[] = [];
        for (const [i, token] of tokens.entries()) {
          if (["-", "—", "缺"].includes(token)) {
            values.push(null);
            continue;
          }
          const score = /^\d+(\.\d+)?$/.test(token) ? Number(token) : Number.NaN;
          const valid = validateScore(score, SCALE);
          if (!valid.ok)
            return {
              ok: false,
              error: maskPersonalData(
                ctx.t("score-error-value", {
                  n: i + 1,
                  value: token.slice(0, 12),
                  name: order[i]?.name ?? "",
                  reason: valid.error,
                  scale: SCALE,
                }),
              ),
            };
          values.push(Math.round(score * 100));
        }
        return { ok: true, value: values };
      },
    },
  ],
  async complete(ctx, data) {
    const plan = planOf(data);
    const order = data._order as { id: string; name: string }[];
    const values = data.scores as (number | null)[];
    const judge = String(data.judge);
    const repo = candidateRepository(ctx.deps.db);
    const saved = await repo.recordSheet(
      plan.townshipId,
      ctx.from!.id,
      judge,
      order.map((c, i) => ({ candidateId: c.id, hundredths: values[i] ?? null })),
      ctx.deps.now(),
      typeof data._sheets === "number" ? data._sheets : undefined,
    );
    const rules = rulesOf(plan);
    const scores = await repo.scores(plan.townshipId);
    const header = saved
      ? ctx.t("score-saved", { judge })
      : ctx.t("score-conflict", {
          judge,
          current: listJoin(
            ctx,
            order.map((c) => {
              const score = scores.find((s) => s.judge === judge && s.candidateId === c.id);
              return `${c.name} ${score ? (score.hundredths / 100).toString() : "-"}`;
            }),
          ),
        });
    await say(ctx, `${header}\n${scoresText(ctx, rules, await repo.list(plan.townshipId), scores)}`, {
      reply_markup: new InlineKeyboard().text(ctx.t("score-button-record"), encodeButton("score:record")),
    });
  },
});

onButton(scoresFeature, "score:record", async (ctx) => {
  ctx.handler = "scores";
  await ctx.answerCallbackQuery();
  const township = await requireTownship(ctx);
  if (!township) return;
  const repo = candidateRepository(ctx.deps.db);
  const people = running(await repo.list(township.id));
  if (people.length === 0) {
    await say(ctx, ctx.t("score-no-candidates"));
    return;
  }
  const judges = [...new Set((await repo.scores(township.id)).map((s) => s.judge))];
  if (ctx.session.drafts) delete ctx.session.drafts[SCORES];
  await startDialog(ctx, scoresDialog, {
    _plan: planContext(township, todayOf(ctx)),
    // The sheets as they are now: a sheet of the same judge recorded meanwhile by another member wins.
    _sheets: await repo.sheetsVersion(township.id),
    _order: people.map((c) => ({ id: c.id, name: c.name })),
    _judges: judges,
  });
});

onButton(scoresFeature, "score:lots", async (ctx) => {
  ctx.handler = "scores";
  await ctx.answerCallbackQuery();
  const township = await requireTownship(ctx);
  if (!township) return;
  const repo = candidateRepository(ctx.deps.db);
  const people = running(await repo.list(township.id));
  // Fisher–Yates with the platform's CSPRNG: a fair draw nobody can predict.
  const order = [...people];
  for (let i = order.length - 1; i > 0; i--) {
    const j = crypto.getRandomValues(new Uint32Array(1))[0]! % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  await repo.audit(
    township.id,
    ctx.from!.id,
    "speech.lots",
    null,
    { order: order.map((c) => c.id) },
    ctx.deps.now(),
  );
  await say(ctx, ctx.t("score-lots", { order: order.map((c, i) => `${i + 1}. ${c.name}`).join("\n") }));
});
