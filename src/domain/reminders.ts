/**
 * Deadline reminders, pure: which reminders are due at an instant, for whom, under which key. No I/O;
 * the sweep (src/reminders/sweep.ts) stores them in an outbox keyed by `key` and sends them.
 *
 * - Every open checklist step with a due date has reminder windows: 7, 3 and 1 day(s) before, on the
 *   day, and overdue (the first week after the due date, then each following week). At any date a step
 *   is in at most one window; the key (township, step, kind, due date) names it. A sweep that missed a
 *   day still finds the window open the next day (nothing is dropped), and a reminder already sent for
 *   a window is not due again (its key is in the outbox). A changed due date makes new keys; the old
 *   ones are no longer due.
 * - After the appointment step is done, the running mechanisms (jiyang-plan 五.1-2, nanshan-plan 六.2,
 *   sichuan-speech 四.3) remind like steps, before and on their date (there is no record of a meeting
 *   held, so no overdue notice): the full committee meeting every N months (committeeMeetingEvery), the
 *   yearly work report (annualWorkReport, at the year's end: 年终述职) and the Party committee's yearly
 *   hearing (partyCommitteeHearing).
 * - Dates are Asia/Shanghai. Nothing is due between 22:00 and 08:00 (quiet hours): the window stays
 *   open, so what became due at night is due at 08:00.
 * - Muted members get nothing. A snoozed member gets nothing until the snooze ends; then everything
 *   still in a window that opened before the snooze's last day is reminded again, once (key suffix).
 */
import {
  dueDates,
  dueDays,
  latestRecords,
  isStepDone,
  STEPS,
  type StepId,
  type StepRecord,
} from "./checklist/index.js";
import { effectiveRules } from "./rules/effective.js";
import { PROFILES, RECOMMENDED_PROFILE_ID } from "./rules/profiles.js";
import type { RuleValues } from "./rules/types.js";
import {
  addDays,
  addMonths,
  dateOfDay,
  dayNumber,
  daysBetween,
  isValidDate,
  shanghaiDate,
  shanghaiHour,
} from "./time.js";
import type { LocalDate, TownshipPlan } from "./township.js";

// Dates ("YYYY-MM-DD", four-digit years) order as strings, so this module compares them with < and >=.

export const QUIET_HOURS = { from: 22, to: 8 } as const;
/** Days before the due date at which a reminder window opens. */
export const BEFORE_DAYS = [7, 3, 1] as const;
export const OVERDUE_REPEAT_DAYS = 7;

export const DUTY_IDS = ["committee-meeting", "work-report", "party-hearing"] as const;
export type DutyId = (typeof DUTY_IDS)[number];

/** What a reminder is about: a checklist step, or a running duty ("duty:<id>"). */
export type Subject = StepId | `duty:${DutyId}`;

/** before-7, before-3, before-1, due (the day itself), overdue-<week> (week 0 = days 1–7 late). */
export type ReminderKind = "before-7" | "before-3" | "before-1" | "due" | `overdue-${number}`;

export interface DueItem {
  townshipId: string;
  subject: Subject;
  kind: ReminderKind;
  due: LocalDate;
  /** Unique per township, subject, kind and due date. */
  key: string;
}

export interface Reminder {
  /** Telegram user id; the private chat's id is the same. */
  userId: number;
  /** The outbox key: the item's, or the item's with a snooze suffix. */
  key: string;
  item: DueItem;
}

export interface ReminderMember {
  userId: number;
  muted?: boolean;
  snoozedUntil?: Date | undefined;
}

export interface TownshipReminderInput {
  plan: TownshipPlan;
  records: readonly StepRecord[];
  members: readonly ReminderMember[];
}

export function isQuietTime(now: Date): boolean {
  const hour = shanghaiHour(now);
  return hour >= QUIET_HOURS.from || hour < QUIET_HOURS.to;
}

/**
 * From this hour the day's reminders may be planned into the outbox, two hours before quiet hours end:
 * a national deployment plans its townships a page a minute, and this way every page is planned by
 * 08:00, when the sending starts, instead of the last ones going out late in the morning. Nothing is
 * sent earlier: a reminder planned at 06:00 waits in the outbox, where a step done meanwhile (or a
 * mute, or a snooze that has not ended) still stops it.
 */
export const PLANNING_STARTS_HOUR = 6;

export function isPlanningTime(now: Date): boolean {
  const hour = shanghaiHour(now);
  return hour >= PLANNING_STARTS_HOUR && hour < QUIET_HOURS.from;
}

export function isDuty(subject: Subject): subject is `duty:${DutyId}` {
  return subject.startsWith("duty:");
}

export function reminderKey(
  townshipId: string,
  subject: Subject,
  kind: ReminderKind,
  due: LocalDate,
): string {
  return `${townshipId}|${subject}|${kind}|${due}`;
}

/** The window a date falls in for a due date, or undefined (more than 7 days ahead). */
export function windowOn(due: LocalDate, today: LocalDate, overdue = true): ReminderKind | undefined {
  return windowAt(dayNumber(due) - dayNumber(today), overdue);
}

function windowAt(d: number, overdue = true): ReminderKind | undefined {
  if (d > 7) return undefined;
  if (d >= 4) return "before-7";
  if (d >= 2) return "before-3";
  if (d === 1) return "before-1";
  if (d === 0) return "due";
  return overdue ? `overdue-${Math.floor((-d - 1) / OVERDUE_REPEAT_DAYS)}` : undefined;
}

/** The first date of a window. */
export function windowStart(kind: ReminderKind, due: LocalDate): LocalDate {
  if (kind === "due") return due;
  if (kind.startsWith("before-")) return addDays(due, -Number(kind.slice("before-".length)));
  const week = Number(kind.slice("overdue-".length));
  return addDays(due, 1 + week * OVERDUE_REPEAT_DAYS);
}

// ---- running duties ----

interface DutyRules {
  meetingMonths: number | undefined;
  reportPerYear: number | undefined;
  hearingPerYear: number | undefined;
}

const dutyRulesByProfile = new Map<string, DutyRules>();

/** The plan's own rules, else the recommended default's (as the checklist's running-mechanisms step does). */
function dutyRules(plan: TownshipPlan): DutyRules {
  const cached = !plan.customRules && dutyRulesByProfile.get(plan.profileId);
  if (cached) return cached;
  const own = effectiveRules(plan);
  const fallback = PROFILES[RECOMMENDED_PROFILE_ID].rules;
  const value = <K extends "committeeMeetingEvery" | "annualWorkReport" | "partyCommitteeHearing">(
    key: K,
  ): RuleValues[K] | undefined => (own[key]?.value ?? fallback[key]?.value) as RuleValues[K] | undefined;
  const rules: DutyRules = {
    meetingMonths: value("committeeMeetingEvery")?.months,
    reportPerYear: value("annualWorkReport")?.perYear,
    hearingPerYear: value("partyCommitteeHearing")?.perYear,
  };
  if (!plan.customRules) dutyRulesByProfile.set(plan.profileId, rules);
  return rules;
}

/** The first of anchor + k·months (k ≥ kMin) on or after `from`; months are added to the anchor, not chained. */
function nextEvery(anchor: LocalDate, months: number, kMin: number, from: LocalDate): LocalDate {
  const [ay, am] = [Number(anchor.slice(0, 4)), Number(anchor.slice(5, 7))];
  const [fy, fm] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  let k = Math.max(kMin, Math.floor(((fy - ay) * 12 + (fm - am)) / months) - 1);
  let date = addMonths(anchor, k * months);
  while (date < from) date = addMonths(anchor, ++k * months);
  return date;
}

const periodMonths = (perYear: number) => Math.max(1, Math.round(12 / Math.max(1, perYear)));

/** The last day of the first reporting period's end on or after `from`: periods end at month p, 2p, …, 12. */
function nextPeriodEnd(months: number, from: LocalDate): LocalDate {
  let year = Number(from.slice(0, 4));
  for (;;) {
    for (let m = months; m <= 12; m += months) {
      const end = addDays(
        addMonths(`${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-01`, 1),
        -1,
      );
      if (end >= from) return end;
    }
    year++;
  }
}

function dateField(record: StepRecord | undefined, field: string): LocalDate | undefined {
  const value = record?.values[field];
  return typeof value === "string" && isValidDate(value) ? value : undefined;
}

type Latest = ReturnType<typeof latestRecords>;

export interface DutyDate {
  duty: DutyId;
  date: LocalDate;
}

/**
 * The next date of each running duty on or after `from`, once the appointment step is done:
 * - committee meeting: the recorded first meeting, then every N months after it; without a recorded
 *   first meeting, every N months after the appointment;
 * - work report: at the end of each reporting period (year end for once a year), the first at least half
 *   a period after the appointment;
 * - Party committee hearing: every 12/perYear months after the recorded hearing, else after the appointment.
 */
export function nextDuties(plan: TownshipPlan, records: readonly StepRecord[], from: LocalDate): DutyDate[] {
  return dutiesOf(plan, latestRecords(records), from);
}

function dutiesOf(plan: TownshipPlan, latest: Latest, from: LocalDate): DutyDate[] {
  const appointment = latest.appointment;
  const appointedOn = dateField(appointment, "appointedOn");
  if (!appointedOn || !isStepDone("appointment", appointment)) return [];
  const mechanisms = latest["running-mechanisms"];
  const rules = dutyRules(plan);
  const out: DutyDate[] = [];
  if (rules.meetingMonths && rules.meetingMonths > 0) {
    const first = dateField(mechanisms, "firstMeetingOn");
    out.push({
      duty: "committee-meeting",
      date: first
        ? nextEvery(first, rules.meetingMonths, 0, from)
        : nextEvery(appointedOn, rules.meetingMonths, 1, from),
    });
  }
  if (rules.reportPerYear && rules.reportPerYear > 0) {
    const months = periodMonths(rules.reportPerYear);
    const earliest = addMonths(appointedOn, Math.ceil(months / 2));
    out.push({
      duty: "work-report",
      date: nextPeriodEnd(months, earliest > from ? earliest : from),
    });
  }
  if (rules.hearingPerYear && rules.hearingPerYear > 0) {
    const months = periodMonths(rules.hearingPerYear);
    const heard = dateField(mechanisms, "hearingOn");
    out.push({
      duty: "party-hearing",
      date: heard ? nextEvery(heard, months, 0, from) : nextEvery(appointedOn, months, 1, from),
    });
  }
  return out;
}

// ---- what is due ----

/** The reminder windows a township is in on `today`: one per open step with a due date, one per duty. */
export function dueItems(plan: TownshipPlan, records: readonly StepRecord[], today: LocalDate): DueItem[] {
  // Nothing planned yet: no key date, no record, so no due date (skips the checklist's planning).
  if (records.length === 0 && !plan.partyElectionDate && !plan.plannedElectionDate) return [];
  const latest = latestRecords(records);
  const todayNo = dayNumber(today);
  const out: DueItem[] = [];
  let days: readonly (number | undefined)[] | undefined;
  for (let i = 0; i < STEPS.length; i++) {
    const step = STEPS[i]!;
    if (isStepDone(step.id, latest[step.id])) continue;
    days ??= dueDays(plan, latest);
    const day = days![i];
    const kind = day === undefined ? undefined : windowAt(day - todayNo);
    if (!kind) continue;
    const due = dateOfDay(day!);
    out.push({
      townshipId: plan.id,
      subject: step.id,
      kind,
      due,
      key: reminderKey(plan.id, step.id, kind, due),
    });
  }
  for (const { duty, date } of dutiesOf(plan, latest, today)) {
    const kind = windowAt(dayNumber(date) - todayNo, false);
    const subject: Subject = `duty:${duty}`;
    if (kind)
      out.push({
        townshipId: plan.id,
        subject,
        kind,
        due: date,
        key: reminderKey(plan.id, subject, kind, date),
      });
  }
  return out;
}

/**
 * Every reminder due at `now`: one per item and recipient (`key` is the item's, or for a member back
 * from a snooze, the item's with a suffix). Each key is due for as long as its window is open; the
 * outbox's unique (key, recipient) makes it arrive once.
 */
export function dueReminders(input: { townships: readonly TownshipReminderInput[]; now: Date }): Reminder[] {
  const { now } = input;
  if (!isPlanningTime(now)) return [];
  const today = shanghaiDate(now);
  const nowMs = now.getTime();
  const out: Reminder[] = [];
  for (const township of input.townships) {
    let recipients = 0;
    for (const m of township.members)
      if (!m.muted && !(m.snoozedUntil && m.snoozedUntil.getTime() > nowMs)) recipients++;
    if (recipients === 0) continue;
    const items = dueItems(township.plan, township.records, today);
    if (items.length === 0) continue;
    for (const member of township.members) {
      if (member.muted || (member.snoozedUntil && member.snoozedUntil.getTime() > nowMs)) continue;
      const snoozeEnd = member.snoozedUntil && shanghaiDate(member.snoozedUntil);
      for (const item of items) {
        out.push({ userId: member.userId, key: item.key, item });
        // Back from a snooze: what was already in a window before the snooze's last day comes again.
        if (snoozeEnd && windowStart(item.kind, item.due) < snoozeEnd)
          out.push({
            userId: member.userId,
            key: `${item.key}|snooze:${member.snoozedUntil!.getTime()}`,
            item,
          });
      }
    }
  }
  return out;
}

export interface UpcomingItem {
  subject: Subject;
  due: LocalDate;
  /** Days from today; negative when overdue. */
  days: number;
}

/** What is coming for a township (for /reminders): open steps overdue or due within `horizonDays`, next duties. */
export function upcoming(
  plan: TownshipPlan,
  records: readonly StepRecord[],
  today: LocalDate,
  horizonDays = 30,
): UpcomingItem[] {
  const latest = latestRecords(records);
  const dates = dueDates(plan, records);
  const out: UpcomingItem[] = [];
  for (const step of STEPS) {
    const due = dates[step.id];
    if (!due || isStepDone(step.id, latest[step.id])) continue;
    const days = daysBetween(today, due);
    if (days <= horizonDays) out.push({ subject: step.id, due, days });
  }
  for (const { duty, date } of nextDuties(plan, records, today))
    out.push({ subject: `duty:${duty}`, due: date, days: daysBetween(today, date) });
  return out.sort((a, b) => a.days - b.days);
}
