/**
 * Issue 9: the papers of the restructuring, drafted from what the assistant knows. The renderer on its
 * own; the templates against the data they can be given; every paper for a seeded township (fields,
 * numbers against direct counts, no personal data in clear, a .docx that unzips to a Word document);
 * and the bot: /documents, the step card's button, the text and the file it sends.
 */
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidateRepository } from "../src/db/candidates.js";
import { stepRepository } from "../src/db/steps.js";
import { townshipRepository } from "../src/db/townships.js";
import { type DocumentInput, documentData, knownPlaceholders } from "../src/documents/data.js";
import { draftDocument, draftDocx } from "../src/documents/draft.js";
import { committeeFigures, summaryFigures } from "../src/documents/figures.js";
import { DOCUMENT_KINDS, DOCUMENT_SPECS, type DocumentKind, documentSpec } from "../src/documents/kinds.js";
import { blankText, placeholdersOf, renderTemplate, splitForMessages, toPlainText } from "../src/documents/render.js";
import { dueDates } from "../src/domain/checklist/index.js";
import { shanghaiDate } from "../src/domain/time.js";
import { documentTemplates } from "../src/generated/templates.js";
import { knowledgeDocs } from "../src/generated/knowledge.js";
import { chatAs } from "./fixtures/chat.js";
import { tempDatabase } from "./fixtures/database.js";
import { SEED_NOW, SEED_PLAN, SEED_RECORDS, type SeededPerson, seedTownship } from "./fixtures/documents-seed.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import { callbackUpdate } from "./fixtures/updates.js";

/** The text of word/document.xml in a .docx, tags removed. */
function docxText(bytes: Uint8Array): { xml: string; text: string; files: string[] } {
  const files = unzipSync(bytes);
  const xml = strFromU8(files["word/document.xml"]!);
  return { xml, text: xml.replace(/<[^>]+>/g, ""), files: Object.keys(files) };
}

const ID_NUMBER_ANY = /\d{4}[\d*]{10}\d{3}[\dXx]/;

describe("the template renderer", () => {
  it("fills values, repeats lists, and shows a missing value as a blank it names", () => {
    const doc = renderTemplate(
      [
        "# {{乡镇名称}}公告",
        "宣传发动自{{宣传发动开始日期}}起,共{{天数}}天。",
        "| 序号 | 姓名 |",
        "| --- | --- |",
        "{{#名单}}",
        "| {{序号}} | {{姓名}} |",
        "{{/名单}}",
        "{{#要求}}",
        "须本地户籍。",
        "{{/要求}}",
        "{{#不要求}}",
        "不会出现。",
        "{{/不要求}}",
        "::: 落款",
        "{{乡镇名称}}团委",
        ":::",
      ].join("\n"),
      { 乡镇名称: "吉阳镇", 天数: 15, 名单: [{ 姓名: "甲" }, { 姓名: "乙|丙" }], 要求: true, 不要求: false },
    );
    const text = toPlainText(doc);
    expect(text).toContain("吉阳镇公告");
    expect(text).toContain(`宣传发动自${blankText("宣传发动开始日期")}起,共15天。`);
    expect(text).toContain("1 | 甲");
    expect(text).toContain("2 | 乙|丙");
    expect(text).toContain("须本地户籍。");
    expect(text).not.toContain("不会出现");
    expect(doc.blanks).toEqual(["宣传发动开始日期"]);
    expect(doc.blocks[0]).toMatchObject({ type: "title" });
    expect(doc.blocks.at(-1)).toMatchObject({ type: "paragraph", align: "right", first: true });
    const table = doc.blocks.find((b) => b.type === "table");
    expect(table?.type === "table" && table.rows[0]!.header).toBe(true);
  });

  it("leaves one blank row for a list nobody recorded, and blanks empty text too", () => {
    const doc = renderTemplate("| 序号 | 姓名 | 单位 |\n{{#名单}}\n| {{序号}} | {{姓名}} | {{单位}} |\n{{/名单}}\n说明:{{说明}}", {
      名单: [],
      说明: "  ",
    });
    expect(doc.blanks).toEqual(["名单", "说明"]);
    const table = doc.blocks[0]!;
    expect(table.type === "table" && table.rows[1]!.cells.length).toBe(3);
    expect(toPlainText(doc)).toContain(blankText("名单"));
  });

  it("refuses a template with an unclosed list or block, naming it", () => {
    expect(() => renderTemplate("{{#名单}}\n{{姓名}}", {})).toThrow(/名单/);
    expect(() => renderTemplate("::: 落款\n某某", {})).toThrow(/:::/);
    expect(() => renderTemplate("::: 左右\n:::", {})).toThrow(/左右/);
  });

  it("splits a long text into messages of at most 4096 characters, at line ends", () => {
    const text = Array.from({ length: 300 }, (_, i) => `第${i}行:${"字".repeat(40)}`).join("\n");
    const chunks = splitForMessages(text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4096);
    expect(chunks.join("\n")).toBe(text);
    expect(splitForMessages("字".repeat(9000)).map((c) => c.length)).toEqual([4096, 4096, 808]);
  });
});

describe("the templates", () => {
  it("exist once per kind and use only values the assistant can give (a typo would be a lasting blank)", () => {
    for (const kind of DOCUMENT_KINDS) {
      const template = documentTemplates[kind];
      expect(template.kind).toBe(kind);
      const known = knownPlaceholders(kind);
      const { values, sections } = placeholdersOf(template.body);
      expect(values.filter((v) => !known.has(v)), kind).toEqual([]);
      expect(sections.filter((v) => !known.has(v)), kind).toEqual([]);
    }
  });

  it("never put an ID number in a public paper, and cite nothing inside a paper (the basis goes with the message)", () => {
    for (const spec of DOCUMENT_SPECS) {
      const { values } = placeholdersOf(documentTemplates[spec.kind].body);
      if (spec.public) expect(values, spec.kind).not.toContain("身份证号");
      expect(documentTemplates[spec.kind].body, spec.kind).not.toMatch(/依据|出处|原文/);
    }
  });

  it("quote the curated documents exactly where they cite passages", () => {
    for (const spec of DOCUMENT_SPECS)
      for (const passage of spec.passages) {
        const section = knowledgeDocs.find((d) => d.id === passage.doc)?.sections.find((s) => s.id === passage.section);
        expect(section?.text, `${spec.kind}: ${passage.doc} ${passage.section}`).toContain(passage.quote);
      }
  });
});

describe("every paper for a seeded township", () => {
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  let input: DocumentInput;
  let people: SeededPerson[];
  let townshipId: string;
  const drafts = new Map<DocumentKind, { text: string; blanks: string[]; docx: string; xml: string }>();
  const count = async (where: string): Promise<number> => {
    const result = await database.client.execute({ sql: `select count(*) as n from candidates where township_id = ? and ${where}`, args: [townshipId] });
    return Number(result.rows[0]!.n);
  };

  beforeAll(async () => {
    database = await tempDatabase("documents-");
    ({ townshipId, people } = await seedTownship(database.db, 7001));
    const plan = (await townshipRepository(database.db).activeFor(7001))!;
    input = {
      plan,
      records: await stepRepository(database.db).list(townshipId),
      candidates: await candidateRepository(database.db).list(townshipId),
      today: shanghaiDate(SEED_NOW),
    };
    for (const kind of DOCUMENT_KINDS) {
      const draft = draftDocument(kind, input);
      const { text, xml, files } = docxText(await draftDocx(draft));
      expect(files).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml", "docProps/core.xml"]));
      expect(draft.fileName).toBe(`南山街道-${draft.name}.docx`);
      drafts.set(kind, { text: draft.text, blanks: draft.blanks, docx: text, xml });
    }
  });
  afterAll(() => database?.cleanup());

  it("puts no ID number or mobile in clear in any paper, and no ID number at all in a public one", () => {
    for (const kind of DOCUMENT_KINDS) {
      const { text, docx } = drafts.get(kind)!;
      for (const person of people) {
        for (const body of [text, docx]) {
          expect(body, kind).not.toContain(person.idNumber);
          expect(body, kind).not.toContain(person.mobile);
        }
      }
      if (documentSpec(kind).public) {
        expect(text, kind).not.toMatch(ID_NUMBER_ANY);
        expect(docx, kind).not.toMatch(ID_NUMBER_ANY);
      }
    }
    // The request for approval lists no ID number or mobile at all: masked ones are of no use to the approving body.
    const approval = drafts.get("approval-request")!.text;
    expect(approval).not.toMatch(ID_NUMBER_ANY);
    expect(approval).not.toContain(`${people[0]!.mobile.slice(0, 3)}****${people[0]!.mobile.slice(7)}`);
  });

  it("the working group: its leader as recorded, the rest left to fill", () => {
    const { text, blanks, docx } = drafts.get("working-group")!;
    expect(text).toContain("关于成立南山街道团组织格局创新工作领导小组的通知");
    expect(text).toContain("组长 | 王伟 街道党工委副书记");
    expect(text).toContain("2027年1月4日");
    expect(blanks).toEqual(expect.arrayContaining(["领导小组副组长", "领导小组成员"]));
    expect(docx).toContain(blankText("领导小组成员"));
    expect(text).not.toContain("吉阳镇");
  });

  it("the publicity notice: seats, conditions and dates from the plan, the rules and the record, with their sources", () => {
    const { text, docx } = drafts.get("publicity-notice")!;
    expect(text).toContain("南山街道团工委关于开展团组织格局创新工作的公告");
    expect(text).toContain("全街道广大团员青年：");
    expect(text).toContain("南山街道团工委拟设委员13名");
    expect(text).toContain("兼职副书记3名");
    expect(text).not.toContain("专职副书记0名");
    expect(text).toContain("宣传发动时间为2027年1月5日至2027年1月16日，不少于10天，通过宣传栏、手机短信等渠道发布");
    expect(text).toContain("年龄在35周岁以下");
    // 「坚持组织推荐、民主推荐和个人自荐三种途径相结合」: all three, not a list of options.
    expect(text).toContain("候选人人选采取组织推荐、民主推荐和个人自荐三种途径相结合的方式产生。");
    expect(text).not.toContain("等途径产生");
    expect(text).toContain("政治面貌为中共党员（含预备党员）或共青团员");
    expect(text).toContain("2027年1月20日前报送南山街道团工委");
    // What the rules rest on is not printed in the paper (it goes with the message).
    expect(text).not.toContain("宣传发动时间不少于 10 天");
    expect(text).not.toMatch(/《[^》]*方案》/);
    // Contact details are never recorded: blanks.
    expect(text).toContain(`联系人：${blankText("联系人")}`);
    expect(docx).toContain("南山街道团工委拟设委员13名");
  });

  it("the registration form: the posts on offer and the nomination channels as boxes to tick", () => {
    const { text } = drafts.get("registration-form")!;
    expect(text).toContain("南山街道团组织格局创新竞职候选人报名表");
    expect(text).toContain("竞选职务 | □书记  □兼职副书记  □委员");
    // 南山 recommends through 组织推荐、民主推荐、个人自荐: 民主推荐 is a box of its own, a signed joint
    // nomination is not on its form.
    expect(text).toContain("推荐方式 | □组织推荐  □民主推荐  □个人自荐");
    expect(text).not.toContain("□团员青年联名推荐");
    expect(text).toContain("工作简历 | （主要工作简历）");
    expect(text).not.toContain("新港街道");
  });

  it("the formal candidates: everyone marked formal or later, counted as the database counts them", async () => {
    const { text, docx } = drafts.get("formal-candidates")!;
    const formal = await count("status in ('formal', 'elected', 'appointed')");
    expect(formal).toBe(15);
    expect(text).toContain(`确定以下${formal}名同志为书记、兼职副书记、委员正式候选人`);
    for (const person of people.filter((p) => ["formal", "elected", "appointed"].includes(p.status))) expect(text).toContain(`| ${person.name} |`);
    for (const person of people.filter((p) => p.status === "withdrawn" || p.status === "ineligible")) expect(text).not.toContain(person.name);
    expect(text).toContain("共产生初步人选17名");
    expect(text).toContain("合格16名");
    expect(text).toContain(`兼职副书记 | 3 | ${await count("status in ('formal', 'elected', 'appointed') and post = 'parttime-deputy'")}`);
    expect(text).toContain(`委员 | 9 | ${await count("status in ('formal', 'elected', 'appointed') and post = 'member'")}`);
    expect(text).toContain("高于拟选配职数20%");
    expect(docx).toContain("正式候选人");
  });

  it("the pre-appointment notice: the elected and appointed, the notice period and its rule", async () => {
    const { text, blanks } = drafts.get("pre-appointment-notice")!;
    const appointees = await count("status in ('elected', 'appointed')");
    expect(text.match(/^\d+ \| /gm)?.length).toBe(appointees);
    expect(text).toContain("公示时间：2027年2月5日至2027年2月11日，共7天。");
    expect(text).toContain("公示地点：各人选所在单位。");
    expect(text).not.toContain("“在人选所在单位进行为期一周的公示”");
    // One appointee named no workplace: a blank in that cell, not a guess.
    expect(blanks).toEqual(["工作单位", "联系电话", "联系人"]);
  });

  it("the request for approval: the whole procedure with its dates and figures, the appointees with masked data", async () => {
    const { text } = drafts.get("approval-request")!;
    expect(text).toContain("\n南山街道党工委：\n");
    expect(text).toContain("抄送：共青团东区委员会。");
    expect(text).toContain("组织推荐8名，民主推荐4名，个人自荐5名，共17名");
    expect(text).toContain("2027年2月1日召开团员青年大会");
    expect(text).toContain(`拟任命以下${await count("status in ('elected', 'appointed')")}名同志`);
    expect(text).toContain(`确定正式候选人${await count("status in ('formal', 'elected', 'appointed')")}名`);
    expect(text).toContain(`公示结果：${blankText("公示结果")}`);
    expect(text).toContain("2027年2月15日前完成");
    expect(text).toContain("妥否，请批示。");
  });

  it("the summary report: figures after the restructuring equal direct counts; figures before are blanks", async () => {
    const { text, blanks, docx } = drafts.get("summary-report")!;
    const members = await count("status = 'appointed'");
    const inside = await count("status = 'appointed' and establishment = 'inside'");
    const outside = await count("status = 'appointed' and establishment = 'outside'");
    const party = await count("status = 'appointed' and political_status in ('party-member', 'probationary-party-member')");
    const league = await count("status = 'appointed' and political_status = 'league-member'");
    const female = await count("status = 'appointed' and gender = 'female'");
    const units = Number(
      (await database.client.execute({ sql: "select count(distinct workplace) as n from candidates where township_id = ? and status = 'appointed'", args: [townshipId] })).rows[0]!.n,
    );
    const sectors = Number(
      (await database.client.execute({ sql: "select count(distinct sector) as n from candidates where township_id = ? and status = 'appointed'", args: [townshipId] })).rows[0]!.n,
    );
    const births = (await database.client.execute({ sql: "select birth_date from candidates where township_id = ? and status = 'appointed'", args: [townshipId] })).rows.map((r) => String(r.birth_date));
    // Completed years on the election day (2027-02-01), computed here without the app's helper.
    const ages = births.map((b) => {
      const [y, m, d] = b.split("-").map(Number) as [number, number, number];
      return 2027 - y - (m > 2 || (m === 2 && d > 1) ? 1 : 0);
    });
    const average = Math.round((ages.reduce((a, b) => a + b, 0) / ages.length) * 10) / 10;

    expect([members, inside, outside, party, league, female, units, sectors]).toEqual([10, 2, 8, 5, 5, 5, 8, 4]);
    // Nobody gave the committee before: the before column and the change are blanks, never guessed.
    expect(text).toContain(`团委委员人数 | ${blankText("创新前委员人数")} | ${members} | ${blankText("委员人数变化")}`);
    expect(text).not.toContain("通过格局创新,团委委员由");
    expect(text).toContain(`编制内人员 | ${blankText("创新前编制内人数")} | ${inside}`);
    expect(text).toContain(`编制外人员 | ${blankText("创新前编制外人数")} | ${outside}`);
    expect(text).toContain(`编制内与编制外之比 | ${blankText("创新前编制内外比例")} | ${inside}:${outside}（约1:${outside / inside}）`);
    expect(text).toContain(`编制外人员占比 | ${blankText("创新前编制外占比")} | ${(outside / members) * 100}%`);
    expect(text).toContain(`中共党员（含预备党员） | ${blankText("创新前党员人数")} | ${party}`);
    expect(text).toContain(`共青团员 | ${blankText("创新前团员人数")} | ${league}`);
    expect(text).toContain(`女性 | ${blankText("创新前女性人数")} | ${female}`);
    expect(text).toContain(`平均年龄（周岁） | ${blankText("创新前平均年龄")} | ${average}`);
    expect(text).toContain(`来源单位数 | ${blankText("创新前来源单位数")} | ${units}`);
    expect(text).toContain(`覆盖领域数 | ${blankText("创新前覆盖领域数")} | ${sectors}`);
    expect(text).toContain("平均年龄按2027年2月1日计算");
    expect(blanks).toEqual(expect.arrayContaining(["创新前委员人数", "主要做法", "培训日期", "报送单位"]));

    // On-time steps: each recorded date against the checklist's due date, counted here.
    const due = dueDates(input.plan, input.records);
    const doneOn = (values: Record<string, string | number>) => String(values.periodEnd ?? Object.values(values)[0]);
    const onTime = SEED_RECORDS.filter(([step, values]) => doneOn(values) <= due[step]!).length;
    const late = SEED_RECORDS.length - onTime;
    expect(late).toBeGreaterThan(0);
    expect(text).toContain(`格局创新共13个工作环节，已完成${SEED_RECORDS.length}个，其中按计划日期完成${onTime}个，逾期完成${late}个`);
    expect(text).toContain("宣传发动：应于");
    expect(text).toContain("任前公示 | 2027年");
    expect(docx).toContain(blankText("创新前委员人数"));
    expect(docx).toContain("关于南山街道团的组织格局创新工作情况的报告");
  });

  it("the .docx is laid out as a paper: A4, title centred, body indented, signature set right, blanks highlighted", async () => {
    const files = unzipSync(await draftDocx(draftDocument("pre-appointment-notice", input)));
    const xml = strFromU8(files["word/document.xml"]!);
    const styles = strFromU8(files["word/styles.xml"]!);
    const style = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? "";
    expect(xml).toContain('w:w="11906"');
    expect(xml).toMatch(/<w:pStyle w:val="PaperTitle"\/>[\s\S]*?南山街道团工委书记、兼职副书记、委员拟任人选任前公示/);
    expect(style("PaperTitle")).toContain('<w:jc w:val="center"/>');
    expect(style("PaperTitle")).toContain('w:eastAsia="方正小标宋简体"');
    expect(style("PaperBody")).toContain('<w:ind w:firstLine="640"/>');
    expect(style("PaperBody")).toContain('w:eastAsia="仿宋"');
    expect(style("PaperSignature")).toContain('<w:jc w:val="right"/>');
    expect(xml).toMatch(/<w:pStyle w:val="PaperSignature"\/>[\s\S]*?南山街道党工委/);
    expect(xml).toMatch(/<w:highlight w:val="yellow"\/>[\s\S]*?【待填：联系电话】/);
    expect(xml).toContain("<w:tbl>");
  });

  it("a missing value shows as a blank: the same paper before anything was recorded", () => {
    const bare = draftDocument("publicity-notice", { ...input, records: [], candidates: [] });
    expect(bare.blanks).toEqual(expect.arrayContaining(["宣传发动开始日期", "宣传发动结束日期", "宣传媒介", "报名截止日期"]));
    expect(bare.text).toContain(`宣传发动时间为${blankText("宣传发动开始日期")}至${blankText("宣传发动结束日期")}`);
    // Its date is then the drafting day, not an invented event date.
    expect(bare.text).toContain("2027年3月1日");
    const list = draftDocument("formal-candidates", { ...input, candidates: [] });
    expect(list.notes).toEqual(["formal-list-empty"]);
    expect(list.text).toContain(`${blankText("正式候选人名单")}`);
  });

  it("the figures: a committee of the elected when nobody is appointed yet, none when nobody is elected", () => {
    const elected = input.candidates.map((c) => (c.status === "appointed" ? { ...c, status: "elected" as const } : c));
    const figures = summaryFigures(input.plan, input.records, elected, "2027-03-01");
    expect(figures.committeeBasis).toBe("elected");
    expect(figures.after?.members).toBe(12);
    const none = summaryFigures(input.plan, [], input.candidates.filter((c) => c.status === "formal"), "2027-03-01");
    expect(none.committeeBasis).toBe("none");
    expect(none.after).toBeUndefined();
    expect(none.ageDate).toBe(SEED_PLAN.plannedElectionDate);
    expect(committeeFigures([], "2027-01-01").averageAge).toBeUndefined();
    expect(documentData("summary-report", { ...input, candidates: [] }).notes).toEqual(["committee-none", "before-none"]);
  });
});

describe("papers in the bot", () => {
  let p: Pipeline;
  const user = { id: 7101, first_name: "张书记", language_code: "zh-hans" };
  beforeAll(async () => {
    p = await startPipeline({ now: () => SEED_NOW, rateLimit: { limit: 1000, windowMs: 10_000 } });
    const { townshipId } = await seedTownship(p.database.db, user.id, user.first_name);
    // A large committee, so that the summary report is longer than one Telegram message.
    const extra = Array.from({ length: 60 }, (_, i) => ({
      draft: {
        name: `委员${String.fromCharCode(0x4e00 + i)}`,
        gender: "female" as const,
        birthDate: "1996-06-06",
        politicalStatus: "league-member" as const,
        establishment: "outside" as const,
        sector: "social-organisation" as const,
        post: "member" as const,
        commitment: "parttime" as const,
        channel: "self" as const,
        localTie: true,
        workplace: `南山街道志愿者协会第${i + 1}分会`,
        education: "college" as const,
      },
      idNumberHash: undefined,
      status: "appointed" as const,
    }));
    await candidateRepository(p.database.db).addMany(townshipId, user.id, extra, SEED_NOW);
  });
  afterAll(async () => {
    await p?.close();
  });

  /** The documents sent to the user: grammY uploads each as a multipart part named by `attach://<part>`. */
  const documentsSent = () =>
    p.api
      .sent("sendDocument")
      .filter((c) => Number(c.payload.chat_id) === user.id)
      .map((c) => ({
        caption: String(c.payload.caption),
        file: c.payload[String(c.payload.document).replace("attach://", "")] as { filename: string; bytes: Buffer },
      }));

  it("/documents lists every paper; a button sends its text and its .docx, naming the blanks", async () => {
    const chat = chatAs(p, user);
    const list = await chat.say("/documents");
    expect(list).toContain("可以起草以下文书");
    for (const kind of DOCUMENT_KINDS) expect(list).toContain(documentTemplates[kind].name);

    const reply = await chat.click("起草任前公示");
    expect(reply).toContain("南山街道团工委书记、兼职副书记、委员拟任人选任前公示");
    expect(reply).toContain("公示时间：2027年2月5日至2027年2月11日，共7天。");
    // What the notice rests on comes with it, in the chat, from the township's own (Nanshan) plan.
    expect(reply).toContain("这份文书依据的规则");
    expect(reply).toContain("“在人选所在单位进行为期一周的公示”");
    const [sent] = documentsSent();
    expect(sent!.file.filename).toBe("南山街道-任前公示.docx");
    expect(sent!.caption).toContain("待填 3 处：工作单位、联系电话、联系人");
    expect(docxText(new Uint8Array(sent!.file.bytes)).text).toContain("南山街道团工委书记、兼职副书记、委员拟任人选任前公示");
    expect(docxText(new Uint8Array(sent!.file.bytes)).text).not.toContain("依据");
  });

  it("a step card offers its paper; a long paper arrives in several messages of at most 4096 characters", async () => {
    const chat = chatAs(p, user);
    const lastMarkup = () => JSON.stringify(p.api.sent("sendMessage").filter((c) => Number(c.payload.chat_id) === user.id).at(-1)?.payload.reply_markup);
    // The first open step, training, drafts nothing: no paper button on its card.
    expect(await chat.say("/next")).toContain("培训");
    expect(lastMarkup()).not.toContain("doc:");
    await p.bot.handleUpdate(callbackUpdate(user, { message_id: 1 }, "step:summary-report"));
    expect(lastMarkup()).toContain("doc:summary-report");

    const before = p.api.sent("sendMessage").length;
    const sentBefore = documentsSent().length;
    const report = await chat.click("起草总结阶段工作报告");
    const messages = p.api.sent("sendMessage").slice(before).map((c) => String(c.payload.text));
    expect(report).toContain("关于南山街道团的组织格局创新工作情况的报告");
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(4096);
    expect(documentsSent().length).toBe(sentBefore + 1);
    const caption = documentsSent().at(-1)!.caption;
    expect(docxText(new Uint8Array(documentsSent().at(-1)!.file.bytes)).text).toContain("格局创新前后对比");
    expect(caption).toContain("总结阶段工作报告");
    expect(caption.length).toBeLessThanOrEqual(1024);
  });

  it("in English, the interface speaks English and the paper stays Chinese", async () => {
    const english = { id: 7102, first_name: "Wang", language_code: "en" };
    await seedTownship(p.database.db, english.id, english.first_name);
    const chat = chatAs(p, english);
    expect(await chat.say("/documents")).toContain("I can draft these papers");
    const reply = await chat.click("Draft 宣传发动公告");
    expect(reply).toContain("the Word file follows");
    expect(reply).toContain("关于开展团组织格局创新工作的公告");
  });

  it("without a township, asks to register first", async () => {
    const stranger = chatAs(p, { id: 7103, first_name: "路人", language_code: "zh-hans" });
    await stranger.say("/documents");
    expect(await stranger.click("起草报批请示")).toContain("您还没有登记乡镇(街道)");
  });
});
