/**
 * Ticking people from a long list: a township with 95 eligible candidates records its formal list.
 * Telegram takes at most 100 buttons in a message, so the names come 40 at a time with ◀ ▶; ticks are
 * kept across pages, "tick all" covers the whole list, and the confirmation saves every one ticked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PICK_PAGE_SIZE } from "../src/bot/dialogs/engine.js";
import { candidateRepository } from "../src/db/candidates.js";
import type { CandidateDraft } from "../src/domain/candidate-fields.js";
import { townshipBeforeFormalList } from "./fixtures/formal-list-township.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import { callbackUpdate, textUpdate } from "./fixtures/updates.js";

const NOW = new Date("2027-03-01T02:00:00Z");
const secretary = { id: 7401, first_name: "钟书记", language_code: "zh-hans" };
const COUNT = 95;
const nameOf = (i: number) => `候选人${String(i + 1).padStart(2, "0")}`;

type Keyboard = { inline_keyboard: { text: string; callback_data: string }[][] };
type Shown = { messageId: number; text: string; keyboard: Keyboard };

async function seed(p: Pipeline): Promise<string> {
  const db = p.database.db;
  const townshipId = await townshipBeforeFormalList(db, secretary, "北山街道", { organisation: 32, jointSignature: 32, self: 31 }, NOW);
  // A list that passes the slate checks: Party members, two for the secretary's seat, every channel.
  const channels = ["organisation", "joint-signature", "self"] as const;
  const entries = Array.from({ length: COUNT }, (_, i) => {
    const channel = channels[i % 3]!;
    const draft: CandidateDraft = {
      name: nameOf(i),
      gender: i % 2 ? "female" : "male",
      birthDate: `199${i % 8}-0${1 + (i % 9)}-1${i % 10}`,
      idNumberMasked: "**************123X",
      politicalStatus: i % 3 === 0 ? "party-member" : "league-member",
      establishment: "outside",
      sector: "rural",
      post: i < 2 ? "secretary" : i < 5 ? "parttime-deputy" : "member",
      commitment: i < 2 ? "fulltime" : "parttime",
      channel,
      ...(channel === "joint-signature" ? { signatures: 12 } : {}),
      localTie: true,
      mobile: `139${String(10_000_000 + i).slice(-8)}`,
      education: "bachelor",
      workplace: "北山街道",
    };
    return { draft, idNumberHash: `hash-${i}`, status: "eligible" as const };
  });
  await candidateRepository(db).addMany(townshipId, secretary.id, entries, NOW);
  return townshipId;
}

describe("a pick list longer than one message's buttons", () => {
  let p: Pipeline;
  let townshipId: string;

  /** The message with the formal-list buttons, as last sent or edited. */
  const shown = (): Shown => {
    const calls = p.api.calls.filter(
      (c) => (c.method === "sendMessage" || c.method === "editMessageText") && Number(c.payload.chat_id) === secretary.id && c.payload.reply_markup,
    );
    const last = calls.at(-1)!;
    const sent = p.api.calls.filter((c) => c.method === "sendMessage" && String(c.payload.text).includes("请勾选正式候选人")).at(-1)!;
    return { messageId: p.api.calls.indexOf(sent) + 1, text: String(last.payload.text), keyboard: last.payload.reply_markup as Keyboard };
  };
  const names = (s: Shown) => s.keyboard.inline_keyboard.flat().map((b) => b.text).filter((t) => t.includes("候选人"));
  const press = async (label: string): Promise<Shown> => {
    const s = shown();
    const button = s.keyboard.inline_keyboard.flat().find((b) => b.text.includes(label));
    if (!button) throw new Error(`no "${label}" in ${JSON.stringify(s.keyboard)}`);
    await p.bot.handleUpdate(callbackUpdate(secretary, { message_id: s.messageId, text: s.text, reply_markup: s.keyboard }, button.callback_data));
    return shown();
  };

  beforeAll(async () => {
    p = await startPipeline({ now: () => NOW, rateLimit: { limit: 10_000, windowMs: 10_000 } });
    townshipId = await seed(p);
  });
  afterAll(async () => {
    await p?.close();
  });

  it("shows 40 names a page within Telegram's 100 buttons, keeps ticks across pages, and saves them all", async () => {
    await p.bot.handleUpdate(callbackUpdate(secretary, { message_id: 1 }, "step:formal-candidates"));
    await press("记录");
    await p.bot.handleUpdate(textUpdate(secretary, "2027-01-23"));
    let s = shown();
    expect(s.text).toContain(`已勾选 0 / ${COUNT} 人`);
    expect(s.text).toContain("第 1 / 3 页");
    expect(names(s)).toHaveLength(PICK_PAGE_SIZE);
    expect(names(s)[0]).toContain(nameOf(0));
    expect(s.keyboard.inline_keyboard.flat().length).toBeLessThanOrEqual(100);
    expect(s.keyboard.inline_keyboard.flat().some((b) => b.text.includes("上一页"))).toBe(false);

    await press(nameOf(1));
    s = await press("下一页");
    expect(s.text).toContain("第 2 / 3 页");
    expect(names(s)[0]).toContain(nameOf(40));
    s = await press(nameOf(41));
    // Ticking redraws the page the user is on, with both ticks counted.
    expect(s.text).toContain(`已勾选 2 / ${COUNT} 人`);
    expect(names(s)[0]).toContain(nameOf(40));
    s = await press("下一页");
    expect(names(s)).toHaveLength(COUNT - 2 * PICK_PAGE_SIZE);
    expect(s.keyboard.inline_keyboard.flat().some((b) => b.text.includes("下一页"))).toBe(false);
    s = await press("上一页");
    s = await press("上一页");
    expect(names(s).filter((n) => n.startsWith("☑️"))).toEqual([`☑️ ${nameOf(1)} · 书记`]);

    s = await press("全选");
    expect(s.text).toContain(`已勾选 ${COUNT} / ${COUNT} 人`);
    await press("确认");
    const rows = await p.database.client.execute({
      sql: "select count(*) as n from candidates where township_id = ? and status = 'formal'",
      args: [townshipId],
    });
    expect(Number(rows.rows[0]!.n)).toBe(COUNT);
  });
});
