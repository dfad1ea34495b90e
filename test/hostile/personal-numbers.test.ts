/**
 * Personal numbers in any spelling, through every input, into no sink. Generated ID numbers and mobile
 * numbers, typed in groups, with dashes or dots, in full-width or mixed digits, inside other text, are
 * sent through the dialogs (township, county, candidate name and workplace, a step's note, a unit's
 * name), a pasted import row, an uploaded file and a policy question. Then every sink is scanned for
 * the digits in sequence: every column of every table, every Bot API request body, every log line and
 * every request to the language model.
 *
 * One exception, by design: `candidates.mobile` holds the candidate's mobile, entered in its own field
 * (never shown in full). Numbers typed anywhere else must not reach it either.
 */
import fc from "fast-check";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Pipeline, startPipeline } from "../fixtures/pipeline.js";
import { startFakeOpenAI } from "../fixtures/openai.js";
import { digitsOf, personalNumber } from "../fixtures/personal-numbers.js";
import { type WebhookUser, webhookUser } from "./driver.js";

const SECRET = "personal-numbers-webhook-secret";
/** Characters around a number: Chinese, Latin, punctuation and spaces (no digits: a digit glued to a number makes another number). */
const around = fc.string({ unit: fc.constantFrom(..."村委会工作单位镇街道abcXY ,。()-"), maxLength: 4 });
const embedded = fc.tuple(around, personalNumber(), around).map(([before, number, after]) => ({ text: `${before}${number.typed}${after}`, digits: number.digits }));
/** An eligible candidate's ID number as typed in an import row's ID column. */
const idColumn = personalNumber({ kind: "id", years: [1992, 2002] }).map((n) => ({ text: n.typed.replace(/,/g, ""), digits: n.digits }));

let p: Pipeline;
let model: Awaited<ReturnType<typeof startFakeOpenAI>>;
let nextPerson = 9100;

beforeAll(async () => {
  model = await startFakeOpenAI();
  model.behave({ kind: "refuse" });
  p = await startPipeline({
    webhookSecret: SECRET,
    rateLimit: { limit: 10_000, windowMs: 1000 },
    env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: model.baseURL },
  });
});
afterAll(async () => {
  await p.close();
  await model.close();
});

/** Every place a number could have gone, as (where, text) pairs. */
async function sinks(): Promise<[string, string][]> {
  const found: [string, string][] = [];
  const tables = (await p.database.client.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")).rows;
  for (const { name } of tables)
    for (const row of (await p.database.client.execute(`select * from "${String(name)}"`)).rows)
      for (const [column, value] of Object.entries(row))
        if (!(name === "candidates" && column === "mobile") && value !== null) found.push([`${String(name)}.${column}`, value instanceof ArrayBuffer ? new TextDecoder().decode(value) : String(value)]);
  for (const call of p.api.calls) found.push([`Bot API ${call.method}`, JSON.stringify(call.payload)]);
  for (const line of p.logLines) found.push(["log", line]);
  for (const prompt of model.prompts) found.push(["language model", prompt]);
  return found;
}

async function walkEveryInput(user: WebhookUser, n: { text: string }[]): Promise<void> {
  const [township, county, name, workplace, note, unit, rowId, fileId_, question, rowText, fileText] = n.map((x) => x.text) as string[];
  const csvSafe = (text: string) => text.replace(/[,，\n]/g, " ");
  await user.say("/start");
  // The township: county and name typed with numbers in them.
  await user.say("/register");
  for (const answer of ["四川省", "攀枝花市", county!, `${township}镇`]) await user.say(answer);
  await user.say("/cancel");
  await user.say("/register");
  for (const answer of ["四川省", "攀枝花市", "东区", "南湖镇"]) await user.say(answer);
  await user.click("乡镇");
  await user.click("四川");
  await user.say("2024-03-15");
  await user.say("2024-04-05");
  for (const _seat of ["secretary", "fulltime", "parttime", "members"]) await user.click("默认值");
  await user.click("确认保存");
  // A step's note.
  await user.say("/next");
  await user.click("记录完成情况");
  await user.say("2024-03-16");
  await user.say(note!);
  await user.say("/cancel");
  // The candidate dialog: a name with a number (refused, echoed), then a workplace with one.
  await user.say("/newcandidate");
  await user.say(name!);
  await user.say("周五");
  await user.click("委员");
  await user.click("兼职");
  await user.say("1998-05-06");
  if (user.last().includes("性别")) await user.click("女");
  await user.click("共青团员");
  await user.click("编制外");
  await user.click("农村");
  await user.click("组织推荐");
  await user.click("是");
  await user.click("跳过"); // mobile
  await user.click("本科");
  await user.say(workplace!);
  await user.say("/cancel");
  // A pasted import row and an uploaded file, with numbers in the ID and workplace columns.
  await user.say(`/import 吴六,,${rowId},共青团员,编制外,农村,委员,兼职,组织推荐,,是,,本科,${csvSafe(rowText!)}`);
  const fileId = `file-${user.person.id}`;
  p.api.addFile(fileId, `documents/${fileId}.csv`, new TextEncoder().encode(`姓名,性别,身份证号或出生日期,政治面貌,编制,领域,竞选职务,专兼职,推荐方式,是否本地,手机,学历,工作单位\n郑七,,${fileId_},共青团员,编制外,农村,委员,兼职,组织推荐,是,,本科,${csvSafe(fileText!)}\n`));
  await user.deliver(documentMessage(user, fileId));
  // A unit's name.
  await user.say("/supervise");
  if (!user.last().includes("哪一级")) await user.click("登记上级团委");
  await user.click("县（区）团委");
  await user.say(unit!);
  if (user.last().includes("请核对")) await user.click("确认保存");
  await user.say("/cancel");
  // A policy question, which goes to the language model.
  await user.say(`${question} 兼职副书记的年龄上限是多少?`);
}

let documentMessageId = 500_000;
function documentMessage(user: WebhookUser, fileId: string): Update {
  const person = user.person;
  return {
    update_id: 900_000 + documentMessageId,
    message: {
      message_id: documentMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: person.id, type: "private", first_name: person.first_name },
      from: { id: person.id, is_bot: false, first_name: person.first_name, language_code: person.language_code },
      document: { file_id: fileId, file_unique_id: fileId, file_name: "名单.csv", mime_type: "text/csv", file_size: 300 },
    },
  } as Update;
}

describe("personal numbers in any spelling, through every input", () => {
  it("leave their digits in sequence in no table, Bot API request, log line or model request", async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(embedded, embedded, embedded, embedded, embedded, embedded, idColumn, idColumn, embedded, embedded, embedded), async (numbers) => {
        const user = webhookUser(p, { id: nextPerson++, first_name: "测试", language_code: "zh-hans" });
        await walkEveryInput(user, numbers);
        const leaks: string[] = [];
        for (const [where, text] of await sinks()) {
          const digits = digitsOf(text);
          for (const n of numbers) if (digits.includes(n.digits)) leaks.push(`${where}: ${n.digits} in ${text.slice(0, 300)}`);
        }
        expect(leaks).toEqual([]);
      }),
      { numRuns: 6, endOnFailure: true },
    );
    // The walk reached the inputs: the model was asked, a unit and a township exist, candidates were imported.
    expect(model.prompts.length).toBeGreaterThan(0);
    const counts = await p.database.client.execute("select (select count(*) from townships), (select count(*) from org_units), (select count(*) from candidates)");
    expect(Object.values(counts.rows[0]!).map(Number)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)].map(() => expect.toSatisfy((n: number) => n > 0)));
  }, 180_000);
});
