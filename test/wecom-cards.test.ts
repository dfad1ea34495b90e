import { describe, expect, it } from "vitest";
import {
  CARD_BUTTONS,
  messageIdOfTask,
  renderMessage,
  splitText,
  type TemplateCard,
  TEXT_LIMIT_BYTES,
} from "../src/channels/wecom/cards.js";
import { translate } from "../src/i18n/index.js";

const bytes = (s: string) => new TextEncoder().encode(s).length;
const chars = (s: string | undefined) => [...(s ?? "")].length;
/** What a card shows of the text, without layout (line breaks, the rows' "key: value"). */
const shownText = (card: TemplateCard) =>
  [
    card.main_title.title,
    card.sub_title_text,
    ...(card.horizontal_content_list ?? []).flatMap((r) => [r.keyname, r.value]),
  ]
    .join("")
    .replace(/[\s:：]/g, "");
const bare = (text: string) => text.replace(/[\s:：]/g, "");

/** Each field within what WeCom shows of it (its documentation: beyond these it is elided). */
function expectWithinLimits(card: TemplateCard) {
  expect(chars(card.main_title.title)).toBeLessThanOrEqual(36);
  expect(chars(card.main_title.desc)).toBeLessThanOrEqual(44);
  expect(chars(card.sub_title_text)).toBeLessThanOrEqual(160);
  expect((card.horizontal_content_list ?? []).length).toBeLessThanOrEqual(6);
  for (const row of card.horizontal_content_list ?? []) {
    expect(chars(row.keyname)).toBeLessThanOrEqual(5);
    expect(chars(row.value)).toBeLessThanOrEqual(30);
  }
  expect(card.button_list.length).toBeLessThanOrEqual(6);
  for (const button of card.button_list) expect(chars(button.text)).toBeLessThanOrEqual(10);
}

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

  it("writes an English message's card hint in English even when the message quotes Chinese", () => {
    const keyboard = [[{ text: "📝 Record what was done", callback_data: "a" }], [{ text: "📄 Draft 工作领导小组名单", callback_data: "b" }]];
    const text = "Step 2/13 · Set up the working group [Preparation]\nWhat to do: Form a working group of the township Party committee and the League committee, with a named head.\nSource: “Jiyang Town plan”: 「成立工作领导小组」";
    const card = JSON.stringify(renderMessage(text, keyboard, 7, "n2").cards);
    expect(card).toContain(translate("en", "wecom-card-hint"));
    expect(card).not.toContain(translate("zh", "wecom-card-hint"));
    expect(JSON.stringify(renderMessage("请选择乡镇 /start", keyboard, 8, "n3").cards)).toContain(translate("zh", "wecom-card-hint"));
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

  it("sends /start's welcome with its button as one card: the whole text in the card, no text message", () => {
    const welcome = translate("zh", "welcome", { name: "ZhangSan" });
    const rendered = renderMessage(welcome, [[{ text: "📝 登记乡镇", callback_data: "reg" }]], 7, "w");
    expect(rendered.texts).toEqual([]);
    expect(rendered.cards).toHaveLength(1);
    expectWithinLimits(rendered.cards[0]!);
    expect(shownText(rendered.cards[0]!)).toBe(bare(welcome));
  });

  it("puts trailing 'name: value' lines in the card's rows when the second-level text cannot hold them", () => {
    const confirm = [
      "请核对:",
      `说明:${"这是一段较长的说明文字,".repeat(12)}`,
      "地点:四川省攀枝花市东区南山街道(街道)",
      "执行规定:南山区实施办法",
      "党委换届:2024-03-15",
      "团委选举:2024-04-05",
    ].join("\n");
    expect(chars(confirm)).toBeGreaterThan(160);
    const rendered = renderMessage(confirm, [[{ text: "确认保存", callback_data: "ok" }]], 8, "c");
    expect(rendered.texts).toEqual([]);
    const card = rendered.cards[0]!;
    expectWithinLimits(card);
    expect(card.horizontal_content_list?.map((r) => r.keyname)).toEqual(["地点", "执行规定", "党委换届", "团委选举"]);
    expect(shownText(card)).toBe(bare(confirm));
  });

  it("falls back to the text first and the card after it only when the text does not fit a card", () => {
    const welcome = translate("en", "welcome", { name: "ZhangSan" });
    const rendered = renderMessage(welcome, [[{ text: "Go", callback_data: "reg" }]], 9, "e");
    expect(rendered.texts).toEqual([welcome]);
    expect(rendered.cards).toHaveLength(1);
    expectWithinLimits(rendered.cards[0]!);
    expect(rendered.cards[0]!.sub_title_text).toBeUndefined();
  });

  it("keeps links and times whole: 'https://…', '8:30 开会', '12:00' and 'tel:' are no card rows", () => {
    // A second-level text the line after it no longer fits in: the card's rows are tried for it.
    const note = `${"请于周五前提交材料,".repeat(15)}务必按时`;
    const ok = [[{ text: "收到", callback_data: "ok" }]];
    for (const line of ["https://x.cn/a.pdf", "8:30 开会", "上午8:30 开会", "午休 12:00", "tel:12345678"]) {
      const rendered = renderMessage(`会议通知\n${note}\n${line}`, ok, 10, "l");
      expect(rendered.cards.flatMap((c) => c.horizontal_content_list ?? []), line).toEqual([]);
      // The line arrives as written, in the text before the card.
      expect(rendered.texts.join("\n")).toContain(line);
    }
    // A real "name: value" line still becomes a row, a time as its value too.
    const dated = renderMessage(`会议通知\n${note}\n地点:南山街道\n时间:8:30`, ok, 11, "m");
    expect(dated.cards[0]!.horizontal_content_list).toEqual([
      { keyname: "地点", value: "南山街道" },
      { keyname: "时间", value: "8:30" },
    ]);
  });

  it("takes a long first line's greeting up to a full-width '！', '？' or '；' as the card's title", () => {
    for (const mark of ["！", "？", "；"]) {
      const first = `张三您好${mark}我是团建助手,陪您一步步完成乡镇团委换届的各项工作,包括登记、名单和材料。`;
      const rendered = renderMessage(first, [[{ text: "开始", callback_data: "go" }]], 12, "g");
      expect(rendered.cards[0]!.main_title.title).toBe(`张三您好${mark}`);
    }
  });
});
