/**
 * Property-based fuzzing of the whole update pipeline (createBot with every middleware, a libSQL file,
 * the recording Bot API): each run sets up two townships with candidates and users in the middle of
 * real dialogs, then delivers 50–70 generated updates — hostile text, commands with garbage, forged and
 * stale buttons, buttons really shown, edits, groups and channels, updates missing fields, odd
 * documents, re-deliveries. After every update and every run the checks of ./checks.ts must hold.
 *
 * Rerun: `npx vitest run test/hostile/fuzz.test.ts`; FUZZ_RUNS and FUZZ_SEED override the defaults
 * (a failure prints the seed and the shrunk list of updates that broke it).
 */
import { eq } from "drizzle-orm";
import fc from "fast-check";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionData } from "../../src/bot/context.js";
import { candidateRepository, hashIdNumber } from "../../src/db/candidates.js";
import { sessions } from "../../src/db/schema.js";
import { townshipRepository } from "../../src/db/townships.js";
import type { CandidateDraft } from "../../src/domain/candidate-fields.js";
import type { RecordedCall } from "../fixtures/bot-api.js";
import { candidateDraft } from "../fixtures/candidates.js";
import { type Pipeline, startPipeline } from "../fixtures/pipeline.js";
import { callProblems, databaseProblems, keyboardOf, logProblems, makeIdNumber } from "./checks.js";
import { type Actor, ACTORS, buildUpdate, callbackQuery, type Person, type Recipe, recipe, textMessage, type World } from "./updates.js";

const NOW = new Date("2024-03-20T02:00:00Z");
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** 100 runs of at least 50 updates: never fewer than 5,000 generated updates. */
const PER_RUN = { minLength: 50, maxLength: 70 };

const draft = (name: string, birthDate: string, overrides: Partial<CandidateDraft> = {}) => candidateDraft({ name, birthDate, ...overrides });

const plan = (name: string) => ({
  province: "四川省",
  city: "攀枝花市",
  county: "东区",
  name,
  kind: "township" as const,
  profileId: "sichuan" as const,
  partyElectionDate: "2024-03-15",
  plannedElectionDate: "2024-04-05",
  seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 6 },
});

describe("hostile and broken input through the whole pipeline", () => {
  let p: Pipeline;
  let run = 0;
  let generated = 0;
  beforeAll(async () => {
    p = await startPipeline({ now: () => NOW, rateLimit: { limit: 500, windowMs: 1000 }, env: { PII_HASH_KEY: "fuzz-key" } });
  });
  afterAll(() => p.close());

  async function session(userId: number): Promise<SessionData> {
    const row = await p.database.db.select().from(sessions).where(eq(sessions.key, String(userId))).get();
    return row ? (JSON.parse(row.value) as SessionData) : {};
  }

  /** Two townships with candidates, and four people in the middle of a dialog: the state updates arrive in. */
  async function seed(): Promise<World> {
    const base = 70_000_000 + ++run * 100;
    const person = (n: number, name: string, language_code: string): Person => ({ id: base + n, first_name: name, language_code });
    const people: Record<Actor, Person> = {
      reg: person(1, "登记人", "zh-hans"),
      sec: person(2, "张书记", "zh-hans"),
      dep: person(3, "Li", "en"),
      other: person(4, "王书记", "zh"),
      stranger: person(5, "غريب", "ar"),
    };
    const db = p.database.db;
    const townships = townshipRepository(db);
    for (const who of [people.sec, people.dep, people.other]) await townships.touchUser(who.id, who.first_name);
    const own = await townships.create(plan(`甲镇${run}`), people.sec.id, NOW);
    const token = (await townships.createInvite(people.sec.id, own, NOW))!;
    await townships.join(people.dep.id, token, NOW);
    const other = await townships.create(plan(`乙镇${run}`), people.other.id, NOW);
    const candidates = candidateRepository(db);
    const id = makeIdNumber("19960101", String(100 + (run % 800)).padStart(3, "0"));
    const ownAdded = [
      await candidates.add(own, people.sec.id, draft("赵一", "1996-01-01", { idNumberMasked: `**************${id.slice(14)}` }), await hashIdNumber("fuzz-key", id), "eligible", NOW),
      await candidates.add(own, people.dep.id, draft("钱二", "1998-02-02", { mobile: "13912345678" }), undefined, "eligible", NOW),
    ];
    const otherAdded = [await candidates.add(other, people.other.id, draft("孙三", "1997-03-03"), undefined, "eligible", NOW)];
    const ids = (added: typeof ownAdded) => added.flatMap((a) => (a.ok ? [a.candidate.id] : []));

    // Into the middle of real dialogs, through real updates.
    const seedUpdates: Update[] = [
      textMessage(people.reg, "/register"),
      textMessage(people.reg, "四川省"),
      textMessage(people.reg, "攀枝花市"),
      textMessage(people.sec, "/newcandidate"),
      textMessage(people.sec, "张三丰"),
      callbackQuery(people.sec, "dlg:candidate-add:post:2", { message_id: 1 }),
      textMessage(people.dep, "/plan"),
      callbackQuery(people.dep, "plan:seats", { message_id: 1 }),
      textMessage(people.other, "/next"),
      callbackQuery(people.other, "rec:work-plan", { message_id: 1 }),
    ];
    for (const update of seedUpdates) await p.bot.handleUpdate(update);
    const states = await Promise.all([people.reg, people.sec, people.dep, people.other].map(async (who) => (await session(who.id)).dialog));
    expect(states.map((d) => d && `${d.name}:${d.step}`)).toEqual([
      "register:county",
      "candidate-add:identity",
      "plan-seats:secretary",
      "step-work-plan:approvedOn",
    ]);
    return { people, ownCandidates: ids(ownAdded), otherCandidates: ids(otherAdded), inviteToken: token, seedUpdates };
  }

  /** The update a recipe stands for; a click presses a button of the last keyboard the actor was shown. */
  function resolve(r: Recipe, world: World, delivered: Update[]): Update {
    if (r.kind === "duplicate") return delivered[r.which % delivered.length]!;
    if (r.kind !== "click") return buildUpdate(r, world);
    const person = world.people[r.actor];
    const shown = p.api.calls.filter((c) => Number(c.payload.chat_id) === person.id && keyboardOf(c).flat().some((b) => b.callback_data));
    const last = shown.at(-1);
    if (!last) return textMessage(person, "/start");
    const buttons = keyboardOf(last).flat().filter((b) => b.callback_data);
    const button = buttons[r.button % buttons.length]!;
    return callbackQuery(person, button.callback_data!, { message_id: p.api.calls.indexOf(last) + 1, text: String(last.payload.text ?? "") });
  }

  /** What the update must have caused, by kind: an answer in the user's chat, or nothing at all. */
  function expectationProblems(r: Recipe, update: Update, calls: RecordedCall[], world: World): string[] {
    const problems: string[] = [];
    const describe = `${r.kind} ${JSON.stringify(update).slice(0, 300)}`;
    if (r.kind === "duplicate") {
      if (calls.length > 0) problems.push(`a re-delivered update made ${calls.length} call(s): ${describe}`);
      return problems;
    }
    const sentTo = (chat: number) => calls.filter((c) => c.status === 200 && c.method === "sendMessage" && Number(c.payload.chat_id) === chat);
    if (update.callback_query) {
      const answers = calls.filter((c) => c.method === "answerCallbackQuery" && c.payload.callback_query_id === update.callback_query!.id);
      if (answers.length !== 1 || answers[0]!.status !== 200) problems.push(`button answered ${answers.length} time(s): ${describe}`);
      return problems;
    }
    const person = world.people[r.actor];
    if (r.kind === "group") {
      const groupMessages = calls.filter((c) => c.method === "sendMessage");
      const isCommand = /^\/[A-Za-z0-9_]+(@tuanjian_test_bot)?(\s|$)/i.test(r.text);
      if (r.chat === "channel" ? groupMessages.length > 0 : groupMessages.length > (isCommand ? 1 : 0))
        problems.push(`${groupMessages.length} message(s) in a ${r.chat}: ${describe}`);
      if (r.chat !== "channel" && isCommand && groupMessages.length !== 1) problems.push(`a command in a group got no pointer to the private chat: ${describe}`);
      return problems;
    }
    if (r.kind === "bare" && ["no-from", "bot-sender", "poll", "inline", "member", "reaction"].includes(r.what)) {
      if (calls.some((c) => c.method === "sendMessage")) problems.push(`answered an update that is not for the assistant: ${describe}`);
      return problems;
    }
    if (sentTo(person.id).length === 0) problems.push(`no answer in the user's chat: ${describe}\n${calls.map((c) => `${c.method} ${c.status}`).join(", ")}`);
    return problems;
  }

  function handlerOf(updateId: number, since: number): string | undefined {
    for (const line of p.logLines.slice(since)) {
      if (!line.includes(`"update_id":${updateId}`) || !line.includes('"event":"update"')) continue;
      return (JSON.parse(line) as { handler?: string }).handler;
    }
    return undefined;
  }

  /** What the user wrote in an update (texts, captions, file names): the bot may quote it back. */
  function typedIn(update: Update): string[] {
    const message = update.message ?? update.edited_message ?? update.channel_post;
    return [message?.text, message?.caption, message?.document?.file_name, update.callback_query?.data].filter(
      (t): t is string => typeof t === "string",
    );
  }

  it("holds for thousands of generated updates: answers, languages, masking, logs and the database", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recipe, PER_RUN), async (recipes) => {
        const world = await seed();
        const logStart = p.logLines.length;
        const delivered: Update[] = [...world.seedUpdates];
        const typed: string[] = [];
        const problems: string[] = [];
        for (const r of recipes) {
          const update = resolve(r, world, delivered);
          if (r.kind === "document" && r.served && update.message?.document) p.api.addFile(update.message.document.file_id, `documents/${update.update_id}`, r.bytes);
          const person = r.kind === "duplicate" ? undefined : world.people[r.actor];
          const languageBefore = person ? (await session(person.id)).language : undefined;
          const before = p.api.calls.length;
          try {
            await p.bot.handleUpdate(update);
          } catch (error) {
            problems.push(`the pipeline threw: ${(error as Error).message} for ${JSON.stringify(update).slice(0, 300)}`);
          }
          generated++;
          delivered.push(update);
          const calls = p.api.calls.slice(before);
          problems.push(...expectationProblems(r, update, calls, world));
          // Replies are checked for Chinese when the user is Chinese-speaking throughout; answers to
          // questions follow the question's language, and a language switch or an erasure changes it.
          const languageAfter = person ? (await session(person.id)).language : undefined;
          const chinese =
            person && !person.language_code.startsWith("en") && !languageBefore && !languageAfter && handlerOf(update.update_id, logStart) !== "ask";
          typed.push(...typedIn(update));
          for (const call of calls) problems.push(...callProblems(call, chinese ? "zh" : "en", typed));
          if (problems.length > 0) break;
        }
        problems.push(...logProblems(p.logLines.slice(logStart)));
        problems.push(...(await databaseProblems(p.database.client)));
        if (problems.length > 0) throw new Error(problems.slice(0, 15).join("\n"));
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    // The run's figure for the README: how many generated updates went through.
    console.info(`hostile fuzzing: ${generated} generated updates in ${run} runs`);
    expect(generated).toBeGreaterThanOrEqual(RUNS * PER_RUN.minLength);
  }, 300_000);

  it("covers every kind of hostile update", () => {
    const kinds = new Set(fc.sample(recipe, { numRuns: 2000, seed: 1 }).map((r) => r.kind));
    expect([...kinds].sort()).toEqual(["bare", "callback", "click", "command", "document", "duplicate", "edited", "group", "text"]);
    expect(ACTORS).toHaveLength(5);
  });
});
