/**
 * The township a user works on is decided once: what handlers read (townshipRepository.activeFor) and
 * what the update envelope hands them with every update (ctx.viewer) are the same township, whole
 * (the handlers use the envelope's and do not read it again), whichever way the user came to it.
 */
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { townshipRepository } from "../src/db/townships.js";
import { updateEnvelope } from "../src/db/update-envelope.js";
import type { TownshipPlan } from "../src/domain/township.js";
import { type TempDatabase, tempDatabase } from "./fixtures/database.js";

const T = new Date("2026-05-01T02:00:00Z");
const PLAN: Omit<TownshipPlan, "id"> = {
  province: "海南省",
  city: "三亚市",
  county: "吉阳区",
  name: "吉阳镇",
  kind: "township",
  profileId: "recommended",
  seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 10 },
};
const USER = 8801;

let file: TempDatabase | undefined;
afterEach(() => {
  file?.cleanup();
  file = undefined;
});

let updateId = 0;
/** The township as both readers see it: the handlers' repository and the envelope's read. */
async function bothReadings(db: TempDatabase) {
  const repository = await townshipRepository(db.db).activeFor(USER);
  const opening = await updateEnvelope(db.statements).open({
    updateId: ++updateId,
    sessionKey: String(USER),
    user: { id: USER, firstName: "小李" },
    now: T.getTime(),
    at: T.getTime(),
  });
  return {
    repository,
    envelope: opening.viewer?.township,
  };
}

describe("the township a user works on", () => {
  it("is the same for the handlers and the update envelope, whichever way it was chosen", async () => {
    file = await tempDatabase();
    const { db } = file;
    const townships = townshipRepository(db);

    // No township yet: neither reads one.
    expect(await bothReadings(file)).toEqual({ repository: undefined, envelope: undefined });

    // The user (seen by the envelope above) creates two townships: the second one is the active one.
    const first = await townships.create({ ...PLAN, name: "吉阳镇" }, USER, T);
    const second = await townships.create({ ...PLAN, name: "凤凰镇" }, USER, T);
    let seen = await bothReadings(file);
    expect(seen.envelope).toMatchObject({ id: second, name: "凤凰镇", role: "secretary" });
    expect(seen.repository).toEqual(seen.envelope);

    // Every part of the plan reaches the handlers through the envelope as the repository reads it.
    const changed = await townships.update(
      USER,
      second,
      1,
      { partyElectionDate: "2026-03-15", plannedElectionDate: "2026-04-20", customRules: { publicityDaysMin: { days: 7 } }, customNote: "县团委批复" },
      T,
    );
    expect(changed).toBe(true);
    seen = await bothReadings(file);
    expect(seen.envelope).toMatchObject({
      id: second,
      version: 2,
      partyElectionDate: "2026-03-15",
      plannedElectionDate: "2026-04-20",
      customRules: { publicityDaysMin: { days: 7 } },
      customNote: "县团委批复",
      countyUnitId: null,
    });
    expect(seen.repository).toEqual(seen.envelope);

    // They switch back to the first.
    await db.run(sql`update users set active_township_id = ${first} where id = ${USER}`);
    seen = await bothReadings(file);
    expect(seen.envelope).toMatchObject({ id: first, name: "吉阳镇", role: "secretary" });
    expect(seen.repository).toEqual(seen.envelope);

    // They are taken out of their active township: their oldest remaining membership counts.
    const third = await townships.create({ ...PLAN, name: "田独镇" }, USER, T);
    await db.run(sql`delete from memberships where township_id = ${third} and user_id = ${USER}`);
    seen = await bothReadings(file);
    expect(seen.envelope).toMatchObject({ id: first, name: "吉阳镇", role: "secretary" });
    expect(seen.repository).toEqual(seen.envelope);

    await db.run(sql`delete from memberships where township_id = ${first} and user_id = ${USER}`);
    seen = await bothReadings(file);
    expect(seen.envelope).toMatchObject({ id: second, name: "凤凰镇", role: "secretary" });
    expect(seen.repository).toEqual(seen.envelope);
  });
});
