/**
 * /overview: a supervisor's view of everything below their unit — townships per stage, overdue steps,
 * slates failing which rule, who has not started — with the units or townships one level down as
 * buttons, whoever needs chasing first; down to one township's checklist (read-only), a nudge to its
 * members, a CSV export and the web view (Telegram Mini App). Every read goes through the supervision
 * repository with the acting user, so a forged button for another unit finds nothing.
 */
import { InlineKeyboard, InputFile } from "grammy";
import type { BotContext } from "../bot/context.js";
import { FeatureComposer } from "../bot/feature-composer.js";
import { encodeButton } from "../buttons/callback-data.js";
import { onButton } from "../buttons/on-button.js";
import { stepRepository } from "../db/steps.js";
import { supervisionRepository } from "../db/supervision.js";
import { buildOverview, townshipProgress } from "../domain/overview.js";
import { SCORE_BASIS, SUPERVISION_BASIS } from "../domain/rules/assessment.js";
import { shanghaiDate } from "../domain/time.js";
import { describeSource } from "../i18n/sources.js";
import { progressCsv, progressXlsx } from "../supervision/export.js";
import { nudgeReply, rowLine, townshipHead, unitSummary } from "../supervision/text.js";
import { progressCard } from "./checklist.js";

export const overviewFeature = new FeatureComposer<BotContext>();

const PAGE_SIZE = 10;

/** The Mini App's address for a unit, or undefined when there is nowhere to open it (Telegram without PUBLIC_URL). */
export function miniAppUrl(ctx: BotContext, unitId: string): string | undefined {
  const { publicUrl, botToken } = ctx.deps.config;
  // The local chat page opens relative links on the same server.
  const base = publicUrl ?? (botToken ? undefined : "");
  return base === undefined
    ? undefined
    : `${base}/miniapp?unit=${encodeURIComponent(unitId)}&lang=${ctx.locale}`;
}

/** The same answer whether the unit exists elsewhere or not at all: nothing about it leaks. */
async function refuse(ctx: BotContext, what: string): Promise<void> {
  ctx.deps.logger.info("supervision_refused", { what });
  await ctx.reply(ctx.t("unit-not-visible"));
}

async function showOverview(ctx: BotContext): Promise<void> {
  ctx.handler = "overview";
  const units = await supervisionRepository(ctx.deps.db).unitsOf(ctx.from!.id);
  if (units.length === 0) {
    await ctx.reply(`${ctx.t("sup-none")}\n${describeSource(ctx.locale, SUPERVISION_BASIS)}`, {
      reply_markup: new InlineKeyboard().text(ctx.t("button-sup-register"), encodeButton("sup:new")),
    });
    return;
  }
  if (units.length === 1) return showUnit(ctx, units[0]!.id, 0);
  const keyboard = new InlineKeyboard();
  for (const unit of units)
    keyboard.text(`${ctx.t(`unit-level-${unit.level}`)} · ${unit.name}`, encodeButton("ov:u", unit.id, 0)).row();
  await ctx.reply(ctx.t("sup-units-title"), { reply_markup: keyboard });
}

async function showUnit(ctx: BotContext, unitId: string, page: number): Promise<void> {
  ctx.handler = "overview";
  const input = await supervisionRepository(ctx.deps.db).overviewInput(ctx.from!.id, unitId);
  if (!input) return refuse(ctx, "unit");
  const overview = buildOverview({
    rootId: unitId,
    units: input.units,
    townships: input.townships,
    today: shanghaiDate(ctx.deps.now()),
  });
  const lines = unitSummary(ctx.t, overview, overview.root, ctx.locale);
  const rows = overview.children(unitId);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = rows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const keyboard = new InlineKeyboard();
  if (rows.length === 0) lines.push("", ctx.t("overview-nothing-below"));
  else {
    lines.push("", ctx.t("overview-chase"));
    shown.forEach((row, i) => {
      const n = current * PAGE_SIZE + i + 1;
      lines.push(`${n}. ${rowLine(ctx.t, row)}`);
      keyboard.text(`${n}. ${row.name}`, row.kind === "unit" ? encodeButton("ov:u", row.id, 0) : encodeButton("ov:t", row.id));
      if (i % 2 === 1) keyboard.row();
    });
    if (pages > 1) lines.push(ctx.t("overview-page", { page: current + 1, pages }));
  }
  lines.push("", ctx.t("overview-score-formula"), ...SCORE_BASIS.map((c) => describeSource(ctx.locale, c)));
  keyboard.row();
  if (current + 1 < pages)
    keyboard.text(ctx.t("button-overview-more"), encodeButton("ov:u", unitId, current + 1)).row();
  if (input.parent)
    keyboard
      .text(ctx.t("button-overview-up", { name: input.parent.name }), encodeButton("ov:u", input.parent.id, 0))
      .row();
  keyboard.text(ctx.t("button-overview-csv"), encodeButton("ov:csv", unitId)).text(ctx.t("button-overview-xlsx"), encodeButton("ov:xlsx", unitId));
  const web = miniAppUrl(ctx, unitId);
  if (web) keyboard.webApp(ctx.t("button-overview-web"), web);
  await ctx.reply(lines.join("\n"), { reply_markup: keyboard });
}

async function showTownship(ctx: BotContext, townshipId: string): Promise<void> {
  ctx.handler = "overview-township";
  const township = await supervisionRepository(ctx.deps.db).townshipFor(ctx.from!.id, townshipId);
  if (!township) return refuse(ctx, "township");
  const records = await stepRepository(ctx.deps.db).list(townshipId);
  const progress = townshipProgress(township, shanghaiDate(ctx.deps.now()));
  const text = [
    ...townshipHead(ctx.t, progress, township.countyName),
    ctx.t("overview-readonly"),
    "",
    progressCard(ctx, township.plan, records),
  ].join("\n");
  const keyboard = new InlineKeyboard().text(ctx.t("button-nudge"), encodeButton("ov:n", townshipId)).row();
  // Only the county the township is directly under may take it out.
  if (township.inCounty)
    keyboard.text(ctx.t("button-release-township", { county: township.countyName }), encodeButton("ov:rel", townshipId)).row();
  keyboard.text(ctx.t("button-back-to", { name: township.countyName }), encodeButton("ov:u", township.countyId, 0));
  await ctx.reply(text, { reply_markup: keyboard });
}

/** Asks before taking a township out of its county; the button carries no decision of its own. */
async function confirmRelease(ctx: BotContext, townshipId: string): Promise<void> {
  ctx.handler = "overview-release";
  const township = await supervisionRepository(ctx.deps.db).townshipFor(ctx.from!.id, townshipId);
  if (!township) return refuse(ctx, "release");
  const names = { township: township.plan.name, county: township.countyName };
  await ctx.reply(ctx.t("release-confirm", names), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("button-release-confirm"), encodeButton("ov:rel-ok", townshipId))
      .row()
      .text(ctx.t("button-back-to", { name: township.plan.name }), encodeButton("ov:t", townshipId)),
  });
}

async function release(ctx: BotContext, townshipId: string): Promise<void> {
  ctx.handler = "overview-release";
  const released = await supervisionRepository(ctx.deps.db).releaseTownship(ctx.from!.id, townshipId, ctx.deps.now());
  if (!released) return refuse(ctx, "release");
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  ctx.deps.logger.info("township_released", { township: townshipId });
  await ctx.reply(ctx.t("release-done", released));
}

async function nudge(ctx: BotContext, townshipId: string): Promise<void> {
  ctx.handler = "overview-nudge";
  const result = await supervisionRepository(ctx.deps.db).nudge(ctx.from!.id, townshipId, ctx.deps.now());
  if (!result) return refuse(ctx, "nudge");
  ctx.deps.logger.info("township_nudged", { township: townshipId, queued: result.queued, quiet: result.quiet });
  await ctx.reply(nudgeReply(ctx.t, result));
}

async function exportCsv(ctx: BotContext, unitId: string): Promise<void> {
  ctx.handler = "overview-export";
  const input = await supervisionRepository(ctx.deps.db).overviewInput(ctx.from!.id, unitId);
  if (!input) return refuse(ctx, "export");
  const today = shanghaiDate(ctx.deps.now());
  const overview = buildOverview({ rootId: unitId, units: input.units, townships: input.townships, today });
  const plans = new Map(input.townships.map((t) => [t.plan.id, t.plan]));
  const bytes = progressCsv(ctx.t, overview, unitId, plans);
  const name = ctx.t("csv-file", { name: input.unit.name, date: today });
  await ctx.replyWithDocument(new InputFile(bytes, name), {
    caption: ctx.t("csv-caption", { name: input.unit.name, count: overview.root.townships, date: today }),
  });
}

/** The same table as the CSV, as the .xlsx a county office files (title, date, header kept in view). */
async function exportXlsx(ctx: BotContext, unitId: string): Promise<void> {
  ctx.handler = "overview-export";
  const input = await supervisionRepository(ctx.deps.db).overviewInput(ctx.from!.id, unitId);
  if (!input) return refuse(ctx, "export");
  const today = shanghaiDate(ctx.deps.now());
  const overview = buildOverview({ rootId: unitId, units: input.units, townships: input.townships, today });
  const bytes = await progressXlsx(ctx.t, ctx.locale, overview, unitId, input.unit.name);
  await ctx.replyWithDocument(new InputFile(bytes, ctx.t("xlsx-file", { name: input.unit.name, date: today })), {
    caption: ctx.t("xlsx-caption", { name: input.unit.name, count: overview.root.townships, date: today }),
  });
}

overviewFeature.command("overview", showOverview);
onButton(overviewFeature, "ov:u", async (ctx, args) => {
  await ctx.answerCallbackQuery();
  await showUnit(ctx, args[0], Number(args[1]));
});
onButton(overviewFeature, "ov:t", async (ctx, args) => {
  await ctx.answerCallbackQuery();
  await showTownship(ctx, args[0]);
});
onButton(overviewFeature, "ov:rel", async (ctx, args) => {
  await ctx.answerCallbackQuery();
  await confirmRelease(ctx, args[0]);
});
onButton(overviewFeature, "ov:rel-ok", async (ctx, args) => {
  await ctx.answerCallbackQuery();
  await release(ctx, args[0]);
});
onButton(overviewFeature, "ov:n", async (ctx, args) => {
  await ctx.answerCallbackQuery();
  await nudge(ctx, args[0]);
});
onButton(overviewFeature, "ov:xlsx", async (ctx, args) => {
  await ctx.answerCallbackQuery();
  await exportXlsx(ctx, args[0]);
});
onButton(overviewFeature, "ov:csv", async (ctx, args) => {
  await ctx.answerCallbackQuery();
  await exportCsv(ctx, args[0]);
});
