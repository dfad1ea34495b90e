import { HttpError, type Transformer } from "grammy";
import { maskPersonalData } from "../domain/privacy.js";

/**
 * Every text the bot sends passes through the personal-data mask here, whatever feature wrote it: a
 * message, an edit, a caption, a button label, a button's notice. Empty keyboard rows are dropped. Whatever a user typed (an ID number
 * as a township name, a phone number in a note) is never sent back unmasked, nor written to the local
 * chat's transcript. Installed last, so it runs before the local transport and the network.
 */
export const maskOutgoing: Transformer = (prev, method, payload, signal) => prev(method, maskPayload(payload), signal);

function maskPayload<P>(payload: P): P {
  if (!payload || typeof payload !== "object") return payload;
  const masked: Record<string, unknown> = { ...(payload as Record<string, unknown>) };
  for (const key of ["text", "caption"] as const) if (typeof masked[key] === "string") masked[key] = maskPersonalData(masked[key]);
  const markup = masked.reply_markup as { inline_keyboard?: unknown } | undefined;
  if (markup && Array.isArray(markup.inline_keyboard)) {
    masked.reply_markup = {
      ...markup,
      // An empty row (a keyboard built with a trailing .row()) shows as a gap, or is refused by Telegram.
      inline_keyboard: (markup.inline_keyboard as { text: string }[][])
        .filter((row) => row.length > 0)
        .map((row) => row.map((button) => ({ ...button, text: maskPersonalData(button.text) }))),
    };
  }
  return masked as P;
}

/**
 * A button answered twice or late (a redelivered update, a slow handler) makes Telegram refuse the
 * answer with 400 "query is too old … or query ID is invalid". The notice is then simply not shown;
 * that must not fail the update and hide the real answer that follows it.
 */
export const tolerateExpiredCallbackQueries: Transformer = async (prev, method, payload, signal) => {
  const result = await prev(method, payload, signal);
  if (method === "answerCallbackQuery" && !result.ok && result.error_code === 400 && /query is too old|query ID is invalid/i.test(result.description))
    return { ok: true, result: true } as unknown as typeof result;
  return result;
};

/**
 * Network errors (Telegram unreachable, no answer within the client's timeout) are retried `attempts`
 * times, after 3 s, then 6 s, … — not forever, as the auto-retry plugin does with them: an update whose
 * answer cannot be sent must fail (the webhook then answers 503 and Telegram redelivers it) rather than
 * hold its claim while the plugin waits for up to an hour between tries.
 */
export function retryNetworkErrors(attempts: number, firstDelayMs = 3000): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || attempt >= attempts || signal?.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, firstDelayMs * 2 ** attempt));
      }
    }
  };
}
