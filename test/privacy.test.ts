import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskIdNumber, maskMobile, maskPersonalData } from "../src/domain/privacy.js";
import { makeId } from "./fixtures/candidates.js";
import { digitsOf, personalNumber, toFullWidth } from "./fixtures/personal-numbers.js";

const ID = makeId("19950307", "123"); // 510104199503071233 or so

describe("personal data masking", () => {
  it("masks resident ID numbers down to the last four characters", () => {
    expect(maskIdNumber("51010219900307123X")).toBe("**************123X");
    expect(maskPersonalData("身份证号51010219900307123X,请核对")).toBe("身份证号**************123X,请核对");
  });

  it("masks mainland mobile numbers in any common spelling", () => {
    expect(maskMobile("13812345678")).toBe("138****5678");
    expect(maskPersonalData("电话 138-1234-5678")).toBe("电话 138****5678");
    expect(maskPersonalData("tel +8613812345678.")).toBe("tel +86138****5678.");
  });

  it("finds ID numbers typed in groups, with dashes or dots, in full-width or mixed digits, inside other text", () => {
    const tail = ID.slice(-4);
    const forms = [
      `${ID.slice(0, 4)} ${ID.slice(4, 8)} ${ID.slice(8, 12)} ${ID.slice(12, 16)} ${ID.slice(16)}`,
      `${ID.slice(0, 6)}-${ID.slice(6, 14)}-${ID.slice(14)}`,
      `${ID.slice(0, 6)}.${ID.slice(6, 14)}.${ID.slice(14)}`,
      toFullWidth(ID),
      `${toFullWidth(ID.slice(0, 9))}${ID.slice(9)}`,
      `${ID.slice(0, 6)}\u3000${toFullWidth(ID.slice(6))}`,
    ];
    for (const form of forms) {
      const masked = maskPersonalData(`村委会 ${form} 工作`);
      expect(masked, form).toBe(`村委会 ${"*".repeat(14)}${tail} 工作`);
    }
    // A refused answer with a digit or two missing is echoed without them as well.
    expect(
      maskPersonalData(
        `您填的是“${ID.slice(0, 4)} ${ID.slice(4, 8)} ${ID.slice(8, 12)} ${ID.slice(12, 16)} ”`,
      ),
    ).toBe(`您填的是“${"*".repeat(12)}${ID.slice(12, 16)} ”`);
  });

  it("finds mobiles in full-width or grouped digits", () => {
    expect(maskPersonalData("手机１３９１２３４５６７８")).toBe("手机139****5678");
    expect(maskPersonalData("手机 139 1234 5678 谢谢")).toBe("手机 139****5678 谢谢");
    expect(maskPersonalData("第2 13912345678")).toBe("第2 139****5678");
  });

  it("finds numbers typed with slashes, underscores, invisible spaces or Chinese numerals", () => {
    expect(maskPersonalData("村委会 510402/1990/1206/1237 电话138_0013_8000")).toBe(
      "村委会 **************1237 电话138****8000",
    );
    expect(maskPersonalData("号码 510402\u200b199012061237")).toBe("号码 **************1237");
    expect(maskPersonalData("身份证五一〇四〇二一九九〇一二〇六一二三七")).toBe("身份证**************1237");
    expect(maskPersonalData("电话一三九一二三四五六七八")).toBe("电话139****5678");
  });

  it("leaves dates, counts and ordinary numbers alone", () => {
    const text =
      "2011年10月8日,委员9-15名,编号 12345,2024-03-16,2024/3/16,第3—5行,12:30,一二三四五六七八九十";
    expect(maskPersonalData(text)).toBe(text);
  });

  it("a generated ID number or mobile, in any spelling inside any text, never keeps its digits in sequence", () => {
    fc.assert(
      fc.property(
        personalNumber(),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        (number, before, after) => {
          const masked = maskPersonalData(`${before}${number.typed}${after}`);
          expect(digitsOf(masked)).not.toContain(number.digits);
        },
      ),
      { numRuns: 500 },
    );
  });
});
