import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Candidate, CandidateStatus, Commitment, Education, Establishment, Gender, Sector } from "../domain/candidate.js";
import type { CandidateDraft } from "../domain/candidate-fields.js";
import { maskMobile, maskPersonalData, maskPersonalDataDeep } from "../domain/privacy.js";
import type { NominationChannel, PoliticalStatus, Post } from "../domain/rules/types.js";
import type { Database } from "./client.js";
import { auditLog, candidates, speechScores } from "./schema.js";
import { randomId } from "./townships.js";

/**
 * The candidates of one township, and their speech scores. Callers pass the township id they got
 * from `townshipRepository(db).activeFor(userId)` (membership is checked there); every query here is
 * scoped to that township, so an id from another township finds nothing.
 *
 * The resident ID number is never stored: only the birth date derived from it, the masked form, and
 * a keyed hash (id-number-hash.ts, keyed with PII_HASH_KEY) that the unique index (township_id, id_number_hash)
 * uses to refuse the same person entered twice, across batches and members.
 */
export interface StoredCandidate extends Candidate {
  version: number;
  createdBy: number | null;
}

/** Fields a member can change one at a time; `idNumberHash` travels with `idNumberMasked`. */
export type CandidateChange = Partial<Omit<CandidateDraft, "idNumberMasked">> & {
  idNumberMasked?: string | null;
  idNumberHash?: string | null;
  status?: CandidateStatus;
};

export type AddResult =
  | { ok: true; candidate: StoredCandidate }
  | { ok: false; reason: "duplicate"; existing?: StoredCandidate };

export type UpdateResult =
  | { ok: true; candidate: StoredCandidate }
  | { ok: false; reason: "conflict"; current: StoredCandidate }
  | { ok: false; reason: "duplicate" }
  | { ok: false; reason: "not-found" };

type Row = typeof candidates.$inferSelect;

/** Columns that hold what a user typed freely (the mobile column holds a mobile by design). */
const FREE_TEXT = new Set(["name", "workplace", "relaxationReason"]);

function toCandidate(row: Row): StoredCandidate {
  const candidate: StoredCandidate = {
    id: row.id,
    townshipId: row.townshipId,
    name: row.name,
    gender: row.gender as Gender,
    birthDate: row.birthDate,
    politicalStatus: row.politicalStatus as PoliticalStatus,
    establishment: row.establishment as Establishment,
    sector: row.sector as Sector,
    post: row.post as Post,
    commitment: row.commitment as Commitment,
    channel: row.channel as NominationChannel,
    localTie: row.localTie,
    status: row.status as CandidateStatus,
    version: row.version,
    createdBy: row.createdBy,
  };
  if (row.idNumberMasked) candidate.idNumberMasked = row.idNumberMasked;
  if (row.signatures !== null) candidate.signatures = row.signatures;
  if (row.mobile) candidate.mobile = row.mobile;
  if (row.education) candidate.education = row.education as Education;
  if (row.workplace) candidate.workplace = row.workplace;
  if (row.relaxationReason) candidate.relaxationReason = row.relaxationReason;
  return candidate;
}

/** Free text typed about a candidate: personal numbers in it are masked before it is stored. */
const typed = (value: string | undefined) => (value === undefined ? null : maskPersonalData(value));

function columnsOf(draft: CandidateDraft) {
  return {
    name: maskPersonalData(draft.name),
    gender: draft.gender,
    birthDate: draft.birthDate,
    idNumberMasked: draft.idNumberMasked ?? null,
    politicalStatus: draft.politicalStatus,
    establishment: draft.establishment,
    sector: draft.sector,
    post: draft.post,
    commitment: draft.commitment,
    channel: draft.channel,
    signatures: draft.signatures ?? null,
    localTie: draft.localTie,
    mobile: draft.mobile ?? null,
    education: draft.education ?? null,
    workplace: typed(draft.workplace),
    relaxationReason: typed(draft.relaxationReason),
  };
}

/** What an audit entry may say about a change: never an ID number or a phone number in clear. */
export function auditValue(field: string, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (field === "mobile") return maskMobile(String(value));
  if (field === "idNumberHash") return undefined;
  return maskPersonalDataDeep(value);
}

function auditDetail(change: Record<string, unknown>): string {
  const detail: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(change)) {
    const shown = auditValue(field, value);
    if (shown !== undefined) detail[field] = shown;
  }
  return JSON.stringify(detail);
}

type NewRow = ReturnType<typeof columnsOf> & {
  id: string;
  townshipId: string;
  idNumberHash: string | null;
  status: CandidateStatus;
  createdBy: number;
};

/** Column order of `guardedInsert`'s VALUES (SQLite names them column1, column2, …). */
const INSERT_COLUMNS = [
  ["id", "id"],
  ["township_id", "townshipId"],
  ["name", "name"],
  ["gender", "gender"],
  ["birth_date", "birthDate"],
  ["id_number_masked", "idNumberMasked"],
  ["id_number_hash", "idNumberHash"],
  ["political_status", "politicalStatus"],
  ["establishment", "establishment"],
  ["sector", "sector"],
  ["post", "post"],
  ["commitment", "commitment"],
  ["channel", "channel"],
  ["signatures", "signatures"],
  ["local_tie", "localTie"],
  ["mobile", "mobile"],
  ["education", "education"],
  ["workplace", "workplace"],
  ["relaxation_reason", "relaxationReason"],
  ["status", "status"],
  ["created_by", "createdBy"],
] as const;

/**
 * INSERT … SELECT FROM (VALUES …) that skips a row whose person is already in the township (same
 * name and birth date, not withdrawn); the same ID-number hash or id is skipped by the unique indexes.
 */
function guardedInsert(rows: NewRow[]) {
  const column = (name: string) => sql.raw(`v.column${INSERT_COLUMNS.findIndex(([c]) => c === name) + 1}`);
  const values = rows.map(
    (row) =>
      sql`(${sql.join(
        INSERT_COLUMNS.map(([, key]) => {
          const value = row[key];
          return typeof value === "boolean" ? sql`${value ? 1 : 0}` : sql`${value}`;
        }),
        sql`, `,
      )})`,
  );
  return sql`insert into candidates (${sql.raw(INSERT_COLUMNS.map(([c]) => c).join(", "))})
    select v.* from (values ${sql.join(values, sql`, `)}) as v
    where not exists (select 1 from candidates c where c.township_id = ${column("township_id")} and c.name = ${column("name")}
      and c.birth_date = ${column("birth_date")} and c.status <> 'withdrawn')
    on conflict do nothing`;
}

const isUniqueViolation = (error: unknown) =>
  /UNIQUE constraint failed|SQLITE_CONSTRAINT/i.test(
    `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""} ${String((error as { cause?: unknown })?.cause ?? "")}`,
  );

export function candidateRepository(db: Database) {
  const byId = (townshipId: string, id: string) =>
    db
      .select()
      .from(candidates)
      .where(and(eq(candidates.townshipId, townshipId), eq(candidates.id, id)))
      .get();

  return {
    async list(townshipId: string): Promise<StoredCandidate[]> {
      const rows = await db
        .select()
        .from(candidates)
        .where(eq(candidates.townshipId, townshipId))
        .orderBy(asc(candidates.createdAt), asc(sql`rowid`))
        .all();
      return rows.map(toCandidate);
    },

    async get(townshipId: string, id: string): Promise<StoredCandidate | undefined> {
      const row = await byId(townshipId, id);
      return row ? toCandidate(row) : undefined;
    },

    /** The candidates already entered with one of these ID-number hashes, by hash. */
    async findByHashes(townshipId: string, hashes: string[]): Promise<Map<string, StoredCandidate>> {
      const found = new Map<string, StoredCandidate>();
      for (let i = 0; i < hashes.length; i += 500) {
        const chunk = hashes.slice(i, i + 500);
        if (chunk.length === 0) continue;
        const rows = await db
          .select()
          .from(candidates)
          .where(and(eq(candidates.townshipId, townshipId), inArray(candidates.idNumberHash, chunk)))
          .all();
        for (const row of rows) if (row.idNumberHash) found.set(row.idNumberHash, toCandidate(row));
      }
      return found;
    },

    /**
     * Adds one candidate with its audit entry; the same person twice in a township (same ID number, or
     * same name and birth date among those not withdrawn) is refused, also when two members save them
     * at the same instant. `id` may be chosen beforehand, so that a second delivery of the same
     * confirmation finds the candidate saved instead of adding it again: the caller looks it up with
     * `get` first.
     */
    async add(
      townshipId: string,
      userId: number,
      draft: CandidateDraft,
      idNumberHash: string | undefined,
      status: CandidateStatus,
      now: Date,
      id?: string,
    ): Promise<AddResult> {
      const [result] = await this.addMany(townshipId, userId, [{ draft, idNumberHash, status, ...(id ? { id } : {}) }], now);
      if (result?.ok) return result;
      const existing =
        (idNumberHash ? (await this.findByHashes(townshipId, [idNumberHash])).get(idNumberHash) : undefined) ??
        (await this.list(townshipId)).find((c) => c.status !== "withdrawn" && c.name === draft.name && c.birthDate === draft.birthDate);
      return existing ? { ok: false, reason: "duplicate", existing } : { ok: false, reason: "duplicate" };
    },

    /**
     * Adds several candidates in one transaction, each with its audit entry. A row whose ID-number
     * hash is already in the township, or whose name and birth date are (not withdrawn), is skipped
     * (reported as a duplicate); the others are saved. The check is part of the insert itself, so a
     * concurrent save of the same person cannot slip between a check and the write.
     */
    async addMany(
      townshipId: string,
      userId: number,
      entries: { draft: CandidateDraft; idNumberHash: string | undefined; status: CandidateStatus; id?: string }[],
      now: Date,
    ): Promise<({ ok: true; candidate: StoredCandidate } | { ok: false; reason: "duplicate" })[]> {
      if (entries.length === 0) return [];
      const at = now.toISOString();
      const rows = entries.map(({ draft, idNumberHash, status, id }) => ({
        id: id ?? randomId(),
        townshipId,
        ...columnsOf(draft),
        idNumberHash: idNumberHash ?? null,
        status,
        createdBy: userId,
      }));
      // Multi-row inserts (a 5,000-row import is 50 statements, not 10,000), each followed by the audit
      // entries of the rows it actually inserted: fresh random ids exist only if inserted just now (an id
      // chosen beforehand is looked up by the caller first: see `add`).
      const CHUNK = 200;
      const statements = [];
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        const ids = chunk.map((r) => r.id);
        statements.push(
          db.run(guardedInsert(chunk)),
          db.run(sql`insert into audit_log (township_id, user_id, action, subject, detail, at)
            select township_id, ${userId}, 'candidate.add', id, json_object('name', name, 'post', post, 'status', status), ${at}
            from candidates where id in ${ids} order by rowid`),
        );
      }
      await db.batch(statements as unknown as [(typeof statements)[number]]);
      const inserted = new Set<string>();
      const stored = new Map<string, StoredCandidate>();
      for (let i = 0; i < rows.length; i += 500) {
        const ids = rows.slice(i, i + 500).map((r) => r.id);
        const found = await db
          .select()
          .from(candidates)
          .where(and(eq(candidates.townshipId, townshipId), inArray(candidates.id, ids)))
          .all();
        for (const row of found) {
          inserted.add(row.id);
          stored.set(row.id, toCandidate(row));
        }
      }
      return rows.map((row) => {
        const candidate = stored.get(row.id);
        return inserted.has(row.id) && candidate
          ? { ok: true as const, candidate }
          : { ok: false as const, reason: "duplicate" as const };
      });
    },

    /**
     * Changes fields of one candidate if nobody changed it since `expectedVersion` was read. Another
     * member's edit in between is not overwritten: the caller gets the current record to show.
     */
    async update(
      townshipId: string,
      userId: number,
      id: string,
      expectedVersion: number,
      change: CandidateChange,
      now: Date,
      action = "candidate.update",
    ): Promise<UpdateResult> {
      const set: Partial<typeof candidates.$inferInsert> = { version: expectedVersion + 1 };
      for (const [key, value] of Object.entries(change))
        (set as Record<string, unknown>)[key] = typeof value === "string" && FREE_TEXT.has(key) ? maskPersonalData(value) : (value ?? null);
      const detail = auditDetail(change);
      let updated: Row[];
      try {
        [updated] = await db.batch([
          db
            .update(candidates)
            .set(set)
            .where(
              and(eq(candidates.townshipId, townshipId), eq(candidates.id, id), eq(candidates.version, expectedVersion)),
            )
            .returning(),
          db.run(sql`insert into audit_log (township_id, user_id, action, subject, detail, at)
            select ${townshipId}, ${userId}, ${action}, ${id}, ${detail}, ${now.toISOString()} where changes() > 0`),
        ]);
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, reason: "duplicate" };
        throw error;
      }
      const row = updated[0];
      if (row) return { ok: true, candidate: toCandidate(row) };
      const current = await this.get(townshipId, id);
      return current ? { ok: false, reason: "conflict", current } : { ok: false, reason: "not-found" };
    },

    /** Withdraws a candidate (status "withdrawn"), kept in the audit trail; refused if changed meanwhile. */
    async withdraw(townshipId: string, userId: number, id: string, expectedVersion: number, now: Date): Promise<UpdateResult> {
      return this.update(townshipId, userId, id, expectedVersion, { status: "withdrawn" }, now, "candidate.withdraw");
    },

    /** The audit entries about one candidate, oldest first. */
    async auditOf(townshipId: string, id: string) {
      return db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.townshipId, townshipId), eq(auditLog.subject, id)))
        .orderBy(asc(auditLog.id))
        .all();
    },

    // ── Speech scores ────────────────────────────────────────────────────────────────────────────

    /** Every judge's scores, in hundredths of a point (85.5 is stored as 8550). */
    async scores(townshipId: string): Promise<{ judge: string; candidateId: string; hundredths: number }[]> {
      const rows = await db
        .select()
        .from(speechScores)
        .where(eq(speechScores.townshipId, townshipId))
        .orderBy(asc(sql`rowid`))
        .all();
      return rows.map((r) => ({ judge: r.judge, candidateId: r.candidateId, hundredths: r.score }));
    },

    /** Where the township's score sheets stand: the last `scores.record` audit entry (0 for none). */
    async sheetsVersion(townshipId: string): Promise<number> {
      const row = await db
        .select({ id: sql<number | null>`max(${auditLog.id})` })
        .from(auditLog)
        .where(and(eq(auditLog.townshipId, townshipId), eq(auditLog.action, "scores.record")))
        .get();
      return row?.id ?? 0;
    },

    /**
     * Records one judge's sheet: the scores given replace that judge's earlier ones; a candidate the
     * judge did not score (null) has no score. One audit entry for the sheet. Refused (false, nothing
     * changed) when another member recorded the same judge's sheet after `seenVersion` (see
     * `sheetsVersion`) — the second of two members typing the same sheet is told, not overwritten.
     * The check and the writes are one transaction: the audit entry is written first, only if there is
     * no newer sheet of that judge, and the scores only if that very entry (its `sheet` id) was written.
     */
    async recordSheet(
      townshipId: string,
      userId: number,
      judge: string,
      sheet: { candidateId: string; hundredths: number | null }[],
      now: Date,
      seenVersion = Number.MAX_SAFE_INTEGER,
    ): Promise<boolean> {
      const known = new Set((await this.list(townshipId)).map((c) => c.id));
      const given = sheet.filter((s) => known.has(s.candidateId));
      const sheetId = randomId();
      const detail = JSON.stringify({ sheet: sheetId, scores: given.map((s) => [s.candidateId, s.hundredths]) });
      const ours = sql`exists (select 1 from audit_log where id = (select max(id) from audit_log where township_id = ${townshipId}
        and action = 'scores.record' and subject = ${judge}) and json_extract(detail, '$.sheet') = ${sheetId})`;
      const statements = [
        db.run(sql`insert into audit_log (township_id, user_id, action, subject, detail, at)
          select ${townshipId}, ${userId}, 'scores.record', ${judge}, ${detail}, ${now.toISOString()}
          where not exists (select 1 from audit_log where township_id = ${townshipId} and action = 'scores.record'
            and subject = ${judge} and id > ${seenVersion})`),
        db.run(sql`delete from speech_scores where township_id = ${townshipId} and judge = ${judge} and ${ours}`),
        ...given
          .filter((s) => s.hundredths !== null)
          .map((s) =>
            db.run(sql`insert into speech_scores (township_id, judge, candidate_id, score, recorded_by)
              select ${townshipId}, ${judge}, ${s.candidateId}, ${s.hundredths}, ${userId} where ${ours}`),
          ),
      ];
      await db.batch(statements as unknown as [(typeof statements)[number]]);
      const written = await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.townshipId, townshipId), eq(auditLog.action, "scores.record"), sql`json_extract(${auditLog.detail}, '$.sheet') = ${sheetId}`))
        .get();
      return written !== undefined;
    },

    /** Appends an audit entry for something confirmed outside a candidate record (e.g. drawing lots). */
    async audit(townshipId: string, userId: number, action: string, subject: string | null, detail: unknown, now: Date) {
      await db.insert(auditLog).values({
        townshipId,
        userId,
        action,
        subject: subject === null ? null : maskPersonalData(subject),
        detail: JSON.stringify(maskPersonalDataDeep(detail)),
        at: now.toISOString(),
      });
    },
  };
}
export type CandidateRepository = ReturnType<typeof candidateRepository>;

// The keyed hash of the ID number lives in id-number-hash.ts (re-keyable without the numbers).
export { hashIdNumber } from "./id-number-hash.js";
