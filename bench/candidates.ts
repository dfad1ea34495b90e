/**
 * Candidates: validating a 5,000-row pasted batch (split + every field schema + eligibility on the
 * election date + in-batch duplicates), the keyed hashes of its 5,000 ID numbers (ristretto255, as
 * the import does before checking the database), and checking a 200-candidate slate. Medians of
 * repeated runs after a warm-up; pure functions, no database.
 */
import type { Candidate } from "../src/domain/candidate.js";
import { splitLines, validateBatch } from "../src/domain/candidate-import.js";
import { hashIdNumber } from "../src/db/candidates.js";
import { idNumberCheckCharacter } from "../src/domain/id-number.js";
import { effectiveRules } from "../src/domain/rules/effective.js";
import { checkSlate } from "../src/domain/slate.js";
import type { TownshipPlan } from "../src/domain/township.js";
import { envNumber, median, round, timedRuns } from "./lib/stats.js";
import type { Benchmark, BenchmarkReport } from "./lib/types.js";

const ROWS = 5000;
const SLATE = 200;

const NAME_CHARACTERS = "明华强军平文辉建国玲芳娜敏静丽秀英霞燕";

/** A distinct two-to-four-character name per number (names are letters only: no digits). */
function nameOf(i: number): string {
  let name = "";
  let n = i;
  do {
    name += NAME_CHARACTERS[n % NAME_CHARACTERS.length];
    n = Math.floor(n / NAME_CHARACTERS.length);
  } while (n > 0);
  return `李${name}`;
}

/** 5,000 distinct people, one pasted line each (no header, the documented column order). */
export function pastedBatch(rows = ROWS): string {
  const posts = ["委员", "兼职副书记", "委员", "委员", "书记"];
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const year = 1990 + (i % 10);
    const birth = `${year}${String(1 + (i % 12)).padStart(2, "0")}${String(1 + (i % 28)).padStart(2, "0")}`;
    const first17 = `510104${birth}${String(i % 1000).padStart(3, "0")}`.slice(0, 17);
    const id = first17 + idNumberCheckCharacter(first17);
    const post = posts[i % posts.length]!;
    const commitment = post === "书记" ? "专职" : post === "委员" ? "兼职" : "";
    const mobile = `139${String(10_000_000 + i).slice(-8)}`;
    lines.push(
      [nameOf(i), "", id, "共青团员", i % 2 ? "编制外" : "编制内", "农村", post, commitment, "组织推荐", "", "是", mobile, "本科", "某某村委会"].join(
        "\t",
      ),
    );
  }
  return lines.join("\n");
}

function slateOf(count = SLATE): { candidates: Candidate[]; plan: TownshipPlan } {
  const posts = ["secretary", "parttime-deputy", "member", "member", "member"] as const;
  const candidates: Candidate[] = Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    townshipId: "t1",
    name: nameOf(i),
    gender: i % 2 ? "male" : "female",
    birthDate: "1995-01-01",
    politicalStatus: i % 3 ? "league-member" : "party-member",
    establishment: i % 2 ? "outside" : "inside",
    sector: "rural",
    post: posts[i % posts.length]!,
    commitment: "parttime",
    channel: (["organisation", "joint-signature", "self"] as const)[i % 3]!,
    localTie: true,
    status: "eligible",
  }));
  const plan: TownshipPlan = {
    id: "t1",
    province: "四川省",
    city: "攀枝花市",
    county: "东区",
    name: "南山街道",
    kind: "subdistrict",
    profileId: "recommended",
    seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 3, members: 8 },
  };
  return { candidates, plan };
}

export const candidatesBenchmark: Benchmark = {
  name: "candidates",
  async run(): Promise<BenchmarkReport> {
    const runs = envNumber("BENCH_CANDIDATE_RUNS", 15);
    const rules = effectiveRules({ profileId: "jiyang" });
    const text = pastedBatch();
    const validate = () => validateBatch(splitLines(text), rules, "2024-03-20", "2024-04-05");
    const check = validate();
    const accepted = check.rows.filter((r) => r.ok).length;
    if (accepted !== ROWS) throw new Error(`expected ${ROWS} valid rows, got ${accepted}`);
    const ids = check.rows.map((r) => r.idNumberNormalized!);
    const hashAll = () => Promise.all(ids.map((id) => hashIdNumber("bench-key", id)));
    const { candidates, plan } = slateOf();
    const slateRules = effectiveRules(plan);

    await timedRuns(3, validate); // warm-up
    await timedRuns(2, hashAll);
    for (let i = 0; i < 50; i++) checkSlate(candidates, plan, slateRules);
    const validateMs = median(await timedRuns(runs, validate));
    const splitMs = median(await timedRuns(runs, () => splitLines(text)));
    const hashMs = median(await timedRuns(runs, hashAll));
    const slateMs = median(await timedRuns(runs * 20, () => checkSlate(candidates, plan, slateRules)));

    const data = {
      rows: ROWS,
      pastedKiB: round(new TextEncoder().encode(text).length / 1024, 1),
      validateMedianMs: round(validateMs, 1),
      perRowMicroseconds: round((validateMs * 1000) / ROWS, 1),
      splitMedianMs: round(splitMs, 1),
      hashMedianMs: round(hashMs, 1),
      slateCandidates: SLATE,
      slateMedianMs: round(slateMs, 3),
      runs,
    };
    const warnings: string[] = [];
    if (data.validateMedianMs > 1000) warnings.push(`validating ${ROWS} rows took ${data.validateMedianMs} ms (target ≤ 1 s)`);
    if (data.slateMedianMs > 5) warnings.push(`the ${SLATE}-candidate slate check took ${data.slateMedianMs} ms (target ≤ 5 ms)`);
    return {
      name: "candidates",
      description: `validateBatch(splitLines(…)) over ${ROWS} pasted rows (${data.pastedKiB} KiB, jiyang rules), keyed hashes of their ID numbers, checkSlate over ${SLATE} candidates; medians of ${runs} runs (slate: ${runs * 20})`,
      table: {
        columns: ["metric", "median", "target"],
        rows: [
          [`validate ${ROWS}-row paste`, `${data.validateMedianMs} ms (${data.perRowMicroseconds} µs/row)`, "≤ 1 s"],
          ["  of which splitting (papaparse)", `${data.splitMedianMs} ms`, ""],
          [`hash ${ROWS} ID numbers (ristretto255 keyed hash)`, `${data.hashMedianMs} ms`, ""],
          [`check ${SLATE}-candidate slate`, `${data.slateMedianMs} ms`, "≤ 5 ms"],
        ],
      },
      data,
      warnings,
    };
  },
};
