/**
 * Supervisors one level up ("高一级推动"): /supervise registers a county, city or provincial League
 * committee and lists the user's units with their invitation buttons; the deep links they send make the
 * tree: a unit one level below (or a township, for a county) joins by opening the link, a colleague
 * joins the unit itself. What the supervisors then see is in overview.ts.
 */
import { InlineKeyboard } from "grammy";
import type { BotContext } from "../bot/context.js";
import { type DialogData, defineDialog, type Parsed, startDialog } from "../bot/dialogs/engine.js";
import { FeatureComposer } from "../bot/feature-composer.js";
import { encodeButton } from "../buttons/callback-data.js";
import { onButton } from "../buttons/on-button.js";
import { type AttachResult, type InviteKind, supervisionRepository, type Unit } from "../db/supervision.js";
import { isUnitLevel, levelBelow, UNIT_LEVELS, type UnitLevel, unitLevelBelow } from "../domain/org.js";
import { townshipChanged } from "./active-township.js";

export const supervisorsFeature = new FeatureComposer<BotContext>();

const INVITE_PREFIX = "unit_";
const INVITE_PAYLOAD = new RegExp(`^${INVITE_PREFIX}([\\w-]{8,64})$`);

const choice = (input: string, ctx: BotContext): Parsed =>
  isUnitLevel(input) ? { ok: true, value: input } : { ok: false, error: ctx.t("onboard-error-choice") };

const name = (input: string, ctx: BotContext): Parsed =>
  input.length >= 2 && input.length <= 30 && !/[\r\n]/.test(input)
    ? { ok: true, value: input }
    : { ok: false, error: ctx.t("onboard-error-text", { min: 2, max: 30 }) };

const unitKeyboard = (ctx: BotContext, unit: Pick<Unit, "id" | "name">, canLeave = false) => {
  const keyboard = new InlineKeyboard()
    .text(ctx.t("button-overview"), encodeButton("ov:u", unit.id, 0))
    .row()
    .text(ctx.t("button-invite-below", { name: unit.name }), encodeButton("sup:inv", "below", unit.id))
    .row()
    .text(ctx.t("button-invite-colleague", { name: unit.name }), encodeButton("sup:inv", "member", unit.id));
  if (canLeave) keyboard.row().text(ctx.t("button-leave-unit", { name: unit.name }), encodeButton("sup:leave", unit.id));
  return keyboard;
};

export const registerUnit = defineDialog({
  name: "supervise",
  fields: [
    {
      key: "level",
      prompt: (ctx) => ctx.t("sup-prompt-level"),
      choices: (ctx) => UNIT_LEVELS.map((level) => ({ value: level, label: ctx.t(`unit-level-${level}`) })),
      parse: choice,
    },
    { key: "name", prompt: (ctx) => ctx.t("sup-prompt-name"), parse: name },
    {
      key: "confirm",
      prompt: (ctx, data) =>
        ctx.t("sup-prompt-confirm", {
          level: ctx.t(`unit-level-${data.level}`),
          name: String(data.name),
          parent: data.parentName ? ctx.t("sup-confirm-parent", { parent: String(data.parentName) }) : "",
        }),
      choices: (ctx) => [
        { value: "yes", label: ctx.t("onboard-confirm-yes") },
        { value: "restart", label: ctx.t("onboard-confirm-restart") },
      ],
      parse: (input, ctx) =>
        input === "yes" || input === "restart"
          ? { ok: true, value: input }
          : { ok: false, error: ctx.t("onboard-error-choice") },
    },
  ],
  async complete(ctx, data) {
    ctx.handler = "supervise";
    const invited = invitedData(data);
    if (data.confirm === "restart") {
      await startDialog(ctx, registerUnit, invited);
      return;
    }
    const repo = supervisionRepository(ctx.deps.db);
    const unit = { level: data.level as UnitLevel, name: String(data.name) };
    const now = ctx.deps.now();
    let result = await repo.register(ctx.from!.id, unit, now, invited.parentToken as string | undefined);
    let expired = false;
    if (!result.ok) {
      expired = true;
      result = await repo.register(ctx.from!.id, unit, now);
    }
    if (!result.ok) return;
    ctx.deps.logger.info("unit_registered", { unit: result.id, level: unit.level });
    const below = ctx.t(`unit-below-${levelBelow(unit.level)}`);
    const text = expired
      ? ctx.t("sup-parent-expired", { name: unit.name })
      : result.parent
        ? `${ctx.t("sup-done-parent", { name: unit.name, parent: result.parent })}\n${ctx.t("sup-done", { name: unit.name, below })}`
        : ctx.t("sup-done", { name: unit.name, below });
    await ctx.reply(text, { reply_markup: unitKeyboard(ctx, { id: result.id, name: unit.name }) });
  },
});

/** A registration started from a parent's link keeps the link and the level it implies across restarts. */
function invitedData(data: DialogData): DialogData {
  return data.parentToken
    ? { parentToken: data.parentToken, parentName: data.parentName, level: data.level }
    : {};
}

async function showUnits(ctx: BotContext): Promise<void> {
  ctx.handler = "supervise";
  const units = await supervisionRepository(ctx.deps.db).unitsOf(ctx.from!.id);
  if (units.length === 0) {
    await startDialog(ctx, registerUnit);
    return;
  }
  const lines = [ctx.t("sup-units-title")];
  const keyboard = new InlineKeyboard();
  for (const unit of units) {
    lines.push(ctx.t("sup-unit-line", { level: ctx.t(`unit-level-${unit.level}`), name: unit.name }));
    keyboard.append(unitKeyboard(ctx, unit, true)).row();
  }
  keyboard.text(ctx.t("button-sup-register"), encodeButton("sup:new"));
  await ctx.reply(lines.join("\n"), { reply_markup: keyboard });
}

supervisorsFeature.command("supervise", showUnits);
onButton(supervisorsFeature, "sup:new", async (ctx) => {
  ctx.handler = "supervise";
  await ctx.answerCallbackQuery();
  await startDialog(ctx, registerUnit, {});
});

onButton(supervisorsFeature, "sup:inv", async (ctx, args) => {
  ctx.handler = "supervise-invite";
  const kind = args[0] as InviteKind;
  const repo = supervisionRepository(ctx.deps.db);
  const unit = await repo.unitFor(ctx.from.id, args[1]);
  const token = unit && (await repo.createInvite(ctx.from.id, unit.id, kind, ctx.deps.now()));
  if (!unit || !token) {
    await ctx.answerCallbackQuery({ text: ctx.t("unit-not-visible") });
    return;
  }
  await ctx.answerCallbackQuery();
  const payload = `${INVITE_PREFIX}${token}`;
  const below = kind === "below" ? ctx.t(`unit-below-${levelBelow(unit.level)}`) : "";
  await ctx.reply(
    ctx.t(kind === "below" ? "sup-invite-below" : "sup-invite-member", {
      name: unit.name,
      below,
      link: `https://t.me/${ctx.me.username}?start=${payload}`,
      command: `/start ${payload}`,
    }),
  );
});

/** One of the user's own units (a member of it, not merely above it), or undefined. */
const ownUnit = async (ctx: BotContext, unitId: string) =>
  (await supervisionRepository(ctx.deps.db).unitsOf(ctx.from!.id)).find((u) => u.id === unitId);

onButton(supervisorsFeature, "sup:leave", async (ctx, args) => {
  ctx.handler = "supervise-leave";
  const unit = await ownUnit(ctx, args[0]);
  if (!unit) {
    await ctx.answerCallbackQuery({ text: ctx.t("unit-not-visible") });
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("leave-confirm", { name: unit.name }), {
    reply_markup: new InlineKeyboard().text(ctx.t("button-leave-confirm"), encodeButton("sup:leave-ok", unit.id)),
  });
});

onButton(supervisorsFeature, "sup:leave-ok", async (ctx, args) => {
  ctx.handler = "supervise-leave";
  const unit = await ownUnit(ctx, args[0]);
  const outcome = unit ? await supervisionRepository(ctx.deps.db).leaveUnit(ctx.from.id, unit.id, ctx.deps.now()) : "not-member";
  if (!unit || outcome === "not-member") {
    await ctx.answerCallbackQuery({ text: ctx.t("unit-not-visible") });
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  ctx.deps.logger.info("unit_left", { unit: unit.id, outcome });
  await ctx.reply(ctx.t(outcome === "left" ? "leave-done" : "leave-last", { name: unit.name }));
});

const ATTACH_MESSAGES: Record<Exclude<AttachResult, { ok: true }>["reason"], string> = {
  invalid: "sup-join-invalid",
  "no-unit": "sup-join-invalid",
  "no-township": "sup-attach-no-township",
  "not-secretary": "sup-attach-not-secretary",
  already: "sup-attach-already",
  elsewhere: "sup-attach-elsewhere",
};

/** `/start unit_<token>`: the payload of a unit's deep link. Returns false if the payload is not one. */
export async function openUnitInvitation(ctx: BotContext, payload: string): Promise<boolean> {
  const token = INVITE_PAYLOAD.exec(payload)?.[1];
  if (!token) return false;
  ctx.handler = "unit-join";
  const userId = ctx.from!.id;
  const now = ctx.deps.now();
  const repo = supervisionRepository(ctx.deps.db);
  const invite = await repo.invite(token, now);
  if (!invite) {
    await ctx.reply(ctx.t("sup-join-invalid"));
    return true;
  }
  if (invite.kind === "member") {
    const unit = await repo.joinAsColleague(userId, token, now);
    await ctx.reply(unit ? ctx.t("sup-join-colleague", { name: unit.name }) : ctx.t("sup-join-invalid"), {
      ...(unit
        ? { reply_markup: new InlineKeyboard().text(ctx.t("button-overview"), encodeButton("ov:u", unit.id, 0)) }
        : {}),
    });
    return true;
  }
  const childLevel = unitLevelBelow(invite.unit.level);
  const result = childLevel
    ? await repo.attachUnit(userId, token, now)
    : await repo.attachTownship(userId, token, now);
  if (result.ok && !childLevel) townshipChanged(ctx);
  if (result.ok) {
    await ctx.reply(ctx.t("sup-attach-done", { child: result.child, parent: result.parent }));
    return true;
  }
  if (result.reason === "no-unit" && childLevel) {
    // Not registered yet: register the unit with this link, its level fixed by the inviting unit's.
    await ctx.reply(ctx.t("sup-invited-intro", { unit: invite.unit.name }));
    await startDialog(ctx, registerUnit, {
      parentToken: token,
      parentName: invite.unit.name,
      level: childLevel,
    });
    return true;
  }
  await ctx.reply(ctx.t(ATTACH_MESSAGES[result.reason]), {
    ...(result.reason === "no-township"
      ? { reply_markup: new InlineKeyboard().text(ctx.t("button-register"), encodeButton("nav:register")) }
      : {}),
  });
  return true;
}
