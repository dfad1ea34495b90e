/**
 * A township's score out of 100 from its checklist and slate (weights in rules/assessment.ts):
 *   score = 40 × complete + 40 × on time + 20 × slate, rounded
 * where complete = steps done / 13; on time = steps done by their due date / steps due so far (done,
 * or overdue), 1 while nothing was due; slate = slate checks passed / checks, 0 without candidates.
 * Pure: the overview computes it for every township, the README states it.
 */
import { STEPS, type StepState, stepDoneOn } from "./checklist/index.js";
import { SCORE_WEIGHTS, type ScorePart } from "./rules/assessment.js";
import type { SlateReport } from "./slate.js";

export type ScoreParts = Record<ScorePart, number>;

export function scoreParts(states: readonly StepState[], slate: SlateReport | undefined): ScoreParts {
  let done = 0;
  let due = 0;
  let onTime = 0;
  for (const state of states) {
    if (state.status === "done") {
      done++;
      const on = stepDoneOn(state.stepId, state.record);
      // A step done without a due date (no key dates recorded) was not late.
      if (!state.due) continue;
      due++;
      if (on !== undefined && on <= state.due) onTime++;
    } else if (state.status === "overdue") due++;
  }
  const passed = slate ? slate.checks.filter((c) => c.ok).length : 0;
  return {
    complete: done / STEPS.length,
    onTime: due === 0 ? 1 : onTime / due,
    slate: slate && slate.checks.length > 0 ? passed / slate.checks.length : 0,
  };
}

export function scoreOf(parts: ScoreParts): number {
  let total = 0;
  for (const part of Object.keys(SCORE_WEIGHTS) as ScorePart[]) total += SCORE_WEIGHTS[part] * parts[part];
  return Math.round(total);
}
