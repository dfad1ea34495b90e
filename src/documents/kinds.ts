/**
 * The papers a secretary publishes or submits during the restructuring, one per checklist step that
 * produces one. The wording lives in src/documents/templates/<kind>.md (data a county can adapt);
 * what is code here is what must not be adapted away: which step a paper belongs to, whether it is
 * public (public papers never carry an ID number, even masked), and the passages it rests on beyond
 * the step's own rules. Pure data: no I/O.
 */
import type { StepId } from "../domain/checklist/index.js";
import type { Citation, RuleKey } from "../domain/rules/types.js";

export const DOCUMENT_KINDS = [
  "working-group",
  "publicity-notice",
  "registration-form",
  "formal-candidates",
  "pre-appointment-notice",
  "approval-request",
  "summary-report",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentKindSpec {
  kind: DocumentKind;
  /** The checklist step whose card offers this paper. */
  step: StepId;
  /** Published to League members and the public (posted, sent round): no ID number at all. */
  public: boolean;
  /** The rules the paper states; each is cited with its source (or the township's own note). */
  rules: RuleKey[];
  /** Passages the paper follows that no rule value holds (checked against the curated text by a test). */
  passages: Citation[];
}

const spec = (
  kind: DocumentKind,
  step: StepId,
  isPublic: boolean,
  rules: RuleKey[],
  passages: Citation[] = [],
): DocumentKindSpec => ({ kind, step, public: isPublic, rules, passages });

export const DOCUMENT_SPECS: readonly DocumentKindSpec[] = [
  spec("working-group", "working-group", true, [], [
    { doc: "jiyang-plan", section: "s4-3-2", quote: "坚持党管干部原则,组成由各乡镇党委和团委共同组成的工作机构" },
    { doc: "xingang-plan", section: "s4-2", quote: "成立领导小组,由街道政工书记担任组长,街道其它党政领导及相关人员任成员" },
  ]),
  spec(
    "publicity-notice",
    "publicity",
    true,
    ["publicityDaysMin", "maxAge", "relaxedMaxAge", "politicalStatus", "localTie", "nominationChannels"],
    [{ doc: "jiyang-plan", section: "s4-3-3", quote: "充分利用报刊、网络、手机短信、黑板报等媒介发布公告" }],
  ),
  spec(
    "registration-form",
    "nominations",
    true,
    ["maxAge", "relaxedMaxAge", "politicalStatus", "localTie", "nominationChannels"],
    [
      { doc: "xingang-plan", section: "s3-2-1", quote: "需填写《新港街道团工委新格局竞职候选人报名表》" },
      {
        doc: "xingang-plan",
        section: "s3-2-3",
        quote: "演讲内容包括:个人主要工作简历,近年来的主要工作业绩,本人竞争的条件,对所竞争岗位的认识和工作打算",
      },
    ],
  ),
  spec("formal-candidates", "formal-candidates", true, ["candidateSurplusMin", "nominationChannels"], [
    {
      doc: "jiyang-plan",
      section: "s4-3-4",
      quote: "对各方面推荐的候选人人选,要先进行资格审查,然后根据多数团员青年的意见在符合条件的人选中确定正式候选人",
    },
  ]),
  spec("pre-appointment-notice", "pre-appointment-notice", true, ["preAppointmentNoticeDays"], [
    { doc: "nanshan-plan", section: "s4-4", quote: "对拟任人选进行组织考察,在人选所在单位进行为期一周的公示" },
  ]),
  spec("approval-request", "appointment", false, ["preAppointmentNoticeDays", "completionDeadline"], [
    {
      doc: "jiyang-plan",
      section: "s4-3-6",
      quote: "选举产生的乡镇团委专职副书记、兼职副书记、委员人选须报镇党委和上级团组织批准,由镇党委公布",
    },
    { doc: "nanshan-plan", section: "s4-4", quote: "报团区委和街道党工委确定最终人选,并由街道党工委发文任命" },
  ]),
  spec(
    "summary-report",
    "summary-report",
    false,
    ["completionDeadline", "committeeSize", "nonEstablishmentShareMin", "partyMembersMin"],
    [
      {
        doc: "jiyang-plan",
        section: "s6-4",
        quote: "对换届和格局创新前后各团支部情况进行对比、分析,对格局创新工作进行全面总结,并形成工作报告",
      },
    ],
  ),
];

const BY_KIND = new Map(DOCUMENT_SPECS.map((s) => [s.kind, s]));
const BY_STEP = new Map(DOCUMENT_SPECS.map((s) => [s.step, s]));

export function documentSpec(kind: DocumentKind): DocumentKindSpec {
  return BY_KIND.get(kind)!;
}

/** The paper a checklist step produces, if any. */
export function documentForStep(step: StepId): DocumentKind | undefined {
  return BY_STEP.get(step)?.kind;
}

export function isDocumentKind(value: string): value is DocumentKind {
  return (DOCUMENT_KINDS as readonly string[]).includes(value);
}
