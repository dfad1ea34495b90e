/**
 * The province-level overview over a Sichuan-sized tree (1 province, 20 cities, 180 counties, 4,668
 * townships with varied progress and slates) in a temp libSQL file:
 *  - build: buildOverview over the loaded data (the pure computation: every township's checklist
 *    status, slate checks and score, summed up the tree, children sorted), median of several runs after
 *    three warm-up runs (target ≤ 200 ms);
 *  - load: the scoped query that reads the subtree (one statement, one JSON string);
 *  - /overview end to end at the province (load + build + children), and at one city.
 * Environment: BENCH_OVERVIEW_RUNS (default 20), BENCH_DB_DIR (where the temp file goes).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openNodeDatabase } from "../src/db/node.js";
import { supervisionRepository } from "../src/db/supervision.js";
import { buildOverview } from "../src/domain/overview.js";
import { generateTree, SICHUAN, seedTree } from "../test/fixtures/org-tree.js";
import { envNumber, median, round, timedRuns } from "./lib/stats.js";
import type { Benchmark, BenchmarkReport } from "./lib/types.js";

const TODAY = "2026-03-10";
const SUPERVISOR = 1;
const TARGET_MS = 200;
// Warm-up runs: the JIT, the rules cached per profile.
const WARM_UP = 3;

export const overviewBenchmark: Benchmark = {
  name: "overview",
  async run(): Promise<BenchmarkReport> {
    const runs = envNumber("BENCH_OVERVIEW_RUNS", 20);
    const dir = mkdtempSync(join(process.env.BENCH_DB_DIR ?? tmpdir(), "bench-overview-"));
    const { client, db } = await openNodeDatabase(`file:${join(dir, "bench.db")}`);
    try {
      const tree = generateTree(TODAY, SICHUAN);
      await seedTree(client, tree);
      await client.execute({
        sql: "INSERT INTO unit_memberships (unit_id, user_id, role) VALUES (?, ?, 'secretary')",
        args: [tree.rootId, SUPERVISOR],
      });
      const repo = supervisionRepository(db);
      const input = (await repo.overviewInput(SUPERVISOR, tree.rootId))!;
      if (input.townships.length !== SICHUAN.townships) throw new Error(`loaded ${input.townships.length} townships`);
      const build = () => buildOverview({ rootId: tree.rootId, units: input.units, townships: input.townships, today: TODAY });
      const records = input.townships.reduce((n, t) => n + t.records.length, 0);
      const candidates = input.townships.reduce((n, t) => n + t.candidates.length, 0);

      const buildMs = await timedRuns(runs, build, WARM_UP);
      const loadMs = await timedRuns(runs, () => repo.overviewInput(SUPERVISOR, tree.rootId), WARM_UP);
      const endToEnd = async (unitId: string) => {
        const loaded = (await repo.overviewInput(SUPERVISOR, unitId))!;
        const overview = buildOverview({ rootId: unitId, units: loaded.units, townships: loaded.townships, today: TODAY });
        return overview.children(unitId);
      };
      const provinceMs = await timedRuns(runs, () => endToEnd(tree.rootId), WARM_UP);
      const cityMs = await timedRuns(runs, () => endToEnd("c07"), WARM_UP);

      const data = {
        townships: input.townships.length,
        units: input.units.length,
        stepRecords: records,
        candidates,
        runs,
        buildMedianMs: round(median(buildMs), 1),
        buildMinMs: round(Math.min(...buildMs), 1),
        loadMedianMs: round(median(loadMs), 1),
        provinceEndToEndMedianMs: round(median(provinceMs), 1),
        cityEndToEndMedianMs: round(median(cityMs), 1),
        targetMs: TARGET_MS,
      };
      const ms = (v: number) => `${v} ms`;
      return {
        name: "overview",
        description: `province-level overview: ${data.townships} townships, ${data.units} units, ${records} step records, ${candidates} candidates; medians of ${runs} runs after ${WARM_UP} warm-up runs`,
        table: {
          columns: ["measure", "median", "target"],
          rows: [
            ["build (pure: statuses, slates, scores, sums, sorting)", ms(data.buildMedianMs), `≤ ${TARGET_MS} ms`],
            ["load the subtree (one scoped statement)", ms(data.loadMedianMs), ""],
            ["/overview at the province (load + build)", ms(data.provinceEndToEndMedianMs), ""],
            ["/overview at one city (load + build)", ms(data.cityEndToEndMedianMs), ""],
          ],
        },
        data,
        warnings: data.buildMedianMs > TARGET_MS ? [`build median ${data.buildMedianMs} ms is above the ${TARGET_MS} ms target`] : [],
      };
    } finally {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
