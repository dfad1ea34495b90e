/**
 * Issue 20 and the papers of issue 15: papers a county office accepts as they are. Every paper of a
 * township that went through the whole restructuring, under each profile, read from the .docx itself
 * (word/document.xml, styles, footers, font table): no other locality named, full-width punctuation,
 * the unit's own words, one organ name, posts that match the people listed, a 请示 with one 主送机关,
 * a summary report that judges each step and each rule from the recorded dates and figures and never
 * contradicts itself, tables sized to their content, page numbers, the 报名表's one page. The plain
 * text of each paper per profile is kept as a golden file (test/golden/papers/).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidateRepository } from "../src/db/candidates.js";
import { stepRepository } from "../src/db/steps.js";
import { townshipRepository } from "../src/db/townships.js";
import { type DocumentInput, documentBasis } from "../src/documents/data.js";
import { type DraftedDocument, draftDocument, draftDocx } from "../src/documents/draft.js";
import { DOCUMENT_KINDS, type DocumentKind, documentSpec } from "../src/documents/kinds.js";
import { columnWidths, emWidth } from "../src/documents/layout.js";
import { PROFILES } from "../src/domain/rules/profiles.js";
import type { ProfileId } from "../src/domain/rules/types.js";
import { shanghaiDate } from "../src/domain/time.js";
import type { UnitKind } from "../src/domain/township.js";
import { completeRun, RUN_APPOINTED_ON, RUN_NOW } from "./fixtures/complete-run.js";
import { tempDatabase } from "./fixtures/database.js";

interface Paper {
  draft: DraftedDocument;
  bytes: Uint8Array;
  files: Record<string, Uint8Array>;
  xml: string;
  /** document.xml's text, one line per paragraph (table cells separated by " | "). */
  text: string;
}

const file = (paper: Paper, name: string) => strFromU8(paper.files[name]!);

function paragraphsOf(xml: string): string {
  return xml
    .replace(/<w:tc>/g, " | ")
    .replace(/<\/w:p>/g, "\n")
    .replace(/<w:br\/>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&");
}

/** Half-width punctuation next to a Chinese character: what a Chinese paper never has. */
const HALF_WIDTH = /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef][,:;()!?]|[,:;()!?][\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/;

/** Every locality the profiles come from, as a paper might name it. */
const LOCALITIES = ["吉阳", "新港", "南山", "三亚", "张彤"];

const TOWNSHIPS: { name: string; kind: UnitKind; profileId: ProfileId; unit: string; organ: string; party: string }[] = [
  { name: "大田镇", kind: "township", profileId: "jiyang", unit: "镇", organ: "大田镇团委", party: "大田镇党委" },
  { name: "平地乡", kind: "township", profileId: "xingang", unit: "乡", organ: "平地乡团委", party: "平地乡党委" },
  { name: "银江街道", kind: "subdistrict", profileId: "nanshan", unit: "街道", organ: "银江街道团工委", party: "银江街道党工委" },
  { name: "同德镇", kind: "township", profileId: "sichuan", unit: "镇", organ: "同德镇团委", party: "同德镇党委" },
  { name: "太平乡", kind: "township", profileId: "recommended", unit: "乡", organ: "太平乡团委", party: "太平乡党委" },
];

const database = await tempDatabase("papers-county-");
const papers = new Map<string, Map<DocumentKind, Paper>>();
const inputs = new Map<string, DocumentInput>();

beforeAll(async () => {
  for (const [i, township] of TOWNSHIPS.entries()) {
    const userId = 9100 + i;
    const townshipId = await completeRun(database.db, userId, township);
    const plan = (await townshipRepository(database.db).activeFor(userId))!;
    const input: DocumentInput = {
      plan,
      records: await stepRepository(database.db).list(townshipId),
      candidates: await candidateRepository(database.db).list(townshipId),
      today: shanghaiDate(RUN_NOW),
    };
    inputs.set(township.name, input);
    const byKind = new Map<DocumentKind, Paper>();
    for (const kind of DOCUMENT_KINDS) {
      const draft = draftDocument(kind, input);
      const bytes = await draftDocx(draft);
      const files = unzipSync(bytes);
      const xml = strFromU8(files["word/document.xml"]!);
      byKind.set(kind, { draft, bytes, files, xml, text: paragraphsOf(xml) });
    }
    papers.set(township.name, byKind);
  }
});
afterAll(() => database.cleanup());

describe.each(TOWNSHIPS)("every paper of $name ($profileId profile)", (township) => {
  const each = () => [...papers.get(township.name)!.entries()];
  const paper = (kind: DocumentKind) => papers.get(township.name)!.get(kind)!;

  it("names no other locality and cites nothing inside the paper", () => {
    for (const [kind, p] of each()) {
      for (const place of LOCALITIES) {
        expect(p.text, `${kind}: ${place}`).not.toContain(place);
        expect(p.draft.text, `${kind}: ${place}`).not.toContain(place);
      }
      expect(p.text, kind).not.toMatch(/本文依据|本表依据|《[^》]*方案》/);
    }
  });

  it("writes full-width punctuation wherever it writes Chinese", () => {
    for (const [kind, p] of each()) {
      const line = p.text.split("\n").find((l) => HALF_WIDTH.test(l));
      expect(line, kind).toBeUndefined();
      expect(p.draft.text.split("\n").find((l) => HALF_WIDTH.test(l)), kind).toBeUndefined();
    }
  });

  it("speaks as the unit it is, with one organ name in title, body and signature", () => {
    const all = each().map(([, p]) => p.text).join("\n");
    expect(all).not.toMatch(/[全我本]乡镇/);
    expect(paper("publicity-notice").text).toContain(`全${township.unit}广大团员青年`);
    expect(paper("approval-request").text).toContain(`我${township.unit}在`);
    for (const [kind, p] of each()) {
      const title = p.text.split("\n").find((l) => l.trim() !== "")!;
      const signatures = [...p.xml.matchAll(/<w:pStyle w:val="PaperSignature"\/>[\s\S]*?<\/w:p>/g)].map((m) => m[0].replace(/<[^>]+>/g, ""));
      if (signatures.length === 0) continue;
      const organ = signatures[0]!;
      expect([township.organ, township.party], kind).toContain(organ);
      // The title names the organ as the signature does, or none at all; never the 共青团…委员会 form next to the short one.
      expect(title, kind).not.toMatch(/共青团.*委员会/);
      if (title.includes("团委") || title.includes("团工委")) expect(title, kind).toContain(township.organ);
    }
  });

  it("names in the title and the text exactly the posts its list holds, each label once", () => {
    for (const kind of ["pre-appointment-notice", "approval-request"] as const) {
      const p = paper(kind);
      const rows = p.draft.rendered.blocks.find((b) => b.type === "table")!;
      if (rows.type !== "table") throw new Error("no table");
      const postColumn = rows.rows[0]!.cells.findIndex((c) => c.map((r) => r.text).join("") === "拟任职务");
      const listed = rows.rows.slice(1).map((r) => r.cells[postColumn]!.map((x) => x.text).join("").replace(/（.*）/, ""));
      const named = [...new Set(listed)].join("、");
      expect(named).toBe("书记、专职副书记、兼职副书记、委员");
      expect(p.draft.title, kind).toContain(`${township.organ}${named}拟任人选`);
      expect(p.draft.text, kind).toContain(`拟任命以下${listed.length}名同志为${township.organ}${named}`);
      expect(p.draft.text, kind).not.toMatch(/(专职|兼职)[^|\n]*（(专职|兼职)）/);
    }
  });

  it("a 请示: one 主送机关, the League committee above as 抄送, a 附注 with contact and phone, no ID numbers", () => {
    const p = paper("approval-request");
    const lines = p.text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    const addressees = lines.filter((l) => /^[^，。]+：$/.test(l));
    expect(addressees).toEqual([`${township.party}：`]);
    expect(p.text).toContain("抄送：共青团东区委员会。");
    const date = lines.findIndex((l) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(l));
    expect(lines[date + 1]).toMatch(/^（联系人：.*，联系电话：.*）$/);
    expect(p.text).not.toMatch(/身份证|\d{4}\*{10}/);
    expect(p.text.match(/妥否，请批示。/g)).toHaveLength(1);
  });

  it("the summary report: on time or late from the dates recorded, never contradicting itself, each rule met or not with its figure", () => {
    const p = paper("summary-report");
    const text = p.draft.text;
    // The appointment came four days after the completion deadline: late everywhere the report says so.
    expect(text).toContain("按照党委换届结束后1个月内（即2026年12月20日前）完成的要求");
    expect(text).toContain("比规定时限晚4天");
    // Its own due date: the day after the notice ended (2026-12-13), as the checklist plans it.
    expect(text).toContain("报批与正式任命：应于2026年12月14日前完成，实际于2026年12月24日完成，逾期10天；");
    expect(text).toContain("总结报告：应于2026年12月20日前完成，实际于2026年12月30日完成，逾期10天。");
    const rows = text
      .split("\n")
      .map((l) => l.split(" | "))
      .filter((cells) => cells.length === 4 && /^(按期|逾期|未完成|无计划日期)$/.test(cells[3]!));
    expect(rows).toHaveLength(13);
    const day = (s: string) => s.replace(/(\d{4})年(\d{1,2})月(\d{1,2})日/, (_, y, m, d) => `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`);
    for (const [step, due, done, verdict] of rows) {
      expect(day(due!) <= "2026-12-20", step).toBe(true);
      if (verdict === "按期") expect(day(done!) <= day(due!), step).toBe(true);
      if (verdict === "逾期") expect(day(done!) > day(due!), step).toBe(true);
    }
    const appointment = rows.find((r) => r[0] === "报批与正式任命")!;
    expect(appointment[3]).toBe("逾期");
    // Nothing is due before what it follows: the report is not due before the training it reports.
    const dueOf = (name: string) => day(rows.find((r) => r[0] === name)![1]!);
    expect(dueOf("总结报告") >= dueOf("培训")).toBe(true);
    expect(dueOf("总结报告") >= dueOf("建立运行机制")).toBe(true);
    const onTime = rows.filter((r) => r[3] === "按期").length;
    const late = rows.filter((r) => r[3] === "逾期").length;
    expect(text).toContain(`已完成13个，其中按计划日期完成${onTime}个，逾期完成${late}个`);
    expect(onTime + late).toBe(13);
    // Each rule the report answers to: met or not, with the figure.
    expect(text).toContain(`（一）完成时限：须于2026年12月20日前完成，实际于2026年12月24日完成任命，逾期4天，未达到要求。`);
    const rules = PROFILES[township.profileId].rules;
    if (rules.committeeSize) expect(text).toMatch(/委员人数：一般由[\d—]+名委员组成，现有委员9名，(符合要求|未达到要求)。/);
    if (rules.partyMembersMin) expect(text).toMatch(/中共党员人数：不少于\d+名，现有4名，(符合要求|未达到要求)。/);
    if (rules.nonEstablishmentShareMin) expect(text).toMatch(/编制外比例：不低于[\d.]+%，现为66.7%（编制外6名），(符合要求|未达到要求)。/);
    expect(RUN_APPOINTED_ON).toBe("2026-12-24");
  });

  it("matches its golden text", async () => {
    for (const [kind, p] of each())
      await expect(p.draft.text).toMatchFileSnapshot(`golden/papers/${township.profileId}/${kind}.txt`);
  });
});

describe("the chat message that delivers a paper carries what it rests on", () => {
  it("cites the township's own profile as its rules, and other localities only as wording followed", () => {
    const sichuan = inputs.get("同德镇")!.plan;
    const basis = documentBasis("publicity-notice", sichuan);
    expect(basis.own.length).toBeGreaterThan(0);
    for (const line of basis.own) expect(line.source).not.toMatch(/吉阳|新港|南山/);
    expect(basis.reference.some((l) => /吉阳|新港|南山/.test(l.source))).toBe(true);
  });

  it("never lists the township's own plan among other places' practice", () => {
    const jiyang = inputs.get("大田镇")!.plan;
    for (const kind of ["formal-candidates", "publicity-notice", "summary-report"] as const) {
      const basis = documentBasis(kind, jiyang);
      expect(basis.reference.filter((l) => l.source.includes("吉阳镇")), kind).toEqual([]);
    }
    expect(documentBasis("formal-candidates", jiyang).own.some((l) => l.quote?.includes("资格审查"))).toBe(true);
  });
});

describe("the .docx layout (GB/T 9704)", () => {
  const paper = (kind: DocumentKind) => papers.get("大田镇")!.get(kind)!;

  it("numbers pages 「— 1 —」, odd pages right and even pages left", () => {
    const p = paper("summary-report");
    const footers = Object.keys(p.files).filter((f) => /^word\/footer\d+\.xml$/.test(f));
    expect(footers.length).toBe(2);
    for (const footer of footers) {
      const xml = file(p, footer);
      expect(xml).toMatch(/— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t[^>]*> —/);
    }
    expect(footers.map((f) => /<w:jc w:val="(right|left)"\/>/.exec(file(p, f))?.[1]).sort()).toEqual(["left", "right"]);
    expect(file(p, "word/settings.xml")).toContain("<w:evenAndOddHeaders/>");
  });

  it("declares the title in 小标宋 with 宋体 as its fallback, and a 22-line grid of 28 characters", () => {
    const p = paper("publicity-notice");
    const styles = file(p, "word/styles.xml");
    const title = /<w:style [^>]*w:styleId="PaperTitle"[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).not.toContain("<w:b/>");
    expect(file(p, "word/fontTable.xml")).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
    const grid = /<w:docGrid [^>]*\/>/.exec(p.xml)![0];
    const pitch = Number(/w:linePitch="(\d+)"/.exec(grid)![1]);
    // 225 mm of text height (16838 − 2098 − 1984 twips) holds 22 lines.
    expect(Math.floor((16838 - 2098 - 1984) / pitch)).toBe(22);
    const body = /<w:style [^>]*w:styleId="PaperBody"[\s\S]*?<\/w:style>/.exec(styles)![0];
    const spacing = Number(/<w:spacing w:val="(-?\d+)"\/>/.exec(body)![1]);
    expect(Math.floor(8845 / (320 + spacing))).toBe(28);
  });

  it("sizes table columns to their content: 序号 and 性别 narrow, 工作单位 wide, a birth month on one line", () => {
    const p = paper("pre-appointment-notice");
    const widths = [.../<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(p.xml)![1]!.matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
    const header = ["序号", "姓名", "性别", "出生年月", "政治面貌", "学历", "工作单位", "拟任职务"];
    expect(widths).toHaveLength(header.length);
    const width = (name: string) => widths[header.indexOf(name)]!;
    expect(width("序号")).toBeLessThan(width("工作单位") / 2);
    expect(width("性别")).toBeLessThan(width("工作单位") / 2);
    // 1990年1月 in 五号 (10.5 pt = 210 twips an em) plus the cell's padding fits on one line.
    expect(width("出生年月")).toBeGreaterThanOrEqual(emWidth("1990年10月") * 210 + 160);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(8845);
    // The header repeats on each page, no row splits, the first rows keep with the next.
    const rows = [...p.xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(rows[0]).toContain("<w:tblHeader/>");
    for (const row of rows) expect(row).toContain("<w:cantSplit/>");
    expect(rows[1]).toContain("<w:keepNext/>");
    expect(rows.at(-1)).not.toContain("<w:keepNext/>");
  });

  it("narrows first the column where that wraps the fewest lines, never a date or a short name", () => {
    const row = (...texts: string[]) => ({ cells: texts.map((text) => [{ text }]), header: false });
    const rows = [
      { ...row("姓名", "政治面貌", "出生年月", "工作单位"), header: true },
      ...Array.from({ length: 8 }, (_, i) => row(`张${i}`, i === 0 ? "中共预备党员" : "共青团员", "1993年10月", `攀枝花市东区第${i}中学团委办公室`)),
    ];
    const [name, political, born, work] = columnWidths(rows, 4, 240, 6000);
    expect(name! + political! + born! + work!).toBe(6000);
    // The long 工作单位 keeps more room than the column with one long value; the date stays on one line.
    expect(political!).toBeLessThan((emWidth("中共预备党员") + 0.8) * 240 + 160);
    expect(born!).toBeGreaterThanOrEqual(emWidth("1993年10月") * 240 + 160);
    expect(name!).toBeGreaterThanOrEqual(emWidth("张0") * 240 + 160);
    expect(work!).toBeGreaterThan(political!);
  });

  it("centres the signature over the date, the date four characters from the right margin", () => {
    const p = paper("working-group");
    const lines = [...p.xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="PaperSignature"\/>[\s\S]*?<\/w:p>/g)].map((m) => ({
      indent: Number(/<w:ind w:right="(\d+)"\/>/.exec(m[0])![1]),
      text: m[0].replace(/<[^>]+>/g, ""),
    }));
    expect(lines.map((l) => l.text)).toEqual(["大田镇党委", "2026年11月9日"]);
    const [organ, date] = lines as [{ indent: number; text: string }, { indent: number; text: string }];
    expect(date.indent).toBe(4 * 320);
    const centre = (l: { indent: number; text: string }) => l.indent + (emWidth(l.text) * 320) / 2;
    expect(Math.abs(centre(organ) - centre(date))).toBeLessThanOrEqual(1);
  });

  it("the summary report: 附件说明 before the signature, the attachment on a new page headed 附件", () => {
    const p = paper("summary-report");
    const lines = p.text.split("\n").map((l) => l.trim());
    const note = lines.indexOf("附件：各工作环节完成情况");
    const signature = lines.indexOf("大田镇团委");
    const heading = lines.indexOf("附件");
    expect(note).toBeGreaterThan(0);
    expect(note).toBeLessThan(signature);
    expect(heading).toBeGreaterThan(signature);
    expect(lines[heading + 1]).toBe("各工作环节完成情况");
    const styles = file(p, "word/styles.xml");
    expect(/<w:style [^>]*w:styleId="PaperAttachment"[\s\S]*?<\/w:style>/.exec(styles)![0]).toContain("<w:pageBreakBefore/>");
    expect(p.xml).toMatch(/<w:pStyle w:val="PaperAttachment"\/>[\s\S]*?附件/);
  });

  it("the 报名表: a 照片 cell merged down, a 本人承诺 with its signature line, the review, nothing to look up elsewhere", () => {
    const p = paper("registration-form");
    expect(p.text).toContain("照片");
    expect(p.xml).toMatch(/<w:vMerge w:val="restart"\/>[\s\S]*?照片/);
    expect(p.text).toMatch(/本人承诺[\s\S]*以上所填内容真实、准确[\s\S]*本人签名：/);
    expect(p.text).toContain("审查意见");
    expect(p.text).toContain("□大田镇户籍");
  });

  const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));
  it.skipIf(!soffice)("the 报名表 prints on one A4 page (LibreOffice)", () => {
    const dir = mkdtempSync(join(tmpdir(), "form-"));
    try {
      for (const township of TOWNSHIPS) {
        const docx = join(dir, `${township.profileId}.docx`);
        const p = papers.get(township.name)!.get("registration-form")!;
        writeFileSync(docx, p.bytes);
        execFileSync(soffice!, ["--headless", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "pdf", "--outdir", dir, docx], {
          stdio: "ignore",
          timeout: 60_000,
        });
        const pdf = readFileSync(join(dir, `${township.profileId}.pdf`), "latin1");
        expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length, township.profileId).toBe(1);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it("public papers never carry an ID number", () => {
  for (const byKind of papers.values())
    for (const [kind, p] of byKind) if (documentSpec(kind).public) expect(p.text, kind).not.toMatch(/\d{4}[\d*]{10}\d{3}[\dXx]/);
});
