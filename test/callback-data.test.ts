import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BUTTON_KINDS,
  type ButtonArgs,
  type ButtonKind,
  byteLength,
  CALLBACK_DATA_MAX_BYTES,
  decodeButton,
  encodeButton,
} from "../src/buttons/callback-data.js";
import { randomId } from "../src/db/townships.js";
import { STEP_IDS, stepById } from "../src/domain/checklist/index.js";
import { DOCUMENT_KINDS } from "../src/documents/kinds.js";
import { appDialogs } from "../src/handlers/index.js";
import { knowledgeBase } from "../src/knowledge/base.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import { callbackUpdate, textUpdate } from "./fixtures/updates.js";

const longest = (values: Iterable<string>): string => [...values].reduce((a, b) => (b.length > a.length ? b : a), "");

// The longest arguments the bot can put on a button, taken from the data the bot draws them from.
const dialogs = [...appDialogs().values()];
const dialogName = longest(dialogs.map((d) => d.name));
const fieldKey = longest(dialogs.flatMap((d) => d.fields.map((f) => f.key)));
const stepId = longest(STEP_IDS);
const stepField = longest(STEP_IDS.flatMap((id) => stepById(id).fields.map((f) => f.name)));
const docs = [...knowledgeBase().docs.values()];
const docId = longest(docs.map((d) => d.id));
const sectionId = longest(docs.flatMap((d) => d.sections.map((s) => s.id)));
const candidateField = "relaxationReason"; // the longest CandidateField
// Ids come from randomId(); tokens from randomId(16). A generous 32 characters covers both and seeded ids.
const rowId = randomId(24);

const LONGEST: { [K in ButtonKind]: ButtonArgs<K> } = {
  "nav:register": [],
  "nav:invite": [],
  "nav:progress": [],
  "nav:next": [],
  lang: ["zh"],
  step: [stepId],
  rec: [stepId],
  "fix:list": [],
  fix: [stepId, stepField],
  plan: ["profile"],
  doc: [longest(DOCUMENT_KINDS)],
  src: [docId, sectionId],
  "rem:show": [],
  "rem:snooze": [7],
  "rem:set": ["snooze", 7],
  "cand:add": [],
  "cand:import": [],
  "cand:slate": [],
  "cand:scores": [],
  "cand:list": [99],
  "cand:view": [rowId],
  "cand:edit": [rowId],
  "cand:ef": [rowId, candidateField],
  "cand:wd": [rowId],
  "cand:wdy": [rowId, 9999],
  "cand:wdn": [rowId],
  "cadd:fix": [candidateField],
  "score:record": [],
  "score:lots": [],
  "sup:new": [],
  "sup:inv": ["member", rowId],
  "sup:leave": [rowId],
  "sup:leave-ok": [rowId],
  "ov:u": [rowId, 999],
  "ov:t": [rowId],
  "ov:rel": [rowId],
  "ov:rel-ok": [rowId],
  "ov:n": [rowId],
  "ov:xlsx": [rowId],
  "ov:csv": [rowId],
  "priv:ask": [],
  "priv:keep": [],
  "priv:erase": [randomId(16)],
  dlg: [dialogName, fieldKey, "99"],
  dlp: [dialogName, fieldKey, "p99"],
};

describe("button data", () => {
  it("fits Telegram's 64 bytes for every kind of button, with its longest arguments", () => {
    expect(Object.keys(LONGEST).sort()).toEqual(Object.keys(BUTTON_KINDS).sort());
    for (const [kind, args] of Object.entries(LONGEST) as [ButtonKind, ButtonArgs<ButtonKind>][]) {
      const data = encodeButton(kind, ...(args as never as []));
      expect(byteLength(data), data).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
      expect(decodeButton(data)).toEqual({ kind, args });
    }
  });

  it("refuses to build a button whose arguments would not come back", () => {
    expect(() => encodeButton("cand:view", "has:colon")).toThrow();
    expect(() => encodeButton("ov:u", "x".repeat(41), 0)).toThrow();
  });

  it("reads the unversioned data of buttons sent before the prefix", () => {
    expect(decodeButton("step:work-plan")).toEqual({ kind: "step", args: ["work-plan"] });
    expect(decodeButton("rem:snooze:3")).toEqual({ kind: "rem:snooze", args: [3] });
    expect(decodeButton("rem:set:snooze:7")).toEqual({ kind: "rem:set", args: ["snooze", 7] });
    expect(decodeButton("fix:list")).toEqual({ kind: "fix:list", args: [] });
    expect(decodeButton("fix:work-plan:date")).toEqual({ kind: "fix", args: ["work-plan", "date"] });
    expect(decodeButton("ov:rel-ok:abc")).toEqual({ kind: "ov:rel-ok", args: ["abc"] });
  });

  it("reads nothing from another version, an unknown kind or bad arguments", () => {
    for (const data of ["v2:step:work-plan", "v1:nope", "nope:1", "v1:cand:list:x", "v1:step", "v1:plan:other", "v1:rem:set:snooze", "", "v1:step:a:b"])
      expect(decodeButton(data), data).toBeUndefined();
  });
});

describe("a stale or forged press", () => {
  const user = { id: 7301, first_name: "小李", language_code: "zh-hans" };
  const enUser = { id: 7302, first_name: "Li", language_code: "en" };
  let p: Pipeline;
  beforeEach(async () => {
    p = await startPipeline();
  });
  afterEach(async () => {
    await p.close();
  });

  it("gets one answer in the user's language and changes nothing", async () => {
    await p.bot.handleUpdate(textUpdate(user, "/start"));
    await p.bot.handleUpdate(textUpdate(enUser, "/start"));
    const before = p.api.sent("sendMessage").length;
    const message = { message_id: 1, text: "…" };
    for (const data of ["v9:step:work-plan", "v1:cand:wdy:abc:x", "v1:nope", "priv:erase:bad token"]) {
      await p.bot.handleUpdate(callbackUpdate(user, message, data));
      expect(p.api.sent("answerCallbackQuery").at(-1)!.payload.text, data).toContain("过期");
    }
    await p.bot.handleUpdate(callbackUpdate(enUser, message, "v1:ov:u:x:notanumber"));
    expect(p.api.sent("answerCallbackQuery").at(-1)!.payload.text).toMatch(/expired/i);
    expect(p.api.sent("sendMessage").length).toBe(before);
  });

  it("still answers a button sent before the prefix (old reminder messages)", async () => {
    await p.bot.handleUpdate(textUpdate(user, "/start"));
    const before = p.api.sent("sendMessage").length;
    await p.bot.handleUpdate(callbackUpdate(user, { message_id: 1, text: "…" }, "rem:show"));
    expect(p.api.sent("answerCallbackQuery").at(-1)!.payload.text ?? "").not.toContain("过期");
    expect(p.api.sent("sendMessage").length).toBe(before + 1);
  });
});
