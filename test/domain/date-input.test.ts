import { describe, expect, it } from "vitest";
import { parseDateInput } from "../../src/domain/date-input.js";

describe("dates as people type them", () => {
  it("reads the usual spellings", () => {
    expect(parseDateInput("2024-03-15")).toBe("2024-03-15");
    expect(parseDateInput("2024/3/5")).toBe("2024-03-05");
    expect(parseDateInput("２０２４年３月１５日")).toBe("2024-03-15");
    expect(parseDateInput("20240315")).toBe("2024-03-15");
  });

  it("refuses dates that do not exist or are typos of the year, from which no deadline can be computed", () => {
    for (const typo of ["2024-02-30", "9999-12-31", "0024-03-15", "1899-01-01", "2100-01-01", "2024-13-01", ""]) expect(parseDateInput(typo), typo).toBeUndefined();
    expect(parseDateInput("2099-12-31")).toBe("2099-12-31");
  });
});
