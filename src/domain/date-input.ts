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

/** Reads a date the way people type it in chat; undefined when it is not a real date. */
export function parseDateInput(input: string): LocalDate | undefined {
  const parts = dateParts(input);
  return parts && isRealDate(...parts) ? toLocalDate(...parts) : undefined;
}
