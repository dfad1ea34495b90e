/**
 * The local chat page's WeCom view of the transcript (src/http/local-chat-wecom.ts): what WeCom shows
 * of a bot message and of its edit after a press, from rows of the real transcript store.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/env.js";
import { localChatStore } from "../src/db/local-chat.js";
import { wecomChoice, wecomParts } from "../src/http/local-chat-wecom.js";
import { createLogger } from "../src/logging.js";
import { composeAssistant } from "../src/runtime/compose.js";
import { type TempDatabase, tempDatabase } from "./fixtures/database.js";
import { openLocalSession } from "./fixtures/local-session.js";

let database: TempDatabase;
beforeEach(async () => {
  database = await tempDatabase("local-wecom-");
});
afterEach(() => database.cleanup());

const CHAT = 1_700_000_000_001;
const keyboard = (...labels: string[]) => ({
  inline_keyboard: labels.map((text, i) => [{ text, callback_data: `b:${i}` }]),
});
const same = (address: string) => address;

describe("the local chat page's WeCom view", () => {
  it("shows a card edited into another card as that card updated in place, and nothing sent anew", async () => {
    const store = localChatStore(database.db);
    const row = await store.append({ chatId: CHAT, fromBot: true, text: "提醒设置\n状态:已开启。", replyMarkup: keyboard("静音") });
    const [card] = wecomParts(row, same);
    expect(card).toMatchObject({ kind: "card", title: "提醒设置", buttons: [{ text: "#1 静音", data: "b:0" }] });

    const edited = await store.edit(CHAT, row.id, { text: "提醒设置\n状态:已静音。", replyMarkup: keyboard("取消静音") }, Date.now());
    const parts = wecomParts(edited!, same);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ kind: "card", updated: true, buttons: [{ text: "#1 取消静音" }] });
    expect(JSON.stringify(parts[0])).toContain("已静音");
  });

  it("shows a card whose buttons were taken away with one greyed '已处理', and an edited text after it", async () => {
    const store = localChatStore(database.db);
    const prompt = await store.append({ chatId: CHAT, fromBot: true, text: "请选择:", replyMarkup: keyboard("甲", "乙") });
    const pressed = await store.edit(CHAT, prompt.id, { replyMarkup: null }, Date.now());
    expect(wecomParts(pressed!, same)).toEqual([
      expect.objectContaining({ kind: "card", title: "请选择:", buttons: [], done: "已处理" }),
    ]);
    const other = await store.append({ chatId: CHAT, fromBot: true, text: "请选择语言:", replyMarkup: keyboard("中文") });
    const chosen = await store.edit(CHAT, other.id, { text: "已切换为中文。", replyMarkup: null }, Date.now());
    expect(wecomParts(chosen!, same)).toEqual([
      expect.objectContaining({ kind: "card", title: "请选择语言:", done: "已处理" }),
      { kind: "text", text: "已切换为中文。" },
    ]);
  });

  it("labels a switched-off card in the card's own language, as WeCom's channel does", async () => {
    const store = localChatStore(database.db);
    const asked = await store.append({ chatId: CHAT, fromBot: true, text: "请选择界面语言:", replyMarkup: keyboard("English") });
    const chosen = await store.edit(CHAT, asked.id, { text: "The interface is now in English.", replyMarkup: null }, Date.now());
    expect(wecomParts(chosen!, same)[0]).toMatchObject({ kind: "card", done: "已处理" });
    const prompt = await store.append({ chatId: CHAT, fromBot: true, text: "Delete all your data?", replyMarkup: keyboard("Delete", "Cancel") });
    const kept = await store.edit(CHAT, prompt.id, { replyMarkup: null }, Date.now());
    expect(wecomParts(kept!, same)[0]).toMatchObject({ kind: "card", done: "Done" });
  });

  it("reads '#n' as the n-th button of the card changed last, and other text as text", async () => {
    const store = localChatStore(database.db);
    await store.append({ chatId: CHAT, fromBot: true, text: "第一张", replyMarkup: keyboard("甲", "乙") });
    const last = await store.append({ chatId: CHAT, fromBot: true, text: "第二张", replyMarkup: keyboard("丙", "丁") });
    // A later paper of 2 MB, without buttons: not what "#n" answers, and not read for it.
    const paper = new Uint8Array(2 * 1024 * 1024).fill(7);
    await store.append({ chatId: CHAT, fromBot: true, text: "📎 任前公示.docx", document: { name: "任前公示.docx", data: paper } });
    await store.append({ chatId: CHAT, fromBot: false, text: "#2" });
    const card = await store.lastCard(CHAT);
    expect(card).toMatchObject({ id: last.id, documentData: null });
    expect(wecomChoice("#2", card)).toMatchObject({ row: { id: last.id }, data: "b:1" });
    expect(wecomChoice("＃1", card)?.data).toBe("b:0");
    expect(wecomChoice("#3", card)).toBeUndefined();
    expect(wecomChoice("2", card)).toBeUndefined();
    // Its buttons taken away: "#n" presses no older card.
    await store.edit(CHAT, last.id, { replyMarkup: null }, Date.now());
    expect(wecomChoice("#1", await store.lastCard(CHAT))).toBeUndefined();
  });

  it("reads '#n' as plain text once the last card's buttons were taken away, as WeCom does: the chosen language stays", async () => {
    const local = composeAssistant({
      config: parseConfig({}),
      client: database.client,
      statements: database.statements,
      logger: createLogger("silent"),
    });
    const browser = await openLocalSession(local.app);
    type View = { id: number; fromBot: boolean; text: string; buttons: { text: string; data: string | null }[][] };
    type Answer = { revision: number; messages: View[] };
    let seen = 0;
    /** What changed since the last answer, as the page asks. */
    const send = async (path: string, body: object) => {
      const answer = (await (await browser.post(path, { ...body, after: seen, channel: "wecom" })).json()) as Answer;
      seen = answer.revision;
      return answer.messages;
    };
    const say = (text: string) => send("/local/messages", { text });
    // An older card with buttons (the welcome's "登记乡镇"), then the language card.
    await say("/start");
    const prompt = (await say("/language")).find((m) => m.fromBot && m.buttons.length > 0)!;
    const english = prompt.buttons.flat().find((b) => b.text.includes("English"))!;
    await send("/local/callback", { messageId: prompt.id, data: english.data });
    const answer = await say("#1");
    const bot = answer.filter((m) => m.fromBot).map((m) => m.text).join("\n");
    expect(bot).not.toContain("已切换为中文");
    expect(bot).not.toMatch(/\(1\/12\)/);
    const again = (await say("/language")).filter((m) => m.fromBot && m.buttons.length > 0).at(-1)!;
    expect(again.buttons.flat().find((b) => b.text.includes("English"))!.text).toContain("✓");
  });
  it("takes a second click of a button its message no longer has as nothing pressed, not as a failure", async () => {
    const local = composeAssistant({ config: parseConfig({}), client: database.client, statements: database.statements, logger: createLogger("silent") });
    const browser = await openLocalSession(local.app);
    type View = { id: number; fromBot: boolean; text: string; buttons: { text: string; data: string | null }[][] };
    const start = (await (await browser.post("/local/messages", { text: "/language", after: 0 })).json()) as { messages: View[] };
    const prompt = start.messages.find((m) => m.fromBot && m.buttons.length > 0)!;
    const english = prompt.buttons.flat().find((b) => b.text.includes("English"))!;
    const first = await browser.post("/local/callback", { messageId: prompt.id, data: english.data, after: 0 });
    expect(first.status).toBe(200);
    // The double click arrives after the first one's edit took the buttons away.
    const second = await browser.post("/local/callback", { messageId: prompt.id, data: english.data, after: 0 });
    expect(second.status).toBe(200);
    const texts = ((await second.json()) as { messages: View[] }).messages.filter((m) => m.fromBot).map((m) => m.text);
    expect(texts.filter((t) => t.includes("The interface is now in English"))).toHaveLength(1);
  });
});
