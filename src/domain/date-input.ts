import { isRealDate, toLocalDate } from "./time.js";
import type { LocalDate } from "./township.js";

const DATE_FORMATS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, // 2024-03-15, 2024/3/15, 2024.3.15
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/, // 2024年3月15日
  /^(\d{4})(\d{2})(\d{2})$/, // 20240315
];

/** Year, month and day as typed (full-width digits and spaces allowed), or undefined if no known format. */
export function dateParts(input: string): [number, number, number] | undefined {
  const text = input.normalize("NFKC").replace(/\s+/g, "");
  const match = DATE_FORMATS.map((format) => format.exec(text)).find(Boolean);
  return match ? (match.slice(1, 4).map(Number) as [number, number, number]) : undefined;
}

/**
 * The years a typed date of the restructuring (an election, a step done) may fall in. Anything else is a
 * typo ("9999-12-31", "0024-03-15"), and the deadlines computed from it would leave the calendar.
 */
export const DATE_INPUT_YEARS = { min: 1949, max: 2099 } as const;

/** Reads a date the way people type it in chat; undefined when it is not a real date in DATE_INPUT_YEARS. */
export function parseDateInput(input: string): LocalDate | undefined {
  const parts = dateParts(input);
  if (!parts || parts[0] < DATE_INPUT_YEARS.min || parts[0] > DATE_INPUT_YEARS.max) return undefined;
  return isRealDate(...parts) ? toLocalDate(...parts) : undefined;
}
