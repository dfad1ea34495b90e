import { InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { defineDialog, startDialog } from "../../bot/dialogs/engine.js";
import { FeatureComposer } from "../../bot/feature-composer.js";
import { encodeButton } from "../../buttons/callback-data.js";
import { onButton } from "../../buttons/on-button.js";
import {
  type CandidateChange,
  candidateRepository,
  type StoredCandidate,
} from "../../db/candidates.js";
import { randomId, } from "../../db/townships.js";
import type { CandidateDraft } from "../../domain/candidate-fields.js";
import type { Post } from "../../domain/rules/types.js";
import { activeTownship } from "../active-township.js";
import {
  askAgain,
  COMMITMENT_OF_POST,
  completeDraft,
  draftFrom,
  type EditInfo,
  FIELD_KEYS,
  FIELDS,
  type FieldKey,
  type Identity,
  labelOf,
  valueText,
} from "./draft.js";
import { ADD, EDIT, IMPORT, planContext, planOf, requireTownship, SCORES, say, todayOf } from "./shared.js";

/** Entering a candidate one field at a time, and the edit dialog the list opens for one field. */
export const entryFeature = new FeatureComposer<BotContext>();

const OWN_DIALOGS = new Set([ADD, EDIT, IMPORT, SCORES]);

export const addCandidate = defineDialog({
  name: ADD,
  fields: FIELDS,
  async complete(ctx, data) {
    if (data.confirm === "fix") {
      const { confirm: _confirm, ...rest } = data;
      ctx.session.drafts = { ...ctx.session.drafts, [ADD]: rest };
      const keyboard = new InlineKeyboard();
      fixableFields(draftFrom(data)).forEach((field, i) => {
        keyboard.text(labelOf(ctx, field), encodeButton("cadd:fix", field));
        if (i % 3 === 2) keyboard.row();
      });
      await say(ctx, ctx.t("cand-fix-which"), { reply_markup: keyboard });
      return;
    }
    const checked = completeDraft(ctx, data);
    if ("error" in checked) {
      await say(ctx, checked.error);
      await askAgain(ctx, addCandidate, data, checked.field, false);
      return;
    }
    const plan = planOf(data);
    const repo = candidateRepository(ctx.deps.db);
    const draft = checked.draft;
    const id = typeof data._id === "string" ? data._id : undefined;
    // A second delivery of this confirmation (the answer to the first was lost): saved already.
    const saved = id ? await repo.get(plan.townshipId, id) : undefined;
    if (saved) {
      await announceSaved(ctx, saved);
      return;
    }
    const same = (await repo.list(plan.townshipId)).find(
      (c) => c.status !== "withdrawn" && c.name === draft.name && c.birthDate === draft.birthDate,
    );
    if (same) {
      await say(ctx, ctx.t("cand-error-name-birth-duplicate", { name: same.name }));
      await askAgain(ctx, addCandidate, data, "name", false);
      return;
    }
    const identity = data.identity as Identity;
    const added = await repo.add(
      plan.townshipId,
      ctx.from!.id,
      draft,
      identity.idNumberHash,
      "eligible",
      ctx.deps.now(),
      id,
    );
    if (!added.ok) {
      await say(
        ctx,
        ctx.t("cand-error-duplicate", {
          name: added.existing?.name ?? "",
          status: added.existing ? ctx.t(`cand-status-${added.existing.status}`) : "",
        }),
      );
      await askAgain(ctx, addCandidate, data, "identity", false);
      return;
    }
    ctx.deps.logger.info("candidate_added", { township: plan.townshipId, candidate: added.candidate.id });
    await announceSaved(ctx, added.candidate);
  },
});

async function announceSaved(ctx: BotContext, candidate: StoredCandidate): Promise<void> {
  await say(ctx, ctx.t("cand-saved", { name: candidate.name, post: ctx.t(`cand-post-${candidate.post}`) }), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("cand-button-add-more"), encodeButton("cand:add"))
      .text(ctx.t("cand-button-list"), encodeButton("cand:list", 0))
      .row()
      .text(ctx.t("cand-button-slate"), encodeButton("cand:slate")),
  });
}

/** The fields a user may change for this candidate (derived ones cannot be changed on their own). */
export function fixableFields(d: Partial<CandidateDraft>): FieldKey[] {
  return FIELD_KEYS.filter(
    (f) =>
      (f !== "commitment" || !COMMITMENT_OF_POST[d.post as Post]) &&
      (f !== "gender" || !d.idNumberMasked) &&
      (f !== "signatures" || d.channel === "joint-signature") &&
      (f !== "relaxationReason" || d.relaxationReason !== undefined),
  );
}

export const editCandidate = defineDialog({
  name: EDIT,
  fields: FIELDS,
  async complete(ctx, data) {
    const edit = data._edit as EditInfo;
    const plan = planOf(data);
    const checked = completeDraft(ctx, data);
    if ("error" in checked)
      return {
        field: checked.field === "relaxationReason" ? "relaxationReason" : edit.field,
        error: checked.error,
      };
    const repo = candidateRepository(ctx.deps.db);
    const before = await repo.get(plan.townshipId, edit.id);
    if (!before) {
      await say(ctx, ctx.t("cand-not-found"));
      return;
    }
    const draft = checked.draft;
    const change: CandidateChange = {};
    for (const key of Object.keys(draft) as (keyof CandidateDraft)[]) {
      if (key === "idNumberMasked") continue;
      if (draft[key] !== before[key]) (change as Record<string, unknown>)[key] = draft[key];
    }
    for (const key of ["signatures", "mobile", "education", "workplace", "relaxationReason"] as const)
      if (draft[key] === undefined && before[key] !== undefined)
        (change as Record<string, unknown>)[key] = null;
    if (edit.field === "identity") {
      const identity = data.identity as Identity;
      change.idNumberMasked = identity.idNumberMasked ?? null;
      change.idNumberHash = identity.idNumberHash ?? null;
    }
    const result = await repo.update(
      plan.townshipId,
      ctx.from!.id,
      edit.id,
      edit.version,
      change,
      ctx.deps.now(),
    );
    const view = new InlineKeyboard()
      .text(ctx.t("cand-button-back"), encodeButton("cand:list", 0))
      .text(`👤 ${edit.name}`, encodeButton("cand:view", edit.id));
    if (result.ok) {
      ctx.deps.logger.info("candidate_updated", {
        township: plan.townshipId,
        candidate: edit.id,
        field: edit.field,
      });
      await say(
        ctx,
        ctx.t("cand-edit-saved", {
          name: result.candidate.name,
          field: labelOf(ctx, edit.field),
          value: valueText(ctx, draft, edit.field, plan),
        }),
        {
          reply_markup: view,
        },
      );
    } else if (result.reason === "conflict") {
      await say(
        ctx,
        ctx.t("cand-edit-conflict", {
          name: result.current.name,
          field: labelOf(ctx, edit.field),
          value: valueText(ctx, result.current, edit.field, plan),
        }),
        { reply_markup: view },
      );
    } else if (result.reason === "duplicate") {
      await say(ctx, ctx.t("cand-error-duplicate", { name: "", status: "" }));
    } else {
      await say(ctx, ctx.t("cand-not-found"));
    }
  },
});

// Before the dialog engine: refresh the township in the dialog data.
entryFeature.use(async (ctx, next) => {
  const dialog = ctx.session.dialog;
  if (!dialog || !OWN_DIALOGS.has(dialog.name) || !ctx.from) return next();
  const township = await activeTownship(ctx);
  if (!township) {
    ctx.session.dialog = undefined;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    await requireTownship(ctx);
    return;
  }
  const plan = planContext(township, todayOf(ctx));
  dialog.data._plan = plan;
  return next();
});

async function startAdd(ctx: BotContext): Promise<void> {
  ctx.handler = "candidate-add";
  const township = await requireTownship(ctx);
  if (!township) return;
  // The candidate's id is chosen now, so that saving is done once however often the confirmation arrives.
  await startDialog(ctx, addCandidate, { _plan: planContext(township, todayOf(ctx)), _id: randomId() });
}

entryFeature.command("newcandidate", startAdd);
onButton(entryFeature, "cand:add", async (ctx) => {
  await ctx.answerCallbackQuery();
  await startAdd(ctx);
});

onButton(entryFeature, "cadd:fix", async (ctx, args) => {
  ctx.handler = "candidate-add";
  const field = args[0] as FieldKey;
  const draft = ctx.session.drafts?.[ADD];
  if (!draft || !FIELD_KEYS.includes(field)) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    return;
  }
  await ctx.answerCallbackQuery();
  delete ctx.session.drafts?.[ADD];
  const township = await requireTownship(ctx);
  if (!township) return;
  await askAgain(ctx, addCandidate, { ...draft, _plan: planContext(township, todayOf(ctx)) }, field, false);
});
