import { describe, expect, it } from "vitest";
import {
  CARD_BUTTONS,
  messageIdOfTask,
  renderMessage,
  splitText,
  TEXT_LIMIT_BYTES,
} from "../src/channels/wecom/cards.js";

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe("WeCom's rendering of the bot's messages", () => {
  it("splits a long text into pieces of at most 2,048 bytes, at line ends, losing nothing", () => {
    const text = Array.from(
      { length: 120 },
      (_, i) => `第${i + 1}条:团委委员候选人应当具备良好的政治素质。`,
    ).join("\n");
    expect(bytes(text)).toBeGreaterThan(3 * TEXT_LIMIT_BYTES);
    const pieces = splitText(text);
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) expect(bytes(piece)).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
    expect(pieces.join("\n")).toBe(text);
    // One line longer than the limit is cut between characters, never inside one.
    const line = "团".repeat(1000);
    expect(splitText(line).join("")).toBe(line);
    for (const piece of splitText(line)) expect(bytes(piece)).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
  });

  it("pages a long keyboard over cards of at most 6 buttons, numbered in order, each naming its message", () => {
    const keyboard = Array.from({ length: 14 }, (_, i) => [
      { text: `乡镇${i + 1}`, callback_data: `pick:${i}` },
    ]);
    const rendered = renderMessage("请选择乡镇", keyboard, 4242, "n1");
    expect(rendered.cards.map((c) => c.button_list.length)).toEqual([CARD_BUTTONS, CARD_BUTTONS, 2]);
    expect(rendered.cards.flatMap((c) => c.button_list.map((b) => b.key))).toEqual(
      keyboard.map(([b]) => b!.callback_data),
    );
    expect(rendered.cards[2]!.button_list[1]!.text).toBe("#14 乡镇14");
    expect(rendered.choices.map((c) => c.number)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(new Set(rendered.cards.map((c) => c.task_id)).size).toBe(3);
    for (const card of rendered.cards) expect(messageIdOfTask(card.task_id)).toBe(4242);
    expect(rendered.cards[1]!.main_title.title).toContain("第 2/3 页");
  });

  it("keeps a short text in its card; a long one, or clipped labels, also go as text with every label numbered", () => {
    const short = renderMessage(
      "确认保存吗?\n南山街道,共13名",
      [[{ text: "确认保存", callback_data: "ok" }]],
      1,
      "a",
    );
    expect(short.texts).toEqual([]);
    expect(short.cards[0]).toMatchObject({
      main_title: { title: "确认保存吗?" },
      sub_title_text: "南山街道,共13名",
    });
    const long = renderMessage(
      `请选择一项\n${"说明".repeat(200)}`,
      [[{ text: "📄 起草报批请示(给县团委)", callback_data: "doc" }]],
      2,
      "b",
    );
    expect(long.texts.join("\n")).toContain("#1 📄 起草报批请示(给县团委)");
    expect(long.cards[0]!.button_list[0]!.text.length).toBeLessThanOrEqual(10);
  });
});
