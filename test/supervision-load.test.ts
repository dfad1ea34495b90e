/**
 * The overview's data layer over a Sichuan-sized tree in a libSQL file: what one scoped statement
 * loads gives the figures the generated data gives and that SQL counts directly; a supervisor at each
 * level reads exactly their subtree, and nothing above or beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { supervisionRepository } from "../src/db/supervision.js";
import { buildOverview } from "../src/domain/overview.js";
import { type TempDatabase, tempDatabase } from "./fixtures/database.js";
import { type GeneratedTree, generateTree, seedTree } from "./fixtures/org-tree.js";

const TODAY = "2026-03-10";
const PROVINCE_USER = 1;
const CITY_USER = 2;
const COUNTY_USER = 3;
let database: TempDatabase;
let tree: GeneratedTree;

async function count(sql: string, ...args: string[]): Promise<number> {
  return Number((await database.client.execute({ sql, args })).rows[0]!.n);
}

beforeAll(async () => {
  database = await tempDatabase();
  tree = generateTree(TODAY);
  await seedTree(database.client, tree);
  await database.client.execute(
    `INSERT INTO unit_memberships (unit_id, user_id, role) VALUES ('p1', ${PROVINCE_USER}, 'secretary'),
       ('c07', ${CITY_USER}, 'secretary'), ('k042', ${COUNTY_USER}, 'secretary')`,
  );
}, 60_000);

afterAll(() => database?.cleanup());

describe("loading the overview", () => {
  it("gives the province the figures of the generated data, and SQL's own counts", async () => {
    const input = (await supervisionRepository(database.db).overviewInput(PROVINCE_USER, "p1"))!;
    expect(input.townships).toHaveLength(4668);
    expect(input.units).toHaveLength(201);
    const loaded = buildOverview({
      rootId: "p1",
      units: input.units,
      townships: input.townships,
      today: TODAY,
    });
    const generated = buildOverview({
      rootId: "p1",
      units: tree.units,
      townships: tree.townships,
      today: TODAY,
    });
    expect(loaded.root).toEqual(generated.root);
    for (const city of ["c01", "c07", "c20"]) {
      const unit = loaded.units.get(city)!;
      expect(unit).toEqual(generated.units.get(city));
      const path = tree.paths.get(city)!;
      expect(unit.townships).toBe(
        await count("SELECT count(*) AS n FROM townships WHERE unit_path LIKE ? || '%'", path),
      );
      expect(unit.stages["not-started"]).toBe(
        await count(
          "SELECT count(*) AS n FROM townships t WHERE unit_path LIKE ? || '%' AND NOT EXISTS (SELECT 1 FROM step_records r WHERE r.township_id = t.id)",
          path,
        ),
      );
    }
  });

  it("gives a city its counties' townships and a county its own, nothing beside or above", async () => {
    const repo = supervisionRepository(database.db);
    const city = (await repo.overviewInput(CITY_USER, "c07"))!;
    const cityPath = tree.paths.get("c07")!;
    expect(city.townships.length).toBe(
      await count("SELECT count(*) AS n FROM townships WHERE unit_path LIKE ? || '%'", cityPath),
    );
    expect(city.units.every((u) => tree.paths.get(u.id)!.startsWith(cityPath))).toBe(true);
    expect(city.parent).toBeUndefined();
    expect(await repo.overviewInput(CITY_USER, "p1")).toBeUndefined();
    expect(await repo.overviewInput(CITY_USER, "c08")).toBeUndefined();

    const county = (await repo.overviewInput(COUNTY_USER, "k042"))!;
    expect(county.townships.every((t) => t.countyId === "k042")).toBe(true);
    expect(county.townships.length).toBe(tree.townships.filter((t) => t.countyId === "k042").length);
    expect(await repo.overviewInput(COUNTY_USER, "k043")).toBeUndefined();
    expect(
      await repo.overviewInput(COUNTY_USER, tree.units.find((u) => u.id === "k042")!.parentId!),
    ).toBeUndefined();
    const elsewhere = tree.townships.find((t) => t.countyId !== "k042")!;
    expect(await repo.townshipFor(COUNTY_USER, elsewhere.plan.id)).toBeUndefined();
    expect(await repo.nudge(COUNTY_USER, elsewhere.plan.id, new Date())).toBeUndefined();

    // The province sees the city's parent link; the city, opened by the province, names it.
    expect((await repo.overviewInput(PROVINCE_USER, "c07"))!.parent).toEqual({
      id: "p1",
      name: "四川省团委",
    });
  });
});
