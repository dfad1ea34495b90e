/**
 * Election speech scores (竞职演讲): judges score each candidate out of 100 and the average counts
 * (xingang-plan 三(二)3). Scores are held as integer hundredths so averages and ties are exact. Pure.
 */

export type ScoreError = "not-a-number" | "out-of-range" | "too-precise";

/** A score is a number from 0 to `scale` with at most two decimals (85.5 is fine, 85.555 is not). */
export function validateScore(score: number, scale = 100): { ok: true } | { ok: false; error: ScoreError } {
  if (typeof score !== "number" || !Number.isFinite(score)) return { ok: false, error: "not-a-number" };
  if (score < 0 || score > scale) return { ok: false, error: "out-of-range" };
  if (Math.abs(score * 100 - Math.round(score * 100)) > 1e-6) return { ok: false, error: "too-precise" };
  return { ok: true };
}

export interface Score {
  judge: string;
  candidate: string;
  score: number;
}

export type RejectedScore = Score & {
  error: ScoreError | "unknown-judge" | "unknown-candidate" | "duplicate";
};

export interface ScoreRow {
  candidate: string;
  /** Average of the scores given, to 2 decimals (half up); null when no judge has scored yet. */
  average: number | null;
  scored: number;
  /** Every judge has scored this candidate: only then is the average final. */
  complete: boolean;
  /** 1 = best; equal averages share a rank (1, 1, 3). Null when unscored. */
  rank: number | null;
}

export interface ScoreSheet {
  /** Best first; unscored candidates last, in the order given. */
  rows: ScoreRow[];
  missing: { judge: string; candidate: string }[];
  rejected: RejectedScore[];
}

export function scoreSheet(judges: string[], candidates: string[], scores: Score[]): ScoreSheet {
  const given = new Map<string, number>(); // "judge\u0000candidate" → hundredths
  const rejected: RejectedScore[] = [];
  const pair = (judge: string, candidate: string) => `${judge}\u0000${candidate}`;
  for (const s of scores) {
    const valid = validateScore(s.score);
    if (!valid.ok) rejected.push({ ...s, error: valid.error });
    else if (!judges.includes(s.judge)) rejected.push({ ...s, error: "unknown-judge" });
    else if (!candidates.includes(s.candidate)) rejected.push({ ...s, error: "unknown-candidate" });
    // A second score from the same judge is a slip to resolve, not a silent overwrite: the first stands.
    else if (given.has(pair(s.judge, s.candidate))) rejected.push({ ...s, error: "duplicate" });
    else given.set(pair(s.judge, s.candidate), Math.round(s.score * 100));
  }

  const missing: ScoreSheet["missing"] = [];
  const rows = candidates.map((candidate) => {
    let sum = 0;
    let scored = 0;
    for (const judge of judges) {
      const hundredths = given.get(pair(judge, candidate));
      if (hundredths === undefined) {
        missing.push({ judge, candidate });
      } else {
        sum += hundredths;
        scored++;
      }
    }
    // Round half up in integers: floor((2·sum + n) / 2n) is sum/n rounded to the nearest hundredth.
    const averageHundredths = scored > 0 ? Math.floor((2 * sum + scored) / (2 * scored)) : null;
    return { candidate, averageHundredths, scored, complete: scored === judges.length };
  });

  const ranked = rows
    .filter((r) => r.averageHundredths !== null)
    .sort((a, b) => (b.averageHundredths ?? 0) - (a.averageHundredths ?? 0));
  const result: ScoreRow[] = ranked.map((row) => ({
    candidate: row.candidate,
    average: (row.averageHundredths ?? 0) / 100,
    scored: row.scored,
    complete: row.complete,
    rank: 1 + ranked.filter((other) => (other.averageHundredths ?? 0) > (row.averageHundredths ?? 0)).length,
  }));
  for (const row of rows) {
    if (row.averageHundredths === null)
      result.push({ candidate: row.candidate, average: null, scored: 0, complete: false, rank: null });
  }
  return { rows: result, missing, rejected };
}
