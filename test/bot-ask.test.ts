import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import { callbackUpdate, textUpdate } from "./fixtures/updates.js";

const user = { id: 7301, first_name: "小李", language_code: "zh-hans" };
type Keyboard = { inline_keyboard: { text: string; callback_data: string }[][] };

describe("policy questions in the chat", () => {
  let p: Pipeline;
  beforeEach(async () => {
    p = await startPipeline();
  });
  afterEach(async () => {
    await p.close();
  });

  it("answers /ask with the answer, its sources, and a button per source", async () => {
    await p.bot.handleUpdate(textUpdate(user, "/ask 南山街道宣传发动要多少天?"));
    const reply = p.api.sent("sendMessage").at(-1)!;
    expect(String(reply.payload.text)).toMatch(/南山街道.*10/);
    expect(String(reply.payload.text)).toContain("来源:");
    expect(String(reply.payload.text)).toContain("《南山街道团工委推进团组织格局创新工作实施方案》");
    const buttons = (reply.payload.reply_markup as Keyboard).inline_keyboard.flat();
    expect(buttons[0]!.callback_data).toBe("src:nanshan-plan:s4-1");
  });

  it("treats free text as a question, in the question's language", async () => {
    await p.bot.handleUpdate(textUpdate(user, "How long is the pre-appointment notice in Nanshan?"));
    const text = String(p.api.sent("sendMessage").at(-1)!.payload.text);
    expect(text).toMatch(/one week/);
    expect(text).toContain("Sources:");
    expect(text).toContain("一周");
  });

  it("opens the full cited section from the source button", async () => {
    await p.bot.handleUpdate(textUpdate(user, "/ask 南山街道宣传发动要多少天?"));
    const reply = p.api.sent("sendMessage").at(-1)!;
    const keyboard = reply.payload.reply_markup as Keyboard;
    await p.bot.handleUpdate(callbackUpdate(user, { message_id: 1, reply_markup: keyboard }, keyboard.inline_keyboard[0]![0]!.callback_data));
    const section = String(p.api.sent("sendMessage").at(-1)!.payload.text);
    expect(section).toContain("(一)宣传发动");
    expect(section).toContain("宣传发动时间不少于 10 天");
  });

  it("says plainly when the knowledge base has nothing, without sources", async () => {
    await p.bot.handleUpdate(textUpdate(user, "/ask 茅台今天的股价是多少?"));
    const reply = p.api.sent("sendMessage").at(-1)!;
    expect(String(reply.payload.text)).toContain("没有找到");
    expect(reply.payload.reply_markup).toBeUndefined();
  });

  it("explains how to use /ask without a question, and refuses forged source buttons", async () => {
    await p.bot.handleUpdate(textUpdate(user, "/ask"));
    expect(p.textsTo(user.id).at(-1)).toContain("/ask");
    await p.bot.handleUpdate(callbackUpdate(user, { message_id: 1 }, "src:nanshan-plan:s99"));
    expect(p.api.sent("answerCallbackQuery").at(-1)!.payload.text).toContain("过期");
  });
});
