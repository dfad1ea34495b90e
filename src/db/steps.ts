import { and, eq, sql } from "drizzle-orm";
import type { StepId, StepRecord } from "../domain/checklist.js";
import type { Database } from "./client.js";
import { stepRecords, users } from "./schema.js";

export interface StoredStepRecord extends StepRecord {
  version: number;
  recordedByName: string;
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
     * the user started from (`expectedVersion`, 0 for none). Returns false, changing nothing, when
     * another member saved the step in between: they are then shown the current record.
     */
    async save(townshipId: string, record: StepRecord, expectedVersion: number): Promise<boolean> {
      const values = JSON.stringify(record.values);
      const write =
        expectedVersion === 0
          ? db
              .insert(stepRecords)
              .values({ townshipId, stepId: record.stepId, values, recordedBy: record.recordedBy, recordedAt: record.recordedAt })
              .onConflictDoNothing()
              .returning({ version: stepRecords.version })
          : db
              .update(stepRecords)
              .set({ values, recordedBy: record.recordedBy, recordedAt: record.recordedAt, version: expectedVersion + 1 })
              .where(
                and(
                  eq(stepRecords.townshipId, townshipId),
                  eq(stepRecords.stepId, record.stepId),
                  eq(stepRecords.version, expectedVersion),
                ),
              )
              .returning({ version: stepRecords.version });
      const [written] = await db.batch([
        write,
        // Audited only if the write above took effect (same transaction and connection).
        db.run(sql`insert into audit_log (township_id, user_id, action, subject, detail, at)
          select ${townshipId}, ${record.recordedBy}, 'step.record', ${record.stepId}, ${values}, ${record.recordedAt}
          where changes() > 0`),
      ]);
      return written.length > 0;
    },
  };
}
