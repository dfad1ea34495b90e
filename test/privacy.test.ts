import { describe, expect, it } from "vitest";
import { maskIdNumber, maskMobile, maskPersonalData } from "../src/domain/privacy.js";

describe("personal data masking", () => {
  it("masks resident ID numbers, keeping the first and last four characters", () => {
    expect(maskIdNumber("51010219900307123X")).toBe("5101**********123X");
    expect(maskPersonalData("身份证号51010219900307123X,请核对")).toBe("身份证号5101**********123X,请核对");
  });

  it("masks mainland mobile numbers in any common spelling", () => {
    expect(maskMobile("13812345678")).toBe("138****5678");
    expect(maskPersonalData("电话 138-1234-5678")).toBe("电话 138****5678");
    expect(maskPersonalData("tel +8613812345678.")).toBe("tel +86138****5678.");
  });

  it("leaves other numbers alone", () => {
    const text = "2011年10月8日,委员9-15名,编号 12345678901234567890123";
    expect(maskPersonalData(text)).toBe(text);
  });
});
