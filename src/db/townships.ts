import { and, eq, gt, sql } from "drizzle-orm";
import type { ProfileId } from "../domain/rules/types.js";
import type { PlannedSeats, TownshipPlan } from "../domain/township.js";
import { activeMembershipRowid } from "./active-township.js";
import type { Database } from "./client.js";
import { auditLog, invites, memberships, townships, users } from "./schema.js";

type Row = typeof townships.$inferSelect;
export type Role = "secretary" | "deputy" | "member";

/** The township a user works on, with their role in it (townshipRepository.activeFor, the update envelope). */
export type ActiveTownship = TownshipPlan & { version: number; role: Role; countyUnitId: string | null };

/** The columns a plan is made of (the update envelope reads these too). */
export type PlanRow = Pick<
  Row,
  "id" | "province" | "city" | "county" | "name" | "kind" | "profileId" | "customRules" | "customNote" | "partyElectionDate" | "plannedElectionDate" | "seats" | "version"
>;

export const planOfRow = (row: PlanRow): TownshipPlan & { version: number } => ({
  id: row.id,
  province: row.province,
  city: row.city,
  county: row.county,
  name: row.name,
  kind: row.kind,
  profileId: row.profileId as ProfileId,
  ...(row.customRules ? { customRules: JSON.parse(row.customRules) } : {}),
  ...(row.customNote ? { customNote: row.customNote } : {}),
  ...(row.partyElectionDate ? { partyElectionDate: row.partyElectionDate } : {}),
  ...(row.plannedElectionDate ? { plannedElectionDate: row.plannedElectionDate } : {}),
  seats: JSON.parse(row.seats) as PlannedSeats,
  version: row.version,
});

/** Every read goes through membership: a user sees only the townships they joined. */
export function townshipRepository(db: Database) {
  const toPlan = planOfRow;
  const audit = (townshipId: string | null, userId: number, action: string, subject: string | null, detail: unknown, at: Date) =>
    db.insert(auditLog).values({ townshipId, userId, action, subject, detail: JSON.stringify(detail), at: at.toISOString() });

  return {
    async touchUser(id: number, firstName: string): Promise<void> {
      await db.insert(users).values({ id, firstName }).onConflictDoUpdate({ target: users.id, set: { firstName } });
    },

    /** The township the user is working on (their active one if still a member, else their first), and its county committee. */
    async activeFor(userId: number): Promise<ActiveTownship | undefined> {
      // The envelope reads the same expression with every update (db/active-township.ts).
      const chosen = await db
        .select({ township: townships, role: memberships.role })
        .from(memberships)
        .innerJoin(townships, eq(townships.id, memberships.townshipId))
        .where(and(eq(memberships.userId, userId), sql`memberships.rowid = ${sql.raw(activeMembershipRowid("memberships.user_id"))}`))
        .get();
      return chosen ? { ...toPlan(chosen.township), role: chosen.role, countyUnitId: chosen.township.countyUnitId } : undefined;
    },

    async listFor(userId: number) {
      const rows = await db
        .select({ township: townships, role: memberships.role })
        .from(memberships)
        .innerJoin(townships, eq(townships.id, memberships.townshipId))
        .where(eq(memberships.userId, userId))
        .all();
      return rows.map((r) => ({ ...toPlan(r.township), role: r.role }));
    },

    /** A township the user belongs to, or undefined (never someone else's). */
    async getFor(userId: number, townshipId: string) {
      const row = await db
        .select({ township: townships, role: memberships.role })
        .from(memberships)
        .innerJoin(townships, eq(townships.id, memberships.townshipId))
        .where(and(eq(memberships.userId, userId), eq(memberships.townshipId, townshipId)))
        .get();
      return row ? { ...toPlan(row.township), role: row.role } : undefined;
    },

    /**
     * Registers a township with its creator as secretary. `id` is chosen when the registration starts,
     * so a second delivery of the same confirmation (Telegram redelivers when the answer was lost)
     * finds the township there and changes nothing: one township, one membership, one audit entry.
     */
    async create(plan: Omit<TownshipPlan, "id">, userId: number, now: Date, id = randomId()): Promise<string> {
      await db.batch([
        db.insert(townships).values({
          id,
          province: plan.province,
          city: plan.city,
          county: plan.county,
          name: plan.name,
          kind: plan.kind,
          profileId: plan.profileId,
          customRules: plan.customRules ? JSON.stringify(plan.customRules) : null,
          customNote: plan.customNote ?? null,
          partyElectionDate: plan.partyElectionDate ?? null,
          plannedElectionDate: plan.plannedElectionDate ?? null,
          seats: JSON.stringify(plan.seats),
          createdBy: userId,
        }).onConflictDoNothing(),
        // Only the creator of this very id: a forged or reused id of someone else's township joins nothing.
        db.run(sql`insert into memberships (township_id, user_id, role)
          select ${id}, ${userId}, 'secretary' where exists (select 1 from townships where id = ${id} and created_by = ${userId})
          on conflict do nothing`),
        db.update(users).set({ activeTownshipId: id }).where(and(eq(users.id, userId), sql`exists (select 1 from memberships where township_id = ${id} and user_id = ${userId})`)),
        db.run(sql`insert into audit_log (township_id, user_id, action, subject, detail, at)
          select ${id}, ${userId}, 'township.create', ${id}, ${JSON.stringify({ name: plan.name, profile: plan.profileId })}, ${now.toISOString()}
          where not exists (select 1 from audit_log where township_id = ${id} and action = 'township.create')`),
      ]);
      return id;
    },

    /**
     * Changes plan fields if nobody changed the plan since `expectedVersion` was read; returns false
     * (and changes nothing) otherwise, so the second of two concurrent edits is told, not lost.
     */
    async update(
      userId: number,
      townshipId: string,
      expectedVersion: number,
      change: Partial<
        Pick<TownshipPlan, "partyElectionDate" | "plannedElectionDate" | "seats" | "profileId" | "name" | "kind" | "customRules" | "customNote">
      >,
      now: Date,
    ): Promise<boolean> {
      if (!(await this.getFor(userId, townshipId))) return false;
      const set: Partial<typeof townships.$inferInsert> = { ...change, version: expectedVersion + 1 } as never;
      if (change.seats) set.seats = JSON.stringify(change.seats);
      if (change.customRules) set.customRules = JSON.stringify(change.customRules);
      const detail = JSON.stringify(change);
      const [updated] = await db.batch([
        db
          .update(townships)
          .set(set)
          .where(and(eq(townships.id, townshipId), eq(townships.version, expectedVersion)))
          .returning({ id: townships.id }),
        // Audited only if the update above changed the row (same transaction, same connection).
        db.run(sql`insert into audit_log (township_id, user_id, action, subject, detail, at)
          select ${townshipId}, ${userId}, 'township.update', ${townshipId}, ${detail}, ${now.toISOString()} where changes() > 0`),
      ]);
      return updated.length > 0;
    },

    async createInvite(userId: number, townshipId: string, now: Date): Promise<string | undefined> {
      if (!(await this.getFor(userId, townshipId))) return undefined;
      const token = randomId(16);
      await db.insert(invites).values({ token, townshipId, createdBy: userId, expiresAt: now.getTime() + 14 * 24 * 3600_000 });
      return token;
    },

    /** Joins the township an unexpired invitation is for; returns its id, or undefined. */
    async join(userId: number, token: string, now: Date): Promise<string | undefined> {
      const invite = await db.select().from(invites).where(and(eq(invites.token, token), gt(invites.expiresAt, now.getTime()))).get();
      if (!invite) return undefined;
      await db.batch([
        db.insert(memberships).values({ townshipId: invite.townshipId, userId, role: "deputy" }).onConflictDoNothing(),
        db.update(users).set({ activeTownshipId: invite.townshipId }).where(eq(users.id, userId)),
        audit(invite.townshipId, userId, "township.join", invite.townshipId, { invitedBy: invite.createdBy }, now),
      ]);
      return invite.townshipId;
    },

    async memberIds(townshipId: string): Promise<number[]> {
      const rows = await db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.townshipId, townshipId)).all();
      return rows.map((r) => r.id);
    },
  };
}
export type TownshipRepository = ReturnType<typeof townshipRepository>;

/** URL-safe random id from the platform's CSPRNG (available in Node and Workers alike). */
export function randomId(bytes = 9): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...data)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
