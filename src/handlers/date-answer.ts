import type { BotContext } from "../bot/context.js";
import type { Parsed } from "../bot/dialogs/engine.js";
import { dateParts, parseDateInput } from "../domain/date-input.js";
import type { LocalDate } from "../domain/township.js";

/**
 * A typed date as a form's answer. A date in a known format that does not exist (2月30日, 13月) is
 * told apart from one that could not be read, so the user fixes the day rather than the format.
 */
export function dateAnswer(input: string, ctx: BotContext, value: LocalDate | undefined = parseDateInput(input)): Parsed {
  if (value) return { ok: true, value };
  return { ok: false, error: ctx.t(dateParts(input) ? "onboard-error-date-unreal" : "onboard-error-date") };
}
