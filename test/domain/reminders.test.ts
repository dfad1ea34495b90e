import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STEP_IDS, type StepId, type StepRecord, dueDates } from "../../src/domain/checklist/index.js";
import {
  dueItems,
  dueReminders,
  isPlanningTime,
  isQuietTime,
  nextDuties,
  type ReminderMember,
  upcoming,
  windowOn,
} from "../../src/domain/reminders.js";
import { addDays, daysBetween } from "../../src/domain/time.js";
import type { TownshipPlan } from "../../src/domain/township.js";

/** Recommended profile, Party election 2026-03-15: the work plan is due 2026-03-01 (P − 14). */
function plan(extra: Partial<TownshipPlan> = {}): TownshipPlan {
  return {
    id: "t1",
    province: "海南省",
    city: "三亚市",
    county: "",
    name: "吉阳镇",
    kind: "township",
    profileId: "recommended",
    partyElectionDate: "2026-03-15",
    seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 10 },
    ...extra,
  };
}

/** An instant given as Shanghai wall-clock time ("2026-02-28 08:00"). */
const sh = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);

const DONE: Record<StepId, StepRecord["values"]> = {
  "work-plan": { approvedOn: "2026-03-01" },
  "working-group": { formedOn: "2026-03-03", leader: "王书记" },
  publicity: { periodStart: "2026-03-04", periodEnd: "2026-03-18" },
  nominations: { closedOn: "2026-03-21", organisation: 8, jointSignature: 3, self: 5, fewestSignatures: 12 },
  "eligibility-review": { reviewedOn: "2026-03-23", eligible: 14, ineligible: 2 },
  "formal-candidates": { decidedOn: "2026-03-24", formalCandidates: 14 },
  election: { heldOn: "2026-03-26" },
  inspection: { completedOn: "2026-03-28" },
  "pre-appointment-notice": { periodStart: "2026-03-30", periodEnd: "2026-04-05" },
  appointment: { appointedOn: "2026-04-10" },
  training: { heldOn: "2026-04-12" },
  "running-mechanisms": { setUpOn: "2026-04-12", firstMeetingOn: "2026-05-31" },
  "summary-report": { submittedOn: "2026-04-14" },
};

/** Every step before `upTo` done (all of them with "all"); `override` replaces a step's values. */
function records(
  upTo: StepId | "all",
  override: Partial<Record<StepId, StepRecord["values"]>> = {},
): StepRecord[] {
  const ids = upTo === "all" ? STEP_IDS : STEP_IDS.slice(0, STEP_IDS.indexOf(upTo));
  return ids.map((stepId, i) => ({
    stepId,
    values: override[stepId] ?? DONE[stepId],
    recordedBy: 1,
    recordedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  }));
}

const members: ReminderMember[] = [{ userId: 11 }];
const workPlanKinds = (p: TownshipPlan, today: string) =>
  dueItems(p, [], today)
    .filter((i) => i.subject === "work-plan")
    .map((i) => i.kind);

describe("reminder windows", () => {
  it("7, 3 and 1 day(s) before, on the day, then overdue week by week", () => {
    expect(dueDates(plan(), [])["work-plan"]).toBe("2026-03-01");
    const expected: Record<string, string[]> = {
      "2026-02-21": [],
      "2026-02-22": ["before-7"],
      "2026-02-25": ["before-7"], // the window stays open: a sweep that missed the 22nd still reminds
      "2026-02-26": ["before-3"],
      "2026-02-27": ["before-3"],
      "2026-02-28": ["before-1"], // February 2026 ends on the 28th: 1 day before 1 March
      "2026-03-01": ["due"],
      "2026-03-02": ["overdue-0"],
      "2026-03-08": ["overdue-0"],
      "2026-03-09": ["overdue-1"],
      "2026-03-16": ["overdue-2"],
    };
    for (const [today, kinds] of Object.entries(expected))
      expect(workPlanKinds(plan(), today), today).toEqual(kinds);
  });

  it("repeats the overdue notice weekly: one key per week, never two in a week", () => {
    const keys = new Set<string>();
    for (let day = 2; day <= 22; day++) {
      const today = `2026-03-${String(day).padStart(2, "0")}`;
      for (const item of dueItems(plan(), [], today)) if (item.subject === "work-plan") keys.add(item.key);
    }
    expect([...keys]).toEqual([
      "t1|work-plan|overdue-0|2026-03-01",
      "t1|work-plan|overdue-1|2026-03-01",
      "t1|work-plan|overdue-2|2026-03-01",
    ]);
  });

  it("counts across month ends and leap days", () => {
    expect(windowOn("2024-03-01", "2024-02-29")).toBe("before-1");
    expect(windowOn("2024-03-01", "2024-02-23")).toBe("before-7");
    expect(windowOn("2024-03-01", "2024-02-22")).toBeUndefined();
    expect(windowOn("2026-01-01", "2025-12-31")).toBe("before-1");
    expect(windowOn("2026-01-31", "2026-02-01")).toBe("overdue-0");
  });

  it("counts days like the calendar helpers, for any pair of dates (its own fast day count)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 150_000 }),
        fc.integer({ min: -40, max: 40 }),
        (offset, delta) => {
          const today = addDays("1800-01-01", offset);
          const due = addDays(today, delta);
          const d = daysBetween(today, due);
          const expected =
            d > 7
              ? undefined
              : d >= 4
                ? "before-7"
                : d >= 2
                  ? "before-3"
                  : d === 1
                    ? "before-1"
                    : d === 0
                      ? "due"
                      : `overdue-${Math.floor((-d - 1) / 7)}`;
          expect(windowOn(due, today)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("says nothing for a step done, or a plan without dates", () => {
    const done = records("working-group"); // work plan done
    expect(dueItems(plan(), done, "2026-03-01").map((i) => i.subject)).not.toContain("work-plan");
    expect(dueItems(plan({ partyElectionDate: undefined }), [], "2026-03-01")).toEqual([]);
  });
});

describe("what is due at an instant (Asia/Shanghai)", () => {
  const townships = [{ plan: plan(), records: [], members }];
  const due = (now: Date) => dueReminders({ townships, now }).map((r) => r.key);

  it("uses the Shanghai date, not UTC's: 00:30 in Shanghai is still the previous day in UTC", () => {
    const instant = new Date("2026-02-27T16:30:00Z"); // 2026-02-28 00:30 in Shanghai
    expect(instant.toISOString().slice(0, 10)).toBe("2026-02-27");
    expect(dueItems(plan(), [], "2026-02-28").find((i) => i.subject === "work-plan")?.kind).toBe("before-1");
    expect(isQuietTime(instant)).toBe(true);
    // 08:00 in Shanghai is 00:00 UTC: the first instant of the day anything is sent.
    expect(due(new Date("2026-02-28T00:00:00Z"))).toContain("t1|work-plan|before-1|2026-03-01");
  });

  it("plans nothing from 22:00 to 06:00; sends nothing in quiet hours (22:00 to 08:00)", () => {
    expect(due(sh("2026-02-27 21:59"))).toContain("t1|work-plan|before-3|2026-03-01");
    expect(due(sh("2026-02-27 22:00"))).toEqual([]);
    expect(due(sh("2026-02-28 05:59"))).toEqual([]);
    // Planned ahead from 06:00, for the 08:00 sending.
    expect(due(sh("2026-02-28 06:00"))).toContain("t1|work-plan|before-1|2026-03-01");
    expect(due(sh("2026-02-28 08:00"))).toContain("t1|work-plan|before-1|2026-03-01");
    expect(isPlanningTime(sh("2026-02-28 05:59"))).toBe(false);
    expect(isPlanningTime(sh("2026-02-28 06:00"))).toBe(true);
    expect(isPlanningTime(sh("2026-02-27 22:00"))).toBe(false);
    expect(isQuietTime(sh("2026-02-28 07:59"))).toBe(true);
    expect(isQuietTime(sh("2026-02-28 08:00"))).toBe(false);
    expect(isQuietTime(sh("2026-02-27 21:59"))).toBe(false);
  });

  it("gives every member not muted their own reminder; muted members get none", () => {
    const group = [
      { plan: plan(), records: [], members: [{ userId: 1 }, { userId: 2, muted: true }, { userId: 3 }] },
    ];
    const reminders = dueReminders({ townships: group, now: sh("2026-03-01 09:00") });
    expect(new Set(reminders.map((r) => r.userId))).toEqual(new Set([1, 3]));
    expect(reminders.filter((r) => r.userId === 1).map((r) => r.key)).toEqual(
      reminders.filter((r) => r.userId === 3).map((r) => r.key),
    );
  });

  it("makes new keys when a key date changes; the old ones are no longer due", () => {
    const before = dueReminders({ townships, now: sh("2026-02-27 09:00") }).map((r) => r.key);
    const moved = [{ plan: plan({ partyElectionDate: "2026-03-16" }), records: [], members }];
    const after = dueReminders({ townships: moved, now: sh("2026-02-27 09:00") }).map((r) => r.key);
    expect(before).toContain("t1|work-plan|before-3|2026-03-01");
    expect(after).toContain("t1|work-plan|before-3|2026-03-02");
    expect(after).not.toContain("t1|work-plan|before-3|2026-03-01");
  });
});

describe("snoozes", () => {
  const until = sh("2026-02-27 08:00"); // snoozed on the 26th for one day
  const snoozed = [{ plan: plan(), records: [], members: [{ userId: 7, snoozedUntil: until }] }];

  it("sends nothing while snoozed", () => {
    expect(dueReminders({ townships: snoozed, now: sh("2026-02-26 12:00") })).toEqual([]);
    expect(dueReminders({ townships: snoozed, now: sh("2026-02-27 07:59") })).toEqual([]);
  });

  it("afterwards, reminds again once what was already due before the snooze's last day", () => {
    const keys = dueReminders({ townships: snoozed, now: sh("2026-02-27 08:00") }).map((r) => r.key);
    // The work plan's before-3 window opened on the 26th, during the snooze: its own key, and the snooze's.
    expect(keys).toContain("t1|work-plan|before-3|2026-03-01");
    expect(keys).toContain(`t1|work-plan|before-3|2026-03-01|snooze:${until.getTime()}`);
    // The next day's window is new: only its own key.
    const nextDay = dueReminders({ townships: snoozed, now: sh("2026-02-28 09:00") }).map((r) => r.key);
    expect(nextDay.filter((k) => k.includes("work-plan"))).toEqual(["t1|work-plan|before-1|2026-03-01"]);
  });
});

describe("running duties after the appointment", () => {
  it("start only once the appointment is done", () => {
    expect(nextDuties(plan(), records("appointment"), "2026-04-20")).toEqual([]);
    expect(
      nextDuties(plan(), records("training", { "running-mechanisms": {} }), "2026-04-20").map((d) => d.duty),
    ).toEqual(["committee-meeting", "work-report", "party-hearing"]);
  });

  it("date the meeting every three months, the 述职 at the year end, the Party hearing yearly", () => {
    const afterAppointment = records("training"); // no running-mechanisms record: every date from the appointment
    expect(nextDuties(plan(), afterAppointment, "2026-04-20")).toEqual([
      { duty: "committee-meeting", date: "2026-07-10" },
      { duty: "work-report", date: "2026-12-31" },
      { duty: "party-hearing", date: "2027-04-10" },
    ]);
    const kinds = (today: string) =>
      dueItems(plan(), afterAppointment, today)
        .filter((i) => i.subject === "duty:committee-meeting")
        .map((i) => `${i.kind} ${i.due}`);
    expect(kinds("2026-07-02")).toEqual([]);
    expect(kinds("2026-07-03")).toEqual(["before-7 2026-07-10"]);
    expect(kinds("2026-07-10")).toEqual(["due 2026-07-10"]);
    // No record says the meeting was held, so no overdue notice: the next meeting is three months on.
    expect(kinds("2026-07-11")).toEqual([]);
    expect(nextDuties(plan(), afterAppointment, "2026-07-11")[0]).toEqual({
      duty: "committee-meeting",
      date: "2026-10-10",
    });
  });

  it("keeps month ends from a recorded first meeting (31 May → 31 Aug, 30 Nov, 28 Feb)", () => {
    const all = records("all");
    const meetings = ["2026-06-01", "2026-09-01", "2026-12-01", "2027-03-01"].map(
      (from) => nextDuties(plan(), all, from).find((d) => d.duty === "committee-meeting")!.date,
    );
    expect(meetings).toEqual(["2026-08-31", "2026-11-30", "2027-02-28", "2027-05-31"]);
  });

  it("follows the township's own meeting rule", () => {
    const monthly = plan({ customRules: { committeeMeetingEvery: { months: 1 } } });
    expect(nextDuties(monthly, records("training"), "2026-04-20")[0]).toEqual({
      duty: "committee-meeting",
      date: "2026-05-10",
    });
  });

  it("puts the first 述职 at least half a year after the appointment", () => {
    const lateAppointment = records("training", { appointment: { appointedOn: "2026-11-20" } });
    expect(
      nextDuties(plan(), lateAppointment, "2026-11-25").find((d) => d.duty === "work-report")!.date,
    ).toBe("2027-12-31");
  });
});

describe("/reminders' list", () => {
  it("lists overdue and coming steps, then the duties, soonest first", () => {
    const items = upcoming(plan(), records("working-group"), "2026-03-05", 10);
    expect(items[0]).toEqual({ subject: "working-group", due: "2026-03-04", days: -1 });
    expect(items.map((i) => i.days)).toEqual([...items.map((i) => i.days)].sort((a, b) => a - b));
    expect(items.every((i) => i.days <= 10)).toBe(true);
  });
});
