import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { townshipRepository } from "../src/db/townships.js";
import type { ProfileId } from "../src/domain/rules/types.js";
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
    // Compact sources: the short document name and the section.
    expect(String(reply.payload.text)).toContain("1. 南山街道方案 (一)宣传发动:「宣传发动时间不少于 10 天」");
    const buttons = (reply.payload.reply_markup as Keyboard).inline_keyboard.flat();
    expect(buttons[0]!.callback_data).toBe("v1:src:nanshan-plan:s4-1");
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
    await p.bot.handleUpdate(
      callbackUpdate(
        user,
        { message_id: 1, reply_markup: keyboard },
        keyboard.inline_keyboard[0]![0]!.callback_data,
      ),
    );
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

  async function registered(profileId: ProfileId, customRules = {}) {
    const repo = townshipRepository(p.database.db);
    await repo.touchUser(user.id, user.first_name);
    const plan = {
      province: "四川省",
      city: "攀枝花市",
      county: "东区",
      name: "南山街道",
      kind: "subdistrict" as const,
      profileId,
      partyElectionDate: "2011-10-10",
      seats: { secretary: 1, fulltimeDeputies: 0, parttimeDeputies: 3, members: 9 },
      customRules,
    };
    await repo.create(plan, user.id, new Date("2011-10-01T00:00:00Z"));
  }

  it("leads with the rule that applies to a registered secretary's township, then the other places", async () => {
    await registered("nanshan");
    await p.bot.handleUpdate(textUpdate(user, "宣传发动要几天?"));
    const lines = String(p.api.sent("sendMessage").at(-1)!.payload.text).split("\n");
    expect(lines[0]).toBe("您的乡镇适用南山街道方案:");
    expect(lines[1]).toBe("南山街道方案:宣传发动时间不少于10天。");
    expect(lines[2]).toBe("其他文件的规定:");
  });

  it("leads with the township's own value set in /plan", async () => {
    await registered("nanshan", { publicityDaysMin: { days: 20 } });
    await p.bot.handleUpdate(textUpdate(user, "宣传发动要几天?"));
    expect(String(p.api.sent("sendMessage").at(-1)!.payload.text).split("\n")[0]).toBe(
      "您在 /plan 中为本乡镇设定:宣传发动时间不少于20天。",
    );
  });

  it("gives a button for every cited section, beyond four", async () => {
    await p.bot.handleUpdate(textUpdate(user, "/ask 吉阳镇选配程序有哪些步骤?"));
    const reply = p.api.sent("sendMessage").at(-1)!;
    const buttons = (reply.payload.reply_markup as Keyboard).inline_keyboard.flat();
    const sources = String(reply.payload.text).split("来源:")[1]!.trim().split("\n");
    expect(buttons.length).toBeGreaterThan(4);
    expect(buttons).toHaveLength(sources.length);
    expect(new Set(buttons.map((b) => b.callback_data)).size).toBe(buttons.length);
  });

  it("shows an English reader the cited section in English", async () => {
    const english = { id: 7302, first_name: "Li", language_code: "en" };
    await p.bot.handleUpdate(textUpdate(english, "How long does publicity last in Nanshan?"));
    const keyboard = p.api.sent("sendMessage").at(-1)!.payload.reply_markup as Keyboard;
    await p.bot.handleUpdate(
      callbackUpdate(
        english,
        { message_id: 1, reply_markup: keyboard },
        keyboard.inline_keyboard[0]![0]!.callback_data,
      ),
    );
    const section = String(p.api.sent("sendMessage").at(-1)!.payload.text);
    expect(section).toContain("Publicity and mobilisation lasts no less than 10 days.");
    expect(section).not.toMatch(/\p{Script=Han}/u);
  });
});

describe("questions from the field", () => {
  let p: Pipeline;
  beforeEach(async () => {
    p = await startPipeline();
  });
  afterEach(async () => {
    await p.close();
  });

  it("tells a registered Nanshan secretary that Nanshan's plan sets no deadline before computing Jiyang's one month", async () => {
    const repo = townshipRepository(p.database.db);
    await repo.touchUser(user.id, user.first_name);
    await repo.create(
      {
        province: "四川省",
        city: "攀枝花市",
        county: "东区",
        name: "南山街道",
        kind: "subdistrict" as const,
        profileId: "nanshan",
        partyElectionDate: "2011-10-10",
        seats: { secretary: 1, fulltimeDeputies: 0, parttimeDeputies: 3, members: 9 },
        customRules: {},
      },
      user.id,
      new Date("2011-10-01T00:00:00Z"),
    );
    await p.bot.handleUpdate(textUpdate(user, "党委10月10日换届结束,格局创新最晚哪天完成?"));
    const text = String(p.api.sent("sendMessage").at(-1)!.payload.text);
    const lines = text.split("\n");
    expect(lines[0]).toBe("您的乡镇所依据的南山街道方案没有规定完成期限。");
    expect(lines[1]).toBe("其他文件的规定:");
    expect(lines[2]).toMatch(/^吉阳镇方案规定.*1个月内.*11月10日/);
    expect(text).toContain("吉阳镇方案");
  });
});
