import { InlineKeyboard } from "grammy";
import { readSheet } from "read-excel-file/universal";
import type { BotContext } from "../../bot/context.js";
import { defineDialog, startDialog } from "../../bot/dialogs/engine.js";
import { FeatureComposer } from "../../bot/feature-composer.js";
import { encodeButton } from "../../buttons/callback-data.js";
import { onButton } from "../../buttons/on-button.js";
import { type ImportProblem, saveImportedRows } from "../../candidates/import-service.js";
import type { AppConfig } from "../../config/env.js";
import type { CandidateDraft } from "../../domain/candidate-fields.js";
import { MAX_IMPORT_ROWS, splitLines, validateBatch } from "../../domain/candidate-import.js";
import type { Finding } from "../../domain/eligibility.js";
import type { EffectiveRules } from "../../domain/rules/effective.js";
import {
  citation,
  fieldErrorText,
  findingText,
  IMPORT,
  type PlanContext,
  planContext,
  planOf,
  requireTownship,
  rulesOf,
  say,
  todayOf,
} from "./shared.js";

/** Several candidates at once: pasted rows, .csv and .xlsx documents, validated and reported row by row. */
export const importFeature = new FeatureComposer<BotContext>();

const MAX_FILE_MB = 2;

export const importDialog = defineDialog({
  name: IMPORT,
  fields: [
    {
      key: "rows",
      prompt: (ctx, data) =>
        ctx.t("cand-import-help", { date: planOf(data).electionDate, max: String(MAX_IMPORT_ROWS) }),
      parse: (input) => ({ ok: true, value: input }),
      keepsPersonalData: true,
    },
  ],
  async complete(ctx, data) {
    await importTable(ctx, splitLines(String(data.rows)));
  },
});

async function startImport(ctx: BotContext, text: string): Promise<void> {
  ctx.handler = "candidate-import";
  if (text.trim()) {
    await importTable(ctx, splitLines(text));
    return;
  }
  const township = await requireTownship(ctx);
  if (!township) return;
  if (ctx.session.drafts) delete ctx.session.drafts[IMPORT];
  await startDialog(ctx, importDialog, { _plan: planContext(township, todayOf(ctx)) });
}

importFeature.command("import", (ctx) => startImport(ctx, ctx.match));
onButton(importFeature, "cand:import", async (ctx) => {
  await ctx.answerCallbackQuery();
  await startImport(ctx, "");
});

/** Validates every row, catches duplicates in the batch and against the database, saves the rest. */
export async function importTable(ctx: BotContext, table: string[][]): Promise<void> {
  ctx.handler = "candidate-import";
  const township = await requireTownship(ctx);
  if (!township) return;
  const plan = planContext(township, todayOf(ctx));
  const rules = rulesOf(plan);
  const batch = validateBatch(table, rules, plan.today, plan.electionDate);
  if (batch.tooMany) {
    await say(
      ctx,
      ctx.t("cand-import-too-many", { count: String(batch.tooMany.count), max: String(batch.tooMany.max) }),
    );
    return;
  }
  if (batch.rows.length === 0) {
    await say(ctx, ctx.t("cand-import-empty"));
    return;
  }

  const { saved: savedRows, problems } = await saveImportedRows(
    { db: ctx.deps.db, piiHashKey: ctx.deps.config.piiHashKey },
    township.id,
    ctx.from!.id,
    batch.rows,
    ctx.deps.now(),
  );

  const refused = batch.rows.filter((r) => (problems.get(r.row) ?? []).length > 0);
  ctx.deps.logger.info("candidates_imported", {
    township: township.id,
    rows: batch.rows.length,
    accepted: savedRows.length,
    refused: refused.length,
  });
  await say(ctx, importReport(ctx, plan, rules, batch.rows.length, savedRows, refused, problems), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("cand-button-list"), encodeButton("cand:list", 0))
      .text(ctx.t("cand-button-slate"), encodeButton("cand:slate")),
  });
}

function importReport(
  ctx: BotContext,
  plan: PlanContext,
  rules: EffectiveRules,
  total: number,
  savedRows: { row: number; name: string }[],
  refused: { row: number; label: string; candidate?: CandidateDraft }[],
  problems: Map<number, ImportProblem[]>,
): string {
  const lines = [
    // Row numbers and counts as plain digits (Fluent would group them: "5,000").
    ctx.t("cand-import-summary", {
      total: String(total),
      accepted: String(savedRows.length),
      refused: String(refused.length),
      date: plan.electionDate,
    }),
  ];
  if (savedRows.length > 0) {
    const rows =
      savedRows.length <= 30
        ? savedRows.map((s) => ctx.t("cand-import-accepted-row", { row: String(s.row), name: s.name }))
        : ranges(savedRows.map((s) => s.row)).map(([from, to]) =>
            from === to
              ? ctx.t("cand-import-accepted-row", { row: String(from), name: "" }).trim()
              : ctx.t("cand-import-accepted-range", { from: String(from), to: String(to) }),
          );
    lines.push(ctx.t("cand-import-accepted", { rows: rows.join(ctx.locale === "zh" ? ";" : "; ") }));
  }
  // Rule citations once, as footnotes.
  const sources: string[] = [];
  const refOf = (finding: Finding) => {
    const rule = rules[finding.rule];
    const line = ctx.t("cand-import-source-line", {
      n: 0,
      rule: rule?.summary[ctx.locale] ?? "",
      source: citation(ctx, finding.source),
    });
    let n = sources.indexOf(line) + 1;
    if (n === 0) n = sources.push(line);
    return n;
  };
  const LIMIT = 100;
  let hintIdAsNumber = false;
  for (const r of refused.slice(0, LIMIT)) {
    const reasons = (problems.get(r.row) ?? []).map((p) => {
      if (p.kind === "field") {
        if (p.error.key === "candidate-error-id-checksum" || p.error.key === "candidate-error-id-length")
          hintIdAsNumber = true;
        return fieldErrorText(ctx, p.error);
      }
      if (p.kind === "rule")
        return `${findingText(ctx, p.finding, rules, plan.electionDate, r.candidate?.post).replace(/^[✅❌]\s*/u, "")}${ctx.t("cand-import-rule-ref", { n: refOf(p.finding) })}`;
      if (p.kind === "duplicate-in-batch")
        return ctx.t("cand-import-duplicate-in-batch", { row: String(p.row) });
      return ctx.t("cand-import-duplicate-in-db", {
        name: p.existing.name,
        status: ctx.t(`cand-status-${p.existing.status}`),
      });
    });
    lines.push(
      ctx.t("cand-import-refused", {
        row: String(r.row),
        name: r.label ? ` ${r.label}` : "",
        reasons: reasons.join(" "),
      }),
    );
  }
  if (refused.length > LIMIT)
    lines.push(ctx.t("cand-import-more", { count: String(refused.length - LIMIT) }));
  if (hintIdAsNumber) lines.push(ctx.t("cand-import-id-as-number"));
  if (sources.length > 0) {
    lines.push(ctx.t("cand-import-sources"));
    sources.forEach((line, i) => {
      lines.push(line.replace(/^\[0\]/, `[${i + 1}]`));
    });
  }
  return lines.join("\n");
}

function ranges(rows: number[]): [number, number][] {
  const result: [number, number][] = [];
  for (const row of rows) {
    const last = result.at(-1);
    if (last && row === last[1] + 1) last[1] = row;
    else result.push([row, row]);
  }
  return result;
}

importFeature.on("message:document", async (ctx, next) => {
  const document = ctx.message.document;
  const name = document.file_name ?? "";
  const kind = /\.xlsx$/i.test(name)
    ? "xlsx"
    : /\.(csv|tsv|txt)$/i.test(name) || document.mime_type === "text/csv"
      ? "csv"
      : undefined;
  const importing = ctx.session.dialog?.name === IMPORT;
  // Other spreadsheet formats get a clear answer rather than the generic "text only".
  if (!kind && !importing && !/\.(xls|xlsm|xlsb|ods|et|numbers)$/i.test(name)) return next();
  ctx.handler = "candidate-import";
  if (importing) ctx.session.dialog = undefined;
  if (!kind) {
    await say(ctx, ctx.t("cand-import-file-type", { name }));
    return;
  }
  if ((document.file_size ?? 0) > MAX_FILE_MB * 1024 * 1024) {
    await say(ctx, ctx.t("cand-import-file-too-big", { max: MAX_FILE_MB }));
    return;
  }
  const township = await requireTownship(ctx);
  if (!township) return;
  let table: string[][] | undefined;
  try {
    const bytes = await downloadFile(ctx, document.file_id);
    table = kind === "xlsx" ? await readXlsx(bytes) : readCsv(new Uint8Array(bytes));
  } catch (error) {
    ctx.deps.logger.warn("import_file_unreadable", { kind, error: (error as Error).message });
  }
  if (!table) {
    await say(ctx, ctx.t("cand-import-file-unreadable"));
    return;
  }
  await importTable(ctx, table);
});

/**
 * Where a file of the Bot API is downloaded: `<api root>/file/bot<token>/<file_path>` from Telegram;
 * the local chat (no token) serves its uploads itself, at the path its transport's getFile gave.
 */
export function fileUrl(
  config: Pick<AppConfig, "botToken" | "telegramApiRoot" | "port">,
  token: string,
  filePath: string,
): string {
  if (/^https?:\/\//.test(filePath)) return filePath;
  if (!config.botToken) return `http://127.0.0.1:${config.port}/${filePath.replace(/^\//, "")}`;
  return `${config.telegramApiRoot.replace(/\/$/, "")}/file/bot${token}/${filePath}`;
}

async function downloadFile(ctx: BotContext, fileId: string): Promise<ArrayBuffer> {
  const file = await ctx.api.getFile(fileId);
  if (!file.file_path) throw new Error("getFile returned no file_path");
  const response = await fetch(fileUrl(ctx.deps.config, ctx.api.token, file.file_path));
  // The URL holds the bot token: only the status is ever reported.
  if (!response.ok) throw new Error(`file download failed with HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength > MAX_FILE_MB * 1024 * 1024) throw new Error("file too large");
  return bytes;
}

/** UTF-8 (with or without BOM), else GB18030 — what Excel in Chinese writes when saving as CSV. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

function readCsv(bytes: Uint8Array): string[][] {
  return splitLines(decodeCsv(bytes));
}

/** The first sheet's cells as text: numbers as written in the file, dates as YYYY-MM-DD. */
export async function readXlsx(bytes: ArrayBuffer): Promise<string[][]> {
  const rows = await readSheet<string>(bytes, { parseNumber: (text: string) => text });
  return rows.map((row) =>
    row.map((cell: unknown) => {
      if (cell === null || cell === undefined) return "";
      if (cell instanceof Date)
        return `${cell.getUTCFullYear()}-${String(cell.getUTCMonth() + 1).padStart(2, "0")}-${String(cell.getUTCDate()).padStart(2, "0")}`;
      if (typeof cell === "boolean") return cell ? "是" : "否";
      return String(cell);
    }),
  );
}
