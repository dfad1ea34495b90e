import type { BotContext } from "../bot/context.js";
import type { Parsed } from "../bot/dialogs/engine.js";

/**
 * A typed whole number from `min` to `max` as a form's answer (full-width digits too). Where only one
 * number is allowed (a township has one secretary), the message names it instead of a range of one.
 */
export function wholeNumberAnswer(input: string, ctx: BotContext, min: number, max: number): Parsed {
  const n = Number(input.normalize("NFKC"));
  if (input.trim() !== "" && Number.isInteger(n) && n >= min && n <= max) return { ok: true, value: n };
  return { ok: false, error: min === max ? ctx.t("onboard-error-count-exact", { value: min }) : ctx.t("onboard-error-count", { min, max }) };
}
