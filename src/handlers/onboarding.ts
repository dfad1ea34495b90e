import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { BotContext } from "../bot/context.js";
import { type DialogData, defineDialog, type Parsed, startDialog } from "../bot/dialogs/engine.js";
import { FeatureComposer } from "../bot/feature-composer.js";
import { encodeButton } from "../buttons/callback-data.js";
import { onButton } from "../buttons/on-button.js";
import { randomId, townshipRepository } from "../db/townships.js";
import { PROFILES } from "../domain/rules/profiles.js";
import type { ProfileId } from "../domain/rules/types.js";
import { defaultFulltimeDeputies, defaultMembers, defaultParttimeDeputies } from "../domain/seat-defaults.js";
import type { PlannedSeats, TownshipPlan } from "../domain/township.js";
import { activeTownship, townshipChanged } from "./active-township.js";
import { dateAnswer } from "./date-answer.js";
import { wholeNumberAnswer } from "./number-answer.js";
import { timelineText } from "./timeline-text.js";

/**
 * Onboarding: registering the township (place, kind, rule profile, key dates, planned seats), then
 * inviting the deputies with a deep link. Every answer has an example or a default and buttons where
 * the answers are a list.
 */
const PROFILE_CHOICES: ProfileId[] = ["recommended", "jiyang", "xingang", "nanshan", "sichuan"];
const STEPS = 12;

/** Signs no place name has, which would only come from markup or a slip: <b>, {…}, slashes. */
const NOT_IN_PLACE_NAMES = /[<>{}[\]\\/|`$@#%^*=+~]/;

const text =
  (min: number, max: number) =>
  (input: string, ctx: BotContext): Parsed => {
    if (NOT_IN_PLACE_NAMES.test(input)) return { ok: false, error: ctx.t("onboard-error-place-sign") };
    return input.length >= min && input.length <= max && !/[\r\n]/.test(input)
      ? { ok: true, value: input }
      : { ok: false, error: ctx.t("onboard-error-text", { min, max }) };
  };

const date = (input: string, ctx: BotContext): Parsed => dateAnswer(input, ctx);

const count =
  (min: number, max: number) =>
  (input: string, ctx: BotContext): Parsed =>
    wholeNumberAnswer(input, ctx, min, max);

const step = (n: number, key: string) => (ctx: BotContext) => `(${n}/${STEPS}) ${ctx.t(key)}`;

function seatsFrom(data: DialogData): PlannedSeats {
  return {
    secretary: Number(data.secretary),
    fulltimeDeputies: Number(data.fulltimeDeputies),
    parttimeDeputies: Number(data.parttimeDeputies),
    members: Number(data.members),
  };
}

function planFrom(data: DialogData): Omit<TownshipPlan, "id"> {
  return {
    province: String(data.province),
    city: String(data.city),
    county: String(data.county),
    name: String(data.name),
    kind: data.kind === "subdistrict" ? "subdistrict" : "township",
    profileId: data.profile as ProfileId,
    partyElectionDate: String(data.partyElectionDate),
    plannedElectionDate: String(data.plannedElectionDate),
    seats: seatsFrom(data),
  };
}

export const registerTownship = defineDialog({
  name: "register",
  context: { _id: z.string() },
  fields: [
    { key: "province", prompt: step(1, "onboard-province"), parse: text(2, 20), value: z.string() },
    { key: "city", prompt: step(2, "onboard-city"), parse: text(2, 20), value: z.string() },
    { key: "county", prompt: step(3, "onboard-county"), parse: text(2, 20), value: z.string() },
    { key: "name", prompt: step(4, "onboard-name"), parse: text(2, 30), value: z.string() },
    {
      key: "kind",
      value: z.string(),
      prompt: step(5, "onboard-kind"),
      choices: (ctx) => [
        { value: "township", label: ctx.t("kind-township") },
        { value: "subdistrict", label: ctx.t("kind-subdistrict") },
      ],
      parse: (input, ctx) =>
        input === "township" || input === "乡镇" || input === "乡" || input === "镇"
          ? { ok: true, value: "township" }
          : input === "subdistrict" || input === "街道"
            ? { ok: true, value: "subdistrict" }
            : { ok: false, error: ctx.t("onboard-error-choice") },
    },
    {
      key: "profile",
      value: z.string(),
      prompt: (ctx) => `(6/${STEPS}) ${ctx.t("onboard-profile")}`,
      choices: (ctx) => PROFILE_CHOICES.map((id) => ({ value: id, label: PROFILES[id].name[ctx.locale] })),
      parse: (input, ctx) =>
        PROFILE_CHOICES.includes(input as ProfileId) ? { ok: true, value: input } : { ok: false, error: ctx.t("onboard-error-choice") },
    },
    { key: "partyElectionDate", prompt: step(7, "onboard-party-election"), parse: date, value: z.string() },
    {
      key: "plannedElectionDate",
      value: z.string(),
      prompt: step(8, "onboard-planned-election"),
      parse: (input, ctx, data) => {
        const parsed = date(input, ctx);
        if (parsed.ok && String(parsed.value) < String(data.partyElectionDate)) return { ok: false, error: ctx.t("onboard-error-election-order") };
        return parsed;
      },
    },
    { key: "secretary", prompt: step(9, "onboard-seats-secretary"), defaultValue: () => "1", parse: count(1, 1), value: z.number() },
    {
      key: "fulltimeDeputies",
      prompt: step(10, "onboard-seats-fulltime"),
      defaultValue: (_ctx, data) => String(defaultFulltimeDeputies(data.profile as ProfileId)),
      parse: count(0, 3),
      value: z.number(),
    },
    {
      key: "parttimeDeputies",
      prompt: step(11, "onboard-seats-parttime"),
      defaultValue: (_ctx, data) => String(defaultParttimeDeputies(data.profile as ProfileId)),
      parse: count(0, 10),
      value: z.number(),
    },
    {
      key: "members",
      prompt: step(12, "onboard-seats-members"),
      // Never a default the profile's own rules refuse (size, leaders' share, 编制外 share).
      defaultValue: (_ctx, data) =>
        String(
          defaultMembers(data.profile as ProfileId, {
            secretary: Number(data.secretary),
            fulltimeDeputies: Number(data.fulltimeDeputies),
            parttimeDeputies: Number(data.parttimeDeputies),
          }),
        ),
      parse: count(1, 40),
      value: z.number(),
    },
    {
      key: "confirm",
      value: z.string(),
      // What in the dates cannot work is said before anything is saved: the rules in conflict, the earliest plan.
      prompt: (ctx, data) => [ctx.t("onboard-confirm", summaryVariables(ctx, data)), ...timelineText(ctx, { id: "", ...planFrom(data) })].join("\n"),
      choices: (ctx) => [
        { value: "yes", label: ctx.t("onboard-confirm-yes") },
        { value: "restart", label: ctx.t("onboard-confirm-restart") },
      ],
      parse: (input, ctx) =>
        input === "yes" || input === "restart" ? { ok: true, value: input } : { ok: false, error: ctx.t("onboard-error-choice") },
    },
  ],
  async complete(ctx, data) {
    if (data.confirm === "restart") {
      await startRegistration(ctx);
      return;
    }
    // The user row (members are shown by name) was written when this update opened.
    const repo = townshipRepository(ctx.deps.db);
    // The same place registered again would hide the first (its candidates and records) behind an empty
    // copy: it is changed with /plan instead. A redelivered confirmation carries the same id, and goes on.
    const plan = planFrom(data);
    const same = (await repo.listFor(ctx.from!.id)).find(
      (t) => t.id !== data._id && t.province === plan.province && t.city === plan.city && t.county === plan.county && t.name === plan.name,
    );
    if (same) {
      await ctx.reply(ctx.t("onboard-already-registered", { name: same.name, place: `${same.province}${same.city}${same.county}` }), {
        reply_markup: new InlineKeyboard().text(ctx.t("button-progress"), encodeButton("nav:progress")),
      });
      return;
    }
    const id = await repo.create(planFrom(data), ctx.from!.id, ctx.deps.now(), typeof data._id === "string" ? data._id : undefined);
    townshipChanged(ctx);
    ctx.deps.logger.info("township_registered", { township: id });
    await ctx.reply(ctx.t("onboard-done", { name: String(data.name) }), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-next-step"), encodeButton("nav:next")).text(ctx.t("button-progress"), encodeButton("nav:progress")).row().text(ctx.t("button-invite"), encodeButton("nav:invite")),
    });
  },
});

function summaryVariables(ctx: BotContext, data: DialogData) {
  const seats = seatsFrom(data);
  return {
    place: `${data.province}${data.city}${data.county}${data.name}`,
    kind: ctx.t(data.kind === "subdistrict" ? "kind-subdistrict" : "kind-township"),
    profile: PROFILES[data.profile as ProfileId].name[ctx.locale],
    partyElection: String(data.partyElectionDate),
    plannedElection: String(data.plannedElectionDate),
    seats: ctx.t("seats-summary", { ...seats, total: seats.secretary + seats.fulltimeDeputies + seats.parttimeDeputies + seats.members }),
  };
}

export const onboardingFeature = new FeatureComposer<BotContext>();

/** Starts (or resumes, from a draft) the registration; the township's id is chosen now (see `create`). */
function startRegistration(ctx: BotContext): Promise<void> {
  return startDialog(ctx, registerTownship, { _id: randomId() });
}

onboardingFeature.command("register", async (ctx) => {
  ctx.handler = "register";
  await startRegistration(ctx);
});

onButton(onboardingFeature, "nav:register", async (ctx) => {
  ctx.handler = "register";
  await ctx.answerCallbackQuery();
  await startRegistration(ctx);
});

async function invite(ctx: BotContext): Promise<void> {
  ctx.handler = "invite";
  const repo = townshipRepository(ctx.deps.db);
  const township = await activeTownship(ctx);
  if (!township) {
    await ctx.reply(ctx.t("no-township-yet"), { reply_markup: new InlineKeyboard().text(ctx.t("button-register"), encodeButton("nav:register")) });
    return;
  }
  const token = await repo.createInvite(ctx.from!.id, township.id, ctx.deps.now());
  const link = `https://t.me/${ctx.me.username}?start=join_${token}`;
  await ctx.reply(ctx.t("invite-link", { name: township.name, link, command: `/start join_${token}` }));
}

onboardingFeature.command("invite", invite);
onButton(onboardingFeature, "nav:invite", async (ctx) => {
  await ctx.answerCallbackQuery();
  await invite(ctx);
});
