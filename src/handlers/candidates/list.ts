import { InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { DialogData } from "../../bot/dialogs/engine.js";
import { FeatureComposer } from "../../bot/feature-composer.js";
import { encodeButton } from "../../buttons/callback-data.js";
import { onButton } from "../../buttons/on-button.js";
import { candidateRepository, type StoredCandidate } from "../../db/candidates.js";
import { ageOn } from "../../domain/eligibility.js";
import {
  askAgain,
  cardText,
  dataFrom,
  type EditInfo,
  FIELD_KEYS,
  type FieldKey,
  findingsText,
  labelOf,
} from "./draft.js";
import { editCandidate, fixableFields } from "./entry.js";
import { candidatesJudgedNow, EDIT, planContext, requireTownship, say, type Township, todayOf } from "./shared.js";

/** The list, one candidate, the choice of a field to edit, and withdrawal with a confirmation step. */
export const listFeature = new FeatureComposer<BotContext>();

const PAGE_SIZE = 10;

async function showList(ctx: BotContext, page: number): Promise<void> {
  ctx.handler = "candidates";
  const township = await requireTownship(ctx);
  if (!township) return;
  const plan = planContext(township, todayOf(ctx));
  const all = await candidatesJudgedNow(ctx, township);
  const actions = new InlineKeyboard()
    .text(ctx.t("cand-button-add"), encodeButton("cand:add"))
    .text(ctx.t("cand-button-import"), encodeButton("cand:import"))
    .row()
    .text(ctx.t("cand-button-slate"), encodeButton("cand:slate"))
    .text(ctx.t("cand-button-scores"), encodeButton("cand:scores"));
  if (all.length === 0) {
    await say(ctx, ctx.t("cand-list-empty", { township: township.name }), { reply_markup: actions });
    return;
  }
  const pages = Math.ceil(all.length / PAGE_SIZE);
  const current = Math.min(Math.max(page, 0), pages - 1);
  const shown = all.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const lines = shown.map((c, i) =>
    ctx.t("cand-list-line", {
      n: current * PAGE_SIZE + i + 1,
      name: c.name,
      post: ctx.t(`cand-post-${c.post}`),
      age: ageOn(c.birthDate, plan.electionDate),
      status: ctx.t(`cand-status-${c.status}`),
    }),
  );
  const keyboard = new InlineKeyboard();
  shown.forEach((c, i) => {
    keyboard.text(`${current * PAGE_SIZE + i + 1}. ${c.name}`, encodeButton("cand:view", c.id));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row();
  if (current > 0) keyboard.text(ctx.t("cand-button-prev"), encodeButton("cand:list", current - 1));
  if (current < pages - 1) keyboard.text(ctx.t("cand-button-next"), encodeButton("cand:list", current + 1));
  keyboard.row();
  for (const row of actions.inline_keyboard) keyboard.add(...row).row();
  const header = ctx.t("cand-list-header", {
    township: township.name,
    total: all.length,
    running: all.filter((c) => c.status !== "withdrawn" && c.status !== "ineligible").length,
    page: current + 1,
    pages,
  });
  await say(ctx, [header, ...lines].join("\n"), { reply_markup: keyboard });
}

listFeature.command("candidates", (ctx) => showList(ctx, 0));
onButton(listFeature, "cand:list", async (ctx, args) => {
  await ctx.answerCallbackQuery();
  await showList(ctx, Number(args[0]));
});

async function candidateFor(
  ctx: BotContext,
  id: string,
): Promise<{ township: Township; candidate: StoredCandidate } | undefined> {
  const township = await requireTownship(ctx);
  if (!township) return undefined;
  const candidate = await candidateRepository(ctx.deps.db).get(township.id, id);
  if (!candidate) {
    await say(ctx, ctx.t("cand-not-found"));
    return undefined;
  }
  return { township, candidate };
}

onButton(listFeature, "cand:view", async (ctx, args) => {
  ctx.handler = "candidate-view";
  await ctx.answerCallbackQuery();
  const found = await candidateFor(ctx, args[0]);
  if (!found) return;
  const { township, candidate } = found;
  const plan = planContext(township, todayOf(ctx));
  const keyboard = new InlineKeyboard();
  if (candidate.status !== "withdrawn")
    keyboard
      .text(ctx.t("cand-button-edit"), encodeButton("cand:edit", candidate.id))
      .text(ctx.t("cand-button-withdraw"), encodeButton("cand:wd", candidate.id))
      .row();
  keyboard.text(ctx.t("cand-button-back"), encodeButton("cand:list", 0));
  await say(
    ctx,
    ctx.t("cand-view", {
      name: candidate.name,
      status: ctx.t(`cand-status-${candidate.status}`),
      card: cardText(ctx, candidate, plan),
      date: plan.electionDate,
      findings: findingsText(ctx, candidate, plan),
    }),
    { reply_markup: keyboard },
  );
});

onButton(listFeature, "cand:edit", async (ctx, args) => {
  ctx.handler = "candidate-edit";
  await ctx.answerCallbackQuery();
  const found = await candidateFor(ctx, args[0]);
  if (!found) return;
  const { candidate } = found;
  const keyboard = new InlineKeyboard();
  fixableFields(candidate).forEach((field, i) => {
    keyboard.text(labelOf(ctx, field), encodeButton("cand:ef", candidate.id, field));
    if (i % 3 === 2) keyboard.row();
  });
  await say(ctx, ctx.t("cand-edit-which", { name: candidate.name }), { reply_markup: keyboard });
});

onButton(listFeature, "cand:ef", async (ctx, args) => {
  ctx.handler = "candidate-edit";
  const field = args[1] as FieldKey;
  if (!FIELD_KEYS.includes(field)) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    return;
  }
  await ctx.answerCallbackQuery();
  const found = await candidateFor(ctx, args[0]);
  if (!found) return;
  const { township, candidate } = found;
  const edit: EditInfo = { id: candidate.id, version: candidate.version, field, name: candidate.name };
  if (ctx.session.drafts) delete ctx.session.drafts[EDIT];
  ctx.session.dialog = undefined;
  const data: DialogData = {
    ...dataFrom(candidate),
    _plan: planContext(township, todayOf(ctx)),
    _edit: edit,
  };
  await askAgain(ctx, editCandidate, data, field, true);
});

onButton(listFeature, "cand:wd", async (ctx, args) => {
  ctx.handler = "candidate-withdraw";
  await ctx.answerCallbackQuery();
  const found = await candidateFor(ctx, args[0]);
  if (!found) return;
  const { candidate } = found;
  if (candidate.status === "withdrawn") {
    await say(ctx, ctx.t("cand-withdraw-already", { name: candidate.name }));
    return;
  }
  await say(
    ctx,
    ctx.t("cand-withdraw-confirm", { name: candidate.name, post: ctx.t(`cand-post-${candidate.post}`) }),
    {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("cand-withdraw-yes"), encodeButton("cand:wdy", candidate.id, candidate.version))
        .text(ctx.t("cand-withdraw-no"), encodeButton("cand:wdn", candidate.id)),
    },
  );
});

onButton(listFeature, "cand:wdy", async (ctx, args) => {
  ctx.handler = "candidate-withdraw";
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  const found = await candidateFor(ctx, args[0]);
  if (!found) return;
  const { township, candidate } = found;
  if (candidate.status === "withdrawn") {
    await say(ctx, ctx.t("cand-withdraw-already", { name: candidate.name }));
    return;
  }
  const result = await candidateRepository(ctx.deps.db).withdraw(
    township.id,
    ctx.from!.id,
    candidate.id,
    Number(args[1]),
    ctx.deps.now(),
  );
  if (result.ok) {
    ctx.deps.logger.info("candidate_withdrawn", { township: township.id, candidate: candidate.id });
    await say(ctx, ctx.t("cand-withdraw-done", { name: candidate.name }), {
      reply_markup: new InlineKeyboard().text(ctx.t("cand-button-list"), encodeButton("cand:list", 0)),
    });
  } else if (result.reason === "conflict") {
    await say(
      ctx,
      ctx.t("cand-withdraw-conflict", {
        name: candidate.name,
        status: ctx.t(`cand-status-${result.current.status}`),
      }),
      {
        reply_markup: new InlineKeyboard().text(`👤 ${candidate.name}`, encodeButton("cand:view", candidate.id)),
      },
    );
  } else await say(ctx, ctx.t("cand-not-found"));
});

onButton(listFeature, "cand:wdn", async (ctx, args) => {
  ctx.handler = "candidate-withdraw";
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  const found = await candidateFor(ctx, args[0]);
  if (found) await say(ctx, ctx.t("cand-withdraw-cancelled", { name: found.candidate.name }));
});
