/**
 * Issue 19 through the real pipeline: WeCom callbacks sealed as WeCom seals them, POSTed to the app's
 * /wecom/callback (composeAssistant, as both runtimes wire it), the one bot and a temp libSQL file, and
 * the bot's answers reaching a loopback fake of WeCom's API (test/fixtures/wecom-server.ts).
 */

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import { botApiFetch } from "../src/bot/bot-api-fetch.js";
import { encodeButton } from "../src/buttons/callback-data.js";
import type { BotOptions } from "../src/bot/create-bot.js";
import { parseConfig } from "../src/config/env.js";
import { channelUserId } from "../src/db/channel-accounts.js";
import { openNodeDatabase } from "../src/db/node.js";
import { candidates } from "../src/db/schema.js";
import { townshipRepository } from "../src/db/townships.js";
import { createLogger } from "../src/logging.js";
import { runReminderSweep } from "../src/reminders/sweep.js";
import { composeAssistant } from "../src/runtime/compose.js";
import { type BotApiFixture, startBotApi, TEST_BOT_INFO } from "./fixtures/bot-api.js";
import { makeId } from "./fixtures/candidates.js";
import { type TempDatabase, tempDatabase } from "./fixtures/database.js";
import { openLocalSession } from "./fixtures/local-session.js";
import { freePort } from "./fixtures/server-process.js";
import {
  pressXml,
  sealCallback,
  startWecomServer,
  TEST_WECOM,
  textXml,
  type WecomServer,
  wecomEncrypt,
  wecomEnv,
  wecomMember,
  wecomSign,
} from "./fixtures/wecom-server.js";

const START = new Date("2026-02-26T01:00:00Z"); // 09:00 in Shanghai

interface Setup {
  database: TempDatabase;
  botApi: BotApiFixture;
  wecom: WecomServer;
  assistant: ReturnType<typeof composeAssistant>;
  logLines: string[];
  post(pathAndQuery: string, body: string): Promise<Response>;
  /** A WeCom member; the clock moves 5 s after each of their messages, as a person types. */
  member(userid: string): ReturnType<typeof wecomMember>;
}

let s: Setup;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: START });
  const database = await tempDatabase("wecom-");
  const botApi = await startBotApi();
  const wecom = await startWecomServer();
  const config = parseConfig({
    BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    PII_HASH_KEY: "wecom-test-pii-hash-key",
    TELEGRAM_API_ROOT: botApi.url,
    BOT_INFO: JSON.stringify(TEST_BOT_INFO),
    ...wecomEnv(TEST_WECOM, wecom.url),
  });
  const logLines: string[] = [];
  const assistant = composeAssistant({
    config,
    client: database.client,
    statements: database.statements,
    logger: createLogger("debug", (line) => logLines.push(line)),
    // As src/main.ts wires it: Telegram's and WeCom's calls through undici's pool (uploads included).
    botApiFetch: botApiFetch() as BotOptions["fetch"],
  });
  const post = (pathAndQuery: string, body: string) =>
    Promise.resolve(
      assistant.app.request(pathAndQuery, { method: "POST", body, headers: { "content-type": "text/xml" } }),
    );
  s = {
    database,
    botApi,
    wecom,
    assistant,
    logLines,
    post,
    member(userid) {
      const member = wecomMember(wecom, userid, post);
      const tick = async <T>(result: Promise<T>) => {
        const value = await result;
        vi.setSystemTime(Date.now() + 5000);
        return value;
      };
      return {
        ...member,
        say: (t) => tick(member.say(t)),
        press: (l) => tick(member.press(l)),
        sendFile: (n, b) => tick(member.sendFile(n, b)),
      };
    },
  };
});

afterEach(async () => {
  vi.useRealTimers();
  await s.wecom.close();
  await s.botApi.close();
  s.database.cleanup();
});

async function register(member: ReturnType<Setup["member"]>) {
  await member.say("/start");
  await member.press("登记乡镇");
  await member.say("四川省");
  await member.say("攀枝花市");
  await member.say("东区");
  await member.say("南山街道");
  await member.press("街道");
  await member.press("南山街道");
  await member.say("2024-03-15");
  await member.say("2024年4月5日");
  await member.press("用默认值");
  await member.press("用默认值");
  await member.press("用默认值");
  await member.press("用默认值");
  return member.press("确认保存");
}

describe("WeCom as a channel of the same bot", () => {
  it("answers the admin console's URL check with the decrypted echostr, and refuses a forged one", async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const echostr = wecomEncrypt(TEST_WECOM, "4387615210925847811");
    const query = (signature: string) =>
      `/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=17&echostr=${encodeURIComponent(echostr)}`;
    const ok = await s.assistant.app.request(query(wecomSign(TEST_WECOM.token, timestamp, "17", echostr)));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("4387615210925847811");
    const forged = await s.assistant.app.request(query(wecomSign("wrong", timestamp, "17", echostr)));
    expect(forged.status).toBe(403);
  });

  it("registers a township and answers a policy question over WeCom: cards for buttons, nothing via Telegram", async () => {
    const zhang = s.member("ZhangSan");
    const welcome = await zhang.say("/start");
    expect(welcome).toContain("登记乡镇");
    // The welcome and its button are one card: one message/send, as Telegram's one sendMessage.
    expect(zhang.received().map((d) => d.kind)).toEqual(["card"]);
    expect(welcome).toContain("陪您一步步完成");
    // Buttons arrive as button_interaction cards, numbered.
    expect(
      zhang
        .received()
        .some((d) => d.kind === "card" && d.card.button_list!.some((b) => b.text.includes("登记乡镇"))),
    ).toBe(true);

    expect(await register(zhang)).toContain("已保存“南山街道”");
    const userId = await channelUserId(s.database.db, "wecom", "ZhangSan");
    const plan = await townshipRepository(s.database.db).activeFor(userId);
    expect(plan).toMatchObject({
      name: "南山街道",
      kind: "subdistrict",
      profileId: "nanshan",
      plannedElectionDate: "2024-04-05",
    });
    // The press on "确认保存" edited its card in place (update_template_card with the press's code).
    expect(zhang.received().some((d) => d.kind === "card-update")).toBe(true);

    const answer = await zhang.say("团委委员候选人年龄有什么要求?");
    expect(answer).toMatch(/35周岁/);
    // Within WeCom's limits: no text truncated, no call refused; nothing went to Telegram.
    expect(zhang.received().filter((d) => d.kind === "text" && d.truncated)).toEqual([]);
    expect(zhang.received().filter((d) => (d.kind === "card" || d.kind === "card-update") && d.elided?.length)).toEqual([]);
    expect(s.wecom.calls.filter((c) => c.errcode !== 0)).toEqual([]);
    expect(s.botApi.calls.filter((c) => c.method !== "getMe")).toEqual([]);
    expect(s.wecom.tokenFetches).toBe(1);
  });

  it("takes '#n' as the press of the n-th button of the last card", async () => {
    const li = s.member("LiSi");
    await li.say("/start");
    const card = li.received().find((d) => d.kind === "card")!;
    const index =
      card.kind === "card" ? card.card.button_list!.findIndex((b) => b.text.includes("登记乡镇")) : -1;
    expect(index).toBeGreaterThanOrEqual(0);
    expect(await li.say(`#${index + 1}`)).toContain("省");
  });

  it("remembers a card's numbered choices and response code across a restart: '#n' to a new process presses and updates the card", async () => {
    const he = s.member("HeShiyi");
    await he.say("/language");
    const card = he.received().find((d) => d.kind === "card");
    if (card?.kind !== "card") throw new Error("no card");
    const english = card.card.button_list!.findIndex((b) => b.text.includes("English"));
    // Another process (or Worker isolate) on the same database file: nothing of the first in memory.
    const restarted = await openNodeDatabase(s.database.url);
    try {
      const next = composeAssistant({
        config: parseConfig({
          BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
          PII_HASH_KEY: "wecom-test-pii-hash-key",
          TELEGRAM_API_ROOT: s.botApi.url,
          BOT_INFO: JSON.stringify(TEST_BOT_INFO),
          ...wecomEnv(TEST_WECOM, s.wecom.url),
        }),
        client: restarted.client,
        statements: restarted.statements,
        logger: createLogger("silent"),
      });
      const post = (pathAndQuery: string, body: string) =>
        Promise.resolve(
          next.app.request(pathAndQuery, { method: "POST", body, headers: { "content-type": "text/xml" } }),
        );
      const before = he.received().length;
      const answer = await wecomMember(s.wecom, "HeShiyi", post).say(`#${english + 1}`);
      expect(answer).toMatch(/English/);
      // The card sent before the restart was updated with its own response code, not left pressable.
      const update = he.received().slice(before).find((d) => d.kind === "card-update");
      expect(update?.responseCode).toBe(card.responseCode);
      expect(s.wecom.calls.filter((c) => c.path === "message/update_template_card" && c.errcode !== 0)).toEqual([]);
    } finally {
      restarted.close();
    }
  });

  it("reads '#n' as plain text once the last card's buttons are switched off: the chosen language stays", async () => {
    const he = s.member("HeShiyi");
    await he.say("/language");
    expect(await he.press("English")).toContain("The interface is now in English.");
    // WeCom shows the language card switched off ([Done]): "#1" presses nothing on it.
    const before = he.received().length;
    const answer = await he.say("#1");
    expect(answer).not.toContain("已切换为中文");
    expect(he.received().slice(before).filter((d) => d.kind === "card-update")).toEqual([]);
    expect(answer).toContain("There is no button numbered 1 to press");
    // A number no card shows, full-width too, is told the same way, never taken for a policy question.
    expect(await he.say("#99")).toContain("There is no button numbered 99");
    expect(await he.say("＃０")).toContain("There is no button numbered 0");
    expect(await he.say("/language")).toContain("✓ English");
  });

  it("keeps a card's response code when WeCom is busy updating it: the retry updates the card, not a new message", async () => {
    const he = s.member("HeShiyi");
    await he.say("/language");
    const card = he.received().find((d) => d.kind === "card");
    if (card?.kind !== "card") throw new Error("no card");
    const english = card.card.button_list!.findIndex((b) => b.text.includes("English"));
    s.wecom.failNext("message/update_template_card", 45009, "api freq out of limit");
    const xml = textXml(TEST_WECOM, "HeShiyi", `#${english + 1}`, "6000000000000000123");
    expect((await he.deliver(xml)).status).toBe(503);
    // WeCom's retry of the same message: the card is switched off with the send's own response code.
    expect((await he.deliver(xml)).status).toBe(200);
    const updates = he.received().filter((d) => d.kind === "card-update");
    expect(updates.map((d) => d.responseCode)).toEqual([card.responseCode]);
    expect(he.all().join("\n")).toContain("The interface is now in English.");
  });

  it("remembers a card's choices once WeCom took its first page, even when a later page fails", async () => {
    const he = s.member("HeShiyi");
    await he.say("/start");
    const userId = await channelUserId(s.database.db, "wecom", "HeShiyi");
    // Eight choices: two cards. WeCom takes the first and is busy for the second.
    const keyboard = [
      [{ text: "English", callback_data: encodeButton("lang", "en") }],
      ...Array.from({ length: 7 }, () => [{ text: "中文", callback_data: encodeButton("lang", "zh") }]),
    ];
    s.wecom.failNext("message/send", -1, "system busy", 1, 1);
    await expect(
      s.assistant.bot.api.sendMessage(userId, "请选择界面语言:", { reply_markup: { inline_keyboard: keyboard } }),
    ).rejects.toMatchObject({ error_code: 502 });
    expect(he.received().filter((d) => d.kind === "card").at(-1)).toMatchObject({
      card: { button_list: expect.arrayContaining([expect.objectContaining({ text: "#1 English" })]) },
    });
    // The member answers the card they see.
    expect(await he.say("#1")).toContain("The interface is now in English.");
  });

  it("switches off an English member's card with 'Done', in the card's language, also when only its buttons are taken away", async () => {
    const he = s.member("HeShiyi");
    await he.say("/language");
    await he.press("English");
    expect(await he.say("/deleteme")).toContain("Cancel");
    expect(await he.press("Cancel")).toContain("Cancelled; nothing was deleted.");
    expect(he.received().filter((d) => d.kind === "card-update").map((d) => d.replaceName)).toEqual([
      // The language card was asked in Chinese; the erasure card in English.
      "已处理",
      "Done",
    ]);
  });

  it("forgets a WeCom member's last card when they delete their data (/deleteme)", async () => {
    const he = s.member("HeShiyi");
    await he.say("/deleteme");
    const userId = await channelUserId(s.database.db, "wecom", "HeShiyi");
    const cards = async () =>
      Number(
        (await s.database.client.execute({ sql: "SELECT count(*) AS n FROM wecom_cards WHERE chat_id = ?", args: [userId] }))
          .rows[0]!.n,
      );
    expect(await cards()).toBe(1);
    expect(await he.press("删除")).toContain("已删除");
    expect(await cards()).toBe(0);
  });

  it("sends the edited message anew when WeCom no longer takes the card's response code (72 hours)", async () => {
    const he = s.member("HeShiyi");
    await he.say("/language");
    const card = he.received().find((d) => d.kind === "card");
    if (card?.kind !== "card") throw new Error("no card");
    const button = card.card.button_list!.find((b) => b.text.includes("English"))!;
    const before = he.received().length;
    // A press whose response code has expired: WeCom refuses it for update_template_card.
    const response = await he.deliver(
      pressXml(TEST_WECOM, "HeShiyi", card.card.task_id!, button.key!, "expired-code"),
    );
    expect(response.status).toBe(200);
    const after = he.received().slice(before);
    expect(after.some((d) => d.kind === "text" || d.kind === "card")).toBe(true);
    expect(he.all().slice(before).join("\n")).toMatch(/English/);
    expect(
      s.wecom.calls.filter((c) => c.path === "message/update_template_card" && c.errcode !== 0).length,
    ).toBeGreaterThan(0);
  });

  it("handles the same callback once when WeCom delivers it twice, and refuses forged, stale and replayed ones", async () => {
    const xml = textXml(TEST_WECOM, "WangWu", "/start", "6000000000000000001");
    const first = sealCallback(TEST_WECOM, xml);
    expect((await s.post(`/wecom/callback?${first.query}`, first.body)).status).toBe(200);
    const sent = s.wecom.deliveries.length;
    expect(sent).toBeGreaterThan(0);
    // WeCom's retry: the same MsgId, sealed anew (another nonce); answered 200, nothing sent again.
    const retry = sealCallback(TEST_WECOM, xml);
    expect((await s.post(`/wecom/callback?${retry.query}`, retry.body)).status).toBe(200);
    expect(s.wecom.deliveries.length).toBe(sent);
    // The very same request again (a replay): acknowledged, nothing done, not even a ledger lookup.
    const replayed = s.logLines.length;
    expect((await s.post(`/wecom/callback?${first.query}`, first.body)).status).toBe(200);
    expect(s.logLines.slice(replayed).join("\n")).toContain("wecom_callback_replayed");
    // A wrong signature, and a callback sealed ten minutes ago.
    const forged = sealCallback(
      { ...TEST_WECOM, token: "attacker" },
      textXml(TEST_WECOM, "WangWu", "/start"),
    );
    expect((await s.post(`/wecom/callback?${forged.query}`, forged.body)).status).toBe(403);
    const stale = sealCallback(TEST_WECOM, textXml(TEST_WECOM, "WangWu", "/start"), {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect((await s.post(`/wecom/callback?${stale.query}`, stale.body)).status).toBe(403);
    expect((await s.post("/wecom/callback?msg_signature=x&timestamp=1&nonce=1", "not xml")).status).toBe(400);
    expect(s.wecom.deliveries.length).toBe(sent);
    const rows = await s.database.client.execute("SELECT count(*) AS n FROM processed_updates");
    expect(Number(rows.rows[0]!.n)).toBe(1);
  });

  it("loses nothing when WeCom is briefly busy: the callback is answered 503, and WeCom's retry is handled once", async () => {
    const wu = s.member("WuShi");
    s.wecom.failNext("message/send", -1, "system busy");
    const xml = textXml(TEST_WECOM, "WuShi", "/start", "6000000000000000077");
    expect((await wu.deliver(xml)).status).toBe(503);
    expect(wu.received()).toEqual([]);
    expect((await wu.deliver(xml)).status).toBe(200);
    expect(wu.all().join("\n")).toContain("登记乡镇");
    const welcomes = wu.received().filter((d) => d.kind === "card").length;
    expect((await wu.deliver(xml)).status).toBe(200);
    expect(wu.received().filter((d) => d.kind === "card").length).toBe(welcomes);
  });

  it("answers 503 when WeCom's API cannot be reached at all, without blaming the database, and handles the retry once", async () => {
    const unreachable = `http://127.0.0.1:${await freePort()}`;
    const logLines: string[] = [];
    const cut = composeAssistant({
      config: parseConfig({
        BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        PII_HASH_KEY: "wecom-test-pii-hash-key",
        TELEGRAM_API_ROOT: s.botApi.url,
        BOT_INFO: JSON.stringify(TEST_BOT_INFO),
        ...wecomEnv(TEST_WECOM, unreachable),
      }),
      client: s.database.client,
      statements: s.database.statements,
      logger: createLogger("debug", (line) => logLines.push(line)),
    });
    const post = (pathAndQuery: string, body: string) =>
      Promise.resolve(
        cut.app.request(pathAndQuery, { method: "POST", body, headers: { "content-type": "text/xml" } }),
      );
    const xml = textXml(TEST_WECOM, "SunBa", "/start", "6000000000000000099");
    expect((await wecomMember(s.wecom, "SunBa", post).deliver(xml)).status).toBe(503);
    expect(logLines.join("\n")).not.toContain("database_unavailable");
    // WeCom is back: its retry of the same callback is handled, once.
    const sun = s.member("SunBa");
    expect((await sun.deliver(xml)).status).toBe(200);
    expect(sun.all().join("\n")).toContain("登记乡镇");
  });

  it("fetches a new access token once when WeCom says it expired mid-conversation", async () => {
    const zhao = s.member("ZhaoLiu");
    await zhao.say("/start");
    await zhao.press("登记乡镇");
    expect(s.wecom.tokenFetches).toBe(1);
    s.wecom.expireTokens();
    expect(await zhao.say("四川省")).toContain("市");
    expect(s.wecom.tokenFetches).toBe(2);
    expect(s.wecom.calls.filter((c) => c.errcode === 42001)).toHaveLength(1);
  });

  it("imports a candidate sheet sent as a file, and sends a paper as a .docx file", async () => {
    const chen = s.member("ChenQi");
    await register(chen);
    const sheet = await writeXlsxFile([
      [
        "姓名",
        "性别",
        "身份证号或出生日期",
        "政治面貌",
        "编制",
        "领域",
        "竞选职务",
        "专兼职",
        "推荐方式",
        "是否本地",
      ],
      ["林一", "女", "1998-06-15", "共青团员", "编制外", "社会组织", "委员", "兼职", "组织推荐", "是"],
      [
        "林二",
        "",
        makeId("19990909", "622"),
        "中共预备党员",
        "编制外",
        "农村",
        "兼职副书记",
        "",
        "个人自荐",
        "是",
      ],
    ]).toBuffer();
    const report = await chen.sendFile("名单.xlsx", new Uint8Array(sheet));
    expect(report).toContain("录入 2 人");
    expect((await s.database.db.select().from(candidates).all()).map((r) => r.name).sort()).toEqual([
      "林一",
      "林二",
    ]);
    expect(s.wecom.calls.some((c) => c.path === "media/get" && c.errcode === 0)).toBe(true);

    const list = await chen.say("/documents");
    expect(list).toContain("任前公示");
    const paper = await chen.press("任前公示");
    expect(paper).toMatch(/📎 .+\.docx/);
    const file = chen.received().find((d) => d.kind === "file");
    // A real .docx (a zip) went up with media/upload and came as a file message.
    expect(file?.kind === "file" && Buffer.from(file.bytes.subarray(0, 2)).toString()).toBe("PK");
    // Its Chinese name arrived as written (the upload is multipart as WeCom documents it).
    expect(file?.kind === "file" && file.name).toMatch(/任前公示.*\.docx$/);
    expect(chen.received().filter((d) => d.kind === "text" && d.truncated)).toEqual([]);
  });

  it("delivers a reminder over WeCom; a 45009 in the batch leaves it for the next sweep", async () => {
    const sun = s.member("SunBa");
    await register(sun);
    const userId = await channelUserId(s.database.db, "wecom", "SunBa");
    const sweep = () =>
      runReminderSweep(
        { db: s.database.db, api: s.assistant.bot.api },
        { now: new Date(), messagesPerSecond: 1000 },
      );
    // Township's election 2024-04-05: set the clock to a week before, when reminders are due.
    vi.setSystemTime(new Date("2024-03-29T02:00:00Z"));
    s.wecom.failNext("message/send", 45009, "api freq out of limit");
    const deferred = await sweep();
    expect(deferred.messages.find((m) => m.chatId === userId)?.status).toBe("deferred");
    const before = sun.received().length;
    vi.setSystemTime(Date.now() + 120_000);
    const report = await sweep();
    expect(report.messages.find((m) => m.chatId === userId)?.status).toBe("sent");
    expect(sun.all().slice(before).join("\n")).toContain("⏰");
  });

  it("counts WeCom's requests behind each reminder against a Worker invocation's subrequests", async () => {
    vi.setSystemTime(new Date("2024-03-28T02:00:00Z"));
    const names = ["ZhengYi", "WangEr", "FengSan"];
    for (const name of names) await register(s.member(name));
    vi.setSystemTime(new Date("2024-03-29T02:00:00Z"));
    const budget = 12;
    const sweep = () =>
      runReminderSweep(
        { db: s.database.db, api: s.assistant.bot.api, channelRequests: s.assistant.wecom!.requests },
        { now: new Date(), messagesPerSecond: 1000, subrequestBudget: budget },
      );
    const requests = () => s.wecom.calls.length + s.wecom.tokenFetches;
    const before = requests();
    const first = await sweep();
    // Every request WeCom received is within what the sweep counted, and that within the budget.
    expect(requests() - before).toBeLessThanOrEqual(first.calls);
    expect(first.calls).toBeLessThanOrEqual(budget);
    expect(first.stopped).toBe("subrequest budget");
    // The next invocations send the rest, each member's reminder once.
    for (let i = 0; i < 4; i++) {
      vi.setSystemTime(Date.now() + 60_000);
      await sweep();
    }
    for (const name of names)
      expect(s.member(name).all().filter((m) => m.includes("【南山街道】")), name).toHaveLength(1);
  });

  it("defers only the reminders of a member at WeCom's 30 messages a minute: the others in the batch still go", async () => {
    // The day before reminders are due (the clock only moves on from here, as WeCom's does).
    vi.setSystemTime(new Date("2024-03-28T02:00:00Z"));
    const busy = s.member("ZhouJiu");
    const calm = s.member("WuShi");
    await register(busy);
    await register(calm);
    const busyId = await channelUserId(s.database.db, "wecom", "ZhouJiu");
    const calmId = await channelUserId(s.database.db, "wecom", "WuShi");
    vi.setSystemTime(new Date("2024-03-29T02:00:00Z"));
    // ZhouJiu has had 30 messages within the minute: a 31st would be refused.
    for (let i = 1; ; i++) {
      const refused = await s.assistant.bot.api.sendMessage(busyId, `第${i}条`).then(
        () => false,
        () => true,
      );
      if (refused) break;
    }
    const sweep = () =>
      runReminderSweep(
        { db: s.database.db, api: s.assistant.bot.api },
        { now: new Date(), messagesPerSecond: 1000 },
      );
    const busyBefore = busy.received().length;
    const first = await sweep();
    const status = (report: typeof first, chatId: number) => report.messages.find((m) => m.chatId === chatId)?.status;
    expect(status(first, busyId)).toBe("deferred");
    expect(status(first, calmId)).toBe("sent");
    expect(first.stopped, JSON.stringify(first.messages)).toBeUndefined();
    expect(calm.all().join("\n")).toContain("⏰");
    // A minute later the outbox still holds ZhouJiu's: sent then, once.
    vi.setSystemTime(Date.now() + 61_000);
    const second = await sweep();
    expect(status(second, busyId)).toBe("sent");
    expect(status(second, calmId)).toBeUndefined();
    // One reminder (its text, then its cards), not two.
    expect(busy.all().slice(busyBefore).filter((m) => m.includes("【南山街道】"))).toHaveLength(1);
    expect(s.wecom.dropped).toEqual([]);
  });

  it("keeps each member within WeCom's 30 messages a minute, and marks a member who left as unreachable", async () => {
    const userId = await channelUserId(s.database.db, "wecom", "QianShi");
    for (let i = 1; i <= 30; i++) await s.assistant.bot.api.sendMessage(userId, `第${i}条`);
    // The 31st within the minute is held back here (a 429 to the caller), not refused by WeCom.
    const error = await s.assistant.bot.api.sendMessage(userId, "第31条").catch((e: unknown) => e);
    expect(error).toMatchObject({ error_code: 429, parameters: { retry_after: 60 } });
    expect(s.wecom.deliveries.filter((d) => d.touser === "QianShi")).toHaveLength(30);
    // Nothing went to WeCom only to be dropped unseen.
    expect(s.wecom.dropped).toEqual([]);
    vi.setSystemTime(Date.now() + 61_000);
    await s.assistant.bot.api.sendMessage(userId, "第31条");
    expect(s.wecom.deliveries.filter((d) => d.touser === "QianShi")).toHaveLength(31);

    // WeCom's "not a member of this application" is the Bot API's 403: the reminders stop for them.
    s.wecom.failNext("message/send", 81013, "user & party & tag all invalid");
    await expect(s.assistant.bot.api.sendMessage(userId, "还在吗")).rejects.toMatchObject({
      error_code: 403,
    });
  });

  it("runs beside the local chat page too (no Telegram token): each channel's answers go to its own place", async () => {
    const config = parseConfig({ ...wecomEnv(TEST_WECOM, s.wecom.url) });
    const local = composeAssistant({
      config,
      client: s.database.client,
      statements: s.database.statements,
      logger: createLogger("silent"),
    });
    const post = (pathAndQuery: string, body: string) =>
      Promise.resolve(
        local.app.request(pathAndQuery, { method: "POST", body, headers: { "content-type": "text/xml" } }),
      );
    expect(await wecomMember(s.wecom, "ZhengShier", post).say("/start")).toContain("登记乡镇");
    const browser = await openLocalSession(local.app);
    const page = await browser.post("/local/messages", { text: "/start" });
    const answer = (await page.json()) as { messages: { fromBot: boolean; text: string }[] };
    expect(answer.messages.some((m) => m.fromBot && m.text.includes("登记乡镇"))).toBe(true);
    expect(s.wecom.deliveries.filter((d) => d.touser !== "ZhengShier")).toEqual([]);
  });
});
