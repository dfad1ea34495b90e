/**
 * Hostile updates for the fuzzing suite: fast-check arbitraries of what users (and forgers) may send,
 * as recipes resolved against the run's world (its users, townships and candidates), and the builder
 * that turns a recipe into real Update JSON.
 */
import fc from "fast-check";
import type { Update } from "grammy/types";
import { COMMANDS } from "../../src/bot/commands.js";
import { STEP_IDS } from "../../src/domain/checklist/index.js";
import { DOCUMENT_KINDS } from "../../src/documents/kinds.js";
import { makeIdNumber } from "./checks.js";

export const ACTORS = ["reg", "sec", "dep", "other", "stranger"] as const;
export type Actor = (typeof ACTORS)[number];

export interface Person {
  id: number;
  first_name: string;
  language_code: string;
}

/** What a run has set up: who is who, and ids a forger could know. */
export interface World {
  people: Record<Actor, Person>;
  ownCandidates: string[];
  otherCandidates: string[];
  inviteToken: string;
  /** The updates that brought the users into their dialogs (re-delivered by the "duplicate" recipe too). */
  seedUpdates: Update[];
}

const chars = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c));
const cjk = chars(0x4e00, 0x9fff);
const rtl = fc.oneof(chars(0x0600, 0x06ff), chars(0x0590, 0x05ff), fc.constantFrom("\u202e", "\u202b", "\u200f", "\u061c"));
const emoji = fc.constantFrom("😀", "👍🏽", "👨‍👩‍👧‍👦", "🇨🇳", "🏳️‍🌈", "❤️", "🧧", "\u{1f9d1}\u200d\u{1f4bb}", "©️", "#️⃣");
const control = chars(0, 0x1f).map((c) => c);
const loneSurrogate = fc.constantFrom("\ud800", "\udfff", "a\ud83d", "\ude00b", "\ud83d\ud83d", "名\udc00字");

const ID = makeIdNumber("19950307", "231");
const OLD_ID = makeIdNumber("19800101", "112");
/** Answers a dialog may be waiting for, and near misses. */
const answers = fc.constantFrom(
  "是",
  "否",
  "跳过",
  "-",
  "—",
  "skip",
  "1",
  "0",
  "3",
  "40",
  "-1",
  "1.5",
  "１２",
  "99999999999999999999",
  "NaN",
  "1e3",
  "Infinity",
  "2024-03-15",
  "2024-04-05",
  "2024年3月15日",
  "2024-02-30",
  "1899-01-01",
  "9999-12-31",
  "今天",
  "四川省",
  "攀枝花市",
  "东区",
  "南山街道",
  "乡镇",
  "街道",
  "township",
  "recommended",
  "张三",
  "兼职副书记",
  "委员",
  "中共党员",
  "编制外",
  "农村",
  "组织推荐",
  "本科",
  "save",
  "fix",
  "yes",
  "restart",
  "王评委",
  "90 85.5 -",
  "1995-03-07",
);
/** Personal data, alone and inside text, in the spellings people use. */
const personal = fc.constantFrom(
  ID,
  OLD_ID,
  `身份证号${ID}请核对`,
  ID.toLowerCase(),
  `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`,
  "13812345678",
  "+86 138-1234-5678",
  `手机13912345678,身份证${ID}`,
  `ID${ID}x`,
  `张三,男,${ID},共青团员,编制外,农村,委员,兼职,组织推荐,,是,13812345678`,
);
/** Text that breaks naive formatting, templating or SQL. */
const injection = fc.constantFrom(
  "{ $name }",
  "{$x}",
  "%s %d",
  "$" + "{process.env}",
  "<b>bold</b><script>alert(1)</script>",
  "`code` *bold* _it_ [link](http://x)",
  "'; drop table users; --",
  '{"update_id": 1}',
  "\\",
  "\u0000",
  "\ufeff\u200b",
  "welcome",
  "error-generic",
  "cand-status-eligible",
);
const longText = fc.constantFrom(4095, 4096, 4097, 6000).chain((n) =>
  fc.constantFrom("字", "a", "😀", "\u0301").map((unit) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n)),
);

const simpleText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: control, minLength: 1, maxLength: 10 }) },
  { weight: 2, arbitrary: fc.string({ unit: cjk, minLength: 1, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: emoji, minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: rtl, minLength: 1, maxLength: 30 }) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 4, arbitrary: answers },
  { weight: 4, arbitrary: personal },
  { weight: 1, arbitrary: injection },
);
export const hostileText = fc.oneof(
  { weight: 12, arbitrary: simpleText },
  { weight: 1, arbitrary: longText },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.array(simpleText, { minLength: 2, maxLength: 4 }), fc.constantFrom(" ", "\n", ",", "\t"))
      .map(([parts, separator]) => parts.join(separator)),
  },
);

const commandName = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...COMMANDS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom("frobnicate", "START", "Start", "start@tuanjian_test_bot", "help@other_bot", "a".repeat(40), "删除", "deleteme2", "__proto__", "constructor"),
  },
);
/** A recipe for a callback button press: literal data, a template filled from the world, or "a button I was shown". */
type CallbackRecipe = { data: string } | { template: string; target: number; field: string; n: number };
const CALLBACK_TEMPLATES = [
  "cand:view:%c",
  "cand:edit:%c",
  "cand:ef:%c:%f",
  "cand:wd:%c",
  "cand:wdy:%c:%n",
  "cand:wdn:%c",
  "cand:list:%n",
  "cadd:fix:%f",
  "step:%s",
  "rec:%s",
  "doc:%k",
  "plan:%p",
  "dlg:%d:%f:%n",
  "dlg:%d:%f:d",
  "rem:snooze:%n",
  "rem:set:snooze:%n",
  "rem:set:mute",
  "rem:set:unmute",
  "rem:set:resume",
  "rem:show",
  "v1:step:%s",
  "v1:dlg:%d:%f:%n",
  "v1:dlp:%d:%f:ok",
  "src:%k:s%n",
  "priv:erase:%c",
  "priv:ask",
  "priv:keep",
  "nav:register",
  "nav:next",
  "nav:progress",
  "nav:invite",
  "cand:add",
  "cand:import",
  "cand:slate",
  "cand:scores",
  "score:record",
  "score:lots",
  "lang:en",
  "v1:lang:zh",
  "v1:lang:xx",
  "v2:nav:next",
  "language/0/0//",
] as const;
const FIELDS = ["name", "post", "identity", "mobile", "localTie", "relaxationReason", "confirm", "province", "secretary", "date", "zz", ""];
const DIALOGS = ["register", "candidate-add", "candidate-edit", "candidate-import", "candidate-scores", "plan-seats", "plan-custom", "step-work-plan", "nope"];
const callbackRecipe: fc.Arbitrary<CallbackRecipe> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 64 }).map((data) => ({ data })) },
  {
    weight: 6,
    arbitrary: fc.record({
      template: fc.constantFrom(...CALLBACK_TEMPLATES),
      target: fc.nat(),
      field: fc.constantFrom(...FIELDS),
      n: fc.oneof(fc.constantFrom(0, 1, 2, 3, 7, 99, 4_294_967_296), fc.nat()),
    }),
  },
);

export type Recipe =
  | { kind: "text"; actor: Actor; text: string }
  | { kind: "command"; actor: Actor; command: string; args?: string }
  | { kind: "click"; actor: Actor; button: number }
  | { kind: "callback"; actor: Actor; recipe: CallbackRecipe; withMessage: boolean }
  | { kind: "edited"; actor: Actor; text: string }
  | { kind: "group"; actor: Actor; chat: "group" | "supergroup" | "channel"; text: string }
  | { kind: "bare"; actor: Actor; what: "sticker" | "photo" | "location" | "contact" | "no-from" | "bot-sender" | "poll" | "inline" | "member" | "reaction" }
  | { kind: "document"; actor: Actor; name?: string; mime?: string; bytes: Uint8Array; served: boolean; lieSize: boolean }
  | { kind: "duplicate"; which: number };

const actor = fc.constantFrom(...ACTORS);
const csvBody = fc.constantFrom(
  "姓名,性别,出生日期,政治面貌,编制,领域,竞选职务,推荐方式,是否本地\n王五,男,1996-05-05,中共党员,编制外,农村,委员,组织推荐,是\n",
  `张三,男,${ID},共青团员,编制外,农村,委员,兼职,组织推荐,,是,13812345678\n`,
  "a,b,c\n\"unterminated,\n",
  "\ufeff姓名\n\n\n",
);
export const recipe: fc.Arbitrary<Recipe> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant("text" as const), actor, text: hostileText }) },
  {
    weight: 6,
    arbitrary: fc.record(
      { kind: fc.constant("command" as const), actor, command: commandName, args: hostileText },
      { requiredKeys: ["kind", "actor", "command"] },
    ),
  },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("click" as const), actor, button: fc.nat(20) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("callback" as const), actor, recipe: callbackRecipe, withMessage: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("edited" as const), actor, text: hostileText }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("group" as const),
      actor,
      chat: fc.constantFrom("group" as const, "supergroup" as const, "channel" as const),
      text: fc.oneof(hostileText, commandName.map((c) => `/${c}`)),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("bare" as const),
      actor,
      what: fc.constantFrom("sticker", "photo", "location", "contact", "no-from", "bot-sender", "poll", "inline", "member", "reaction") as fc.Arbitrary<
        Extract<Recipe, { kind: "bare" }>["what"]
      >,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant("document" as const),
        actor,
        name: fc.oneof(
          fc.constantFrom("名单.xlsx", "a.csv", "名单.CSV", "x.xls", "../../etc/passwd", "a.xlsx.exe", "\u202eslx.csv", "no-extension", ".csv", `${"长".repeat(300)}.csv`, `${ID}.csv`),
          fc.string({ unit: "grapheme", maxLength: 20 }),
        ),
        mime: fc.constantFrom("text/csv", "application/octet-stream", "image/png", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        bytes: fc.oneof(fc.uint8Array({ maxLength: 300 }), csvBody.map((t) => new TextEncoder().encode(t))),
        served: fc.boolean(),
        lieSize: fc.boolean(),
      },
      { requiredKeys: ["kind", "actor", "bytes", "served", "lieSize"] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), which: fc.nat() }) },
);

const pick = <T>(items: readonly T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined);

/** Fills a callback template from the world: own or other townships' candidates, or made-up ids. */
export function callbackData(recipe: CallbackRecipe, world: World): string {
  if ("data" in recipe) return recipe.data;
  const ids = [...world.ownCandidates, ...world.otherCandidates, "AAAAAAAAAAAA", "../../x", "0"];
  return recipe.template
    .replace("%c", pick(ids, recipe.target)!)
    .replace("%f", recipe.field)
    .replace("%n", String(recipe.n))
    .replace("%s", pick([...STEP_IDS, "nope", "publicity-notice"], recipe.target)!)
    .replace("%k", pick([...DOCUMENT_KINDS, "nanshan-plan", "jiyang-plan", "zzz"], recipe.target)!)
    .replace("%p", pick(["party", "election", "seats", "profile", "custom", "evil"], recipe.target)!)
    .replace("%d", pick(DIALOGS, recipe.target)!);
}

let nextUpdateId = 900_000_000;
let nextMessageId = 1;
const date = () => Math.floor(Date.now() / 1000);

function from(person: Person) {
  return { id: person.id, is_bot: false, first_name: person.first_name, language_code: person.language_code };
}
function privateChat(person: Person) {
  return { id: person.id, type: "private" as const, first_name: person.first_name };
}
function withCommand(text: string) {
  const command = /^\/[A-Za-z0-9_@]+/.exec(text)?.[0];
  return command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command.length }] } : {};
}

export function textMessage(person: Person, text: string): Update {
  return {
    update_id: nextUpdateId++,
    message: { message_id: nextMessageId++, date: date(), chat: privateChat(person), from: from(person), text, ...withCommand(text) },
  } as Update;
}

export function callbackQuery(person: Person, data: string, message?: { message_id: number; text?: string; reply_markup?: unknown }): Update {
  const id = nextUpdateId++;
  return {
    update_id: id,
    callback_query: {
      id: `q${id}`,
      from: from(person),
      ...(message
        ? {
            message: {
              message_id: message.message_id,
              date: date(),
              chat: privateChat(person),
              from: { id: 424242, is_bot: true, first_name: "团建助手", username: "tuanjian_test_bot" },
              text: message.text ?? "",
              ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
            },
          }
        : { inline_message_id: `inline-${id}` }),
      chat_instance: String(person.id),
      data,
    },
  } as Update;
}

/** The Update JSON of a recipe (not for clicks and duplicates, which need what was sent before). */
export function buildUpdate(r: Exclude<Recipe, { kind: "click" } | { kind: "duplicate" }>, world: World): Update {
  const person = world.people[r.actor];
  const base = { update_id: nextUpdateId++ };
  const message = { message_id: nextMessageId++, date: date(), chat: privateChat(person), from: from(person) };
  switch (r.kind) {
    case "text":
      return textMessage(person, r.text);
    case "command":
      return textMessage(person, `/${r.command}${r.args !== undefined ? ` ${r.args}` : ""}`);
    case "callback":
      return callbackQuery(person, callbackData(r.recipe, world), r.withMessage ? { message_id: 1 + (r.actor.length % 7), text: "…" } : undefined);
    case "edited":
      return { ...base, edited_message: { ...message, edit_date: date(), text: r.text } } as Update;
    case "group": {
      const chat =
        r.chat === "channel" ? { id: -1001234567890, type: "channel", title: "频道" } : { id: r.chat === "group" ? -4242 : -1004242, type: r.chat, title: "团委群" };
      return r.chat === "channel"
        ? ({ ...base, channel_post: { message_id: nextMessageId++, date: date(), chat, text: r.text, ...withCommand(r.text) } } as Update)
        : ({ ...base, message: { ...message, chat, text: r.text, ...withCommand(r.text) } } as Update);
    }
    case "bare":
      switch (r.what) {
        case "sticker":
          return { ...base, message: { ...message, sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } } } as Update;
        case "photo":
          return { ...base, message: { ...message, photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }], caption: `${ID}` } } as Update;
        case "location":
          return { ...base, message: { ...message, location: { latitude: 30.6, longitude: 104.1 } } } as Update;
        case "contact":
          return { ...base, message: { ...message, contact: { phone_number: "+8613812345678", first_name: "张三" } } } as Update;
        case "no-from": {
          const { from: _from, ...rest } = message;
          return { ...base, message: { ...rest, text: "/start" , entities: [{ type: "bot_command", offset: 0, length: 6 }] } } as Update;
        }
        case "bot-sender":
          return { ...base, message: { ...message, from: { ...from(person), is_bot: true }, text: "/help", entities: [{ type: "bot_command", offset: 0, length: 5 }] } } as Update;
        case "poll":
          return { ...base, poll: { id: "p1", question: "?", options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false } } as unknown as Update;
        case "inline":
          return { ...base, inline_query: { id: "i1", from: from(person), query: ID, offset: "" } } as Update;
        case "member":
          return {
            ...base,
            my_chat_member: {
              chat: privateChat(person),
              from: from(person),
              date: date(),
              old_chat_member: { status: "member", user: { id: 424242, is_bot: true, first_name: "团建助手" } },
              new_chat_member: { status: "kicked", user: { id: 424242, is_bot: true, first_name: "团建助手" }, until_date: 0 },
            },
          } as Update;
        case "reaction":
          return { ...base, message_reaction: { chat: privateChat(person), message_id: 1, user: from(person), date: date(), old_reaction: [], new_reaction: [{ type: "emoji", emoji: "👍" }] } } as Update;
      }
      break;
    case "document":
      return {
        ...base,
        message: {
          ...message,
          document: {
            file_id: `f${base.update_id}`,
            file_unique_id: `u${base.update_id}`,
            ...(r.name !== undefined ? { file_name: r.name } : {}),
            ...(r.mime ? { mime_type: r.mime } : {}),
            file_size: r.lieSize ? 50 * 1024 * 1024 : r.bytes.length,
          },
        },
      } as Update;
  }
  throw new Error("unreachable");
}
