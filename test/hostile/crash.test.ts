/**
 * The Node server in webhook mode killed with SIGKILL while hundreds of updates are in flight, then
 * started again on the same database file. Every update acknowledged (HTTP 200) before the kill has
 * its effect in the database; Telegram's redelivery of the others is handled (the dead process's
 * claims are released at start), and in the end every update has had its effect exactly once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotApiFixture, startBotApi, TEST_BOT_INFO } from "../fixtures/bot-api.js";
import { type RunningServer, startServer } from "../fixtures/server-process.js";
import { databaseProblems } from "./checks.js";
import { callbackQuery, type Person, textMessage } from "./updates.js";

const SECRET = "crash-test-webhook-secret";
const person = (id: number): Person => ({ id, first_name: `用户${id}`, language_code: "zh-hans" });

/** What an update must have left in the database once acknowledged. */
interface Expectation {
  update: Update;
  holds(db: Client): Promise<boolean>;
}

describe("a crash under load", () => {
  let dir: string;
  let api: BotApiFixture;
  let server: RunningServer;
  let env: Record<string, string>;
  let db: Client;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tuanjian-crash-"));
    api = await startBotApi();
    env = {
      DATABASE_URL: `file:${join(dir, "bot.db")}`,
      BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      BOT_MODE: "webhook",
      WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: api.url,
      BOT_INFO: JSON.stringify(TEST_BOT_INFO),
      PII_HASH_KEY: "crash-key",
      LOG_LEVEL: "warn",
    };
    server = await startServer(env);
    db = createClient({ url: env.DATABASE_URL! });
  });
  afterAll(async () => {
    db.close();
    await server.stop("SIGKILL");
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (update: Update) =>
    fetch(`${server.url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: JSON.stringify(update),
    });
  const one = async (sql: string, args: (string | number)[]) => (await db.execute({ sql, args })).rows[0];
  const lastButton = (userId: number, label: string) => {
    const call = api
      .sent("sendMessage")
      .filter((c) => Number(c.payload.chat_id) === userId && JSON.stringify(c.payload.reply_markup ?? "").includes(label))
      .at(-1)!;
    const markup = (typeof call.payload.reply_markup === "string" ? JSON.parse(call.payload.reply_markup) : call.payload.reply_markup) as {
      inline_keyboard: { text: string; callback_data: string }[][];
    };
    return markup.inline_keyboard.flat().find((b) => b.text.includes(label))!.callback_data;
  };

  it("keeps every acknowledged update, and handles Telegram's redelivery of the rest exactly once", async () => {
    // Before the load: a secretary with a township and 40 deputies in it; 100 people in the registration.
    const secretary = person(600_000);
    const setup = async (update: Update) => expect((await post(update)).status).toBe(200);
    await setup(textMessage(secretary, "/register"));
    for (const answer of ["四川省", "攀枝花市", "东区", "崩溃镇"]) await setup(textMessage(secretary, answer));
    await setup(callbackQuery(secretary, lastButton(secretary.id, "乡镇"), { message_id: 1 }));
    await setup(callbackQuery(secretary, lastButton(secretary.id, "四川"), { message_id: 1 }));
    await setup(textMessage(secretary, "2024-03-15"));
    await setup(textMessage(secretary, "2024-04-05"));
    for (let i = 0; i < 4; i++) await setup(callbackQuery(secretary, lastButton(secretary.id, "默认值"), { message_id: 1 }));
    await setup(callbackQuery(secretary, lastButton(secretary.id, "确认保存"), { message_id: 1 }));
    await setup(textMessage(secretary, "/invite"));
    const token = /join_([\w-]+)/.exec(api.sent("sendMessage").at(-1)!.payload.text as string)![1];
    const deputies = Array.from({ length: 40 }, (_, i) => person(600_100 + i));
    const registering = Array.from({ length: 100 }, (_, i) => person(600_200 + i));
    await Promise.all([
      ...deputies.map((d) => setup(textMessage(d, `/start join_${token}`))),
      ...registering.map((r) => setup(textMessage(r, "/register"))),
    ]);

    // The load: 100 answers in the registration, 160 candidates imported, 100 people saying /start.
    const sessionHas = (userId: number, province: string) => async (client: Client) =>
      String((await client.execute({ sql: "select value from sessions where key = ?", args: [String(userId)] })).rows[0]?.value ?? "").includes(
        `"province":"${province}"`,
      );
    const expectations: Expectation[] = [
      ...registering.map((r, i) => {
        const province = `省份${String.fromCodePoint(0x4e00 + i)}`;
        return { update: textMessage(r, province), holds: sessionHas(r.id, province) };
      }),
      ...deputies.flatMap((d, i) =>
        [0, 1, 2, 3].map((k) => {
          const name = `候选${String.fromCodePoint(0x4e00 + i * 4 + k)}`;
          return {
            update: textMessage(d, `/import ${name},女,1996-0${1 + k}-1${i % 10},共青团员,编制外,农村,委员,兼职,组织推荐,,是`),
            holds: async (client: Client) => Number((await client.execute({ sql: "select count(*) from candidates where name = ?", args: [name] })).rows[0]![0]) === 1,
          };
        }),
      ),
      ...Array.from({ length: 100 }, (_, i) => {
        const who = person(601_000 + i);
        return {
          update: textMessage(who, "/start"),
          holds: async (client: Client) => (await client.execute({ sql: "select 1 from users where id = ?", args: [who.id] })).rows.length === 1,
        };
      }),
    ];
    const acknowledged = new Set<number>();
    const inFlight = expectations.map(({ update }) =>
      post(update).then(
        (response) => {
          if (response.status === 200) acknowledged.add(update.update_id);
        },
        () => undefined, // the connection died with the server
      ),
    );
    const target = Math.floor(expectations.length / 3);
    while (acknowledged.size < target) await new Promise((r) => setTimeout(r, 2));
    await server.stop("SIGKILL");
    const killedWith = new Set(acknowledged);
    await Promise.all(inFlight);
    expect(acknowledged.size).toBe(killedWith.size);
    expect(killedWith.size).toBeLessThan(expectations.length);

    // Every acknowledged update has had its effect, and is marked done.
    const missing: number[] = [];
    for (const e of expectations.filter((x) => killedWith.has(x.update.update_id))) {
      const done = await one("select status from processed_updates where update_id = ?", [e.update.update_id]);
      if (!(await e.holds(db)) || done?.status !== "done") missing.push(e.update.update_id);
    }
    expect(missing).toEqual([]);

    // Restart on the same file; Telegram delivers again what was not acknowledged (and, for good measure, all the rest).
    server = await startServer(env, server.port);
    const again = await Promise.all(expectations.map(async ({ update }) => (await post(update)).status));
    expect(again.every((s) => s === 200)).toBe(true);
    for (const e of expectations) expect(await e.holds(db), JSON.stringify(e.update).slice(0, 200)).toBe(true);
    expect(Number((await one("select count(*) from candidates", []))![0])).toBe(160);
    expect(await databaseProblems(db)).toEqual([]);
    expect(server.output()).not.toMatch(/"level":"error"/);
    const released = /"abandoned_claims_released","updates":(\d+)/.exec(server.output())?.[1] ?? "0";
    console.info(`crash: ${killedWith.size} of ${expectations.length} updates acknowledged before SIGKILL, ${released} open claims released at restart`);
  }, 120_000);
});
