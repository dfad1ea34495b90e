/**
 * Every dialog walked with generated answers — valid, invalid, commands, presses on buttons of
 * questions already answered, restarts of the process in between — through the real pipeline and
 * database. After each answer while a form is open, the reply is the next question, the same question
 * again with the reason first, or the end with what was done; a typed answer is never taken as a policy
 * question; and nothing saved breaks a rule.
 */
import fc from "fast-check";
import type { Bot } from "grammy";
import { describe, expect, it } from "vitest";
import type { BotContext } from "../src/bot/context.js";
import { createBot } from "../src/bot/create-bot.js";
import { parseConfig } from "../src/config/env.js";
import { candidateRepository } from "../src/db/candidates.js";
import { stepRepository } from "../src/db/steps.js";
import { townshipRepository } from "../src/db/townships.js";
import type { CandidateDraft } from "../src/domain/candidate-fields.js";
import { recordConflicts, STEP_IDS, type StepId, stepById, validateStepRecord } from "../src/domain/checklist/index.js";
import { addDays, shanghaiDate } from "../src/domain/time.js";
import { createPolicyDesk } from "../src/knowledge/ask.js";
import { createLogger } from "../src/logging.js";
import { TEST_BOT_INFO } from "./fixtures/bot-api.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import { callbackUpdate, textUpdate } from "./fixtures/updates.js";
import { appFeatures } from "../src/handlers/index.js";

const user = { id: 9801, first_name: "张书记", language_code: "zh-hans" };
const NOW = new Date("2024-03-10T02:00:00Z");
const TODAY = shanghaiDate(NOW);
const CANCEL_HINT = "发送 /cancel 可随时退出";
/** The start of the notice that lists records now in conflict (progress.ftl record-conflicts-now). */
const CONFLICTS_NOTICE = "下列已记录的步骤有冲突";

type Keyboard = { inline_keyboard: { text: string; callback_data?: string }[][] };

/** How each dialog is opened: a command, or a button's callback data, after what it needs is in place. */
interface Walked {
  name: string;
  open: { text: string } | { data: string };
  /** Steps recorded before (for a step's dialog). */
  before?: StepId;
  township?: boolean;
}

const DIALOGS: Walked[] = [
  { name: "register", open: { text: "/register" } },
  ...STEP_IDS.map((id): Walked => ({ name: `step-${id}`, open: { data: `rec:${id}` }, before: id, township: true })),
  ...["party", "election", "seats", "profile", "custom"].map((edit): Walked => ({ name: `plan-${edit}`, open: { data: `plan:${edit}` }, township: true })),
  { name: "candidate-add", open: { text: "/newcandidate" }, township: true },
  { name: "candidate-import", open: { text: "/import" }, township: true },
  { name: "supervise", open: { text: "/supervise" } },
];

/** Answers of every kind: right, wrong, empty-ish, in the future, numbers out of range, commands. */
const TYPED = [
  "2024-02-20",
  "2024-03-05",
  "2024年3月1日",
  "2030-01-01",
  "明年春天",
  "0",
  "3",
  "12",
  "-1",
  "99999",
  "-",
  "张三",
  "陈镇长",
  "四川省",
  "1995-05-05",
  "是",
  "委员",
  "兼职",
  "组织推荐",
  "兼职副书记的年龄上限是多少?",
  "林丁卯,男,1996-01-01,共青团员,编制外,农村,委员,兼职,组织推荐,,是",
  "攀枝花市东区团委",
  "/progress",
  "/plan",
];

type Action =
  | { kind: "type"; text: string }
  | { kind: "press"; index: number }
  | { kind: "stale"; back: number; index: number }
  | { kind: "restart" }
  | { kind: "cancel" }
  | { kind: "reopen" };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TYPED).map((text): Action => ({ kind: "type", text })) },
  { weight: 4, arbitrary: fc.nat(12).map((index): Action => ({ kind: "press", index })) },
  { weight: 2, arbitrary: fc.record({ back: fc.integer({ min: 1, max: 6 }), index: fc.nat(6) }).map((s): Action => ({ kind: "stale", ...s })) },
  { weight: 1, arbitrary: fc.constant<Action>({ kind: "restart" }) },
  { weight: 1, arbitrary: fc.constant<Action>({ kind: "cancel" }) },
  { weight: 1, arbitrary: fc.constant<Action>({ kind: "reopen" }) },
);

const DONE_WORDS = ["已记录", "录入结果", "已登记", "已保存", "已退出", "这张表单先停在这里", "另一位成员刚刚", "请确认", "请核对", "没有候选人"];

async function setUp(p: Pipeline, walked: Walked): Promise<void> {
  if (!walked.township) return;
  const repo = townshipRepository(p.database.db);
  await repo.touchUser(user.id, user.first_name);
  const id = await repo.create(
    {
      province: "海南省",
      city: "三亚市",
      county: "吉阳区",
      name: "某镇",
      kind: "township",
      profileId: "jiyang",
      partyElectionDate: "2024-02-01",
      plannedElectionDate: "2024-02-20",
      seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 6 },
    },
    user.id,
    NOW,
  );
  const steps = stepRepository(p.database.db);
  let day = "2023-12-01";
  for (const stepId of STEP_IDS.slice(0, walked.before ? STEP_IDS.indexOf(walked.before) : 0)) {
    const values: Record<string, string | number> = {};
    const length = stepId === "publicity" ? 15 : stepId === "pre-appointment-notice" ? 7 : 1;
    for (const f of stepById(stepId).fields) {
      if (!f.required) continue;
      if (f.kind === "date-range") Object.assign(values, { [`${f.name}Start`]: day, [`${f.name}End`]: addDays(day, length - 1) });
      else values[f.name] = f.kind === "date" ? day : f.kind === "count" ? 0 : "某某";
    }
    day = addDays(day, length);
    await steps.save(id, { stepId, values, recordedBy: user.id, recordedAt: NOW.toISOString() }, 0);
  }
  // A few candidates, so that the steps ticking some have someone to tick.
  const draft = (name: string, post: CandidateDraft["post"]): CandidateDraft => ({
    name,
    gender: "male",
    birthDate: "1995-05-05",
    politicalStatus: "party-member",
    establishment: "outside",
    sector: "rural",
    post,
    commitment: post === "member" || post === "parttime-deputy" ? "parttime" : "fulltime",
    channel: "organisation",
    localTie: true,
  });
  await candidateRepository(p.database.db).addMany(
    id,
    user.id,
    [draft("林甲子", "secretary"), draft("林乙丑", "member"), draft("林丙寅", "member")].map((d) => ({ draft: d, idNumberHash: undefined, status: "eligible" as const })),
    NOW,
  );
}

async function session(p: Pipeline): Promise<{ dialog?: { name: string; step: string } }> {
  const row = await p.database.client.execute({ sql: "SELECT value FROM sessions WHERE key = ?", args: [String(user.id)] });
  return row.rows[0] ? JSON.parse(String(row.rows[0].value)) : {};
}

async function walk(walked: Walked, actions: Action[]): Promise<void> {
  const p = await startPipeline({ now: () => NOW, rateLimit: { limit: 100_000, windowMs: 10_000 } });
  let bot: Bot<BotContext> = p.bot;
  const sent = () => p.api.sent("sendMessage").filter((c) => Number(c.payload.chat_id) === user.id);
  try {
    await setUp(p, walked);
    const send = async (update: Parameters<typeof bot.handleUpdate>[0]) => {
      const before = sent().length;
      await bot.handleUpdate(update);
      return sent().slice(before).map((c) => String(c.payload.text));
    };
    const open = () => ("text" in walked.open ? send(textUpdate(user, walked.open.text)) : send(callbackUpdate(user, { message_id: 1 }, walked.open.data)));
    let pressed = "";
    const press = (back: number, index: number) => {
      pressed = "";
      const withButtons = sent().filter((c) => c.payload.reply_markup);
      const call = withButtons.at(-back);
      const buttons = call ? (call.payload.reply_markup as Keyboard).inline_keyboard.flat().filter((b) => b.callback_data) : [];
      const button = buttons[index % Math.max(buttons.length, 1)];
      if (!call || !button) return undefined;
      const messageId = p.api.calls.indexOf(call) + 1;
      pressed = button.callback_data!;
      return send(callbackUpdate(user, { message_id: messageId, text: String(call.payload.text), reply_markup: call.payload.reply_markup }, button.callback_data!));
    };
    await open();
    /** Everything the bot said during the walk. */
    const told: string[] = [];
    for (const a of actions) {
      const before = (await session(p)).dialog;
      let replies: string[] | undefined;
      if (a.kind === "restart") {
        bot = createBot(
          { config: parseConfig({ PII_HASH_KEY: "test-pii-hash-key", BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ" }), db: p.database.db, logger: createLogger("debug", (line) => p.logLines.push(line)), now: () => NOW, ask: createPolicyDesk(undefined) },
          { features: appFeatures(), token: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", botInfo: TEST_BOT_INFO, apiRoot: p.api.url, apiRetries: 0, rateLimit: { limit: 100_000, windowMs: 10_000 } },
        );
        continue;
      }
      if (a.kind === "cancel") replies = await send(textUpdate(user, "/cancel"));
      if (a.kind === "reopen") {
        await open();
        continue;
      }
      if (a.kind === "type") replies = await send(textUpdate(user, a.text));
      if (a.kind === "press") replies = await press(1, a.index);
      if (a.kind === "stale") replies = await press(1 + a.back, a.index);
      if (replies) told.push(...replies);
      if (!replies || !before || before.name !== walked.name) continue;
      // A form was open: the reply is about it.
      const after = (await session(p)).dialog;
      const handler = JSON.parse(p.logLines.at(-1)!).handler as string;
      const command = a.kind === "type" && a.text.startsWith("/");
      const context = `${JSON.stringify(a)} at ${before.step} → ${JSON.stringify(replies)}`;
      // Typed while a form is open: answered by the form (its question, its refusal, or its end), never as a policy question.
      if (a.kind === "type" && !command) expect(handler, context).not.toMatch(/^(ask|fallback)/);
      // Other buttons (a list, a menu) lead elsewhere while the form waits: only the form's own are judged.
      if (command || ((a.kind === "press" || a.kind === "stale") && !/^dl[gp]:/.test(pressed))) continue;
      if (a.kind === "cancel") {
        expect(replies.join("\n"), context).toContain("已退出");
        continue;
      }
      if (replies.length === 0) {
        // A tick on a pick's option redraws it in place: the form is where it was.
        expect({ name: after?.name, step: after?.step }, context).toEqual({ name: before.name, step: before.step });
        continue;
      }
      const last = replies.at(-1)!;
      if (after?.name === walked.name) {
        // The next question, or the same again after the reason.
        expect(last, context).toContain(CANCEL_HINT);
        if (after.step === before.step && a.kind === "type") expect(replies.length, context).toBeGreaterThanOrEqual(2);
      } else {
        expect(DONE_WORDS.some((w) => replies!.join("\n").includes(w)) || last.includes(CANCEL_HINT), context).toBe(true);
      }
    }
    // Nothing saved breaks a rule: every record passes the checks it was saved under.
    const township = await townshipRepository(p.database.db).activeFor(user.id);
    if (township) {
      const records = await stepRepository(p.database.db).list(township.id);
      // A step recorded again may put a later one out of order: allowed, but only when the user was told.
      const conflicting = new Set(recordConflicts(township, records).map((c) => c.stepId));
      if (conflicting.size > 0) expect(told.some((text) => text.includes(CONFLICTS_NOTICE)), "the conflict was told").toBe(true);
      for (const r of records) {
        if (conflicting.has(r.stepId)) continue;
        const codes = validateStepRecord(r.stepId, r, township, records, { slateOk: true, slateReasons: [], today: TODAY }).map((v) => v.code);
        expect(codes.filter((c) => !c.startsWith("mark-") && !/seats|competitive|formal-too-few/.test(c)), r.stepId).toEqual([]);
      }
    }
  } finally {
    await p.close();
  }
}

describe("every dialog, walked with generated answers", () => {
  for (const walked of DIALOGS) {
    it(`${walked.name}: each reply is the next question, the same one with a reason, or the end`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 25 }), (actions) => walk(walked, actions)),
        { numRuns: 6 },
      );
    }, 120_000);
  }
});
