import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskIdNumber, maskMobile, maskPersonalData } from "../src/domain/privacy.js";
import { makeId } from "./fixtures/candidates.js";

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
    expect(maskPersonalData(`您填的是“${ID.slice(0, 4)} ${ID.slice(4, 8)} ${ID.slice(8, 12)} ${ID.slice(12, 16)} ”`)).toBe(
      `您填的是“${"*".repeat(12)}${ID.slice(12, 16)} ”`,
    );
  });

  it("finds mobiles in full-width or grouped digits", () => {
    expect(maskPersonalData("手机１３９１２３４５６７８")).toBe("手机139****5678");
    expect(maskPersonalData("手机 139 1234 5678 谢谢")).toBe("手机 139****5678 谢谢");
    expect(maskPersonalData("第2 13912345678")).toBe("第2 139****5678");
  });

  it("leaves dates, counts and ordinary numbers alone", () => {
    const text = "2011年10月8日,委员9-15名,编号 12345,2024-03-16,第3—5行,12:30";
    expect(maskPersonalData(text)).toBe(text);
  });

  it("a generated ID number or mobile, in any spelling inside any text, never keeps its digits in sequence", () => {
    fc.assert(
      fc.property(personalNumber(), fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (number, before, after) => {
        const masked = maskPersonalData(`${before}${number.typed}${after}`);
        expect(digitsOf(masked)).not.toContain(number.digits);
      }),
      { numRuns: 500 },
    );
  });
});

// ── Generators shared with the end-to-end property test ────────────────────────────────────────────

export function toFullWidth(text: string): string {
  return text.replace(/[0-9X]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

/** The digits of a text, in order, with full-width ones read as ASCII (what an attacker would read). */
export function digitsOf(text: string): string {
  return text.normalize("NFKC").replace(/[^0-9Xx]/g, "").toUpperCase();
}

/** An ID number or a mobile, and the way it is typed: groups, separators, full-width or mixed digits. */
export function personalNumber() {
  const id = fc
    .tuple(fc.integer({ min: 1950, max: 2008 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 999 }))
    .map(([y, m, d, seq]) => makeId(`${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}`, String(seq).padStart(3, "0")));
  const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 })).map(([b, rest]) => `1${b}${String(rest).padStart(9, "0")}`);
  const separator = fc.constantFrom("", " ", "-", ".", "\u3000", " - ", "\u2013", "\uff0d");
  return fc
    .tuple(fc.oneof(id, mobile), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 }), separator, fc.constantFrom("ascii", "full", "mixed"), fc.boolean())
    .map(([digits, groups, sep, width, lowerX]) => {
      let typed = "";
      let at = 0;
      for (const size of [...groups, 18]) {
        if (at >= digits.length) break;
        typed += (at > 0 ? sep : "") + digits.slice(at, at + size);
        at += size;
      }
      if (lowerX) typed = typed.replace("X", "x");
      if (width === "full") typed = toFullWidth(typed);
      if (width === "mixed") typed = [...typed].map((ch, i) => (i % 2 ? toFullWidth(ch) : ch)).join("");
      return { digits, typed: sep === " - " ? typed.replace(/ - /g, " -") : typed };
    });
}
