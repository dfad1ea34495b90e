/**
 * The papers' people and figures, as a secretary produces them in the chat: the committee before the
 * restructuring given with the work plan, the formal candidates, the elected and the appointed ticked
 * with buttons while recording their steps. Bad figures and bad choices are refused and change
 * nothing; a confirmation delivered twice or clicked again changes nothing twice; the papers then
 * list the right people and the summary report's figures equal direct counts of the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidateRepository } from "../src/db/candidates.js";
import { stepRepository } from "../src/db/steps.js";
import { townshipRepository } from "../src/db/townships.js";
import type { CandidateDraft } from "../src/domain/candidate-fields.js";
import type { StepId } from "../src/domain/checklist/index.js";
import { idNumberCheckCharacter } from "../src/domain/id-number.js";
import { maskIdNumber } from "../src/domain/privacy.js";
import type { Post } from "../src/domain/rules/types.js";
import { chatAs } from "./fixtures/chat.js";
import { townshipBeforeFormalList } from "./fixtures/formal-list-township.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import { callbackUpdate, textUpdate } from "./fixtures/updates.js";

const NOW = new Date("2027-03-01T02:00:00Z");
const secretary = { id: 7301, first_name: "张书记", language_code: "zh-hans" };
const deputy = { id: 7302, first_name: "李副书记", language_code: "zh-hans" };

/** 14 candidates: 2 for secretary, 3 for the 2 part-time deputy seats, 9 for the 6 member seats. */
const POSTS: Post[] = ["secretary", "secretary", "parttime-deputy", "parttime-deputy", "parttime-deputy", ...Array<Post>(9).fill("member")];
const NAMES = ["赵明", "钱丽", "孙明", "李丽", "周明", "吴丽", "郑明", "王丽", "冯明", "陈丽", "褚明", "卫丽", "蒋明", "沈丽"];
const idNumberOf = (i: number) => {
  const first17 = `510402${1993 + (i % 6)}0${1 + (i % 9)}1${i % 10}${String(200 + i)}`;
  return first17 + idNumberCheckCharacter(first17);
};
const mobileOf = (i: number) => `138${String(20_000_000 + i * 1_234_567).slice(-8)}`;

async function seed(p: Pipeline): Promise<string> {
  const db = p.database.db;
  const townshipId = await townshipBeforeFormalList(db, secretary, "南山街道", { organisation: 5, jointSignature: 5, self: 4 }, NOW);
  const token = await townshipRepository(db).createInvite(secretary.id, townshipId, NOW);
  await p.bot.handleUpdate(textUpdate(deputy, `/start join_${token}`));
  const entries = POSTS.map((post, i) => {
    const channel = (["organisation", "joint-signature", "self"] as const)[i % 3]!;
    const draft: CandidateDraft = {
      name: NAMES[i]!,
      gender: i % 2 ? "female" : "male",
      birthDate: `${1993 + (i % 6)}-0${1 + (i % 9)}-1${i % 10}`,
      idNumberMasked: maskIdNumber(idNumberOf(i)),
      politicalStatus: [0, 1, 2, 5].includes(i) ? "party-member" : i === 6 ? "probationary-party-member" : "league-member",
      establishment: [0, 2, 5].includes(i) ? "inside" : "outside",
      sector: (["government", "rural", "school", "private-enterprise", "social-organisation"] as const)[i % 5]!,
      post,
      commitment: post === "secretary" ? "fulltime" : "parttime",
      channel,
      ...(channel === "joint-signature" ? { signatures: 12 } : {}),
      localTie: true,
      mobile: mobileOf(i),
      education: "bachelor",
      workplace: `南山街道第${i % 7}单位`,
    };
    return { draft, idNumberHash: `hash-${i}`, status: "eligible" as const };
  });
  await candidateRepository(db).addMany(townshipId, secretary.id, entries, NOW);
  return townshipId;
}

describe("ticking people and giving the committee before, then drafting the papers", () => {
  let p: Pipeline;
  let townshipId: string;
  const chat = () => chatAs(p, secretary);
  const sql = async (query: string, args: (string | number)[] = []) => (await p.database.client.execute({ sql: query, args })).rows;
  const number = async (query: string, args: (string | number)[] = []) => Number((await sql(query, args))[0]!.n);
  const statuses = async () =>
    Object.fromEntries((await sql("select name, status from candidates where township_id = ? order by name", [townshipId])).map((r) => [String(r.name), String(r.status)]));
  /** Everything a failed attempt could have touched. */
  const snapshot = async () => ({
    steps: await sql("select step_id, \"values\", version from step_records where township_id = ? order by step_id", [townshipId]),
    candidates: await sql("select id, status, version from candidates where township_id = ? order by id", [townshipId]),
    audit: await number("select count(*) as n from audit_log where township_id = ?", [townshipId]),
  });
  const openStep = async (step: StepId) => {
    await p.bot.handleUpdate(callbackUpdate(secretary, { message_id: 1 }, `step:${step}`));
    return chat().click("记录");
  };

  beforeAll(async () => {
    p = await startPipeline({ now: () => NOW, rateLimit: { limit: 10_000, windowMs: 10_000 } });
    townshipId = await seed(p);
  });
  afterAll(async () => {
    await p?.close();
  });

  it("the work plan takes the committee before; inconsistent figures are refused and save nothing", async () => {
    const c = chat();
    await openStep("work-plan");
    await c.say("2027-01-01");
    expect(await c.click("跳过(不填)")).toContain("格局创新前,本乡镇(街道)团委有几名委员");
    const before = await snapshot();
    for (const answer of ["3", "2", "1"]) await c.say(answer);
    const outside = await c.say("5");
    expect(outside).toContain("“格局创新前编制外人数”为5,多于“格局创新前团委委员人数”3");
    expect(outside).toContain("请输入“格局创新前编制外人数”");
    await c.say("1");
    await c.say("2");
    expect(await c.say("2")).toContain("中共党员2人、共青团员2人,合计多于委员总数3人");
    await c.say("1");
    await c.say("1");
    expect(await c.say("三十")).toContain("不是有效的平均年龄");
    await c.say("38.5");
    await c.say("2");
    expect(await c.say("3")).toContain("“格局创新前覆盖领域数”为3,多于“格局创新前来源单位数”2");
    // Nothing refused was saved, and the form is still open at the field to correct.
    expect(await snapshot()).toEqual(before);
    expect(await c.say("2")).toContain("已记录“制定工作计划”");
    const [record] = await sql("select \"values\" from step_records where township_id = ? and step_id = 'work-plan'", [townshipId]);
    expect(JSON.parse(String(record!.values))).toEqual({
      approvedOn: "2027-01-01",
      beforeMembers: 3,
      beforeLeaders: 2,
      beforeParttime: 1,
      beforeOutside: 1,
      beforePartyMembers: 2,
      beforeLeagueMembers: 1,
      beforeFemale: 1,
      beforeAverageAge: 38.5,
      beforeUnits: 2,
      beforeSectors: 2,
    });
  });

  it("the formal list: too few ticked is refused with the surplus rule and saves nothing; then saved with every status audited", async () => {
    const c = chat();
    await openStep("formal-candidates");
    const pick = await c.say("2027-01-23");
    expect(pick).toContain("请勾选正式候选人");
    // The recommended profile takes 南山's surplus: over the whole election (9 members → 11), the
    // secretary (appointed by the Party working committee) not counted; per post only the seats.
    expect(pick).toContain("委员:职数6名,正式候选人至少6名");
    expect(pick).toContain("整个选举:拟选配委员9名,正式候选人合计至少11名");
    expect(pick).not.toContain("书记:职数1名");
    expect(pick).toContain("已勾选 0 / 14 人");
    const before = await snapshot();
    await c.click("全选");
    await c.click("沈丽");
    await c.click("蒋明");
    const refused = await c.click("确认");
    // 2 deputies' + 7 members' candidates ticked: 10 counted, the 2 secretary candidates not.
    expect(refused).toContain("本次选举拟选配委员9名,勾选的正式候选人(不含不经选举产生的职务)只有10名,至少须11名");
    expect(refused).toContain("按照高于拟选配街道团工委委员数量 20%的比例确定正式候选人");
    expect(refused).toContain("已勾选 12 / 14 人");
    expect(await snapshot()).toEqual(before);

    await c.click("蒋明");
    expect(await c.click("确认")).toContain("已记录“确定正式候选人”");
    const now = await statuses();
    expect(Object.values(now).filter((s) => s === "formal")).toHaveLength(13);
    expect(now.沈丽).toBe("eligible");
    expect(await number("select count(*) as n from audit_log where township_id = ? and action = 'candidate.status'", [townshipId])).toBe(13);
    const [record] = await sql("select \"values\" from step_records where township_id = ? and step_id = 'formal-candidates'", [townshipId]);
    expect(JSON.parse(String(record!.values)).formalCandidates).toHaveLength(13);
  });

  it("the election: too many elected is refused; the confirmation delivered twice and clicked again changes nothing twice", async () => {
    const c = chat();
    await openStep("election");
    await c.say("2027-02-01");
    const pick = await c.say("7");
    expect(pick).toContain("请勾选当选人员");
    expect(pick).not.toContain("沈丽");
    const before = await snapshot();
    for (const name of ["赵明", "孙明", "李丽", "吴丽", "郑明", "王丽", "冯明", "陈丽", "褚明", "卫丽"]) await c.click(name);
    const refused = await c.click("确认");
    expect(refused).toContain("委员:职数6名,勾选的当选人员为7名,当选人数不能超过职数");
    expect(await snapshot()).toEqual(before);

    await c.click("卫丽");
    // The confirmation as Telegram would deliver it again (same update id), and a second click on it.
    const sent = p.api.sent("sendMessage").filter((m) => Number(m.payload.chat_id) === secretary.id);
    const pickMessage = sent.filter((m) => String(m.payload.text).includes("请勾选当选人员")).at(-1)!;
    const keyboard = pickMessage.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const confirm = keyboard.inline_keyboard.flat().find((b) => b.text.includes("确认"))!.callback_data;
    const update = callbackUpdate(secretary, { message_id: p.api.calls.indexOf(pickMessage) + 1 }, confirm);
    await p.bot.handleUpdate(update);
    expect(c.last()).toContain("已记录“竞职演讲与选举”");
    const once = await snapshot();
    const messages = sent.length;
    await p.bot.handleUpdate(update);
    await p.bot.handleUpdate(callbackUpdate(secretary, { message_id: p.api.calls.indexOf(pickMessage) + 1 }, confirm));
    expect(await snapshot()).toEqual(once);
    expect(p.api.sent("sendMessage").filter((m) => Number(m.payload.chat_id) === secretary.id).length).toBe(messages + 1);
    const outdated = p.api.sent("answerCallbackQuery").at(-1)!;
    expect(outdated.payload.text).toContain("这个按钮已过期");
    expect(Object.values(await statuses()).filter((s) => s === "elected")).toHaveLength(9);
  });

  it("a candidate withdrawn while another member ticks is refused by name; the save itself checks every candidate's version", async () => {
    const c = chat();
    await c.say("/next");
    await c.click("记录");
    await c.say("2027-02-04");
    await c.say("-");
    await c.click("下一步");
    await c.click("记录");
    await c.say("2027-02-05");
    await c.say("2027-02-11");
    await c.say("各人选所在单位");
    await c.click("下一步");
    await c.click("记录");
    await c.say("2027-02-12");
    expect(await c.say("南山党工发〔2027〕3号")).toContain("请勾选正式任命的人员");
    await c.click("全选");
    // Meanwhile the deputy withdraws one of the elected.
    const repo = candidateRepository(p.database.db);
    const zhou = (await repo.list(townshipId)).find((x) => x.name === "周明")!;
    const elected = (await repo.list(townshipId)).find((x) => x.name === "郑明")!;
    expect(zhou.status).toBe("formal");
    await repo.withdraw(townshipId, deputy.id, elected.id, elected.version, NOW);
    const before = await snapshot();
    const refused = await c.click("确认");
    expect(refused).toContain("勾选的1人已不在可选名单中");
    expect(refused).toContain("郑明");
    expect(await snapshot()).toEqual(before);
    // Put back (as the deputy would, by correcting the record); /next resumes the form from the list as it is now.
    await repo.update(townshipId, deputy.id, elected.id, elected.version + 1, { status: "elected" }, NOW);
    expect(await c.say("/next")).toContain("已勾选 0 / 9 人");
    await c.click("全选");
    expect(await c.click("确认")).toContain("已记录“报批与正式任命”");
    expect(Object.values(await statuses()).filter((s) => s === "appointed")).toHaveLength(9);

    // The save is all or nothing: a status change decided on an old version writes neither it nor the record.
    const steps = stepRepository(p.database.db);
    const training = { stepId: "training" as const, values: { heldOn: "2027-02-20" }, recordedBy: secretary.id, recordedAt: NOW.toISOString() };
    const stale = await steps.save(townshipId, training, 0, [{ candidateId: zhou.id, from: "formal", to: "eligible", version: zhou.version - 1 }]);
    expect(stale).toBe(false);
    expect(await number("select count(*) as n from step_records where township_id = ? and step_id = 'training'", [townshipId])).toBe(0);
    expect((await repo.get(townshipId, zhou.id))!.status).toBe("formal");
  });

  it("the papers list the people ticked, without ID numbers where published, and the report's figures equal direct counts", async () => {
    const c = chat();
    const draft = async (name: string) => {
      await c.say("/documents");
      return c.click(`起草${name}`);
    };
    const namesWith = async (status: string) => (await sql("select name from candidates where township_id = ? and status = ?", [townshipId, status])).map((r) => String(r.name));
    const appointed = await namesWith("appointed");

    const formalList = await draft("正式候选人名单");
    const formal = (await sql("select name from candidates where township_id = ? and status in ('formal', 'appointed')", [townshipId])).map((r) => String(r.name));
    expect(formal).toHaveLength(13);
    for (const name of formal) expect(formalList).toContain(`| ${name} |`);
    expect(formalList).not.toContain("沈丽");
    expect(formalList).toMatch(/确定以下13名同志为[^，。]*正式候选人/);
    expect(formalList).toContain("\n委员 | 6 | 8\n");

    const notice = await draft("任前公示");
    for (const name of appointed) expect(notice).toContain(`| ${name} |`);
    for (const name of ["钱丽", "周明", "卫丽", "蒋明", "沈丽"]) expect(notice).not.toContain(name);
    for (const body of [formalList, notice]) expect(body).not.toMatch(/\d{4}[\d*]{10}\d{3}[\dXx]/);

    const approval = await draft("报批请示");
    for (const [i, name] of NAMES.entries()) {
      if (!appointed.includes(name)) continue;
      // No ID number at all, not even masked: the approving body has no use for one.
      expect(approval).toContain(`| ${name} |`);
      expect(approval).not.toContain(`**************${idNumberOf(i).slice(14)}`);
      expect(approval).not.toContain(idNumberOf(i));
      expect(approval).not.toContain(mobileOf(i));
    }

    const report = await draft("总结阶段工作报告");
    const where = "township_id = ? and status = 'appointed'";
    const members = await number(`select count(*) as n from candidates where ${where}`, [townshipId]);
    const outside = await number(`select count(*) as n from candidates where ${where} and establishment = 'outside'`, [townshipId]);
    const party = await number(`select count(*) as n from candidates where ${where} and political_status in ('party-member', 'probationary-party-member')`, [townshipId]);
    const league = await number(`select count(*) as n from candidates where ${where} and political_status = 'league-member'`, [townshipId]);
    const female = await number(`select count(*) as n from candidates where ${where} and gender = 'female'`, [townshipId]);
    const leaders = await number(`select count(*) as n from candidates where ${where} and post != 'member'`, [townshipId]);
    const units = await number(`select count(distinct workplace) as n from candidates where ${where}`, [townshipId]);
    const sectors = await number(`select count(distinct sector) as n from candidates where ${where}`, [townshipId]);
    const births = (await sql(`select birth_date from candidates where ${where}`, [townshipId])).map((r) => String(r.birth_date));
    // Completed years on the election held (2027-02-01), computed here without the app's helper.
    const ages = births.map((b) => {
      const [y, m, d] = b.split("-").map(Number) as [number, number, number];
      return 2027 - y - (m > 2 || (m === 2 && d > 1) ? 1 : 0);
    });
    const tenth = (n: number) => Math.round(n * 10) / 10;
    const average = tenth(ages.reduce((a, b) => a + b, 0) / ages.length);
    const share = tenth((outside / members) * 100);
    const signed = (n: number) => `${n > 0 ? "+" : ""}${tenth(n)}`;
    expect([members, outside, party, league, female, leaders]).toEqual([9, 6, 4, 5, 4, 3]);

    // Before as given with the work plan (3 members, 1 outside, 2 Party, 1 League, 1 woman, 38.5, 2 units, 2 fields).
    expect(report).toContain(`\n团委委员人数 | 3 | ${members} | ${signed(members - 3)}\n`);
    expect(report).toContain(`\n其中：书记、副书记 | 2 | ${leaders} | ${signed(leaders - 2)}\n`);
    expect(report).toContain(`\n编制内人员 | 2 | ${members - outside} | ${signed(members - outside - 2)}\n`);
    expect(report).toContain(`\n编制外人员 | 1 | ${outside} | ${signed(outside - 1)}\n`);
    expect(report).toContain(`\n编制外人员占比 | 33.3% | ${share}% | ${signed(share - 33.3)}个百分点\n`);
    expect(report).toContain(`\n中共党员（含预备党员） | 2 | ${party} | ${signed(party - 2)}\n`);
    expect(report).toContain(`\n共青团员 | 1 | ${league} | ${signed(league - 1)}\n`);
    expect(report).toContain(`\n女性 | 1 | ${female} | ${signed(female - 1)}\n`);
    expect(report).toContain(`\n平均年龄（周岁） | 38.5 | ${average} | ${signed(average - 38.5)}岁\n`);
    expect(report).toContain(`\n来源单位数 | 2 | ${units} | ${signed(units - 2)}\n`);
    expect(report).toContain(`\n覆盖领域数 | 2 | ${sectors} | ${signed(sectors - 2)}\n`);
    expect(report).toContain(`团委委员由3名变为${members}名（${signed(members - 3)}），编制外人员由1名变为${outside}名，所占比例由33.3%变为${share}%`);
    expect(report).not.toContain("【待填：创新前");
    expect(report).not.toContain("【待填：委员人数变化");
    for (const name of appointed) expect(report).toContain(`| ${name} |`);
  });
});
