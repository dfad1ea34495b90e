/**
 * /reminders: what is coming for the user's township, with mute/unmute and snooze; and the buttons of
 * the reminder messages the sweep sends (buttons `rem:snooze` and `rem:show`). The reminders
 * themselves are planned in src/domain/reminders.ts and sent by src/reminders/sweep.ts.
 */
import { InlineKeyboard } from "grammy";
import type { BotContext } from "../bot/context.js";
import { FeatureComposer } from "../bot/feature-composer.js";
import { encodeButton } from "../buttons/callback-data.js";
import { onButton } from "../buttons/on-button.js";
import { stepRepository } from "../db/steps.js";
import { upcoming } from "../domain/reminders.js";
import { formatDate, shanghaiDate } from "../domain/time.js";
import { formatInstant, SNOOZE_DAYS, subjectTitle } from "../reminders/message.js";
import { reminderSettingsRepository, snoozeEnd } from "../reminders/settings.js";
import { activeTownship } from "./active-township.js";

const MAX_ITEMS = 10;
const HORIZON_DAYS = 30;

export const remindersFeature = new FeatureComposer<BotContext>();

// That the user talks to the bot (so it is not blocked: Telegram's "Restart" after unblocking sends
// /start) and in which language is recorded for every private update by the update's envelope.

async function view(ctx: BotContext): Promise<{ text: string; keyboard?: InlineKeyboard }> {
  const userId = ctx.from!.id;
  const now = ctx.deps.now();
  const township = await activeTownship(ctx);
  if (!township) return { text: ctx.t("reminders-no-township") };
  const settings = await reminderSettingsRepository(ctx.deps.db).get(userId, now);
  const records = await stepRepository(ctx.deps.db).list(township.id);
  const today = shanghaiDate(now);
  const items = upcoming(township, records, today, HORIZON_DAYS).slice(0, MAX_ITEMS);

  const lines = [ctx.t("reminders-title", { township: township.name }), ctx.t("reminders-rules"), ""];
  lines.push(
    settings.muted
      ? ctx.t("reminders-status-muted")
      : settings.snoozedUntil
        ? ctx.t("reminders-status-snoozed", { until: formatInstant(settings.snoozedUntil, ctx.locale) })
        : ctx.t("reminders-status-on"),
  );
  lines.push("");
  if (items.length === 0) lines.push(ctx.t("reminders-none"));
  else {
    lines.push(ctx.t("reminders-upcoming"));
    for (const item of items)
      lines.push(
        ctx.t("reminders-item", {
          date: formatDate(item.due, ctx.locale),
          what: subjectTitle(ctx.locale, item.subject),
          note:
            item.days < 0
              ? ctx.t("reminders-note-overdue", { days: -item.days })
              : item.days === 0
                ? ctx.t("reminders-note-today")
                : "",
        }),
      );
  }

  const keyboard = new InlineKeyboard();
  keyboard.text(
    ctx.t(settings.muted ? "reminders-button-unmute" : "reminders-button-mute"),
    settings.muted ? encodeButton("rem:set", "unmute") : encodeButton("rem:set", "mute"),
  );
  if (!settings.muted) {
    keyboard.row();
    if (settings.snoozedUntil) keyboard.text(ctx.t("reminders-button-resume"), encodeButton("rem:set", "resume"));
    else
      for (const days of SNOOZE_DAYS)
        keyboard.text(ctx.t("reminder-button-snooze", { days }), encodeButton("rem:set", "snooze", days));
  }
  return { text: lines.join("\n"), keyboard };
}

remindersFeature.command("reminders", async (ctx) => {
  ctx.handler = "reminders";
  const { text, keyboard } = await view(ctx);
  await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
});

onButton(remindersFeature, "rem:show", async (ctx) => {
  ctx.handler = "reminders";
  await ctx.answerCallbackQuery();
  const { text, keyboard } = await view(ctx);
  await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
});

// The codec checks the shape; only the offered lengths are honoured.
const snoozeDays = (days: number | undefined): number | undefined =>
  days !== undefined && (SNOOZE_DAYS as readonly number[]).includes(days) ? days : undefined;

/** Snooze from a reminder message: a short notice; the message keeps its buttons. */
onButton(remindersFeature, "rem:snooze", async (ctx, args) => {
  ctx.handler = "reminders";
  const days = snoozeDays(args[0]);
  if (!days) return ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
  const now = ctx.deps.now();
  const until = snoozeEnd(now, days);
  await reminderSettingsRepository(ctx.deps.db).snooze(ctx.from.id, until, now);
  await ctx.answerCallbackQuery({
    text: ctx.t("reminder-snoozed-notice", { until: formatInstant(until, ctx.locale) }),
  });
});

/** Buttons of the /reminders view: the change is applied and the view edited in place. */
onButton(remindersFeature, "rem:set", async (ctx, args) => {
  ctx.handler = "reminders";
  const settings = reminderSettingsRepository(ctx.deps.db);
  const now = ctx.deps.now();
  const userId = ctx.from.id;
  const action = args[0];
  let notice: string;
  if (action === "mute" || action === "unmute") {
    await settings.setMuted(userId, action === "mute", now);
    notice = ctx.t(action === "mute" ? "reminders-done-mute" : "reminders-done-unmute");
  } else if (action === "resume") {
    await settings.resume(userId, now);
    notice = ctx.t("reminders-done-resume");
  } else {
    const days = snoozeDays(args[1]);
    if (!days) return ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    const until = snoozeEnd(now, days);
    await settings.snooze(userId, until, now);
    notice = ctx.t("reminder-snoozed-notice", { until: formatInstant(until, ctx.locale) });
  }
  await ctx.answerCallbackQuery({ text: notice });
  const { text, keyboard } = await view(ctx);
  await ctx.editMessageText(text, keyboard ? { reply_markup: keyboard } : {}).catch((error: unknown) => {
    // Telegram refuses an edit that changes nothing; anything else is a real failure.
    if (!String((error as Error).message).includes("message is not modified")) throw error;
  });
});
