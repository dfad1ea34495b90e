import type { LocalDate } from "./township.js";

/**
 * Reads a date the way people type it in chat: 2024-03-15, 2024/3/15, 2024.3.15, 2024年3月15日,
 * 20240315 (full-width digits too). Returns the ISO date, or undefined when it is not a real date.
 */
export function parseDateInput(input: string): LocalDate | undefined {
  const text = input.normalize("NFKC").trim().replace(/\s+/g, "");
  const match =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
