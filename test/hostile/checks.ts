/**
 * What the hostile-input suite holds the assistant to, as plain checks returning the problems found
 * (an empty list when everything holds): what users were sent, what was logged, what the database
 * keeps. Shared by the fuzzing, duplicate, fault and crash tests.
 */
import type { Client } from "@libsql/client";
import { localeSources } from "../../src/generated/locales.js";
import type { RecordedCall } from "../fixtures/bot-api.js";

export { makeId as makeIdNumber } from "../fixtures/candidates.js";

/** ID numbers (18 characters) and mobile numbers (11 digits) in clear, however they are surrounded. */
const ID_IN_CLEAR = /(?<!\d)\d{17}[\dXx](?!\d)/;
const MOBILE_IN_CLEAR = /(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)1[3-9]\d[- ]\d{4}[- ]\d{4}(?!\d)/;
/** The keyed hash of an ID number is 64 hex digits, and may hold a run of decimal digits by chance. */
const HASH = /[0-9a-f]{64}/g;

export function personalDataIn(text: string): string | undefined {
  const plain = text.replace(HASH, "#");
  return ID_IN_CLEAR.exec(plain)?.[0] ?? MOBILE_IN_CLEAR.exec(plain)?.[0];
}

/** Every message id of the locale files: a reply that is one of them shows a missing translation. */
const MESSAGE_IDS = new Set(
  Object.values(localeSources).flatMap((source) => [...source.matchAll(/^([a-z][\w-]*)\s*=/gm)].map((m) => m[1]!)),
);

const CJK = /[\u3400-\u9fff]/;
const LATIN = /[A-Za-z]{2}/;

/** The texts a Bot API call shows the user: message text or caption, button labels, a button's notice. */
export function shownTexts(call: RecordedCall): string[] {
  const texts: string[] = [];
  for (const key of ["text", "caption"] as const) if (typeof call.payload[key] === "string") texts.push(call.payload[key] as string);
  for (const row of keyboardOf(call)) for (const button of row) texts.push(button.text);
  return texts;
}

export function keyboardOf(call: RecordedCall): { text: string; callback_data?: string; url?: string }[][] {
  let markup = call.payload.reply_markup as unknown;
  if (typeof markup === "string") markup = JSON.parse(markup);
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  return Array.isArray(rows) ? (rows as { text: string; callback_data?: string }[][]) : [];
}

/**
 * What is wrong with one call the bot made: empty or over-long texts (Telegram's limits: 4,096 for a
 * message, 1,024 for a caption, 200 for a button's notice, 64 bytes of callback data), raw Fluent
 * placeables or message ids, personal data in clear, a text in neither supported language.
 */
export function callProblems(call: RecordedCall, locale: "zh" | "en" | undefined, typed: readonly string[] = []): string[] {
  // A user's own words shown back (a name in an import report) are not the bot's template text.
  const echoed = (fragment: string) => typed.some((t) => t.includes(fragment));
  const problems: string[] = [];
  const where = `${call.method}(${JSON.stringify(call.payload).slice(0, 200)})`;
  const text = call.payload.text;
  if (["sendMessage", "editMessageText"].includes(call.method)) {
    if (typeof text !== "string" || text.trim() === "") problems.push(`empty text: ${where}`);
    else if (text.length > 4096) problems.push(`text over 4096 characters (${text.length}): ${call.method}`);
  }
  if (call.method === "answerCallbackQuery" && typeof text === "string" && text.length > 200) problems.push(`notice over 200 characters: ${where}`);
  if (typeof call.payload.caption === "string" && call.payload.caption.length > 1024) problems.push(`caption over 1024 characters: ${where}`);
  for (const row of keyboardOf(call))
    for (const button of row) {
      if (!button.text.trim()) problems.push(`empty button label: ${where}`);
      if (button.callback_data !== undefined && (button.callback_data === "" || new TextEncoder().encode(button.callback_data).length > 64))
        problems.push(`callback data not 1-64 bytes: ${button.callback_data}`);
    }
  for (const shown of shownTexts(call)) {
    const placeable = /\{\s*\$[\w-]+\s*\}/.exec(shown)?.[0];
    if (placeable && !echoed(placeable)) problems.push(`raw Fluent placeable: ${shown.slice(0, 120)}`);
    for (const word of shown.split(/[\s:,,:。()()]+/))
      if (MESSAGE_IDS.has(word) && word.includes("-") && !echoed(word)) problems.push(`untranslated message id: ${word}`);
    const leak = personalDataIn(shown);
    if (leak) problems.push(`personal data in clear (${leak}): ${call.method}`);
  }
  if (typeof text === "string" && text.trim() && locale) {
    if (locale === "zh" && !CJK.test(text)) problems.push(`not Chinese for a Chinese user: ${text.slice(0, 120)}`);
    if (locale === "en" && !LATIN.test(text) && !CJK.test(text)) problems.push(`no language at all: ${text.slice(0, 120)}`);
  }
  return problems;
}

/** Log lines: JSON, nothing at error level, no stack traces, no personal data. */
export function logProblems(lines: string[]): string[] {
  const problems: string[] = [];
  for (const line of lines) {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      problems.push(`log line is not JSON: ${line.slice(0, 200)}`);
      continue;
    }
    if (entry.level === "error") problems.push(`error logged: ${line.slice(0, 400)}`);
    if (/\n\s+at /.test(line) || /\\n\s+at /.test(line)) problems.push(`stack trace logged: ${line.slice(0, 200)}`);
    const leak = personalDataIn(line);
    if (leak) problems.push(`personal data in a log line (${leak}): ${line.slice(0, 200)}`);
  }
  return problems;
}

const count = async (client: Client, sql: string) => Number((await client.execute(sql)).rows[0]![0]);

/** Facts every database state must have, whatever users sent: each query counts violations. */
const INVARIANTS: [string, string][] = [
  ["membership of a missing township", "select count(*) from memberships m where not exists (select 1 from townships t where t.id = m.township_id)"],
  ["step record of a missing township", "select count(*) from step_records s where not exists (select 1 from townships t where t.id = s.township_id)"],
  ["candidate of a missing township", "select count(*) from candidates c where not exists (select 1 from townships t where t.id = c.township_id)"],
  ["invite of a missing township", "select count(*) from invites i where not exists (select 1 from townships t where t.id = i.township_id)"],
  ["score of a missing candidate", "select count(*) from speech_scores s where not exists (select 1 from candidates c where c.id = s.candidate_id and c.township_id = s.township_id)"],
  ["township nobody belongs to", "select count(*) from townships t where not exists (select 1 from memberships m where m.township_id = t.id)"],
  ["township without its creation audit", "select count(*) from townships t where not exists (select 1 from audit_log a where a.subject = t.id and a.action = 'township.create')"],
  ["township created twice", "select count(*) from (select subject from audit_log where action = 'township.create' group by subject having count(*) > 1)"],
  [
    "half-saved candidate",
    `select count(*) from candidates where trim(name) = '' or birth_date not glob '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
      or gender not in ('male', 'female') or post not in ('secretary', 'fulltime-deputy', 'parttime-deputy', 'member')
      or commitment not in ('fulltime', 'parttime') or political_status = '' or establishment = '' or sector = '' or channel = ''
      or status not in ('nominated', 'eligible', 'ineligible', 'formal', 'elected', 'appointed', 'withdrawn')
      or ((id_number_masked is null) <> (id_number_hash is null))
      or (channel = 'joint-signature' and signatures is null)`,
  ],
  ["candidate without its audit entry", "select count(*) from candidates c where not exists (select 1 from audit_log a where a.subject = c.id and a.action = 'candidate.add')"],
  ["candidate added twice in the audit", "select count(*) from (select subject from audit_log where action = 'candidate.add' group by subject having count(*) > 1)"],
  [
    "the same person twice in a township",
    "select count(*) from (select 1 from candidates where status <> 'withdrawn' group by township_id, name, birth_date having count(*) > 1)",
  ],
  ["membership of a user never seen", "select count(*) from memberships m where m.user_id <> 0 and not exists (select 1 from users u where u.id = m.user_id)"],
];

/**
 * What is wrong with the database: the invariants above, updates still claimed (only when nothing is
 * in flight), sessions that do not parse, and ID numbers in clear anywhere (mobiles in clear anywhere
 * but a candidate's contact field and the dialog answer it comes from).
 */
export async function databaseProblems(client: Client, options: { settled?: boolean } = {}): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, sql] of INVARIANTS) {
    const n = await count(client, sql);
    if (n > 0) problems.push(`${name}: ${n}`);
  }
  if (options.settled !== false) {
    const open = await count(client, "select count(*) from processed_updates where status <> 'done'");
    if (open > 0) problems.push(`updates left claimed: ${open}`);
  }
  for (const row of (await client.execute("select key, value from sessions")).rows) {
    try {
      JSON.parse(String(row.value));
    } catch {
      problems.push(`session ${row.key} is not JSON`);
    }
  }
  const tables = (await client.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")).rows.map(
    (r) => String(r.name),
  );
  for (const table of tables) {
    const rows = (await client.execute(`select * from "${table}"`)).rows;
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value !== "string" || column === "id_number_hash") continue;
        const plain = value.replace(HASH, "#");
        const id = ID_IN_CLEAR.exec(plain)?.[0];
        if (id) problems.push(`ID number in clear in ${table}.${column}: ${id}`);
        const scanned = table === "sessions" ? plain.replace(/"mobile":"[^"]*"/g, "") : plain;
        const mobile = table === "candidates" && column === "mobile" ? undefined : MOBILE_IN_CLEAR.exec(scanned)?.[0];
        if (mobile) problems.push(`mobile number in clear in ${table}.${column}: ${mobile}`);
      }
    }
  }
  return problems;
}
