/**
 * Issue 5 through the real pipeline (createBot, temp libSQL database, loopback Bot API): candidates
 * entered field by field, in batches (pasted, .csv and .xlsx documents), listed, edited, withdrawn;
 * the slate report; speech scores. And no unmasked ID number or phone in anything sent or logged.
 */
import { eq } from "drizzle-orm";
import type { Update } from "grammy/types";
import writeXlsxFile from "write-excel-file/node";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "../src/db/client.js";
import { candidateRepository } from "../src/db/candidates.js";
import { auditLog, candidates, memberships, sessions } from "../src/db/schema.js";
import { townshipRepository } from "../src/db/townships.js";
import type { ProfileId } from "../src/domain/rules/types.js";
import type { PlannedSeats } from "../src/domain/township.js";
import { candidateDraft, makeId } from "./fixtures/candidates.js";
import { chatAs } from "./fixtures/chat.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import type { UserSpec } from "./fixtures/updates.js";

/** The same number with a wrong check character: a typo. */
const typo = (id: string) => id.slice(0, 17) + (id[17] === "1" ? "2" : "1");

const NOW = new Date("2024-03-20T02:00:00Z"); // 10:00 in Shanghai
const ELECTION = "2024-04-05";
const secretary: UserSpec = { id: 9301, first_name: "张书记", language_code: "zh-hans" };
const deputy: UserSpec = { id: 9302, first_name: "李副书记", language_code: "zh-hans" };

async function registerTownship(
  db: Database,
  user: UserSpec,
  profileId: ProfileId,
  seats: PlannedSeats = { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 8 },
) {
  const repo = townshipRepository(db);
  await repo.touchUser(user.id, user.first_name ?? "");
  return repo.create(
    {
      province: "海南省",
      city: "三亚市",
      county: "吉阳区",
      name: "吉阳镇",
      kind: "township",
      profileId,
      partyElectionDate: "2024-03-15",
      plannedElectionDate: ELECTION,
      seats,
    },
    user.id,
    NOW,
  );
}

/**
 * A user in the chat. The rate limiter counts real time (20 updates per 10 s per user), so the clock
 * moves on a second after each update, as it would for a person typing.
 */
function talk(p: Pipeline, user: UserSpec) {
  const chat = chatAs(p, user);
  const tick = <T>(result: T) => {
    vi.setSystemTime(Date.now() + 1000);
    return result;
  };
  return {
    say: async (text: string) => tick(await chat.say(text)),
    click: async (label: string) => tick(await chat.click(label)),
    all: chat.all,
    last: chat.last,
  };
}
type Talk = ReturnType<typeof talk>;

/** Sends a document the way Telegram delivers it; the Bot API fixture serves its bytes via getFile. */
async function sendDocument(p: Pipeline, user: UserSpec, name: string, bytes: Uint8Array, mime?: string): Promise<string> {
  const fileId = `file-${name}-${bytes.length}`;
  p.api.addFile(fileId, `documents/${name}`, bytes);
  const before = p.textsTo(user.id).length;
  await p.bot.handleUpdate({
    update_id: Math.floor(Math.random() * 1e9),
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: "private", first_name: user.first_name ?? "" },
      from: { id: user.id, is_bot: false, first_name: user.first_name ?? "", language_code: user.language_code ?? "zh-hans" },
      document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: name, file_size: bytes.length, ...(mime ? { mime_type: mime } : {}) },
    },
  } as Update);
  vi.setSystemTime(Date.now() + 1000);
  return p.textsTo(user.id).slice(before).join("\n---\n");
}

/** Walks the add dialog with buttons and typed answers. */
async function enterCandidate(
  chat: Talk,
  c: { name: string; post: string; identity: string; political?: string; channel?: string; mobile?: string; reason?: string },
) {
  await chat.say("/newcandidate");
  await chat.say(c.name);
  await chat.click(c.post);
  if (c.post === "委员" || c.post === "书记") await chat.click(c.post === "书记" ? "专职" : "兼职");
  const afterIdentity = await chat.say(c.identity);
  if (afterIdentity.includes("性别")) await chat.click("男");
  if (c.reason) await chat.say(c.reason);
  await chat.click(c.political ?? "共青团员");
  await chat.click("编制外");
  await chat.click("农村");
  await chat.click(c.channel ?? "组织推荐");
  await chat.click("是");
  if (c.mobile) await chat.say(c.mobile);
  else await chat.click("跳过");
  await chat.click("本科");
  await chat.click("跳过");
  return chat.click("确认保存");
}

const draft = candidateDraft;

describe("candidates through the bot", () => {
  let p: Pipeline;
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    p = await startPipeline({ now: () => NOW, env: { PII_HASH_KEY: "test-pii-key" } });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await p.close();
  });

  it("enters a candidate one field at a time: two typos corrected, only the masked ID number shown", async () => {
    await registerTownship(p.database.db, secretary, "jiyang");
    const chat = talk(p, secretary);
    const id = makeId("19950307", "231");
    expect(await chat.say("/newcandidate")).toContain("候选人姓名");
    expect(await chat.say("张三")).toContain("竞选什么职务");
    expect(await chat.click("兼职副书记")).toContain("身份证号");
    // Typo 1: a digit wrong, the check character no longer matches.
    const wrong = await chat.say(typo(id));
    expect(wrong).toContain("身份证号校验位不符");
    expect(wrong).toContain("请重新输入这一项");
    expect(await chat.say(id)).toContain("政治面貌"); // gender and birth date come from the ID number
    await chat.click("共青团员");
    await chat.click("编制外");
    await chat.click("农村");
    await chat.click("组织推荐");
    await chat.click("是");
    // Typo 2: a digit missing from the mobile number.
    expect(await chat.say("139 1234 567")).toContain("手机号应为以1开头的11位");
    expect(await chat.say("139 1234 5678")).toContain("学历");
    await chat.click("本科");
    const card = await chat.say("某某村委会");
    expect(card).toContain("请核对候选人信息");
    expect(card).toContain(`**************${id.slice(14)}`);
    expect(card).toContain("1995-03-07(选举日 29 周岁)");
    expect(card).toContain("性别:男");
    expect(card).toContain("139****5678");
    expect(card).toContain("✅ 年龄:29周岁,符合35周岁以下的条件。");
    expect(await chat.click("确认保存")).toContain("已保存候选人 张三(兼职副书记)");

    const [row] = await p.database.db.select().from(candidates).all();
    expect(row).toMatchObject({
      name: "张三",
      gender: "male",
      birthDate: "1995-03-07",
      idNumberMasked: `**************${id.slice(14)}`,
      mobile: "13912345678",
      post: "parttime-deputy",
      commitment: "parttime",
      status: "eligible",
    });
    expect(row!.idNumberHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(id);
    const audit = await p.database.db.select().from(auditLog).where(eq(auditLog.action, "candidate.add")).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: secretary.id, subject: row!.id });

    const list = await chat.say("/candidates");
    console.log("LIST", list);
    expect(list).toContain("1. 张三 · 兼职副书记 · 29周岁 · ✅ 资格合格");
    const view = await chat.click("1. 张三");
    expect(view).toContain(`**************${id.slice(14)}`);
    expect(view).toContain("139****5678");
  });

  it("offers only the posts the plan has seats for, and refuses a typed post it has none of", async () => {
    await registerTownship(p.database.db, secretary, "nanshan", { secretary: 1, fulltimeDeputies: 0, parttimeDeputies: 3, members: 9 });
    const chat = talk(p, secretary);
    await chat.say("/newcandidate");
    expect(await chat.say("赵六")).toContain("竞选什么职务");
    // No button for a post without seats.
    await expect(chat.click("专职副书记")).rejects.toThrow();
    const refused = await chat.say("专职副书记");
    expect(refused).toContain("没有设专职副书记职位");
    expect(await chat.click("兼职副书记")).toContain("身份证号");
  });

  it("takes an ID number typed in groups with dashes as an ID number, not as a wrong birth date", async () => {
    await registerTownship(p.database.db, secretary, "jiyang");
    const chat = talk(p, secretary);
    const id = makeId("19960412", "142");
    await chat.say("/newcandidate");
    await chat.say("李四");
    await chat.click("兼职副书记");
    const next = await chat.say(`${id.slice(0, 6)}-${id.slice(6, 14)}-${id.slice(14)}`);
    expect(next).toContain("政治面貌");
    expect(next).not.toContain(id.slice(6, 14));
  });

  it("refuses an age over the limit citing the rule; the day of the 36th birthday counts; a relaxed limit needs a reason", async () => {
    await registerTownship(p.database.db, secretary, "jiyang");
    const chat = talk(p, secretary);
    await chat.say("/newcandidate");
    await chat.say("王强");
    await chat.click("书记");
    await chat.click("专职");
    // Born 1988-04-05: 36 on the election day 2024-04-05 — over "35周岁以下"; the relaxation is for part-time posts only.
    const refused = await chat.say("1988-04-05");
    expect(refused).toContain("按选举日 2024-04-05 计算为36周岁,超过35周岁以下的条件");
    expect(refused).toContain("放宽到40周岁只适用于兼职副书记、委员,不适用于书记");
    expect(refused).toContain("规定:团委成员年龄应在35周岁以下。");
    expect(refused).toContain("出处:《吉阳镇团组织格局创新工作实施方案》(1)乡镇团委成员必须符合以下基本条件:「年龄应在35周岁以下」");
    // One day younger: still 35 on the election day.
    expect(await chat.say("1988-04-06")).toContain("性别");
    await chat.click("男");
    await chat.click("中共党员");
    await chat.click("编制内");
    await chat.click("机关事业单位");
    await chat.click("组织推荐");
    await chat.click("是");
    await chat.click("跳过");
    await chat.click("跳过");
    await chat.click("跳过");
    expect(await chat.click("确认保存")).toContain("已保存候选人 王强(书记)");

    // A part-time member of 38 may stand, with the reason recorded.
    const saved = await enterCandidate(chat, {
      name: "赵敏",
      post: "委员",
      identity: makeId("19851231", "342"),
      reason: "在农村青年创业中成绩特别突出",
    });
    expect(saved).toContain("已保存候选人 赵敏(委员)");
    const prompts = chat.all().join("\n");
    expect(prompts).toContain("赵敏 38 周岁,超过一般的年龄条件(35周岁)");
    expect(prompts).toContain("适用的规定允许放宽到40周岁:其他条件特别优秀的兼职干部人选");
    expect(prompts).toContain("「其他条件特别优秀的兼职干部人选可放宽到40岁以下」");
    expect(prompts).toContain("✅ 年龄:38周岁,超过35周岁,按放宽条件(不超过40周岁)录入,理由已记录。");
    const stored = (await p.database.db.select().from(candidates).all()).find((c) => c.name === "赵敏");
    expect(stored?.relaxationReason).toBe("在农村青年创业中成绩特别突出");

    // Over even the relaxed limit: 41.
    await chat.say("/newcandidate");
    await chat.say("钱多");
    await chat.click("兼职副书记");
    const over = await chat.say("1982-04-05");
    expect(over).toContain("超过放宽后的40周岁以下的条件");
    expect(over).toContain("「其他条件特别优秀的兼职干部人选可放宽到40岁以下」");
  });

  it("judges the candidates again when the rules change: one over the new limit is no longer counted as eligible", async () => {
    const township = await registerTownship(p.database.db, secretary, "jiyang");
    const chat = talk(p, secretary);
    // 38, part-time, with the reason 吉阳's relaxation to 40 asks for: eligible under 吉阳.
    await enterCandidate(chat, { name: "赵敏", post: "委员", identity: makeId("19851231", "342"), reason: "在农村青年创业中成绩特别突出" });
    expect(await chat.say("/candidates")).toMatch(/赵敏.*✅ 资格合格/);
    // The election moves three years on: she would be 41, over even the relaxed limit.
    const repo = townshipRepository(p.database.db);
    const { version } = (await repo.getFor(secretary.id, township))!;
    expect(await repo.update(secretary.id, township, version, { plannedElectionDate: "2027-04-05" }, new Date())).toBe(true);
    const list = await chat.say("/candidates");
    expect(list).toMatch(/赵敏.*❌ 资格不合格/);
    expect(list).not.toMatch(/赵敏.*✅/);
    // The slate check no longer counts her among the candidates running.
    expect(await chat.say("/slate")).toContain("只有候选人 0 名");
  });

  it("takes a part-time candidate of 38 under 南山 without a reason: its plan relaxes the limit for part-time cadres as such", async () => {
    await registerTownship(p.database.db, secretary, "nanshan");
    const chat = talk(p, secretary);
    const report = await chat.say("/import 阿依古丽·买买提,女,1986-01-10,共青团员,编制外,农村,委员,兼职,组织推荐,,是");
    expect(report).toContain("录入 1 人");
    expect(report).not.toContain("须写明理由");
  });

  it("refuses an imported candidate nominated through a channel the local rules do not have, naming those they do", async () => {
    await registerTownship(p.database.db, secretary, "nanshan");
    const chat = talk(p, secretary);
    const report = await chat.say("/import 孙八,男,1996-06-06,共青团员,编制外,农村,委员,兼职,联名推荐,12,是");
    expect(report).toContain("推荐方式“团员青年联名推荐”不是本地规定的渠道,可选:组织推荐、民主推荐、个人自荐");
    expect(report).toContain("录入 0 人");
  });

  it("reports a pasted batch row by row: accepted, refused and why, with the rules cited once", async () => {
    await registerTownship(p.database.db, secretary, "jiyang");
    const chat = talk(p, secretary);
    expect(await chat.say("/import")).toContain("没有表头时按这个顺序:姓名, 性别, 身份证号或出生日期");
    const report = await chat.say(
      [
        "姓名\t性别\t身份证号\t出生日期\t政治面貌\t编制\t领域\t竞选职务\t专兼职\t推荐方式\t联名人数\t是否本地\t手机\t学历\t工作单位",
        `李四\t\t${makeId("19950307", "451")}\t\t共青团员\t编制外\t农村\t委员\t兼职\t组织推荐\t\t是\t13712345678\t本科\t某村`,
        "王五\t男\t\t1996-02-30\t共青团员\t编制外\t农村\t委员\t兼职\t组织推荐\t\t是\t\t\t",
        "赵六\t女\t\t1994-05-01\t群众\t编制内\t学校\t委员\t兼职\t个人自荐\t\t是\t\t\t",
        "孙七\t女\t\t1994-05-01\t共青团员\t编制外\t农村\t兼职副书记\t\t团员青年联名推荐\t6\t是\t\t\t",
        `周八\t男\t${typo(makeId("19930101", "111"))}\t\t共青团员\t编制外\t农村\t委员\t兼职\t组织推荐\t\t否\t\t\t`,
        "吴九\t男\t\t1980-01-01\t共青团员\t编制外\t农村\t书记\t专职\t组织推荐\t\t是\t\t\t",
      ].join("\n"),
    );
    expect(report).toContain("批量录入结果:共 6 行,录入 1 人,未录入 5 行(年龄按选举日 2024-04-05 计算)");
    expect(report).toContain("✅ 已录入:第2行 李四");
    expect(report).toContain("❌ 第3行 王五:没有这一天,请核对出生日期。");
    expect(report).toContain("❌ 第4行 赵六:政治面貌:群众及其他不符合条件,须为中共党员、中共预备党员、共青团员。(见规定[1])");
    expect(report).toContain("❌ 第5行 孙七:联名推荐至少需要10人,现为6人。");
    expect(report).toContain("❌ 第6行 周八:身份证号校验位不符,可能有数字输错。");
    expect(report).toContain("❌ 第7行 吴九:年龄:按选举日 2024-04-05 计算为44周岁,超过35周岁以下的条件");
    expect(report).toContain("[1] 须为中共党员或共青团员。 《吉阳镇团组织格局创新工作实施方案》");
    expect(report).toContain("「年龄应在35周岁以下」");
    expect(report).toContain("提示:身份证号列在 Excel 中请设为“文本”格式");
    expect(report).not.toContain("13712345678");
    const rows = await p.database.db.select().from(candidates).all();
    expect(rows.map((r) => r.name)).toEqual(["李四"]);
    expect(rows[0]).toMatchObject({ gender: "male", birthDate: "1995-03-07", commitment: "parttime", mobile: "13712345678" });

    // Without a header, in the documented column order, straight after the command.
    const plain = await chat.say("/import 钱十,女,1997-08-09,中共预备党员,编制内,机关事业单位,委员,兼职,组织推荐,,是,,硕士,镇政府");
    expect(plain).toContain("共 1 行,录入 1 人,未录入 0 行");
    expect((await p.database.db.select().from(candidates).all()).map((r) => r.name)).toEqual(["李四", "钱十"]);
  });

  it("reads a .csv and an .xlsx sent as documents", async () => {
    await registerTownship(p.database.db, secretary, "jiyang");
    const csv =
      "\uFEFF姓名,性别,身份证号或出生日期,政治面貌,编制,领域,竞选职务,专兼职,推荐方式,联名人数,是否本地,手机\r\n" +
      `陈一,,${makeId("19960101", "511")},共青团员,编制外,非公企业,委员,兼职,组织推荐,,是,13612345678\r\n` +
      "陈二,女,1997-02-03,中共党员,编制内,学校,专职副书记,,个人自荐,,是,\r\n" +
      "陈三,女,1997-02-03,共青团员,编制外,学校,委员,兼职,个人自荐,,不知道,\r\n";
    const csvReport = await sendDocument(p, secretary, "候选人.csv", new TextEncoder().encode(csv), "text/csv");
    expect(csvReport).toContain("共 3 行,录入 2 人,未录入 1 行");
    expect(csvReport).toContain("第2行 陈一;第3行 陈二");
    expect(csvReport).toContain("❌ 第4行 陈三:是否本地(户籍或长期居住、工作)请填“是”或“否”(您填的是“不知道”)。");
    expect(p.api.calls.some((c) => c.method === "getFile")).toBe(true);
    expect(p.api.calls.some((c) => c.method === "downloadFile" && c.status === 200)).toBe(true);

    const xlsx = await writeXlsxFile([
      ["姓名", "性别", "出生日期", "身份证号", "政治面貌", "编制", "领域", "竞选职务", "专兼职", "推荐方式", "是否本地", "手机"],
      ["林一", "女", { value: new Date(Date.UTC(1998, 5, 15)), type: Date, format: "yyyy-mm-dd" }, "", "共青团员", "编制外", "社会组织", "委员", "兼职", "组织推荐", "是", 13512345678],
      ["林二", "", "", makeId("19990909", "622"), "中共预备党员", "编制外", "农村", "兼职副书记", "", "个人自荐", "是", ""],
      ["林三", "男", "1999-13-01", "", "共青团员", "编制外", "农村", "委员", "兼职", "组织推荐", "是", ""],
    ]).toBuffer();
    const xlsxReport = await sendDocument(p, secretary, "名单.xlsx", new Uint8Array(xlsx));
    expect(xlsxReport).toContain("共 3 行,录入 2 人,未录入 1 行");
    expect(xlsxReport).toContain("第2行 林一;第3行 林二");
    expect(xlsxReport).toContain("❌ 第4行 林三:没有这一天,请核对出生日期。");
    const rows = await p.database.db.select().from(candidates).all();
    expect(rows.find((r) => r.name === "林一")).toMatchObject({ birthDate: "1998-06-15", mobile: "13512345678", sector: "social-organisation" });
    expect(rows.find((r) => r.name === "林二")).toMatchObject({ gender: "female", birthDate: "1999-09-09", commitment: "parttime" });

    // Anything else is not read.
    expect(await sendDocument(p, secretary, "名单.xls", new Uint8Array([1, 2, 3]))).toContain("只能读取 .xlsx 或 .csv 文件");
  });

  it("catches the same person twice: within a batch, across batches, and in the dialog", async () => {
    await registerTownship(p.database.db, secretary, "jiyang");
    const chat = talk(p, secretary);
    const id = makeId("19940404", "733");
    const line = (name: string, identity: string) =>
      `${name},${identity.length === 18 ? "" : "男"},${identity},共青团员,编制外,农村,委员,兼职,组织推荐,,是`;
    const first = await chat.say(`/import ${[line("郑一", id), line("郑一", id), line("郑二", "1995-05-05"), line("郑二", "1995-05-05")].join("\n")}`);
    expect(first).toContain("共 4 行,录入 2 人,未录入 2 行");
    expect(first).toContain("❌ 第2行 郑一:与第1行是同一人");
    expect(first).toContain("❌ 第4行 郑二:与第3行是同一人");

    // Another batch: the same ID number under another name is still the same person.
    const second = await chat.say(`/import ${[line("郑壹", id), line("郑二", "1995-05-05"), line("郑三", "1996-06-06")].join("\n")}`);
    expect(second).toContain("共 3 行,录入 1 人,未录入 2 行");
    expect(second).toContain("❌ 第1行 郑壹:已经录入过(候选人“郑一”,✅ 资格合格)");
    expect(second).toContain("❌ 第2行 郑二:已经录入过(候选人“郑二”");

    // The dialog refuses it at once, without storing the number.
    await chat.say("/newcandidate");
    await chat.say("郑四");
    await chat.click("委员");
    await chat.click("兼职");
    expect(await chat.say(id)).toContain("这个身份证号已经录入过(候选人“郑一”");
    const hashes = (await p.database.db.select().from(candidates).all()).map((r) => r.idNumberHash).filter(Boolean);
    expect(hashes).toHaveLength(1);
  });

  it("edits one field; a concurrent edit by another member is refused and the current value shown", async () => {
    const townshipId = await registerTownship(p.database.db, secretary, "jiyang");
    await townshipRepository(p.database.db).touchUser(deputy.id, deputy.first_name ?? "");
    await p.database.db.insert(memberships).values({ townshipId, userId: deputy.id, role: "deputy" });
    const a = talk(p, secretary);
    const b = talk(p, deputy);
    await enterCandidate(a, { name: "黄河", post: "委员", identity: "1995-01-02", mobile: "13812345678" });

    // A plain edit: the post, asked again (with the commitment, which depends on it).
    await a.say("/candidates");
    await a.click("1. 黄河");
    await a.click("修改");
    expect(await a.click("竞选职务")).toContain("竞选什么职务");
    expect(await a.click("兼职副书记")).toContain("已修改 黄河 的“竞选职务”:兼职副书记(兼职)");
    const repo = candidateRepository(p.database.db);
    const [edited] = await repo.list(townshipId);
    expect(edited).toMatchObject({ post: "parttime-deputy", commitment: "parttime", version: 2 });

    // A opens the mobile field; B changes it meanwhile; A's answer is refused.
    await a.say("/candidates");
    await a.click("1. 黄河");
    await a.click("修改");
    expect(await a.click("手机")).toContain("手机号");
    await b.say("/candidates");
    await b.click("1. 黄河");
    await b.click("修改");
    await b.click("手机");
    expect(await b.say("13698765432")).toContain("已修改 黄河 的“手机”:136****5432");
    const refused = await a.say("13511112222");
    expect(refused).toContain("另一位成员刚刚修改了 黄河 的信息,您的修改没有保存。现在的“手机”是:136****5432");
    expect((await repo.list(townshipId))[0]).toMatchObject({ mobile: "13698765432", version: 3 });

    const updates = await p.database.db.select().from(auditLog).where(eq(auditLog.action, "candidate.update")).all();
    expect(updates.map((u) => u.userId)).toEqual([secretary.id, deputy.id]);
    expect(updates[1]!.detail).toBe(JSON.stringify({ mobile: "136****5432" }));
  });

  it("withdraws a candidate after a confirmation step, kept in the audit log", async () => {
    const townshipId = await registerTownship(p.database.db, secretary, "jiyang");
    const chat = talk(p, secretary);
    await enterCandidate(chat, { name: "刘洋", post: "兼职副书记", identity: "1994-02-02" });
    await chat.say("/candidates");
    await chat.click("1. 刘洋");
    expect(await chat.click("退出名单")).toContain("确定让 刘洋(兼职副书记)退出候选人名单吗?");
    expect(await chat.click("取消")).toContain("已取消,刘洋 仍在名单中");
    expect((await candidateRepository(p.database.db).list(townshipId))[0]?.status).toBe("eligible");
    await chat.say("/candidates");
    await chat.click("1. 刘洋");
    await chat.click("退出名单");
    expect(await chat.click("确认退出")).toContain("刘洋 已退出候选人名单(已记入审计日志)");
    const [candidate] = await candidateRepository(p.database.db).list(townshipId);
    expect(candidate?.status).toBe("withdrawn");
    const audit = await candidateRepository(p.database.db).auditOf(townshipId, candidate!.id);
    expect(audit.map((e) => e.action)).toEqual(["candidate.add", "candidate.withdraw"]);
    expect(audit[1]).toMatchObject({ userId: secretary.id, detail: JSON.stringify({ status: "withdrawn" }), at: NOW.toISOString() });
    expect(await chat.say("/candidates")).toContain("1. 刘洋 · 兼职副书记 · 30周岁 · ⛔ 已退出");
  });

  it("南山: the channel buttons are its three (民主推荐, no 联名推荐), and 民主推荐 asks for no signatures", async () => {
    // 「坚持组织推荐、民主推荐和个人自荐三种途径相结合」
    await registerTownship(p.database.db, secretary, "nanshan");
    const chat = talk(p, secretary);
    await chat.say("/newcandidate");
    await chat.say("李四");
    await chat.click("兼职副书记");
    await chat.say(makeId("19960412", "332"));
    await chat.click("共青团员");
    await chat.click("编制外");
    const prompt = await chat.click("农村");
    expect(prompt).toContain("推荐方式");
    const withButtons = p.api.calls.filter((c) => c.payload.reply_markup).at(-1)!;
    const labels = (withButtons.payload.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard.flat().map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining(["组织推荐", "民主推荐", "个人自荐"]));
    expect(labels.some((l) => l.includes("联名"))).toBe(false);
    // Straight on to the local tie: no signature count for a democratic recommendation.
    expect(await chat.click("民主推荐")).not.toContain("联名");
    await chat.click("是");
    await chat.say("-");
    await chat.click("本科");
    await chat.say("某社区");
    expect(await chat.click("确认保存")).toContain("已保存候选人 李四(兼职副书记)");
    const [row] = await p.database.db.select().from(candidates).all();
    expect(row).toMatchObject({ name: "李四", channel: "democratic", signatures: null });
  });

  it("reports the slate: every rule with its figures and the citation", async () => {
    // Nanshan: 13 members (1 secretary, 3 part-time deputies, 9 members), ≥ 50% outside, ≥ 3 Party members, ≥ seats × 1.2.
    const townshipId = await registerTownship(p.database.db, secretary, "nanshan", {
      secretary: 1,
      fulltimeDeputies: 0,
      parttimeDeputies: 3,
      members: 9,
    });
    const repo = candidateRepository(p.database.db);
    const entries = [
      draft({ name: "甲", post: "secretary", commitment: "fulltime", establishment: "inside", politicalStatus: "party-member" }),
      draft({ name: "乙", post: "secretary", commitment: "fulltime", establishment: "inside", politicalStatus: "party-member" }),
      ...["丙", "丁", "戊", "己"].map((name) => draft({ name, post: "parttime-deputy", establishment: "inside" })),
      ...["庚", "辛", "壬", "癸", "子", "丑", "寅"].map((name, i) =>
        draft({ name, establishment: i < 6 ? "outside" : "inside", channel: i === 0 ? "self" : "organisation" }),
      ),
    ];
    await repo.addMany(townshipId, secretary.id, entries.map((d) => ({ draft: d, idNumberHash: undefined, status: "eligible" as const })), NOW);
    const chat = talk(p, secretary);
    const report = await chat.say("/slate");
    const lines = report.split("\n");
    expect(lines).toEqual([
      "“吉阳镇”候选人名单检查(南山街道):❌ 5 项不符合,2 项符合。",
      "✅ 委员人数:计划 13 名,在规定的 13—13 名之间。 [1]",
      "❌ 编制外:6/13 人(46.15%),低于规定的 50%,至少还需 1 名编制外人选。 [2]",
      "❌ 中共党员(含预备党员):2 名,少于规定的 3 名。 [3]",
      // 南山's surplus is over the whole election, and its directly appointed secretary is not elected:
      // the secretary's post needs no candidates on the slate.
      "❌ 差额(整场选举):拟选配委员 13 名,正式候选人 11 名,至少需 16 名。 [4]",
      "✅ 兼职副书记:职数 3 名,有候选人 4 名。",
      "❌ 委员:职数 9 名,只有候选人 7 名。",
      // 南山's channels are 组织推荐、民主推荐、个人自荐, all three required (「三种途径相结合」): no
      // 团员青年联名推荐 to miss, but a missing 民主推荐 is.
      "❌ 推荐渠道:组织推荐 12、民主推荐 0、个人自荐 1;民主推荐还没有人选。 [5]",
      "出处:",
      "[1] 《南山街道团工委推进团组织格局创新工作实施方案》(一)南山街道团工委成员人数:「团工委设委员 13名」",
      "[2] 《南山街道团工委推进团组织格局创新工作实施方案》(一)南山街道团工委成员人数:「编制外人员所占比例不低于 50%」",
      "[3] 《南山街道团工委推进团组织格局创新工作实施方案》(一)南山街道团工委成员人数:「其中中共党员不少于 3 人」",
      "[4] 《南山街道团工委推进团组织格局创新工作实施方案》(二)人选推荐:「按照高于拟选配街道团工委委员数量 20%的比例确定正式候选人」",
      "[5] 《南山街道团工委推进团组织格局创新工作实施方案》(二)人选推荐:「坚持组织推荐、民主推荐和个人自荐三种途径相结合」",
    ]);

    // One more 编制外 member: 7 of 14 is exactly 50%, which "不低于" includes.
    await repo.addMany(townshipId, secretary.id, [{ draft: draft({ name: "卯" }), idNumberHash: undefined, status: "eligible" }], NOW);
    expect(await chat.say("/slate")).toContain("✅ 编制外:7/14 人(50%),不低于 50%。");
    // A democratic recommendation makes the three channels complete.
    await repo.addMany(townshipId, secretary.id, [{ draft: draft({ name: "辰", channel: "democratic" }), idNumberHash: undefined, status: "eligible" }], NOW);
    expect(await chat.say("/slate")).toContain("✅ 推荐渠道:组织推荐 13、民主推荐 1、个人自荐 1,各渠道都有人选。 [5]");
  });

  it("records speech scores per judge: averages, ranking, incomplete sheets, the 5-minute limit and lots", async () => {
    const townshipId = await registerTownship(p.database.db, secretary, "xingang");
    const repo = candidateRepository(p.database.db);
    await repo.addMany(
      townshipId,
      secretary.id,
      ["许一", "许二", "许三"].map((name) => ({ draft: draft({ name }), idNumberHash: undefined, status: "eligible" as const })),
      NOW,
    );
    const chat = talk(p, secretary);
    const empty = await chat.say("/scores");
    expect(empty).toContain("还没有录入评分");
    expect(empty).toContain("⏱ 提醒:竞职演讲不超过5分钟,顺序按抽签决定。");
    expect(empty).toContain("「发表不超过5分钟的竞职演讲,演讲顺序按抽签决定」");
    expect(empty).toContain("📏 评分:评委按百分制打分,平均分数作为竞职演讲评定成绩。");

    const lots = await chat.click("抽签");
    expect(lots).toContain("抽签结果(演讲顺序)");
    for (const name of ["许一", "许二", "许三"]) expect(lots).toContain(name);
    expect((await p.database.db.select().from(auditLog).where(eq(auditLog.action, "speech.lots")).all())).toHaveLength(1);

    await chat.say("/scores");
    await chat.click("录入一位评委的打分");
    const prompt = await chat.say("评委甲");
    expect(prompt).toContain("1. 许一\n2. 许二\n3. 许三");
    expect(await chat.say("90 101 80")).toContain("第2个分数“101”(许二):应在 0—100 之间");
    expect(await chat.say("90 85")).toContain("需要 3 个分数(每位候选人一个),您输入了 2 个");
    expect(await chat.say("90 85.555 80")).toContain("最多两位小数");
    const afterFirst = await chat.say("90 85.5 -");
    expect(afterFirst).toContain("已保存 评委甲 的打分");
    expect(afterFirst).toContain("评委甲 未给 许三 打分");

    await chat.click("录入一位评委的打分");
    await chat.say("评委乙");
    const sheet = await chat.say("80, 85.5, 70");
    expect(sheet).toContain("竞职演讲评分:评委 2 人,候选人 3 人,取平均分排名。");
    expect(sheet).toContain("1. 许二:85.50 分(2/2 位评委)");
    expect(sheet).toContain("2. 许一:85.00 分(2/2 位评委)");
    expect(sheet).toContain("3. 许三:70.00 分(1/2 位评委)⚠️ 未评完");
    expect(sheet).toContain("⚠️ 评分表不完整,平均分尚未最终确定:评委甲 未给 许三 打分");

    // A judge's sheet entered again replaces the earlier one.
    await chat.click("录入一位评委的打分");
    await chat.click("评委甲");
    const complete = await chat.say("90 85.5 76");
    expect(complete).toContain("3. 许三:73.00 分(2/2 位评委)");
    expect(complete).not.toContain("评分表不完整");
    expect(await repo.scores(townshipId)).toHaveLength(6);
  });

  it("speaks English to English users", async () => {
    await registerTownship(p.database.db, { ...secretary, language_code: "en" }, "jiyang");
    const chat = talk(p, { ...secretary, language_code: "en" });
    expect(await chat.say("/newcandidate")).toContain("The candidate's name");
    await chat.say("Li Si");
    await chat.click("secretary");
    await chat.click("full-time");
    const refused = await chat.say("1980-01-01");
    expect(refused).toContain("❌ Age: 44 on the election date 2024-04-05, over the limit of 35");
    expect(refused).toContain("Source: “Jiyang Town plan for League restructuring”");
    await chat.say("/cancel");
    expect(await chat.say("/slate")).toContain("Slate check for “吉阳镇” (Jiyang Town)");
  });

  it("never shows or logs an ID number or a mobile number in clear", async () => {
    await registerTownship(p.database.db, secretary, "jiyang");
    const chat = talk(p, secretary);
    const ids = [makeId("19950101", "811"), makeId("19960202", "822"), makeId("19970303", "833"), makeId("19980404", "844")];
    const mobiles = ["13911112222", "13822223333", "13733334444", "15044445555"];
    // The dialog, with numbers typed in the wrong places too.
    await chat.say("/newcandidate");
    await chat.say("马一");
    await chat.click("委员");
    await chat.click("兼职");
    await chat.say("1995-01-01");
    expect(await chat.say(ids[0]!)).toContain("性别请填"); // an ID number where the gender goes: quoted masked
    await chat.click("男");
    await chat.click("共青团员");
    await chat.click("编制外");
    await chat.click("农村");
    await chat.click("组织推荐");
    await chat.click("是");
    await chat.say(mobiles[0]!);
    await chat.click("本科");
    await chat.say(`联系 ${mobiles[1]}`);
    await chat.click("确认保存");
    await enterCandidate(chat, { name: "马二", post: "委员", identity: ids[1]!, mobile: mobiles[2] });
    await chat.say(`/import 马三,,${ids[2]},共青团员,编制外,农村,委员,兼职,组织推荐,,是,${mobiles[3]}\n${ids[3]},,${ids[3]},共青团员`);
    await chat.say(`/import 马二,,${ids[1]},共青团员,编制外,农村,委员,兼职,组织推荐,,是`);
    await chat.say("/candidates");
    await chat.click("1. 马一");
    await chat.say("/candidates");
    await chat.click("2. 马二");
    await chat.click("修改");
    await chat.click("出生日期/身份证号");
    await chat.say(ids[3]!);
    await chat.say("/slate");
    expect(p.textsTo(secretary.id).length).toBeGreaterThan(30);

    const sent = JSON.stringify(p.api.calls);
    const logs = p.logLines.join("\n");
    const stored = JSON.stringify([
      await p.database.db.select().from(candidates).all(),
      await p.database.db.select().from(auditLog).all(),
      await p.database.db.select().from(sessions).all(),
    ]);
    for (const id of ids) {
      expect(sent).not.toContain(id);
      expect(logs).not.toContain(id);
      expect(stored).not.toContain(id);
      expect(sent).not.toContain(id.slice(0, 17)); // nor the number without its check character
    }
    for (const mobile of mobiles) {
      expect(sent).not.toContain(mobile);
      expect(logs).not.toContain(mobile);
    }
    expect(sent).toContain(`**************${ids[1]!.slice(14)}`);
    // The edit replaced the birth date with the one of the new ID number, masked.
    const ma2 = (await p.database.db.select().from(candidates).all()).find((c) => c.name === "马二");
    expect(ma2).toMatchObject({ birthDate: "1998-04-04", idNumberMasked: `**************${ids[3]!.slice(14)}` });
  });
});
