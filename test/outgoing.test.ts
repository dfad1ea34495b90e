import type { Transformer } from "grammy";
import { describe, expect, it } from "vitest";
import { maskOutgoing } from "../src/bot/outgoing.js";
import { makeId } from "./fixtures/candidates.js";

/** What reaches the Bot API after the transformer, for one call. */
async function sent(payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  let seen: Record<string, unknown> = {};
  const prev = (async (_method: string, p: unknown) => {
    seen = p as Record<string, unknown>;
    return { ok: true, result: true };
  }) as unknown as Parameters<Transformer>[0];
  await maskOutgoing(prev, "sendMessage", payload as never);
  return seen;
}

describe("what the bot sends", () => {
  it("has no empty keyboard rows, and no personal number in a text or a button label", async () => {
    const id = makeId("19950307", "231");
    const out = await sent({
      chat_id: 1,
      text: `身份证 ${id.slice(0, 6)} ${id.slice(6)}`,
      reply_markup: { inline_keyboard: [[{ text: `周五 ${id}`, callback_data: "a" }], [], [{ text: "下一步", callback_data: "b" }], []] },
    });
    const keyboard = (out.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard;
    expect(keyboard.map((row) => row.length)).toEqual([1, 1]);
    expect(JSON.stringify(out).replace(/\D/g, "")).not.toContain(id.slice(0, 14));
  });
});
