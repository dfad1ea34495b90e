import { describe, expect, it } from "vitest";
import { hasMessage, LOCALES } from "../../src/i18n/index.js";
import {
  type CandidateField,
  candidateFields,
  parseCandidateRow,
  parseField,
} from "../../src/domain/candidate-fields.js";
import { effectiveRules } from "../../src/domain/rules/effective.js";

const TODAY = "2025-06-01";
const JIYANG = effectiveRules({ profileId: "jiyang" });
const fields = candidateFields(JIYANG, TODAY);
const parse = (field: CandidateField, input: string) => parseField(fields[field] as never, field, input);

function makeId(area: string, birth: string, sequence: string): string {
  const body = area + birth + sequence;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (2 ** (17 - i) % 11), 0);
  return body + "10X98765432"[sum % 11];
}
const ID = makeId("460200", "19950307", "123"); // male, born 1995-03-07

const VALID: [CandidateField, string, unknown][] = [
  ["name", "张三", "张三"],
  ["name", "  欧阳 ", "欧阳"],
  ["name", "阿依古丽·买买提", "阿依古丽·买买提"],
  ["name", "阿依古丽・买买提", "阿依古丽·买买提"],
  ["name", "John  Smith", "John Smith"],
  ["name", "一二三四五六七八九十一二三四五六七八九十", "一二三四五六七八九十一二三四五六七八九十"],
  ["gender", "男", "male"],
  ["gender", "女", "female"],
  ["gender", "Female", "female"],
  ["gender", "M", "male"],
  ["gender", "f", "female"],
  ["birthDate", "1995-03-07", "1995-03-07"],
  ["birthDate", "1995/3/7", "1995-03-07"],
  ["birthDate", "1995年3月7日", "1995-03-07"],
  ["birthDate", "19950307", "1995-03-07"],
  ["birthDate", "2000-02-29", "2000-02-29"],
  ["birthDate", "2011-06-01", "2011-06-01"], // exactly 14 today
  ["birthDate", "1964-06-02", "1964-06-02"], // 60, the day before turning 61
  ["birthDate", "１９９５－０３－０７", "1995-03-07"],
  ["politicalStatus", "中共党员", "party-member"],
  ["politicalStatus", "党员", "party-member"],
  ["politicalStatus", "预备党员", "probationary-party-member"],
  ["politicalStatus", "中共预备党员", "probationary-party-member"],
  ["politicalStatus", "共青团员", "league-member"],
  ["politicalStatus", "团员", "league-member"],
  ["politicalStatus", "群众", "other"],
  ["politicalStatus", "其他", "other"],
  ["politicalStatus", "CPC member", "party-member"],
  ["politicalStatus", "League Member", "league-member"],
  ["politicalStatus", "probationary-party-member", "probationary-party-member"],
  ["establishment", "编制内", "inside"],
  ["establishment", "编制外", "outside"],
  ["establishment", "Outside", "outside"],
  ["sector", "机关", "government"],
  ["sector", "事业单位", "government"],
  ["sector", "机关事业单位", "government"],
  ["sector", "非公企业", "private-enterprise"],
  ["sector", "企业", "private-enterprise"],
  ["sector", "农村", "rural"],
  ["sector", "学校", "school"],
  ["sector", "社会组织", "social-organisation"],
  ["sector", "两新组织", "social-organisation"],
  ["sector", "其他", "other"],
  ["sector", "private enterprise", "private-enterprise"],
  ["sector", "social organization", "social-organisation"],
  ["post", "书记", "secretary"],
  ["post", "专职副书记", "fulltime-deputy"],
  ["post", "兼职副书记", "parttime-deputy"],
  ["post", "委员", "member"],
  ["post", "Part-time deputy secretary", "parttime-deputy"],
  ["post", "full-time deputy", "fulltime-deputy"],
  ["commitment", "专职", "fulltime"],
  ["commitment", "兼职", "parttime"],
  ["commitment", "part-time", "parttime"],
  ["channel", "组织推荐", "organisation"],
  ["channel", "团员青年联名推荐", "joint-signature"],
  ["channel", "联名推荐", "joint-signature"],
  // 南山's 民主推荐 is a channel of its own, not 团员青年联名推荐.
  ["channel", "民主推荐", "democratic"],
  ["channel", "democratic recommendation", "democratic"],
  ["channel", "个人自荐", "self"],
  ["channel", "自荐", "self"],
  ["channel", "Self-nomination", "self"],
  ["channel", "joint nomination", "joint-signature"],
  ["signatures", "10", 10],
  ["signatures", "12人", 12],
  ["localTie", "是", true],
  ["localTie", "否", false],
  ["localTie", "Yes", true],
  ["localTie", "no", false],
  ["mobile", "13812345678", "13812345678"],
  ["mobile", "138 1234 5678", "13812345678"],
  ["mobile", "138-1234-5678", "13812345678"],
  ["mobile", "+86 138 1234 5678", "13812345678"],
  ["mobile", "+8619912345678", "19912345678"],
  ["mobile", "１３８１２３４５６７８", "13812345678"],
  ["education", "初中", "junior-high"],
  ["education", "高中", "senior-high"],
  ["education", "中专", "vocational"],
  ["education", "大专", "college"],
  ["education", "本科", "bachelor"],
  ["education", "硕士", "master"],
  ["education", "博士", "doctorate"],
  ["education", "Bachelor's", "bachelor"],
  ["education", "PhD", "doctorate"],
  ["workplace", "吉阳镇中心小学", "吉阳镇中心小学"],
  ["workplace", "x", "x"],
  ["workplace", "字".repeat(60), "字".repeat(60)],
  ["relaxationReason", "大学生村官,连续两年优秀", "大学生村官,连续两年优秀"],
];

const INVALID: [CandidateField, string, string, Record<string, unknown>?][] = [
  ["name", "张", "candidate-error-name-length", { min: 2, max: 20 }],
  ["name", "一二三四五六七八九十一二三四五六七八九十一", "candidate-error-name-length"],
  ["name", "张3", "candidate-error-name-characters"],
  ["name", "张三!", "candidate-error-name-characters"],
  ["name", "·张三", "candidate-error-name-characters"],
  ["name", "", "candidate-error-name-length"],
  ["gender", "男女", "candidate-error-gender", { value: "男女" }],
  ["gender", "x", "candidate-error-gender"],
  ["birthDate", "1995-3", "candidate-error-birth-date-format"],
  ["birthDate", "07/03/1995", "candidate-error-birth-date-format"],
  ["birthDate", "1995-02-29", "candidate-error-birth-date-invalid"],
  ["birthDate", "1995-13-01", "candidate-error-birth-date-invalid"],
  ["birthDate", "2011-06-02", "candidate-error-birth-date-age", { age: 13, min: 14, max: 60 }],
  ["birthDate", "1964-06-01", "candidate-error-birth-date-age", { age: 61 }],
  ["birthDate", "2030-01-01", "candidate-error-birth-date-age"],
  ["idNumber", `${ID.slice(0, 17)}${ID[17] === "0" ? "1" : "0"}`, "candidate-error-id-checksum"],
  ["idNumber", "12345", "candidate-error-id-length"],
  ["idNumber", makeId("990000", "19950307", "123"), "candidate-error-id-province"],
  ["idNumber", makeId("460200", "19950230", "123"), "candidate-error-id-date"],
  ["idNumber", "46020019950307123A", "candidate-error-id-characters"],
  ["idNumber", makeId("460200", "19500101", "123"), "candidate-error-birth-date-age", { age: 75 }],
  ["politicalStatus", "民主党派", "candidate-error-political-status", { value: "民主党派" }],
  ["establishment", "临时", "candidate-error-establishment"],
  ["sector", "部队", "candidate-error-sector"],
  ["post", "副书记", "candidate-error-post"],
  ["commitment", "全职", "candidate-error-commitment"],
  ["channel", "领导指定", "candidate-error-channel"],
  ["signatures", "九", "candidate-error-signatures-number"],
  ["signatures", "9", "candidate-error-signatures-min", { min: 10, count: 9 }],
  ["signatures", "10.5", "candidate-error-signatures-number"],
  ["localTie", "也许", "candidate-error-local-tie"],
  ["mobile", "12812345678", "candidate-error-mobile"],
  ["mobile", "1381234567", "candidate-error-mobile"],
  ["mobile", "+85213812345678", "candidate-error-mobile"],
  ["mobile", "010-12345678", "candidate-error-mobile"],
  ["education", "小学", "candidate-error-education"],
  ["workplace", "  ", "candidate-error-workplace", { max: 60 }],
  ["workplace", "字".repeat(61), "candidate-error-workplace"],
  ["relaxationReason", "", "candidate-error-relaxation-reason", { max: 200 }],
];

describe("candidate field schemas", () => {
  it.each(VALID)("%s: %j is read", (field, input, expected) => {
    expect(parse(field, input)).toEqual({ ok: true, value: expected });
  });

  it.each(INVALID)("%s: %j → %s", (field, input, key, params) => {
    const result = parse(field, input);
    expect(result).toMatchObject({ ok: false, error: { field, key } });
    if (params && !result.ok) expect(result.error.params).toMatchObject(params);
  });

  it("reads an ID number into birth date, gender and masked form", () => {
    expect(parse("idNumber", ID.toLowerCase())).toMatchObject({
      ok: true,
      value: { birthDate: "1995-03-07", gender: "male", masked: `**************${ID.slice(14)}` },
    });
  });

  it("asks only for a positive count of signatures where the profile sets no threshold", () => {
    const nanshan = candidateFields(effectiveRules({ profileId: "nanshan" }), TODAY);
    expect(parseField(nanshan.signatures, "signatures", "1")).toEqual({ ok: true, value: 1 });
    expect(parseField(nanshan.signatures, "signatures", "0")).toMatchObject({
      error: { key: "candidate-error-signatures-min", params: { min: 1, count: 0 } },
    });
  });

  it("treats a non-string answer as missing", () => {
    expect(parseField(fields.name, "name", undefined)).toMatchObject({
      error: { key: "candidate-error-required" },
    });
  });

  it("has suggested text in both languages for every key it can produce", () => {
    const keys = INVALID.map(([, , key]) => key).concat(
      "candidate-error-required",
      "candidate-error-birth-date-conflict",
      "candidate-error-gender-conflict",
      "candidate-error-commitment-conflict",
      "candidate-error-signatures-required",
    );
    for (const locale of LOCALES) {
      for (const key of keys) expect(hasMessage(locale, key), `${locale} ${key}`).toBe(true);
      for (const field of Object.keys(fields)) expect(hasMessage(locale, `candidate-field-${field}`)).toBe(true);
    }
  });
});

const CHINESE_ROW = {
  姓名: "李小红",
  性别: "女",
  "出生日期(YYYY-MM-DD)": "1996-08-15",
  政治面貌: "共青团员",
  编制: "编制外",
  领域: "农村",
  竞选职务: "兼职副书记",
  专兼职: "兼职",
  推荐方式: "联名推荐",
  联名人数: "12",
  本地: "是",
  手机: "139 0000 1111",
  学历: "本科",
  工作单位: "吉阳镇红花村",
  序号: "3",
};

describe("parseCandidateRow", () => {
  it("maps a row with Chinese headers (unknown columns ignored)", () => {
    expect(parseCandidateRow(CHINESE_ROW, JIYANG, TODAY)).toEqual({
      ok: true,
      candidate: {
        name: "李小红",
        gender: "female",
        birthDate: "1996-08-15",
        politicalStatus: "league-member",
        establishment: "outside",
        sector: "rural",
        post: "parttime-deputy",
        commitment: "parttime",
        channel: "joint-signature",
        signatures: 12,
        localTie: true,
        mobile: "13900001111",
        education: "bachelor",
        workplace: "吉阳镇红花村",
      },
    });
  });

  it("maps a row with English headers, taking birth date and gender from the ID number", () => {
    const result = parseCandidateRow(
      {
        Name: "Wang Wei",
        "ID number": ID,
        "Political status": "CPC member",
        Establishment: "inside",
        Sector: "school",
        Post: "full-time deputy secretary",
        Channel: "organisation",
        Signatures: "3",
        "Local tie": "yes",
      },
      JIYANG,
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      idNumberNormalized: ID,
      candidate: {
        name: "Wang Wei",
        gender: "male",
        birthDate: "1995-03-07",
        idNumberMasked: `**************${ID.slice(14)}`,
        politicalStatus: "party-member",
        establishment: "inside",
        sector: "school",
        post: "fulltime-deputy",
        commitment: "fulltime", // from the post
        channel: "organisation",
        localTie: true,
      },
    });
  });

  it("rejects a birth date or gender that contradicts the ID number", () => {
    const result = parseCandidateRow(
      { ...CHINESE_ROW, 身份证号: ID, "出生日期(YYYY-MM-DD)": "1995-03-08" },
      JIYANG,
      TODAY,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: "birthDate",
          key: "candidate-error-birth-date-conflict",
          params: { given: "1995-03-08", fromId: "1995-03-07" },
        },
        {
          field: "gender",
          key: "candidate-error-gender-conflict",
          params: { given: "female", fromId: "male" },
        },
      ],
    });
  });

  it("accepts a birth date written differently but equal to the ID's", () => {
    const row = { ...CHINESE_ROW, 身份证号: ID, 性别: "男", "出生日期(YYYY-MM-DD)": "1995年3月7日" };
    expect(parseCandidateRow(row, JIYANG, TODAY)).toMatchObject({ ok: true, idNumberNormalized: ID });
  });

  it("reports every missing and unreadable field at once", () => {
    const result = parseCandidateRow(
      { 姓名: "张3", 性别: "", 竞选职务: "书记", 推荐方式: "联名推荐" },
      JIYANG,
      TODAY,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.field}:${e.key}`)).toEqual([
      "name:candidate-error-name-characters",
      "signatures:candidate-error-signatures-required",
      "gender:candidate-error-required",
      "birthDate:candidate-error-required",
      "politicalStatus:candidate-error-required",
      "establishment:candidate-error-required",
      "sector:candidate-error-required",
      "commitment:candidate-error-required",
      "localTie:candidate-error-required",
    ]);
  });

  it("rejects a deputy post whose commitment contradicts it, and too few signatures", () => {
    const result = parseCandidateRow({ ...CHINESE_ROW, 专兼职: "专职", 联名人数: "8" }, JIYANG, TODAY);
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { field: "commitment", key: "candidate-error-commitment-conflict" },
        { field: "signatures", key: "candidate-error-signatures-min", params: { min: 10, count: 8 } },
      ],
    });
  });

  it("does not require birth date or gender when an unreadable ID number explains them", () => {
    const { 性别: _g, "出生日期(YYYY-MM-DD)": _b, ...rest } = CHINESE_ROW;
    const result = parseCandidateRow({ ...rest, 身份证号: "12345" }, JIYANG, TODAY);
    expect(result).toEqual({
      ok: false,
      errors: [{ field: "idNumber", key: "candidate-error-id-length", params: {} }],
    });
  });
});
