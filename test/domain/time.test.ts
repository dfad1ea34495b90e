import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  formatDate,
  isValidDate,
  shanghaiDate,
  shanghaiHour,
  startOfShanghaiDay,
} from "../../src/domain/time.js";

describe("calendar arithmetic", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2011-10-31", 1)).toBe("2011-11-01");
    expect(addDays("2011-12-31", 1)).toBe("2012-01-01");
    expect(addDays("2012-02-28", 1)).toBe("2012-02-29");
    expect(addDays("2011-02-28", 1)).toBe("2011-03-01");
    expect(addDays("2000-02-28", 1)).toBe("2000-02-29");
    expect(addDays("1900-02-28", 1)).toBe("1900-03-01");
    expect(addDays("2011-10-08", -14)).toBe("2011-09-24");
    expect(addDays("1970-01-01", -1)).toBe("1969-12-31");
  });

  it("adds months clamped to the month's end", () => {
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2023-01-31", 1)).toBe("2023-02-28");
    expect(addMonths("2011-10-08", 1)).toBe("2011-11-08");
    expect(addMonths("2011-12-15", 1)).toBe("2012-01-15");
    expect(addMonths("2012-03-31", -1)).toBe("2012-02-29");
    expect(addMonths("2011-08-31", 13)).toBe("2012-09-30");
  });

  it("counts days b − a and compares", () => {
    expect(daysBetween("2011-10-01", "2011-10-15")).toBe(14);
    expect(daysBetween("2024-02-01", "2024-03-01")).toBe(29);
    expect(daysBetween("2023-02-01", "2023-03-01")).toBe(28);
    expect(daysBetween("2011-12-31", "2011-01-01")).toBe(-364);
    expect(compareDates("2011-10-08", "2011-10-19")).toBe(-1);
    expect(compareDates("2011-10-19", "2011-10-19")).toBe(0);
    expect(compareDates("2012-01-01", "2011-12-31")).toBe(1);
  });

  it("accepts only real dates", () => {
    expect(isValidDate("2024-02-29")).toBe(true);
    expect(isValidDate("2023-02-29")).toBe(false);
    expect(isValidDate("2011-04-31")).toBe(false);
    expect(isValidDate("2011-13-01")).toBe(false);
    expect(isValidDate("2011-1-8")).toBe(false);
    expect(isValidDate("2011-10-08T00:00")).toBe(false);
    expect(() => addDays("2011-02-30", 1)).toThrow(RangeError);
  });

  it("formats in both languages", () => {
    expect(formatDate("2011-10-08", "zh")).toBe("2011年10月8日");
    expect(formatDate("2011-10-08", "en")).toBe("8 Oct 2011");
  });
});

// These instants have a UTC date different from their Shanghai date: a helper that read local-time Date
// getters would get them wrong on any machine not in UTC+8 (and on a UTC machine, the CI default).
describe("Shanghai date of an instant", () => {
  it("turns the date at 16:00Z (midnight in Shanghai)", () => {
    expect(shanghaiDate(new Date("2011-10-07T15:59:59Z"))).toBe("2011-10-07");
    expect(shanghaiHour(new Date("2011-10-07T15:59:59Z"))).toBe(23);
    expect(shanghaiDate(new Date("2011-10-07T16:00:00Z"))).toBe("2011-10-08");
    expect(shanghaiHour(new Date("2011-10-07T16:00:00Z"))).toBe(0);
  });

  it("is a day ahead of UTC in the Shanghai evening, across year and leap day", () => {
    expect(shanghaiDate(new Date("2011-12-31T20:00:00Z"))).toBe("2012-01-01");
    expect(shanghaiDate(new Date("2024-02-28T18:30:00Z"))).toBe("2024-02-29");
    expect(shanghaiHour(new Date("2024-02-28T18:30:00Z"))).toBe(2);
    expect(shanghaiDate(new Date("2024-02-29T23:00:00Z"))).toBe("2024-03-01");
  });

  it("finds the instant of Shanghai midnight", () => {
    expect(startOfShanghaiDay("2011-10-08").toISOString()).toBe("2011-10-07T16:00:00.000Z");
    expect(startOfShanghaiDay("2024-03-01").toISOString()).toBe("2024-02-29T16:00:00.000Z");
    expect(shanghaiDate(startOfShanghaiDay("2024-02-29"))).toBe("2024-02-29");
  });

  it("round-trips every day of a leap year", () => {
    let date = "2024-01-01";
    for (let i = 0; i < 366; i++) {
      const start = startOfShanghaiDay(date);
      expect(shanghaiDate(start)).toBe(date);
      expect(shanghaiDate(new Date(start.getTime() - 1))).toBe(addDays(date, -1));
      date = addDays(date, 1);
    }
    expect(date).toBe("2025-01-01");
  });
});
