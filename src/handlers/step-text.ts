/**
 * How a step's texts are filled in: its title, what and why name numbers from the plan's rules
 * (recommended where the plan is silent). Presentation, so it lives with the handlers, not the domain.
 */
import { ruleInForce, rulesOf, type StepId } from "../domain/checklist/index.js";
import { isCustomSource, type RuleSource } from "../domain/rules/effective.js";
import type { DocId } from "../domain/rules/types.js";
import type { TownshipPlan } from "../domain/township.js";

/** Placeables for a step's title/what/why: numbers from the plan's rules (recommended where silent). */
export function stepMessageArgs(stepId: StepId, plan: TownshipPlan): Record<string, string | number> {
  const doc = (rule: { source: RuleSource } | undefined): DocId | "other" =>
    rule && !isCustomSource(rule.source) ? rule.source.doc : "other";
  switch (stepId) {
    case "work-plan":
    case "summary-report": {
      const rule = ruleInForce(plan, "completionDeadline");
      return { months: rule?.value.monthsAfterPartyElection ?? 1, doc: doc(rule) };
    }
    case "publicity":
    case "pre-appointment-notice": {
      const rule = ruleInForce(
        plan,
        stepId === "publicity" ? "publicityDaysMin" : "preAppointmentNoticeDays",
      );
      return { days: rule?.value.days ?? 0, doc: doc(rule) };
    }
    case "nominations": {
      // The channels the validator allows are the ones the card names.
      const rule = rulesOf(plan).nominationChannels;
      const joint = !rule || rule.value.channels.includes("joint-signature");
      const democratic = rule?.value.channels.includes("democratic") ?? false;
      const channels = democratic && !joint ? "democratic" : joint ? "all" : "no-joint";
      return { signatures: rule?.value.jointSignaturesMin ?? 0, channels, doc: doc(rule) };
    }
    case "formal-candidates": {
      const rule = rulesOf(plan).candidateSurplusMin;
      return { percent: Math.round((rule?.value.minRatio ?? 0) * 100), doc: doc(rule) };
    }
    case "election": {
      const speech = ruleInForce(plan, "speechMinutesMax");
      const scoring = ruleInForce(plan, "scoring");
      return { minutes: speech?.value.minutes ?? 5, scale: scoring?.value.scale ?? 100, doc: doc(speech) };
    }
    case "running-mechanisms": {
      const rule = ruleInForce(plan, "committeeMeetingEvery");
      return { months: rule?.value.months ?? 3, doc: doc(rule) };
    }
    default:
      return {};
  }
}
