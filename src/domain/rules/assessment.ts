/**
 * How the level above scores a township's restructuring, as data. The documents ask for an assessment
 * with quantified indicators and make the restructuring decide the year's rating; they give no formula,
 * so the weights below are this assistant's, stated in the README and shown with every score.
 */
import type { Citation } from "./types.js";

/** Points per part; they add up to 100. */
export const SCORE_WEIGHTS = {
  /** Share of the 13 checklist steps done. */
  complete: 40,
  /** Share of the steps due so far (done, or past their due date) that were done by their due date. */
  onTime: 40,
  /** Share of the slate checks the candidates pass (0 while there are none). */
  slate: 20,
} as const;

export type ScorePart = keyof typeof SCORE_WEIGHTS;

/** Why there is a score at all: the documents this assessment rests on. */
export const SCORE_BASIS: readonly Citation[] = [
  { doc: "sichuan-speech", section: "s4-3", quote: "引入量化指标" },
  { doc: "sichuan-speech", section: "s5", quote: "格局创新不达标,全年工作不评优" },
];

/** Whose job it is to push: the county committees towards their townships. */
export const SUPERVISION_BASIS: Citation = {
  doc: "sichuan-speech",
  section: "s3-1",
  quote: "各县(市、区)团委要根据具体情况,及时做好与乡镇党委的沟通协调",
};
