/**
 * Supervisors and their units (province → city → county), the deep links that build the tree, and
 * everything a supervisor reads or does below their unit. Access is decided here, in SQL: every
 * function takes the acting user, and a unit or township is reached only when its path lies within
 * the path of a unit the user is a member of (see domain/org.ts). An id from elsewhere finds nothing.
 */
import { and, eq, gt, isNull, type SQL, sql } from "drizzle-orm";
import { childPath, subtreeEnd, type UnitLevel, unitLevelBelow } from "../domain/org.js";
import type { OverviewTownshipInput, OverviewUnitInput } from "../domain/overview.js";
import type { SlateCandidate } from "../domain/slate.js";
import { shanghaiDate } from "../domain/time.js";
import type { Database } from "./client.js";
import { PLAN_JSON_ITEMS, type PlanTuple, planFromTuple } from "./plan-json.js";
import { orgUnits, townships, unitInvites, unitMemberships } from "./schema.js";
import { randomId, townshipRepository } from "./townships.js";

export interface Unit {
  id: string;
  level: UnitLevel;
  name: string;
  parentId: string | null;
  path: string;
}

export type InviteKind = "below" | "member";
const INVITE_DAYS = 14;

/** True when `path` lies in the subtree of `ancestor` (both SQL expressions): one index range, see domain/org.ts. */
const within = (path: SQL, ancestor: SQL) =>
  sql`${path} >= ${ancestor} AND ${path} < substr(${ancestor}, 1, length(${ancestor}) - 1) || '0'`;

/** True when the path `path` (an SQL expression) lies within a unit `userId` is a member of. */
const covered = (userId: number, path: SQL) =>
  sql`EXISTS (SELECT 1 FROM ${unitMemberships} m JOIN ${orgUnits} a ON a.id = m.unit_id
    WHERE m.user_id = ${userId} AND ${within(path, sql`a.path`)})`;

type TownshipTuple = [...PlanTuple, string, [string, string, string, string, string][]];

/** Plan, records, county and the candidates' fields the slate checks read, as one JSON array per township. */
const TOWNSHIP_JSON = sql.raw(`json_array(${PLAN_JSON_ITEMS}, t.county_unit_id,
  (SELECT json_group_array(json_array(c.status, c.establishment, c.political_status, c.post, c.channel))
     FROM candidates c WHERE c.township_id = t.id))`);

function townshipFromTuple(tuple: TownshipTuple): OverviewTownshipInput {
  const { plan, records } = planFromTuple(tuple);
  const candidates = tuple[14].map(
    ([status, establishment, politicalStatus, post, channel]) =>
      ({ status, establishment, politicalStatus, post, channel }) as SlateCandidate,
  );
  return { plan, records, countyId: tuple[13], candidates };
}

export type AttachResult =
  | { ok: true; child: string; parent: string }
  | { ok: false; reason: "invalid" | "no-unit" | "no-township" | "not-secretary" | "already" | "elsewhere" };

export function supervisionRepository(db: Database) {
  // drizzle's get() over libSQL throws on an empty result; "no row" is an answer here (not yours).
  const first = async <T>(query: SQL): Promise<T | undefined> => (await db.all<T>(query))[0];

  /**
   * An audit entry for the user's action. With `onlyIfChanged`, written only if the statement before
   * it in the same batch (one transaction) changed a row.
   */
  const audit = (
    entry: {
      userId: number;
      action: string;
      subject: string;
      detail: unknown;
      at: Date;
      townshipId?: string;
    },
    onlyIfChanged = false,
  ) =>
    db.run(sql`INSERT INTO audit_log (township_id, user_id, action, subject, detail, at)
      SELECT ${entry.townshipId ?? null}, ${entry.userId}, ${entry.action}, ${entry.subject}, ${JSON.stringify(entry.detail)},
        ${entry.at.toISOString()} WHERE ${onlyIfChanged ? sql`changes() > 0` : sql`true`}`);

  const validInvite = (token: string, now: Date) =>
    db
      .select({ invite: unitInvites, unit: orgUnits })
      .from(unitInvites)
      .innerJoin(orgUnits, eq(orgUnits.id, unitInvites.unitId))
      .where(and(eq(unitInvites.token, token), gt(unitInvites.expiresAt, now.getTime())))
      .get();

  const toUnit = (row: typeof orgUnits.$inferSelect): Unit => ({
    id: row.id,
    level: row.level,
    name: row.name,
    parentId: row.parentId,
    path: row.path,
  });

  return {
    /** The units the user is a member of, highest level first. */
    async unitsOf(userId: number): Promise<(Unit & { role: "secretary" | "member" })[]> {
      const rows = await db
        .select({ unit: orgUnits, role: unitMemberships.role })
        .from(unitMemberships)
        .innerJoin(orgUnits, eq(orgUnits.id, unitMemberships.unitId))
        .where(eq(unitMemberships.userId, userId))
        .orderBy(sql`length(${orgUnits.path})`, orgUnits.name)
        .all();
      return rows.map((r) => ({ ...toUnit(r.unit), role: r.role }));
    },

    /** A unit the user may see (theirs or below theirs), or undefined. */
    async unitFor(userId: number, unitId: string): Promise<Unit | undefined> {
      const row = await db
        .select()
        .from(orgUnits)
        .where(and(eq(orgUnits.id, unitId), covered(userId, sql`${orgUnits.path}`)))
        .get();
      return row ? toUnit(row) : undefined;
    },

    /**
     * Registers a unit with the user as its secretary. With an invitation of the unit above (its
     * level one above `level`), the new unit is placed under it; an invalid one is refused.
     */
    async register(
      userId: number,
      unit: { level: UnitLevel; name: string },
      now: Date,
      parentToken?: string,
    ): Promise<{ ok: true; id: string; parent?: string } | { ok: false }> {
      let parent: Unit | undefined;
      if (parentToken) {
        const invite = await validInvite(parentToken, now);
        if (invite?.invite.kind !== "below" || unitLevelBelow(invite.unit.level) !== unit.level)
          return { ok: false };
        parent = toUnit(invite.unit);
      }
      const id = randomId();
      await db.batch([
        db.insert(orgUnits).values({
          id,
          level: unit.level,
          name: unit.name,
          parentId: parent?.id ?? null,
          path: childPath(parent?.path, id),
          createdBy: userId,
        }),
        db.insert(unitMemberships).values({ unitId: id, userId, role: "secretary" }),
        audit({
          userId,
          action: "unit.register",
          subject: id,
          detail: { level: unit.level, name: unit.name, parent: parent?.id ?? null },
          at: now,
        }),
      ]);
      return parent ? { ok: true, id, parent: parent.name } : { ok: true, id };
    },

    /** A deep-link token for the units below (`below`) or a colleague (`member`); members of the unit only. */
    async createInvite(
      userId: number,
      unitId: string,
      kind: InviteKind,
      now: Date,
    ): Promise<string | undefined> {
      const member = await db
        .select({ unitId: unitMemberships.unitId })
        .from(unitMemberships)
        .where(and(eq(unitMemberships.userId, userId), eq(unitMemberships.unitId, unitId)))
        .get();
      if (!member) return undefined;
      const token = randomId(16);
      await db.insert(unitInvites).values({
        token,
        unitId,
        kind,
        createdBy: userId,
        expiresAt: now.getTime() + INVITE_DAYS * 86_400_000,
      });
      return token;
    },

    /** What an unexpired invitation is for (the link's holder was given it). */
    async invite(token: string, now: Date): Promise<{ kind: InviteKind; unit: Unit } | undefined> {
      const row = await validInvite(token, now);
      return row ? { kind: row.invite.kind, unit: toUnit(row.unit) } : undefined;
    },

    /** Joins the unit of a colleague's invitation. */
    async joinAsColleague(userId: number, token: string, now: Date): Promise<Unit | undefined> {
      const row = await validInvite(token, now);
      if (row?.invite.kind !== "member") return undefined;
      await db.batch([
        db
          .insert(unitMemberships)
          .values({ unitId: row.unit.id, userId, role: "member" })
          .onConflictDoNothing(),
        audit({
          userId,
          action: "unit.join",
          subject: row.unit.id,
          detail: { invitedBy: row.invite.createdBy },
          at: now,
        }),
      ]);
      return toUnit(row.unit);
    },

    /**
     * The user's own unit one level below the invitation's joins it: its path and the paths of
     * everything below it move under the new parent, in one transaction. A unit already under
     * another is not moved.
     */
    async attachUnit(userId: number, token: string, now: Date): Promise<AttachResult> {
      const row = await validInvite(token, now);
      const level = row && row.invite.kind === "below" ? unitLevelBelow(row.unit.level) : undefined;
      if (!row || !level) return { ok: false, reason: "invalid" };
      const own = (await this.unitsOf(userId)).filter((u) => u.level === level);
      if (own.length === 0) return { ok: false, reason: "no-unit" };
      if (own.some((u) => u.parentId === row.unit.id)) return { ok: false, reason: "already" };
      const child = own.find((u) => u.parentId === null);
      if (!child) return { ok: false, reason: "elsewhere" };
      const oldPath = child.path;
      const newPath = childPath(row.unit.path, child.id);
      const [moved] = await db.batch([
        db
          .update(orgUnits)
          .set({ parentId: row.unit.id })
          .where(and(eq(orgUnits.id, child.id), isNull(orgUnits.parentId)))
          .returning({ id: orgUnits.id }),
        audit(
          { userId, action: "unit.attach", subject: child.id, detail: { parent: row.unit.id }, at: now },
          true,
        ),
        // Once moved, nothing is left in the old range: a repeat (or a concurrent attach) moves nothing.
        db.run(sql`UPDATE org_units SET path = ${newPath} || substr(path, length(${oldPath}) + 1)
          WHERE path >= ${oldPath} AND path < ${subtreeEnd(oldPath)}
            AND (SELECT parent_id FROM org_units WHERE id = ${child.id}) = ${row.unit.id}`),
        db.run(sql`UPDATE townships SET unit_path = ${newPath} || substr(unit_path, length(${oldPath}) + 1)
          WHERE unit_path >= ${oldPath} AND unit_path < ${subtreeEnd(oldPath)}
            AND (SELECT parent_id FROM org_units WHERE id = ${child.id}) = ${row.unit.id}`),
      ]);
      return moved.length > 0
        ? { ok: true, child: child.name, parent: row.unit.name }
        : { ok: false, reason: "elsewhere" };
    },

    /** The user's active township (they must be its secretary) joins the county of the invitation. */
    async attachTownship(userId: number, token: string, now: Date): Promise<AttachResult> {
      const row = await validInvite(token, now);
      if (row?.invite.kind !== "below" || row.unit.level !== "county")
        return { ok: false, reason: "invalid" };
      const chosen = await townshipRepository(db).activeFor(userId);
      if (!chosen) return { ok: false, reason: "no-township" };
      if (chosen.role !== "secretary") return { ok: false, reason: "not-secretary" };
      if (chosen.countyUnitId === row.unit.id) return { ok: false, reason: "already" };
      if (chosen.countyUnitId) return { ok: false, reason: "elsewhere" };
      const id = chosen.id;
      const [moved] = await db.batch([
        db
          .update(townships)
          .set({ countyUnitId: row.unit.id, unitPath: childPath(row.unit.path, id) })
          .where(and(eq(townships.id, id), isNull(townships.countyUnitId)))
          .returning({ id: townships.id }),
        audit(
          {
            userId,
            action: "township.attach",
            subject: id,
            detail: { county: row.unit.id },
            at: now,
            townshipId: id,
          },
          true,
        ),
      ]);
      return moved.length > 0
        ? { ok: true, child: chosen.name, parent: row.unit.name }
        : { ok: false, reason: "elsewhere" };
    },

    /**
     * Everything the overview of `unitId` needs, in one statement: the unit, its parent (when the
     * user may see it), every unit and township below it with records and candidates. Undefined when
     * the unit is not the user's or below theirs.
     */
    async overviewInput(
      userId: number,
      unitId: string,
    ): Promise<
      | {
          unit: Unit;
          parent: Pick<Unit, "id" | "name"> | undefined;
          units: OverviewUnitInput[];
          townships: OverviewTownshipInput[];
        }
      | undefined
    > {
      const row = await first<{
        target: string;
        parent: string | null;
        units: string;
        townships: string;
      }>(sql`
        WITH target AS (
          SELECT u.id, u.level, u.name, u.parent_id, u.path, substr(u.path, 1, length(u.path) - 1) || '0' AS path_end
          FROM org_units u WHERE u.id = ${unitId} AND ${covered(userId, sql`u.path`)})
        SELECT json_array(target.id, target.level, target.name, target.parent_id, target.path) AS target,
          (SELECT json_array(p.id, p.name) FROM org_units p
             WHERE p.id = target.parent_id AND ${covered(userId, sql`p.path`)}) AS parent,
          (SELECT json_group_array(json_array(u.id, u.level, u.name, u.parent_id)) FROM org_units u
             WHERE u.path >= target.path AND u.path < target.path_end) AS units,
          (SELECT json_group_array(${TOWNSHIP_JSON}) FROM townships t
             WHERE t.unit_path >= target.path AND t.unit_path < target.path_end) AS townships
        FROM target`);
      if (!row) return undefined;
      const [id, level, name, parentId, path] = JSON.parse(row.target) as [
        string,
        UnitLevel,
        string,
        string | null,
        string,
      ];
      const parent = row.parent ? (JSON.parse(row.parent) as [string, string]) : undefined;
      return {
        unit: { id, level, name, parentId, path },
        parent: parent && { id: parent[0], name: parent[1] },
        units: (JSON.parse(row.units) as [string, UnitLevel, string, string | null][]).map(
          ([id, level, name, parentId]) => ({
            id,
            level,
            name,
            parentId,
          }),
        ),
        townships: (JSON.parse(row.townships) as TownshipTuple[]).map(townshipFromTuple),
      };
    },

    /**
     * One township below the user's units, with its county's name and whether the user is a member
     * of that county (who may take the township out); undefined otherwise.
     */
    async townshipFor(
      userId: number,
      townshipId: string,
    ): Promise<(OverviewTownshipInput & { countyName: string; inCounty: boolean }) | undefined> {
      const row = await first<{ township: string; county: string; in_county: number }>(sql`
        SELECT ${TOWNSHIP_JSON} AS township, k.name AS county,
          EXISTS (SELECT 1 FROM unit_memberships m WHERE m.unit_id = k.id AND m.user_id = ${userId}) AS in_county
        FROM townships t JOIN org_units k ON k.id = t.county_unit_id
        WHERE t.id = ${townshipId} AND ${covered(userId, sql`t.unit_path`)}`);
      if (!row) return undefined;
      return {
        ...townshipFromTuple(JSON.parse(row.township) as TownshipTuple),
        countyName: row.county,
        inCounty: Boolean(row.in_county),
      };
    },

    /**
     * The user leaves a unit. Its last member cannot: the unit and the townships under it would have
     * nobody left to see them (a colleague is invited first).
     */
    async leaveUnit(userId: number, unitId: string, now: Date): Promise<"left" | "last" | "not-member"> {
      const [left] = await db.batch([
        db.run(sql`DELETE FROM unit_memberships WHERE unit_id = ${unitId} AND user_id = ${userId}
          AND (SELECT count(*) FROM unit_memberships WHERE unit_id = ${unitId}) > 1`),
        audit({ userId, action: "unit.leave", subject: unitId, detail: {}, at: now }, true),
      ]);
      if (left.rowsAffected > 0) return "left";
      const member = await first<{ n: number }>(
        sql`SELECT 1 AS n FROM unit_memberships WHERE unit_id = ${unitId} AND user_id = ${userId}`,
      );
      return member ? "last" : "not-member";
    },

    /**
     * A member of a county committee takes a township out of it (joined by mistake, or moving to
     * another county): the township is then under no county, and its secretary can open another
     * county's link. Undefined when the township is not directly under one of the user's units.
     */
    async releaseTownship(
      userId: number,
      townshipId: string,
      now: Date,
    ): Promise<{ township: string; county: string } | undefined> {
      const target = await first<{ township: string; county: string; county_id: string }>(sql`
        SELECT t.name AS township, u.name AS county, u.id AS county_id
        FROM townships t JOIN org_units u ON u.id = t.county_unit_id
        JOIN unit_memberships m ON m.unit_id = u.id AND m.user_id = ${userId}
        WHERE t.id = ${townshipId}`);
      if (!target) return undefined;
      const [released] = await db.batch([
        db.run(sql`UPDATE townships SET county_unit_id = NULL, unit_path = NULL
          WHERE id = ${townshipId} AND county_unit_id = ${target.county_id}`),
        audit(
          { userId, action: "township.release", subject: townshipId, detail: { county: target.county_id }, at: now, townshipId },
          true,
        ),
      ]);
      return released.rowsAffected > 0 ? { township: target.township, county: target.county } : undefined;
    },

    /**
     * Queues a nudge for every member of a township below the user's units, through the reminder
     * outbox: the key names the township and the Shanghai day, so a second click the same day adds
     * nothing. Members who muted or snoozed reminders, or blocked the bot, are left out, as from
     * deadline reminders (`quiet` counts them, so the supervisor is told). Returns the members newly
     * queued, or undefined when the township is not below the user.
     */
    async nudge(
      userId: number,
      townshipId: string,
      now: Date,
    ): Promise<{ name: string; queued: number; members: number; quiet: number } | undefined> {
      const today = shanghaiDate(now);
      const quiet = sql`EXISTS (SELECT 1 FROM reminder_settings s WHERE s.user_id = m.user_id
        AND (s.muted OR s.blocked_at IS NOT NULL OR coalesce(s.snoozed_until, 0) > ${now.getTime()}))`;
      const target = await first<{ name: string; unit: string; members: number; quiet: number }>(sql`
        SELECT t.name AS name, (SELECT count(*) FROM memberships m WHERE m.township_id = t.id) AS members,
          (SELECT count(*) FROM memberships m WHERE m.township_id = t.id AND ${quiet}) AS quiet,
          (SELECT a.id FROM unit_memberships m JOIN org_units a ON a.id = m.unit_id
             WHERE m.user_id = ${userId} AND ${within(sql`t.unit_path`, sql`a.path`)}
             ORDER BY length(a.path) DESC LIMIT 1) AS unit
        FROM townships t WHERE t.id = ${townshipId} AND ${covered(userId, sql`t.unit_path`)}`);
      if (!target) return undefined;
      const [inserted] = await db.batch([
        db.run(sql`INSERT INTO reminder_outbox (key, chat_id, township_id, subject, kind, due_date)
          SELECT ${`nudge|${townshipId}|${today}`}, m.user_id, m.township_id, ${`nudge:${target.unit}`}, 'nudge', ${today}
          FROM memberships m WHERE m.township_id = ${townshipId} AND NOT ${quiet}
          ON CONFLICT (key, chat_id) DO NOTHING`),
        audit(
          {
            userId,
            action: "township.nudge",
            subject: target.unit,
            detail: { date: today },
            at: now,
            townshipId,
          },
          true,
        ),
      ]);
      return {
        name: target.name,
        queued: inserted.rowsAffected,
        members: Number(target.members),
        quiet: Number(target.quiet),
      };
    },
  };
}
export type SupervisionRepository = ReturnType<typeof supervisionRepository>;
