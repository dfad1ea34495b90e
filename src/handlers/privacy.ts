import { InlineKeyboard } from "grammy";
import type { BotContext, SessionData } from "../bot/context.js";
import { FeatureComposer } from "../bot/feature-composer.js";
import { encodeButton } from "../buttons/callback-data.js";
import { onButton } from "../buttons/on-button.js";
import { privacyRepository, type StoredAbout } from "../db/privacy.js";
import { randomId } from "../db/townships.js";
import { splitForMessages } from "../documents/render.js";
import { STEP_IDS, type StepId, stepById } from "../domain/checklist/index.js";
import { maskMobile } from "../domain/privacy.js";
import { formatDate, shanghaiDate } from "../domain/time.js";
import { joinList, translate } from "../i18n/index.js";

/**
 * /mydata shows a user everything the assistant keeps about them (personal data of candidates masked);
 * /deleteme erases it after a confirmation (see db/privacy.ts for what goes and what stays with the
 * townships). The confirmation button carries a one-time token kept in the session for ten minutes,
 * so an old or forged button erases nothing.
 */
export const privacyFeature = new FeatureComposer<BotContext>();

const CONFIRM_MINUTES = 10;
/** Lines per list in /mydata; the rest is counted. */
const LIST_LIMIT = 30;

const separator = (ctx: BotContext) => (ctx.locale === "zh" ? "," : ", ");
const day = (ctx: BotContext, ms: number | string) => formatDate(shanghaiDate(new Date(ms)), ctx.locale);

function dialogName(ctx: BotContext, name: string): string {
  const kind = name.startsWith("step-") ? "step" : name.startsWith("plan-") ? "plan" : name;
  return ctx.t("privacy-dialog-name", { name: kind });
}

function limited(ctx: BotContext, lines: string[]): string[] {
  return lines.length <= LIST_LIMIT ? lines : [...lines.slice(0, LIST_LIMIT), ctx.t("privacy-more", { count: lines.length - LIST_LIMIT })];
}

function report(ctx: BotContext, about: StoredAbout): string {
  const lines = [ctx.t("privacy-title")];
  lines.push(about.user ? ctx.t("privacy-account", { name: about.user.firstName, since: day(ctx, about.user.createdAt) }) : ctx.t("privacy-no-account"));
  const { language, dialog, drafts } = about.session;
  lines.push(language ? ctx.t("privacy-language-chosen", { language: translate(language === "en" ? "en" : "zh", "language-name") }) : ctx.t("privacy-language-auto"));
  if (dialog) lines.push(ctx.t("privacy-dialog", { name: dialogName(ctx, dialog) }));
  if (drafts.length) lines.push(ctx.t("privacy-drafts", { names: joinList(ctx.locale, drafts.map((d) => dialogName(ctx, d))) }));
  if (about.memberships.length === 0) lines.push(ctx.t("privacy-none"));
  else {
    lines.push(ctx.t("privacy-memberships"));
    for (const m of about.memberships)
      lines.push(ctx.t("privacy-membership-line", { township: m.township, role: ctx.t(`privacy-role-${m.role}`), joined: day(ctx, m.joinedAt), others: m.otherMembers }));
  }
  if (about.units.length) {
    lines.push(ctx.t("privacy-units"));
    for (const u of about.units) lines.push(ctx.t("privacy-unit-line", { unit: u.unit, joined: day(ctx, u.joinedAt) }));
  }
  if (about.steps.length) {
    lines.push(ctx.t("privacy-steps"));
    const steps = about.steps.map((s) =>
      ctx.t("privacy-step-line", {
        township: s.township,
        step: STEP_IDS.includes(s.stepId as StepId) ? ctx.t(stepById(s.stepId as StepId).title) : s.stepId,
        when: day(ctx, s.recordedAt),
      }),
    );
    lines.push(...limited(ctx, steps));
  }
  if (about.candidates.length) {
    lines.push(ctx.t("privacy-candidates"));
    const people = about.candidates.map((c) =>
      ctx.t("privacy-candidate-line", {
        township: c.township,
        name: c.name,
        post: ctx.t(`cand-post-${c.post}`),
        status: ctx.t(`cand-status-${c.status}`),
        id: c.idNumberMasked ? `${separator(ctx)}${c.idNumberMasked}` : "",
        mobile: c.mobile ? `${separator(ctx)}${maskMobile(c.mobile)}` : "",
      }),
    );
    lines.push(...limited(ctx, people));
  }
  if (about.scoreSheets.length) {
    lines.push(ctx.t("privacy-scores"));
    lines.push(...limited(ctx, about.scoreSheets.map((s) => ctx.t("privacy-score-line", { township: s.township, judge: s.judge, count: s.scores }))));
  }
  lines.push(ctx.t("privacy-audit", { count: about.auditEntries }));
  if (about.invites) lines.push(ctx.t("privacy-invites", { count: about.invites }));
  const reminders = about.reminders;
  const snoozed = reminders?.snoozedUntil && reminders.snoozedUntil > ctx.deps.now().getTime() ? reminders.snoozedUntil : undefined;
  lines.push(
    reminders?.muted
      ? ctx.t("privacy-reminders-muted")
      : snoozed
        ? ctx.t("privacy-reminders-snoozed", { until: day(ctx, snoozed) })
        : ctx.t("privacy-reminders-on"),
  );
  if (about.remindersQueued) lines.push(ctx.t("privacy-reminders-queued", { count: about.remindersQueued }));
  if (about.localMessages) lines.push(ctx.t("privacy-local", { count: about.localMessages }));
  lines.push("", ctx.t("privacy-id-numbers"), ctx.t("privacy-footer"));
  return lines.join("\n");
}

privacyFeature.command("mydata", async (ctx) => {
  ctx.handler = "mydata";
  const about = await privacyRepository(ctx.deps.db).storedAbout(ctx.from!.id);
  const chunks = splitForMessages(report(ctx, about));
  for (const [i, chunk] of chunks.entries())
    await ctx.reply(chunk, i === chunks.length - 1 ? { reply_markup: new InlineKeyboard().text(ctx.t("privacy-button-delete"), encodeButton("priv:ask")) } : {});
});

async function askToConfirm(ctx: BotContext): Promise<void> {
  ctx.handler = "deleteme";
  const sole = await privacyRepository(ctx.deps.db).townshipsErasedWith(ctx.from!.id);
  const erasure = { token: randomId(), expiresAt: ctx.deps.now().getTime() + CONFIRM_MINUTES * 60_000 };
  ctx.session.erasure = erasure;
  const text = [ctx.t("privacy-confirm"), ...(sole.length ? [ctx.t("privacy-confirm-sole", { names: joinList(ctx.locale, sole) })] : [])];
  await ctx.reply(text.join("\n"), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("privacy-button-confirm"), encodeButton("priv:erase", erasure.token))
      .text(ctx.t("privacy-button-keep"), encodeButton("priv:keep")),
  });
}

privacyFeature.command("deleteme", askToConfirm);
onButton(privacyFeature, "priv:ask", async (ctx) => {
  await ctx.answerCallbackQuery();
  await askToConfirm(ctx);
});

onButton(privacyFeature, "priv:erase", async (ctx, args) => {
  ctx.handler = "deleteme";
  const pending = ctx.session.erasure;
  if (!pending || pending.token !== args[0] || pending.expiresAt < ctx.deps.now().getTime()) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    return;
  }
  await ctx.answerCallbackQuery();
  const userId = ctx.from.id;
  await privacyRepository(ctx.deps.db).erase(userId);
  ctx.deps.logger.info("user_erased");
  // The session row was deleted with the rest; this keeps grammY from writing it back.
  (ctx as { session?: SessionData }).session = undefined;
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.reply(ctx.t("privacy-erased"));
});

onButton(privacyFeature, "priv:keep", async (ctx) => {
  ctx.handler = "deleteme";
  delete ctx.session.erasure;
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.reply(ctx.t("privacy-kept"));
});
