/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (without it, Excel on a Chinese Windows reads
 * UTF-8 as GBK and the names come out garbled), CRLF line ends, quotes where RFC 4180 needs them.
 * A cell that starts like a formula (= + - @) is prefixed with ' so a township's name can never run
 * as one when the file is opened.
 */
export type CsvCell = string | number;

function cell(value: CsvCell): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return `${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

export function csvBytes(rows: readonly (readonly CsvCell[])[]): Uint8Array {
  return new TextEncoder().encode(`\uFEFF${csvText(rows)}`);
}
