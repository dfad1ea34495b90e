/**
 * What a step's card tells the secretary and what the validator enforces are the same numbers: for
 * every profile (and with the township's own values), the card's text is rendered as users see it and
 * its figure is then tried against the validator, at the figure and one below.
 */
import { describe, expect, it } from "vitest";
import { translate } from "../../src/i18n/index.js";
import {
  STEP_IDS,
  type StepId,
  type StepRecord,
  stepById,
  validateStepRecord,
} from "../../src/domain/checklist/index.js";
import { PROFILES } from "../../src/domain/rules/profiles.js";
import type { ProfileId } from "../../src/domain/rules/types.js";
import { addDays } from "../../src/domain/time.js";
import type { TownshipPlan } from "../../src/domain/township.js";
import { stepMessageArgs } from "../../src/handlers/step-text.js";

const plans: [string, TownshipPlan][] = (Object.keys(PROFILES) as ProfileId[]).flatMap((profileId) => {
  const base: TownshipPlan = {
    id: "t",
    province: "四川省",
    city: "攀枝花市",
    county: "东区",
    name: "某镇",
    kind: "township",
    profileId,
    partyElectionDate: "2024-03-01",
    seats: { secretary: 1, fulltimeDeputies: 0, parttimeDeputies: 3, members: 9 },
  };
  const own: TownshipPlan = { ...base, customRules: { publicityDaysMin: { days: 12 }, preAppointmentNoticeDays: { days: 9 } }, customNote: "县团委文件" };
  return [
    [profileId, base],
    [`${profileId} with its own values`, own],
  ];
});

const rec = (stepId: StepId, values: StepRecord["values"]): StepRecord => ({ stepId, values, recordedBy: 1, recordedAt: "2024-03-01T00:00:00Z" });

/** Every step before `stepId` recorded as done, early enough not to matter. */
function doneBefore(stepId: StepId): StepRecord[] {
  return STEP_IDS.slice(0, STEP_IDS.indexOf(stepId)).map((id) => {
    const values: StepRecord["values"] = {};
    for (const f of stepById(id).fields) {
      if (!f.required) continue;
      if (f.kind === "date-range") Object.assign(values, { [`${f.name}Start`]: "2023-01-01", [`${f.name}End`]: "2023-01-01" });
      else values[f.name] = f.kind === "date" ? "2023-01-01" : f.kind === "count" ? 0 : "x";
    }
    return rec(id, values);
  });
}

const OK = { slateOk: true, slateReasons: [] };
const card = (stepId: StepId, plan: TownshipPlan) => {
  const args = stepMessageArgs(stepId, plan);
  return [stepById(stepId).what, stepById(stepId).why].map((key) => translate("zh", key, args)).join("\n");
};

describe("a step's card and the validator agree, for every profile and rule", () => {
  for (const [name, plan] of plans) {
    for (const stepId of ["publicity", "pre-appointment-notice"] as const) {
      it(`${name}: ${stepId} lasts what its card says`, () => {
        const shown = /至少(\d+)天/.exec(card(stepId, plan));
        expect(shown, card(stepId, plan)).not.toBeNull();
        const days = Number(shown![1]);
        const period = (n: number) => rec(stepId, { periodStart: "2024-02-01", periodEnd: addDays("2024-02-01", n - 1) });
        const codes = (n: number) => validateStepRecord(stepId, period(n), plan, doneBefore(stepId), OK).map((v) => v.code);
        expect(codes(days)).toEqual([]);
        const refused = validateStepRecord(stepId, period(days - 1), plan, doneBefore(stepId), OK);
        expect(refused.map((v) => v.code)).toEqual([stepId === "publicity" ? "publicity-too-short" : "notice-too-short"]);
        expect(refused[0]!.params.min).toBe(days);
      });
    }

    it(`${name}: nominations take the channels and signatures its card names`, () => {
      const text = card("nominations", plan);
      const nominations = (values: StepRecord["values"]) =>
        validateStepRecord("nominations", rec("nominations", { closedOn: "2024-02-20", organisation: 1, self: 1, ...values }), plan, doneBefore("nominations"), OK).map((v) => v.code);
      // The card names 民主推荐 (南山): its count is asked and required, and a joint one is refused.
      if (text.includes("不是联名推荐")) {
        expect(text).toContain("组织推荐、民主推荐和个人自荐三种途径相结合");
        expect(nominations({ jointSignature: 0 })).toEqual(["field-required"]);
        expect(nominations({ jointSignature: 0, democratic: 2 })).toEqual([]);
        expect(nominations({ democratic: 2, jointSignature: 1, fewestSignatures: 50 })).toEqual(["channel-not-allowed"]);
        return;
      }
      // The card names joint nominations as a channel, or says the rules have none.
      if (text.includes("没有联名推荐")) {
        expect(nominations({ jointSignature: 1, fewestSignatures: 50 })).toEqual(["channel-not-allowed"]);
        return;
      }
      const min = /至少(\d+)人联名/.exec(text);
      if (!min) {
        expect(nominations({ jointSignature: 1, fewestSignatures: 1 })).toEqual([]);
        return;
      }
      expect(nominations({ jointSignature: 1, fewestSignatures: Number(min[1]) })).toEqual([]);
      expect(nominations({ jointSignature: 1, fewestSignatures: Number(min[1]) - 1 })).toEqual(["joint-signatures-below-min"]);
    });
  }
});
