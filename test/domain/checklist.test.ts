import { describe, expect, it } from "vitest";
import {
  STEP_IDS,
  STEPS,
  type StepId,
  type StepRecord,
  type ValidationContext,
  checklistStatus,
  dueDates,
  firstOpenStep,
  recordConflicts,
  validateStepRecord,
} from "../../src/domain/checklist/index.js";
import { hasMessage, LOCALES, translate } from "../../src/i18n/index.js";
import { PROFILES } from "../../src/domain/rules/profiles.js";
import type { ProfileId } from "../../src/domain/rules/types.js";
import type { TownshipPlan } from "../../src/domain/township.js";
import { stepMessageArgs } from "../../src/handlers/step-text.js";

function plan(profileId: ProfileId, extra: Partial<TownshipPlan> = {}): TownshipPlan {
  return {
    id: "t1",
    province: "海南省",
    city: "三亚市",
    county: "",
    name: "吉阳镇",
    kind: "township",
    profileId,
    partyElectionDate: "2011-10-08",
    seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 10 },
    ...extra,
  };
}

let clock = 0;
function rec(stepId: StepId, values: StepRecord["values"]): StepRecord {
  clock += 1;
  return {
    stepId,
    values,
    recordedBy: 42,
    recordedAt: new Date(Date.UTC(2011, 9, 1) + clock * 1000).toISOString(),
  };
}

const OK: ValidationContext = { slateOk: true, slateReasons: [] };

/** Records for every step before `upTo`, each done on a date consistent with the procedure. */
const DONE: Record<StepId, StepRecord["values"]> = {
  "work-plan": { approvedOn: "2011-09-20" },
  "working-group": { formedOn: "2011-09-25", leader: "王书记" },
  publicity: { periodStart: "2011-09-26", periodEnd: "2011-10-10" },
  nominations: { closedOn: "2011-10-14", organisation: 8, jointSignature: 3, self: 5, fewestSignatures: 12 },
  "eligibility-review": { reviewedOn: "2011-10-16", eligible: 14, ineligible: 2 },
  "formal-candidates": { decidedOn: "2011-10-17" },
  election: { heldOn: "2011-10-19" },
  inspection: { completedOn: "2011-10-21" },
  "pre-appointment-notice": { periodStart: "2011-10-22", periodEnd: "2011-10-28" },
  appointment: { appointedOn: "2011-10-29" },
  training: { heldOn: "2011-11-01" },
  "running-mechanisms": { setUpOn: "2011-11-01", firstMeetingOn: "2011-11-15" },
  "summary-report": { submittedOn: "2011-11-07" },
};
function doneBefore(upTo: StepId): StepRecord[] {
  return STEP_IDS.slice(0, STEP_IDS.indexOf(upTo)).map((id) => rec(id, DONE[id]));
}

function codes(stepId: StepId, values: StepRecord["values"], p: TownshipPlan, context = OK): string[] {
  return validateStepRecord(stepId, rec(stepId, values), p, doneBefore(stepId), context).map((v) => v.code);
}

describe("checklist data", () => {
  it("lists every step once, dependencies pointing backwards", () => {
    expect(STEPS.map((s) => s.id)).toEqual([...STEP_IDS]);
    for (const [index, s] of STEPS.entries()) {
      const earlier = STEP_IDS.slice(0, index) as readonly string[];
      for (const dep of s.requires) expect(earlier).toContain(dep);
      const rule = s.due;
      if ("after" in rule) expect(earlier).toContain(rule.after);
      if ("from" in rule && rule.otherwise && "after" in rule.otherwise)
        expect(earlier).toContain(rule.otherwise.after);
    }
  });
});

describe("due dates", () => {
  it("plans the recommended profile from the Party election (2011-10-08 → deadline 2011-11-08)", () => {
    expect(dueDates(plan("recommended"), [])).toEqual({
      "work-plan": "2011-09-24",
      "working-group": "2011-09-27",
      publicity: "2011-10-12", // 09-28 … 10-12: 15 days
      nominations: "2011-10-16",
      "eligibility-review": "2011-10-18",
      "formal-candidates": "2011-10-19",
      election: "2011-10-21",
      inspection: "2011-10-24",
      "pre-appointment-notice": "2011-10-31", // 10-25 … 10-31: 7 days
      appointment: "2011-11-01",
      training: "2011-11-04",
      "running-mechanisms": "2011-11-04",
      "summary-report": "2011-11-08",
    });
  });

  it("follows each profile's publicity length (nanshan 10 days)", () => {
    const due = dueDates(plan("nanshan"), []);
    expect(due.publicity).toBe("2011-10-07");
    expect(due["pre-appointment-notice"]).toBe("2011-10-26");
    expect(due.appointment).toBe("2011-10-27");
    expect(due["summary-report"]).toBe("2011-11-08");
    expect(dueDates(plan("jiyang"), []).publicity).toBe("2011-10-12");
  });

  it("borrows the recommended deadline where a profile has none, and says so", () => {
    expect(PROFILES.xingang.rules.completionDeadline).toBeUndefined();
    const summary = checklistStatus(plan("xingang"), [], "2011-09-01").find(
      (s) => s.stepId === "summary-report",
    )!;
    expect(summary.due).toBe("2011-11-08");
    expect(summary.dueBasis).toEqual([
      {
        rule: "completionDeadline",
        source: PROFILES.recommended.rules.completionDeadline!.citation,
        fallback: true,
      },
    ]);
    const jiyang = checklistStatus(plan("jiyang"), [], "2011-09-01").find(
      (s) => s.stepId === "summary-report",
    )!;
    expect(jiyang.dueBasis[0]).toMatchObject({ rule: "completionDeadline", fallback: false });
  });

  it("recomputes when a key date changes", () => {
    const later = dueDates(plan("recommended", { partyElectionDate: "2011-10-15" }), []);
    expect(later["work-plan"]).toBe("2011-10-01");
    expect(later["summary-report"]).toBe("2011-11-15");
    const withElection = dueDates(plan("recommended", { plannedElectionDate: "2011-10-25" }), []);
    expect(withElection.election).toBe("2011-10-25");
    expect(withElection.inspection).toBe("2011-10-28");
    expect(withElection["pre-appointment-notice"]).toBe("2011-11-04");
    expect(withElection.appointment).toBe("2011-11-05");
    expect(dueDates(plan("recommended", { partyElectionDate: undefined }), [])["work-plan"]).toBeUndefined();
  });

  it("caps planned dates at the deadline, month ends and leap years included", () => {
    const leap = dueDates(plan("recommended", { partyElectionDate: "2024-01-31" }), []);
    expect(leap["summary-report"]).toBe("2024-02-29");
    expect(leap.training).toBe("2024-02-27");
    expect(dueDates(plan("recommended", { partyElectionDate: "2023-01-31" }), [])["summary-report"]).toBe(
      "2023-02-28",
    );
    const late = dueDates(plan("recommended", { plannedElectionDate: "2011-11-05" }), []);
    expect(late.inspection).toBe("2011-11-08");
    expect(late["pre-appointment-notice"]).toBe("2011-11-08");
    expect(late.appointment).toBe("2011-11-08");
  });

  it("uses recorded dates: notice end = recorded start + days − 1, appointment = notice end + 1", () => {
    const p = plan("recommended");
    const draft = [
      ...doneBefore("pre-appointment-notice"),
      rec("pre-appointment-notice", { periodStart: "2011-10-27" }),
    ];
    expect(dueDates(p, draft)["pre-appointment-notice"]).toBe("2011-11-02");
    expect(dueDates(p, draft).appointment).toBe("2011-11-03");
    // From records, the procedure's minimum wins over the deadline: not capped.
    const lateNotice = [
      ...doneBefore("pre-appointment-notice"),
      rec("pre-appointment-notice", { periodStart: "2011-11-03", periodEnd: "2011-11-09" }),
    ];
    expect(dueDates(p, lateNotice).appointment).toBe("2011-11-10");
    expect(
      dueDates(p, [rec("publicity", { periodStart: "2011-10-01", periodEnd: "2011-10-20" })]).nominations,
    ).toBe("2011-10-24");
  });
});

describe("statuses", () => {
  const p = plan("recommended");
  const records = doneBefore("publicity");
  const statusOf = (today: string) =>
    Object.fromEntries(checklistStatus(p, records, today).map((s) => [s.stepId, s.status]));

  it("marks done steps, the current one and the open rest", () => {
    // Working group recorded on 09-25: publicity 09-26 … 10-10, nominations due 10-14, review 10-16.
    expect(dueDates(p, records).publicity).toBe("2011-10-10");
    const status = statusOf("2011-10-10");
    expect(status["work-plan"]).toBe("done");
    expect(status["working-group"]).toBe("done");
    expect(status.publicity).toBe("current");
    expect(status.nominations).toBe("open");
    expect(firstOpenStep(records)).toBe("publicity");
  });

  it("marks steps past their due date overdue, the current one included", () => {
    const status = statusOf("2011-10-15");
    expect(status.publicity).toBe("overdue");
    expect(status.nominations).toBe("overdue");
    expect(status["eligibility-review"]).toBe("open");
  });

  it("treats a draft (notice start only) as not done", () => {
    const draft = [
      ...doneBefore("pre-appointment-notice"),
      rec("pre-appointment-notice", { periodStart: "2011-10-22" }),
    ];
    const notice = checklistStatus(p, draft, "2011-10-23").find(
      (s) => s.stepId === "pre-appointment-notice",
    )!;
    expect(notice.status).toBe("current");
    expect(notice.record?.values.periodStart).toBe("2011-10-22");
    expect(firstOpenStep(draft)).toBe("pre-appointment-notice");
  });
});

describe("validation", () => {
  it("publicity: exactly N days (both ends counted) passes, N−1 is refused, per profile", () => {
    expect(
      codes("publicity", { periodStart: "2011-10-01", periodEnd: "2011-10-15" }, plan("jiyang")),
    ).toEqual([]);
    const short = validateStepRecord(
      "publicity",
      rec("publicity", { periodStart: "2011-10-01", periodEnd: "2011-10-14" }),
      plan("jiyang"),
      doneBefore("publicity"),
      OK,
    );
    expect(short).toEqual([
      {
        code: "publicity-too-short",
        params: { days: 14, min: 15 },
        rule: "publicityDaysMin",
        source: PROFILES.jiyang.rules.publicityDaysMin!.citation,
      },
    ]);
    expect(
      codes("publicity", { periodStart: "2011-10-01", periodEnd: "2011-10-10" }, plan("nanshan")),
    ).toEqual([]);
    expect(
      codes("publicity", { periodStart: "2011-10-01", periodEnd: "2011-10-09" }, plan("nanshan")),
    ).toEqual(["publicity-too-short"]);
    // Xingang states no minimum: its card shows the recommended 15 days, and that is what is enforced.
    expect(
      codes("publicity", { periodStart: "2011-10-01", periodEnd: "2011-10-03" }, plan("xingang")),
    ).toEqual(["publicity-too-short"]);
  });

  it("pre-appointment notice: 7 days passes, 6 is refused", () => {
    const p = plan("nanshan");
    expect(
      codes("pre-appointment-notice", { periodStart: "2011-10-22", periodEnd: "2011-10-28" }, p),
    ).toEqual([]);
    expect(
      codes("pre-appointment-notice", { periodStart: "2011-10-22", periodEnd: "2011-10-27" }, p),
    ).toEqual(["notice-too-short"]);
  });

  it("appointment: on the notice's last day refused, the next day accepted", () => {
    const p = plan("recommended");
    const refused = validateStepRecord(
      "appointment",
      rec("appointment", { appointedOn: "2011-10-28" }),
      p,
      doneBefore("appointment"),
      OK,
    );
    expect(refused).toEqual([
      {
        code: "appointment-before-notice-end",
        params: { date: "2011-10-28", noticeEnd: "2011-10-28" },
        rule: "preAppointmentNoticeDays",
        source: PROFILES.nanshan.rules.preAppointmentNoticeDays!.citation,
      },
    ]);
    expect(codes("appointment", { appointedOn: "2011-10-20" }, p)).toEqual(["appointment-before-notice-end"]);
    expect(codes("appointment", { appointedOn: "2011-10-29" }, p)).toEqual([]);
  });

  it("formal candidate list: refused while the slate check fails", () => {
    const p = plan("nanshan");
    const values = { decidedOn: "2011-10-17" };
    const context = { slateOk: false, slateReasons: ["候选人不足职数的120%", "中共党员少于3人"] };
    const refused = validateStepRecord(
      "formal-candidates",
      rec("formal-candidates", values),
      p,
      doneBefore("formal-candidates"),
      context,
    );
    expect(refused).toEqual([
      {
        code: "slate-not-ok",
        params: { reasons: "候选人不足职数的120%\n中共党员少于3人", count: 2 },
        rule: "candidateSurplusMin",
        source: PROFILES.nanshan.rules.candidateSurplusMin!.citation,
      },
    ]);
    expect(codes("formal-candidates", values, p)).toEqual([]);
  });

  it("nominations: joint nominations need the profile's signatures; channels the profile lacks are refused", () => {
    const base = { closedOn: "2011-10-14", organisation: 8, jointSignature: 2, self: 5 };
    expect(codes("nominations", { ...base, fewestSignatures: 10 }, plan("jiyang"))).toEqual([]);
    expect(codes("nominations", { ...base, fewestSignatures: 9 }, plan("jiyang"))).toEqual([
      "joint-signatures-below-min",
    ]);
    expect(codes("nominations", base, plan("jiyang"))).toEqual(["field-required"]);
    // 南山's 民主推荐 is no 团员青年联名推荐: joint nominations are not among its channels, and its own
    // 民主推荐 count is asked for and required (「组织推荐、民主推荐和个人自荐三种途径相结合」).
    expect(codes("nominations", { ...base, democratic: 3 }, plan("nanshan"))).toEqual(["channel-not-allowed"]);
    expect(codes("nominations", { ...base, jointSignature: 0, democratic: 3 }, plan("nanshan"))).toEqual([]);
    expect(codes("nominations", { ...base, jointSignature: 0 }, plan("nanshan"))).toEqual(["field-required"]);
    // Elsewhere 民主推荐 is no channel of the plan: a count above 0 is refused, none is not asked for.
    expect(codes("nominations", { ...base, fewestSignatures: 10, democratic: 1 }, plan("jiyang"))).toEqual(["channel-not-allowed"]);
    expect(codes("nominations", base, plan("xingang"))).toEqual(["channel-not-allowed"]);
    expect(codes("nominations", { ...base, jointSignature: 0 }, plan("xingang"))).toEqual([]);
  });

  it("checks dates are real, ranges run forwards and counts are whole", () => {
    const p = plan("recommended");
    expect(codes("publicity", { periodStart: "2011-10-20", periodEnd: "2011-10-01" }, p)).toEqual([
      "range-end-before-start",
    ]);
    expect(codes("election", { heldOn: "2023-02-29" }, p)).toEqual(["date-invalid"]);
    expect(
      codes("eligibility-review", { reviewedOn: "2011-10-16", eligible: -1, ineligible: 1.5 }, p),
    ).toEqual(["count-invalid", "count-invalid"]);
    expect(codes("working-group", { formedOn: "2011-09-25" }, p)).toEqual(["field-required"]);
  });

  it("keeps the order: earlier steps done first, and no date before theirs", () => {
    const p = plan("recommended");
    const noNotice = validateStepRecord(
      "appointment",
      rec("appointment", { appointedOn: "2011-11-01" }),
      p,
      doneBefore("pre-appointment-notice"),
      OK,
    );
    expect(noNotice).toEqual([{ code: "step-order", params: { step: "pre-appointment-notice" } }]);
    expect(codes("training", { heldOn: "2011-10-28" }, p)).toEqual(["date-before-previous-step"]);
    expect(codes("nominations", { ...DONE.nominations, closedOn: "2011-10-09" }, p)).toEqual([
      "date-before-previous-step",
    ]);
    expect(codes("summary-report", { submittedOn: "2011-11-07" }, p)).toEqual([]);
  });

  it("lets a draft leave required fields out", () => {
    const p = plan("recommended");
    const draft = { periodStart: "2011-10-22" };
    expect(codes("pre-appointment-notice", draft, p, { ...OK, partial: true })).toEqual([]);
    expect(codes("pre-appointment-notice", draft, p)).toEqual(["field-required"]);
  });
});

describe("messages", () => {
  const referenced = [
    ...STEPS.flatMap((s) => [s.title, s.what, s.why, ...s.fields.map((f) => f.label)]),
    ...[
      "field-required",
      "date-invalid",
      "count-invalid",
      "choice-invalid",
      "range-end-before-start",
      "publicity-too-short",
      "notice-too-short",
      "channel-not-allowed",
      "joint-signatures-below-min",
      "slate-not-ok",
      "appointment-before-notice-end",
      "step-order",
      "date-before-previous-step",
      "age-invalid",
      "before-without-members",
      "before-part-exceeds-whole",
      "before-political-exceeds-members",
      "mark-none",
      "mark-unavailable",
      "mark-post-without-seats",
      "formal-too-few",
      "formal-too-few-election",
      "elected-over-seats",
      "election-not-competitive",
      "election-not-competitive-election",
      "appointed-over-seats",
    ].map((code) => `violation-${code}`),
  ];

  it("has a text for every key referenced, in both locale files", () => {
    for (const locale of LOCALES) for (const key of referenced) expect(hasMessage(locale, key), `${locale} ${key}`).toBe(true);
  });

  for (const locale of LOCALES) {
    it(`formats step texts for every profile (${locale})`, () => {
      for (const profileId of Object.keys(PROFILES) as ProfileId[]) {
        for (const s of STEPS) {
          for (const key of [s.title, s.what, s.why]) {
            const text = translate(locale, key, stepMessageArgs(s.id, plan(profileId)));
            expect(text, `${profileId} ${key}`).not.toMatch(/[{}]|\$/);
            expect(text).not.toBe(key);
          }
        }
      }
    });
  }

  it("cites the document and the profile's numbers", () => {
    const why = (profileId: ProfileId) => translate("zh", "step-publicity-why", stepMessageArgs("publicity", plan(profileId)));
    expect(why("jiyang")).toContain("吉阳镇方案要求宣传发动时间不少于15天");
    expect(why("nanshan")).toContain("南山街道方案要求宣传发动时间不少于10天");
  });
});

describe("records checked again under new rules", () => {
  it("lists a nominations record made under rules without 民主推荐 as lacking it once the township takes 南山's", () => {
    const records = [
      rec("work-plan", { approvedOn: "2011-10-10" }),
      rec("working-group", { formedOn: "2011-10-11", leader: "陈镇长" }),
      rec("publicity", { periodStart: "2011-10-12", periodEnd: "2011-10-28" }),
      rec("nominations", { closedOn: "2011-10-29", organisation: 3, jointSignature: 0, self: 1 }),
    ];
    const conflicts = (profileId: ProfileId) =>
      recordConflicts(plan(profileId), records).filter((c) => c.stepId === "nominations").map((c) => c.violation.code);
    expect(conflicts("recommended")).not.toContain("field-required");
    expect(conflicts("nanshan")).toContain("field-required");
  });
});
