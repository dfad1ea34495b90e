import { describe, expect, it } from "vitest";
import { validateIdNumber } from "../../src/domain/id-number.js";

/** Builds an ID with a correct check character, computed here independently (ISO 7064 MOD 11-2). */
function makeId(area: string, birth: string, sequence: string): string {
  const body = area + birth + sequence;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (2 ** (17 - i) % 11), 0);
  return body + "10X98765432"[sum % 11];
}
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === "0" ? "1" : "0");
const fullWidth = (id: string) => id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

const TODAY = "2024-05-01";

describe("validateIdNumber", () => {
  it("accepts the GB 11643 example and derives birth date, gender and the masked form", () => {
    expect(validateIdNumber("11010519491231002X", TODAY)).toEqual({
      ok: true,
      normalized: "11010519491231002X",
      birthDate: "1949-12-31",
      gender: "female",
      masked: "**************002X",
    });
  });

  it.each([
    ["odd 17th digit is male", makeId("510104", "19950307", "123"), "1995-03-07", "male"],
    ["even 17th digit is female", makeId("510104", "19950307", "124"), "1995-03-07", "female"],
    ["29 February in a leap year", makeId("460200", "20000229", "011"), "2000-02-29", "male"],
    ["29 February 2004", makeId("440300", "20040229", "022"), "2004-02-29", "female"],
    ["born today", makeId("110105", "20240501", "001"), "2024-05-01", "male"],
    ["Hong Kong code 81", makeId("810000", "19900101", "003"), "1990-01-01", "male"],
    ["earliest year 1900", makeId("310101", "19000101", "002"), "1900-01-01", "female"],
  ])("valid: %s", (_label, id, birthDate, gender) => {
    expect(validateIdNumber(id, TODAY)).toMatchObject({ ok: true, birthDate, gender });
  });

  const valid = makeId("510104", "19950307", "123");
  it.each([
    ["wrong check character", wrongCheck(valid), "checksum"],
    ["17 characters", valid.slice(0, 17), "length"],
    ["old 15-digit number", "510104950307123", "length"],
    ["a letter inside", `${valid.slice(0, 5)}A${valid.slice(6)}`, "characters"],
    ["X not at the end", "1101051949123100X2", "characters"],
    ["province 99", makeId("990104", "19950307", "123"), "province"],
    ["province 00", makeId("000104", "19950307", "123"), "province"],
    ["province 16 (gap)", makeId("160104", "19950307", "123"), "province"],
    ["province 83 (not listed)", makeId("830000", "19950307", "123"), "province"],
    ["29 February 1900 (not a leap year)", makeId("110105", "19000229", "001"), "date"],
    ["29 February 2001", makeId("110105", "20010229", "001"), "date"],
    ["31 April", makeId("110105", "19950431", "001"), "date"],
    ["month 13", makeId("110105", "19951301", "001"), "date"],
    ["tomorrow", makeId("110105", "20240502", "001"), "date"],
    ["before 1900", makeId("110105", "18991231", "001"), "date"],
  ])("invalid: %s", (_label, id, error) => {
    expect(validateIdNumber(id, TODAY)).toEqual({ ok: false, error });
  });

  it.each([
    ["lowercase x", "11010519491231002x"],
    ["surrounding and grouping spaces", "  110105 19491231 002X "],
    ["full-width digits", `${fullWidth("11010519491231002")}X`],
    ["full-width X", `11010519491231002${String.fromCharCode(0xff38)}`],
  ])("normalises %s", (_label, input) => {
    expect(validateIdNumber(input, TODAY)).toMatchObject({ ok: true, normalized: "11010519491231002X" });
  });
});
