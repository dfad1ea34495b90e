/**
 * The pieces of the batch import on their own: splitting pasted text, header detection, the default
 * column order, per-row results and in-batch duplicates (pure), reading .csv bytes and .xlsx files,
 * the keyed ID-number hash, the file URL, and that every finding and slate code has its texts.
 */
import writeXlsxFile from "write-excel-file/node";
import { describe, expect, it } from "vitest";
import { hasMessage, LOCALES } from "../src/i18n/index.js";
import { parseConfig } from "../src/config/env.js";
import { hashIdNumber } from "../src/db/candidates.js";
import { DEFAULT_COLUMNS, isHeaderRow, MAX_IMPORT_ROWS, splitLines, validateBatch } from "../src/domain/candidate-import.js";
import { FINDING_CODES } from "../src/domain/eligibility.js";
import { effectiveRules } from "../src/domain/rules/effective.js";
import { SLATE_CODES } from "../src/domain/slate.js";
import { decodeCsv, fileUrl, readXlsx } from "../src/handlers/candidates/import.js";
import { makeId } from "./fixtures/candidates.js";

const jiyang = effectiveRules({ profileId: "jiyang" });
const TODAY = "2024-03-20";
const ELECTION = "2024-04-05";

describe("splitting pasted lines", () => {
  it.each([
    ["commas", "张三,男,1995-03-07\n李四,女,1996-04-08", [["张三", "男", "1995-03-07"], ["李四", "女", "1996-04-08"]]],
    ["tabs (copied from a spreadsheet)", "张三\t男\t1995-03-07\r\n李四\t\t", [["张三", "男", "1995-03-07"], ["李四", "", ""]]],
    ["full-width commas", "张三,男,1995-03-07", [["张三", "男", "1995-03-07"]]],
    ["semicolons (some Excel exports)", "张三;男;1995-03-07", [["张三", "男", "1995-03-07"]]],
    ["quoted cells with commas", '张三,"某某村委会,第二组",是', [["张三", "某某村委会,第二组", "是"]]],
    ["a byte-order mark", "\uFEFF姓名,性别", [["姓名", "性别"]]],
  ])("reads %s", (_name, text, rows) => {
    expect(splitLines(text).filter((r) => r.some((c) => c !== ""))).toEqual(rows);
  });

  it("knows a header row by its name column, in Chinese or English", () => {
    expect(isHeaderRow(["姓名", "性别"])).toBe(true);
    expect(isHeaderRow(["Name", "Gender"])).toBe(true);
    expect(isHeaderRow(["姓名(必填)", "性别"])).toBe(true);
    expect(isHeaderRow(["张三", "男"])).toBe(false);
  });
});

describe("validating a batch", () => {
  const row = (cells: Partial<Record<(typeof DEFAULT_COLUMNS)[number], string>>) => DEFAULT_COLUMNS.map((c) => cells[c] ?? "");
  const base = {
    name: "张三",
    gender: "男",
    idOrBirthDate: "1995-03-07",
    politicalStatus: "共青团员",
    establishment: "编制外",
    sector: "农村",
    post: "委员",
    commitment: "兼职",
    channel: "组织推荐",
    localTie: "是",
  };

  it("reads rows without a header in the documented order; the ID-or-birth-date column takes either", () => {
    const id = makeId("19960101", "221");
    const result = validateBatch(
      [row(base), row({ ...base, name: "李四", gender: "", idOrBirthDate: id, post: "兼职副书记", commitment: "" })],
      jiyang,
      TODAY,
      ELECTION,
    );
    expect(result.header).toBe(false);
    expect(result.rows.map((r) => r.ok)).toEqual([true, true]);
    expect(result.rows[1]).toMatchObject({
      row: 2,
      idNumberNormalized: id,
      candidate: { name: "李四", gender: "male", birthDate: "1996-01-01", commitment: "parttime", idNumberMasked: `**************${id.slice(14)}` },
    });
    expect(result.rows[0]!.idNumberNormalized).toBeUndefined();
  });

  it("reads rows under a header, whatever the column order, and numbers rows as the user sees them", () => {
    const result = validateBatch(
      [
        ["竞选职务", "姓名", "出生日期", "性别", "政治面貌", "编制", "领域", "专兼职", "推荐方式", "是否本地"],
        [],
        ["委员", "王五", "1994-02-29", "男", "共青团员", "编制外", "农村", "兼职", "组织推荐", "是"],
        ["委员", "赵六", "1994-03-01", "男", "共青团员", "编制外", "农村", "兼职", "组织推荐", "是"],
      ],
      jiyang,
      TODAY,
      ELECTION,
    );
    expect(result.header).toBe(true);
    expect(result.rows.map((r) => [r.row, r.label, r.ok])).toEqual([
      [3, "王五", false],
      [4, "赵六", true],
    ]);
    expect(result.rows[0]!.problems).toEqual([
      { kind: "field", error: { field: "birthDate", key: "candidate-error-birth-date-invalid", params: {} } },
    ]);
  });

  it("checks the eligibility rules on the election date, not today", () => {
    // Turns 36 on 2024-04-01: 35 today, 36 on the election day.
    const result = validateBatch([row({ ...base, post: "书记", commitment: "专职", idOrBirthDate: "1988-04-01" })], jiyang, TODAY, ELECTION);
    expect(result.rows[0]!.problems.map((p) => (p.kind === "rule" ? p.finding.code : p.kind))).toEqual(["age-relaxation-not-for-post"]);
    const relaxed = validateBatch(
      [row({ ...base, idOrBirthDate: "1986-01-01" }), row({ ...base, name: "李四", idOrBirthDate: "1986-01-01", relaxationReason: "特别优秀" })],
      jiyang,
      TODAY,
      ELECTION,
    );
    expect(relaxed.rows.map((r) => r.ok)).toEqual([false, true]);
    expect(relaxed.rows[0]!.problems[0]).toMatchObject({ kind: "rule", finding: { code: "age-relaxed-needs-reason" } });
  });

  it("catches the same person twice in a batch: same ID number, or same name and birth date", () => {
    const id = makeId("19950307", "331");
    const result = validateBatch(
      [
        row({ ...base, gender: "", idOrBirthDate: id }),
        row({ ...base, name: "张叁", gender: "", idOrBirthDate: ` ${id.slice(0, 6)} ${id.slice(6)} ` }),
        row(base),
        row({ ...base, name: "李四" }),
      ],
      jiyang,
      TODAY,
      ELECTION,
    );
    expect(result.rows.map((r) => r.problems)).toEqual([[], [{ kind: "duplicate-in-batch", row: 1 }], [{ kind: "duplicate-in-batch", row: 1 }], []]);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows without reading them`, () => {
    const result = validateBatch(Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => row(base)), jiyang, TODAY, ELECTION);
    expect(result.tooMany).toEqual({ count: MAX_IMPORT_ROWS + 1, max: MAX_IMPORT_ROWS });
    expect(result.rows).toEqual([]);
  });
});

describe("files", () => {
  it("decodes UTF-8 and GBK (what Chinese Excel writes) CSV bytes", () => {
    expect(decodeCsv(new TextEncoder().encode("姓名,张三"))).toBe("姓名,张三");
    // "姓名,张三" in GBK.
    expect(decodeCsv(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd]))).toBe("姓名,张三");
  });

  it("reads an .xlsx: numbers as written (no float rounding), date cells as dates", async () => {
    const bytes = await writeXlsxFile([
      ["姓名", "出生日期", "手机"],
      ["张三", { value: new Date(Date.UTC(1995, 2, 7)), type: Date, format: "yyyy-mm-dd" }, 13812345678],
      ["李四", "1996-04-08", null],
    ]).toBuffer();
    const copy = new Uint8Array(bytes).buffer;
    expect(await readXlsx(copy)).toEqual([
      ["姓名", "出生日期", "手机"],
      ["张三", "1995-03-07", "13812345678"],
      ["李四", "1996-04-08", ""],
    ]);
  });

  it("builds the download URL from the Bot API root, or from this server for the local chat", () => {
    const telegram = parseConfig({ PII_HASH_KEY: "test-pii-hash-key", BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", TELEGRAM_API_ROOT: "https://api.example.org/" });
    expect(fileUrl(telegram, "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", "documents/file_1.xlsx")).toBe(
      "https://api.example.org/file/bot123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ/documents/file_1.xlsx",
    );
    const local = parseConfig({ PORT: "8899" });
    expect(fileUrl(local, "0:local", "local/files/1001/7")).toBe("http://127.0.0.1:8899/local/files/1001/7");
  });
});

describe("the keyed hash of an ID number", () => {
  it("is HMAC-SHA-256: the same number and key give the same hash, another key another one", async () => {
    const id = makeId("19950307");
    const a = await hashIdNumber("key-1", id);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashIdNumber("key-1", id)).toBe(a);
    expect(await hashIdNumber("key-2", id)).not.toBe(a);
    expect(a).not.toContain(id.slice(6, 14));
  });
});

describe("texts", () => {
  it("every eligibility finding and slate check has its text in both languages", () => {
    for (const locale of LOCALES) {
      for (const code of FINDING_CODES) expect(hasMessage(locale, `finding-${code}`), `${locale} finding-${code}`).toBe(true);
      for (const code of SLATE_CODES) expect(hasMessage(locale, `slate-${code}`), `${locale} slate-${code}`).toBe(true);
    }
  });
});
