import { eq, sql } from "drizzle-orm";
import type { StatusChange } from "../domain/candidate-marks.js";
import type { StepId, StepRecord } from "../domain/checklist/index.js";
import type { Database } from "./client.js";
import { stepRecords, users } from "./schema.js";

export interface StoredStepRecord extends StepRecord {
  version: number;
  recordedByName: string;
}

/** A candidate's status change, with the candidate's version it was decided on. */
export interface VersionedStatusChange extends StatusChange {
  version: number;
}

/** Checklist records of one township. Callers check membership first (see townships.ts). */
export function stepRepository(db: Database) {
  return {
    async list(townshipId: string): Promise<StoredStepRecord[]> {
      const rows = await db
        .select({ record: stepRecords, name: users.firstName })
        .from(stepRecords)
        .leftJoin(users, eq(users.id, stepRecords.recordedBy))
        .where(eq(stepRecords.townshipId, townshipId))
        .all();
      return rows.map(({ record, name }) => ({
        stepId: record.stepId as StepId,
        values: JSON.parse(record.values) as StepRecord["values"],
        recordedBy: record.recordedBy,
        recordedAt: record.recordedAt,
        version: record.version,
        recordedByName: name ?? "",
      }));
    },

    /**
     * Saves what was recorded for a step, with an audit entry, if the step's record is still the one
     * the user started from (`expectedVersion`, 0 for none) and every candidate in `statuses` is still
     * at the version the change was decided on. The candidates' new statuses are written with the
     * record, each with its own audit entry, in the same transaction. Returns false, changing nothing,
     * when another member saved the step or changed one of those candidates in between.
     */
    async save(
      townshipId: string,
      record: StepRecord,
      expectedVersion: number,
      statuses: readonly VersionedStatusChange[] = [],
      /** A correction of a recorded step: each value changed, old and new, is what the audit keeps. */
      corrected?: Record<string, { from: unknown; to: unknown }>,
    ): Promise<boolean> {
      const values = JSON.stringify(record.values);
      const { stepId, recordedBy, recordedAt } = record;
      const guards = JSON.stringify(statuses.map((s) => [s.candidateId, s.version]));
      // True while every candidate changed is as it was read: the record is written only then.
      const unchanged = sql`not exists (select 1 from json_each(${guards}) as g where not exists (
        select 1 from candidates as c where c.township_id = ${townshipId} and c.id = g.value ->> 0 and c.version = g.value ->> 1))`;
      const write =
        expectedVersion === 0
          ? sql`insert into step_records (township_id, step_id, "values", recorded_by, recorded_at)
              select ${townshipId}, ${stepId}, ${values}, ${recordedBy}, ${recordedAt} where ${unchanged}
              on conflict do nothing`
          : sql`update step_records set "values" = ${values}, recorded_by = ${recordedBy}, recorded_at = ${recordedAt},
              version = ${expectedVersion + 1}
              where township_id = ${townshipId} and step_id = ${stepId} and version = ${expectedVersion} and ${unchanged}`;
      // The record this call wrote (its version, who and when): the status changes follow only if it exists.
      const written = sql`exists (select 1 from step_records where township_id = ${townshipId} and step_id = ${stepId}
        and version = ${expectedVersion + 1} and recorded_by = ${recordedBy} and recorded_at = ${recordedAt} and "values" = ${values})`;
      const [result] = await db.batch([
        db.run(write),
        // Audited only if the write above took effect (same transaction and connection).
        db.run(sql`insert into audit_log (township_id, user_id, action, subject, detail, at)
          select ${townshipId}, ${recordedBy}, ${corrected ? "step.correct" : "step.record"}, ${stepId},
            ${corrected ? JSON.stringify(corrected) : values}, ${recordedAt}
          where changes() > 0`),
        ...statuses.flatMap((s) => [
          db.run(sql`update candidates set status = ${s.to}, version = version + 1
            where township_id = ${townshipId} and id = ${s.candidateId} and version = ${s.version} and ${written}`),
          db.run(sql`insert into audit_log (township_id, user_id, action, subject, detail, at)
            select ${townshipId}, ${recordedBy}, 'candidate.status', ${s.candidateId},
              json_object('from', ${s.from}, 'status', ${s.to}, 'step', ${stepId}), ${recordedAt}
            where changes() > 0`),
        ]),
      ]);
      return result.rowsAffected > 0;
    },
  };
}
