/**
 * Documents (issue 9): drafting each paper for a township with a 60-member committee and every step
 * recorded (template filled, text laid out), then writing its .docx (docx + fflate); medians of
 * repeated runs after a warm-up. Pure functions, no database: the CPU a Worker spends on one click.
 */
import type { Candidate } from "../src/domain/candidate.js";
import type { StepRecord } from "../src/domain/checklist/index.js";
import type { TownshipPlan } from "../src/domain/township.js";
import { draftDocument, draftDocx } from "../src/documents/draft.js";
import { DOCUMENT_KINDS } from "../src/documents/kinds.js";
import { envNumber, median, round, timedRuns } from "./lib/stats.js";
import type { Benchmark, BenchmarkReport } from "./lib/types.js";

const MEMBERS = 60;

const plan: TownshipPlan = {
  id: "t1",
  province: "四川省",
  city: "攀枝花市",
  county: "东区",
  name: "南山街道",
  kind: "subdistrict",
  profileId: "nanshan",
  partyElectionDate: "2027-01-15",
  plannedElectionDate: "2027-02-01",
  seats: { secretary: 1, fulltimeDeputies: 0, parttimeDeputies: 3, members: 9 },
};

const record = (stepId: StepRecord["stepId"], values: StepRecord["values"]): StepRecord => ({
  stepId,
  values,
  recordedBy: 1,
  recordedAt: "2027-02-20T00:00:00.000Z",
});

const records: StepRecord[] = [
  record("work-plan", { approvedOn: "2027-01-01" }),
  record("working-group", { formedOn: "2027-01-04", leader: "王伟" }),
  record("publicity", { periodStart: "2027-01-05", periodEnd: "2027-01-16", media: "宣传栏" }),
  record("nominations", { closedOn: "2027-01-20", organisation: 30, jointSignature: 20, self: 20 }),
  record("eligibility-review", { reviewedOn: "2027-01-22", eligible: 68, ineligible: 2 }),
  record("formal-candidates", { decidedOn: "2027-01-23", formalCandidates: 68 }),
  record("election", { heldOn: "2027-02-01" }),
  record("inspection", { completedOn: "2027-02-04" }),
  record("pre-appointment-notice", { periodStart: "2027-02-05", periodEnd: "2027-02-11" }),
  record("appointment", { appointedOn: "2027-02-12" }),
];

const candidates: Candidate[] = Array.from({ length: MEMBERS + 8 }, (_, i) => ({
  id: `c${i}`,
  townshipId: "t1",
  name: `委员${String.fromCharCode(0x4e00 + i)}`,
  gender: i % 2 ? "female" : "male",
  birthDate: `${1990 + (i % 8)}-0${1 + (i % 9)}-1${i % 10}`,
  idNumberMasked: "5104**********1234",
  politicalStatus: i % 3 ? "league-member" : "party-member",
  establishment: i % 4 ? "outside" : "inside",
  sector: "rural",
  post: i === 0 ? "secretary" : i < 4 ? "parttime-deputy" : "member",
  commitment: i === 0 ? "fulltime" : "parttime",
  channel: "self",
  localTie: true,
  mobile: "13912345678",
  education: "bachelor",
  workplace: `单位${i % 20}`,
  status: i < MEMBERS ? "appointed" : "formal",
}));

export const documentsBenchmark: Benchmark = {
  name: "documents",
  async run(): Promise<BenchmarkReport> {
    const runs = envNumber("BENCH_DOCUMENT_RUNS", 20);
    const input = { plan, records, candidates, today: "2027-03-01" };
    const rows: string[][] = [];
    const data: Record<string, unknown> = { members: MEMBERS, runs };
    let worst = 0;
    for (const kind of DOCUMENT_KINDS) {
      const draft = () => draftDocument(kind, input);
      const sample = draft();
      const docx = () => draftDocx(sample);
      await timedRuns(3, async () => draftDocx(draft())); // warm-up
      const draftMs = median(await timedRuns(runs, draft));
      const docxMs = median(await timedRuns(runs, docx));
      const bytes = (await docx()).length;
      worst = Math.max(worst, draftMs + docxMs);
      data[kind] = { draftMs: round(draftMs, 2), docxMs: round(docxMs, 2), textChars: sample.text.length, docxBytes: bytes };
      rows.push([sample.name, `${round(draftMs, 2)} ms`, `${round(docxMs, 2)} ms`, `${sample.text.length}`, `${round(bytes / 1024, 1)} KiB`]);
    }
    const warnings = worst > 200 ? [`the slowest paper took ${round(worst, 1)} ms to draft and write (target ≤ 200 ms)`] : [];
    return {
      name: "documents",
      description: `draftDocument and draftDocx for each paper, ${MEMBERS}-member committee, 10 steps recorded; medians of ${runs} runs`,
      table: { columns: ["paper", "draft (text)", ".docx", "text chars", ".docx size"], rows },
      data,
      warnings,
    };
  },
};
