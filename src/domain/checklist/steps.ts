/** The checklist's steps as data: what each records, which rules it answers to, what it requires and when it is due (jiyang-plan 四.3, xingang-plan 三, nanshan-plan 四; phases from jiyang-plan 六). */
import type { MarkedStatus } from "../candidate-marks.js";
import { BEFORE_FIELDS } from "../committee-before.js";
import type { NominationChannel, RuleKey } from "../rules/types.js";

export type Phase = "prepare" | "implement" | "train" | "summarise"; // 准备 | 实施 | 培训 | 总结

export const STEP_IDS = [
  "work-plan",
  "working-group",
  "publicity",
  "nominations",
  "eligibility-review",
  "formal-candidates",
  "election",
  "inspection",
  "pre-appointment-notice",
  "appointment",
  "training",
  "running-mechanisms",
  "summary-report",
] as const;
export type StepId = (typeof STEP_IDS)[number];

/** "age": a mean age in 周岁, one decimal; "candidates": the ids of the candidates ticked (see `marks`). */
export type FieldKind = "date" | "date-range" | "count" | "text" | "person" | "choice" | "age" | "candidates";

/** What a step records. A "date-range" named `x` is stored as values `xStart` and `xEnd`. */
export interface FieldDescriptor {
  name: string;
  kind: FieldKind;
  required: boolean;
  /** i18n key of the label: `field-<name>`. */
  label: string;
  /** For "choice": the allowed values. */
  options?: string[];
  /** Asked, and allowed, only once the count field named here is above 0 (a detail of that total). */
  onlyWith?: string;
  /** For "candidates": the status the ticked candidates get. */
  marks?: MarkedStatus;
  /** Asked, and required, only where the township's rule names this channel (南山's 民主推荐). */
  channel?: NominationChannel;
}

export type KeyDate = "partyElectionDate" | "plannedElectionDate";
/** Rules whose number of days sets how long a step lasts. */
export type SpanRule = "publicityDaysMin" | "preAppointmentNoticeDays";

/**
 * How a step's due date derives. `from`: a key date of the plan plus an offset (else `otherwise`);
 * `after`: the date the step it follows was done (its recorded date, else its due) plus `days`, and
 * with `lasting` the step runs that rule's number of days, both ends counted, from there (or from its
 * own recorded start); `deadline`: the completion deadline. Dates planned without records are capped
 * at the completion deadline.
 */
export type DueRule =
  | { from: KeyDate; offsetDays: number; otherwise?: DueRule }
  | { after: StepId; days: number; lasting?: SpanRule }
  | { deadline: "completion" };

export interface Step {
  id: StepId;
  phase: Phase;
  title: string;
  what: string;
  why: string;
  rules: RuleKey[];
  /** The first field holds the step's date (for a range, its end is the date the step was done). */
  fields: FieldDescriptor[];
  /** Steps that must be done before this one can be completed. */
  requires: StepId[];
  due: DueRule;
}

/** A recorded value: a date, text or choice, a count or age, or the ids of the candidates ticked. */
export type StepValue = string | number | string[];

export interface StepRecord {
  stepId: StepId;
  values: Record<string, StepValue>;
  /** Telegram user id. */
  recordedBy: number;
  /** ISO instant. */
  recordedAt: string;
}

const field = (name: string, kind: FieldKind, required = true): FieldDescriptor => ({
  name,
  kind,
  required,
  label: `field-${name}`,
});

/**
 * The candidates a step decides, ticked by the secretary. Not required for the step to count as done:
 * records made before ticking existed stay done, and a township that keeps its candidates elsewhere
 * has no one to tick; whenever there is someone to tick, the rules refuse a record without a choice.
 */
const marking = (name: string, marks: MarkedStatus): FieldDescriptor => ({
  ...field(name, "candidates", false),
  marks,
});

const step = (id: StepId, phase: Phase, rest: Pick<Step, "rules" | "fields" | "requires" | "due">): Step => ({
  id,
  phase,
  title: `step-${id}-title`,
  what: `step-${id}-what`,
  why: `step-${id}-why`,
  ...rest,
});

/**
 * The due offsets, in days, for a Party election on day P (recommended profile: publicity 15 days,
 * notice 7): work plan P−14, working group P−11, publicity P−10…P+4, nominations P+8, review P+10,
 * formal list P+11, election P+13, inspection P+16, notice P+17…P+23, appointment P+24, training and
 * mechanisms P+27, summary at the deadline (P+1 month ≥ P+28). Inspiration: jiyang-plan 六 puts the
 * preparation before the work proper and ties the timetable to the Party election ("总体时间与乡镇党委
 * 换届工作时间相衔接"); xingang-plan 三's calendar gives the lengths: preparation a week (10月8日-14日),
 * 报名 4 days (10月19日-22日), 资格审查 2 days (10月23日-24日), summary the last 3 days (10月29日-31日).
 */
export const STEPS: readonly Step[] = [
  step("work-plan", "prepare", {
    rules: ["completionDeadline", "committeeSize", "seats", "leaderShareMax"],
    // The committee as it stands, for the summary report's before/after comparison (all optional).
    fields: [field("approvedOn", "date"), field("note", "text", false), ...BEFORE_FIELDS],
    requires: [],
    due: { from: "partyElectionDate", offsetDays: -14 },
  }),
  step("working-group", "prepare", {
    rules: [],
    fields: [field("formedOn", "date"), field("leader", "person"), field("note", "text", false)],
    requires: ["work-plan"],
    due: { after: "work-plan", days: 3 },
  }),
  step("publicity", "implement", {
    rules: ["publicityDaysMin"],
    fields: [field("period", "date-range"), field("media", "text", false)],
    requires: ["working-group"],
    due: { after: "working-group", days: 1, lasting: "publicityDaysMin" },
  }),
  step("nominations", "implement", {
    rules: ["nominationChannels"],
    fields: [
      field("closedOn", "date"),
      field("organisation", "count"),
      field("jointSignature", "count"),
      field("self", "count"),
      { ...field("democratic", "count", false), channel: "democratic" },
      field("fewestSignatures", "count", false),
    ],
    requires: ["publicity"],
    due: { after: "publicity", days: 4 },
  }),
  step("eligibility-review", "implement", {
    rules: ["maxAge", "relaxedMaxAge", "politicalStatus", "localTie"],
    fields: [field("reviewedOn", "date"), field("eligible", "count"), field("ineligible", "count")],
    requires: ["nominations"],
    due: { after: "nominations", days: 2 },
  }),
  step("formal-candidates", "implement", {
    rules: ["candidateSurplusMin", "committeeSize", "nonEstablishmentShareMin", "partyMembersMin"],
    fields: [field("decidedOn", "date"), marking("formalCandidates", "formal")],
    requires: ["eligibility-review"],
    due: { after: "eligibility-review", days: 1 },
  }),
  step("election", "implement", {
    rules: ["speechMinutesMax", "scoring"],
    fields: [field("heldOn", "date"), field("judges", "count", false), marking("elected", "elected")],
    requires: ["formal-candidates"],
    due: { from: "plannedElectionDate", offsetDays: 0, otherwise: { after: "formal-candidates", days: 2 } },
  }),
  step("inspection", "implement", {
    rules: [],
    fields: [field("completedOn", "date"), field("note", "text", false)],
    requires: ["election"],
    due: { after: "election", days: 3 },
  }),
  step("pre-appointment-notice", "implement", {
    rules: ["preAppointmentNoticeDays"],
    fields: [field("period", "date-range"), field("place", "text", false)],
    requires: ["inspection"],
    due: { after: "inspection", days: 1, lasting: "preAppointmentNoticeDays" },
  }),
  step("appointment", "implement", {
    rules: ["preAppointmentNoticeDays", "completionDeadline"],
    fields: [
      field("appointedOn", "date"),
      field("documentNo", "text", false),
      marking("appointed", "appointed"),
    ],
    requires: ["pre-appointment-notice"],
    due: { after: "pre-appointment-notice", days: 1 },
  }),
  step("training", "train", {
    rules: [],
    fields: [field("heldOn", "date"), field("participants", "count", false), field("note", "text", false)],
    requires: ["appointment"],
    due: { after: "appointment", days: 3 },
  }),
  // jiyang-plan 六.2 sets the mechanisms up in the implementation phase; listed after training as asked.
  step("running-mechanisms", "implement", {
    rules: ["committeeMeetingEvery", "annualWorkReport", "partyCommitteeHearing"],
    fields: [field("setUpOn", "date"), field("firstMeetingOn", "date"), field("hearingOn", "date", false)],
    requires: ["appointment"],
    due: { after: "appointment", days: 3 },
  }),
  step("summary-report", "summarise", {
    rules: ["completionDeadline"],
    fields: [field("submittedOn", "date"), field("submittedTo", "text", false)],
    requires: ["training", "running-mechanisms"],
    due: { deadline: "completion" },
  }),
];

const STEP_BY_ID = new Map<StepId, Step>(STEPS.map((s) => [s.id, s]));

export function stepById(id: StepId): Step {
  return STEP_BY_ID.get(id)!;
}


/** The phases in the documents' order (jiyang-plan 六), each with its steps in the checklist's order. */
export const PHASES: readonly Phase[] = ["prepare", "implement", "train", "summarise"];
