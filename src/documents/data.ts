/**
 * What a document template can say, as a plain object whose keys are the placeholders, named in the
 * domain's words ({{乡镇名称}}, {{宣传发动开始日期}}, {{正式候选人名单}} …). Every value comes from the
 * township's plan, its checklist records, its candidates or its rules; a value nobody recorded is left
 * out, so the document shows a blank to fill instead of a guess. Personal data is masked: an ID number
 * only ever in its masked form and only in papers that are not published, mobiles always masked.
 * Pure: no I/O.
 */
import type { Candidate, Education, Sector } from "../domain/candidate.js";
import { completionDeadline, latestRecords, type StepId, type StepRecord, stepDoneOn } from "../domain/checklist/index.js";
import { ageOn } from "../domain/eligibility.js";
import { maskMobile } from "../domain/privacy.js";
import { type EffectiveRule, effectiveRules, isCustomSource, type RuleSource } from "../domain/rules/effective.js";
import { PROFILES, RECOMMENDED_PROFILE_ID } from "../domain/rules/profiles.js";
import type { NominationChannel, PoliticalStatus, Post, RuleKey, RuleValues } from "../domain/rules/types.js";
import { daysBetween, formatDate, isValidDate } from "../domain/time.js";
import { type LocalDate, type TownshipPlan, totalSeats } from "../domain/township.js";
import { knowledgeDocs } from "../generated/knowledge.js";
import { establishmentRatio, type SummaryFigures, summaryFigures } from "./figures.js";
import { type DocumentKind, documentSpec } from "./kinds.js";
import type { TemplateRecord, TemplateValue } from "./render.js";

export interface DocumentInput {
  plan: TownshipPlan;
  records: readonly StepRecord[];
  candidates: readonly Candidate[];
  /** The drafting day (Asia/Shanghai): the document's date where no recorded date applies. */
  today: LocalDate;
}

/** Things the secretary should know about how the draft was made (shown with it, not in it). */
export type DocumentNote =
  | "formal-list-from-slate"
  | "formal-list-empty"
  | "appointees-none"
  | "committee-elected-only"
  | "committee-none"
  | "before-none";

export interface DocumentData {
  values: TemplateRecord;
  notes: DocumentNote[];
}

// ── The documents' vocabulary (formal Chinese, whatever the interface language) ──────────────────

const POST: Record<Post, string> = {
  secretary: "书记",
  "fulltime-deputy": "专职副书记",
  "parttime-deputy": "兼职副书记",
  member: "委员",
};
const POLITICAL: Record<PoliticalStatus, string> = {
  "party-member": "中共党员",
  "probationary-party-member": "中共预备党员",
  "league-member": "共青团员",
  other: "群众",
};
const CHANNEL: Record<NominationChannel, string> = {
  organisation: "组织推荐",
  "joint-signature": "团员青年联名推荐",
  self: "个人自荐",
  democratic: "民主推荐",
};
/** The channels a paper names where no rule names them: the three most plans have. */
const DEFAULT_CHANNELS: NominationChannel[] = ["organisation", "joint-signature", "self"];
/** The nominations step's count for each channel. */
const CHANNEL_COUNT: Record<NominationChannel, string> = {
  organisation: "organisation",
  "joint-signature": "jointSignature",
  self: "self",
  democratic: "democratic",
};
const CHINESE_COUNT = ["零", "一", "两", "三", "四", "五"];

/**
 * Where the document requires every channel (南山 「三种途径相结合」), the paper says so with 和 and
 * the number (组织推荐、民主推荐和个人自荐三种途径相结合) instead of 通过…等途径, a list of options.
 */
function channelsCombined(channels: NominationChannel[], required: "all" | "any"): string | undefined {
  const names = channels.map((c) => CHANNEL[c]);
  if (required !== "all" || names.length < 2) return undefined;
  return `${names.slice(0, -1).join("、")}和${names.at(-1)}${CHINESE_COUNT[names.length] ?? names.length}种途径相结合`;
}
const SECTOR: Record<Sector, string> = {
  government: "机关事业单位",
  "private-enterprise": "非公企业",
  rural: "农村",
  school: "学校",
  "social-organisation": "社会组织",
  other: "其他",
};
const EDUCATION: Record<Education, string> = {
  "junior-high": "初中",
  "senior-high": "高中",
  vocational: "中专",
  college: "大专",
  bachelor: "本科",
  master: "硕士研究生",
  doctorate: "博士研究生",
};
export const STEP_NAME: Record<StepId, string> = {
  "work-plan": "制定工作计划",
  "working-group": "成立工作机构（领导小组）",
  publicity: "宣传发动",
  nominations: "人选推荐",
  "eligibility-review": "资格审查",
  "formal-candidates": "确定正式候选人",
  election: "竞职演讲与选举",
  inspection: "组织考察",
  "pre-appointment-notice": "任前公示",
  appointment: "报批与正式任命",
  training: "培训",
  "running-mechanisms": "建立运行机制",
  "summary-report": "总结报告",
};

const date = (value: LocalDate | undefined) => (value && isValidDate(value) ? formatDate(value, "zh") : undefined);
const birthMonth = (value: LocalDate) => {
  const [y, m] = value.split("-").map(Number);
  return `${y}年${m}月`;
};

const PLANNING_RULES: RuleKey[] = ["publicityDaysMin", "preAppointmentNoticeDays", "completionDeadline"];

/**
 * The rule a document states: the township's own (profile or its own value). For the periods the
 * checklist plans with, the recommended default's rule where the profile is silent, as the checklist
 * does, cited to its own document.
 */
function ruleFor<K extends RuleKey>(plan: TownshipPlan, key: K): EffectiveRule<K> | undefined {
  const own = effectiveRules(plan)[key] as EffectiveRule<K> | undefined;
  if (own || !PLANNING_RULES.includes(key)) return own;
  const record = PROFILES[RECOMMENDED_PROFILE_ID].rules[key];
  return record ? { key, value: record.value as RuleValues[K], summary: record.summary, source: record.citation } : undefined;
}

/** What a township calls itself: 镇, 乡 (民族乡 included), 苏木, or 街道, from its registered name and kind. */
export function unitWord(plan: Pick<TownshipPlan, "name" | "kind">): string {
  if (plan.kind === "subdistrict") return "街道";
  const name = plan.name.trim();
  if (name.endsWith("苏木")) return "苏木";
  return name.endsWith("乡") ? "乡" : "镇";
}

/** One passage a paper rests on: where it is and its words. */
export interface BasisLine {
  source: string;
  quote: string | undefined;
}

function citation(source: RuleSource, unitName: string, summary?: string): BasisLine {
  if (isCustomSource(source)) return { source: `${unitName}确定${source.note ? `（${source.note}）` : ""}`, quote: summary };
  const doc = knowledgeDocs.find((d) => d.id === source.doc);
  const section = doc?.sections.find((s) => s.id === source.section);
  const heading = section ? section.path.join(" ") : source.section;
  return { source: `《${doc?.title ?? source.doc}》${heading}`, quote: source.quote };
}

/**
 * What a paper rests on, for the message that delivers it (never printed in the paper: a county office
 * takes a paper quoting another locality's plan as copied). `own`: the township's own rules (its
 * profile or its own values); `reference`: passages of other localities' plans the wording follows and
 * rules the profile is silent on (the recommended default), for the secretary's information only.
 */
export function documentBasis(kind: DocumentKind, plan: TownshipPlan): { own: BasisLine[]; reference: BasisLine[] } {
  const spec = documentSpec(kind);
  const mine = effectiveRules(plan);
  const own: BasisLine[] = [];
  const reference: BasisLine[] = [];
  for (const key of spec.rules) {
    const rule = ruleFor(plan, key);
    if (!rule) continue;
    (mine[key] ? own : reference).push(citation(rule.source, plan.name, rule.summary.zh));
  }
  // A passage of the township's own plan (the document its profile was written from) is its own rule,
  // not another place's practice; under the recommended default every passage is a reference.
  const ownDocs = new Set(
    plan.profileId === RECOMMENDED_PROFILE_ID ? [] : Object.values(PROFILES[plan.profileId].rules).map((r) => r!.citation.doc),
  );
  for (const passage of spec.passages) (ownDocs.has(passage.doc) ? own : reference).push(citation(passage, plan.name));
  // One line per passage: two rules resting on the same words are cited once.
  const unique = (lines: BasisLine[]) => {
    const seen = new Set<string>();
    return lines.filter((l) => {
      const key = `${l.source}|${l.quote}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  const mineOnce = unique(own);
  const taken = new Set(mineOnce.map((l) => `${l.source}|${l.quote}`));
  return { own: mineOnce, reference: unique(reference).filter((l) => !taken.has(`${l.source}|${l.quote}`)) };
}

function ageLimit(limit: { years: number; inclusive: boolean }): string {
  return limit.inclusive ? `${limit.years}周岁以下` : `不满${limit.years}周岁`;
}

function politicalList(allowed: readonly PoliticalStatus[]): string {
  const names: string[] = [];
  const party = allowed.includes("party-member");
  if (party) names.push(allowed.includes("probationary-party-member") ? "中共党员（含预备党员）" : "中共党员");
  for (const status of allowed) if (status !== "party-member" && !(party && status === "probationary-party-member")) names.push(POLITICAL[status]);
  return names.join("或");
}

// ── People ──────────────────────────────────────────────────────────────────────────────────────

function person(c: Candidate, ageDate: LocalDate | undefined, withIdNumber: boolean): TemplateRecord {
  return {
    姓名: c.name,
    性别: c.gender === "female" ? "女" : "男",
    出生年月: isValidDate(c.birthDate) ? birthMonth(c.birthDate) : undefined,
    年龄: ageDate && isValidDate(c.birthDate) ? ageOn(c.birthDate, ageDate) : undefined,
    政治面貌: POLITICAL[c.politicalStatus],
    学历: c.education ? EDUCATION[c.education] : undefined,
    工作单位: c.workplace,
    领域: SECTOR[c.sector],
    职务: POST[c.post],
    专兼职: c.commitment === "fulltime" ? "专职" : "兼职",
    任职: postWithCommitment(c),
    编制: c.establishment === "inside" ? "编制内" : "编制外",
    推荐方式: CHANNEL[c.channel],
    联系电话: c.mobile ? maskMobile(c.mobile) : undefined,
    // Masked form only ("5101**********1234"), and only where the paper is not published.
    ...(withIdNumber ? { 身份证号: c.idNumberMasked } : {}),
  };
}

/** 书记（专职）, 兼职副书记, 委员（兼职）: the commitment once, not again after a post that names it. */
function postWithCommitment(c: Candidate): string {
  const post = POST[c.post];
  if (post.includes("专职") || post.includes("兼职")) return post;
  return `${post}（${c.commitment === "fulltime" ? "专职" : "兼职"}）`;
}

/** The posts a list holds, in rank order, as a sentence names them: 书记、兼职副书记、委员. */
function postsListed(list: readonly Candidate[]): string | undefined {
  const posts = POST_ORDER.filter((p) => list.some((c) => c.post === p)).map((p) => POST[p]);
  return posts.length > 0 ? posts.join("、") : undefined;
}

const POST_ORDER: Post[] = ["secretary", "fulltime-deputy", "parttime-deputy", "member"];
const byPost = (a: Candidate, b: Candidate) => POST_ORDER.indexOf(a.post) - POST_ORDER.indexOf(b.post);

/** The formal candidates: those marked formal or later; else the slate still running, with a note. */
function formalCandidates(candidates: readonly Candidate[]): { list: Candidate[]; note?: DocumentNote } {
  const formal = candidates.filter((c) => c.status === "formal" || c.status === "elected" || c.status === "appointed");
  if (formal.length > 0) return { list: [...formal].sort(byPost) };
  const slate = candidates.filter((c) => c.status === "nominated" || c.status === "eligible");
  return slate.length > 0 ? { list: [...slate].sort(byPost), note: "formal-list-from-slate" } : { list: [], note: "formal-list-empty" };
}

/** 拟任人选: the elected and the appointed. */
function appointees(candidates: readonly Candidate[]): Candidate[] {
  return candidates.filter((c) => c.status === "elected" || c.status === "appointed").sort(byPost);
}

// ── Values common to every paper ────────────────────────────────────────────────────────────────

/** A date, text or count as recorded (lists of candidates ticked are read from the candidates' statuses). */
function recorded(latest: Partial<Record<StepId, StepRecord>>, step: StepId, key: string): string | number | undefined {
  const value = latest[step]?.values[key];
  return value === "" || Array.isArray(value) ? undefined : value;
}
const recordedDate = (latest: Partial<Record<StepId, StepRecord>>, step: StepId, key: string) => {
  const value = recorded(latest, step, key);
  return typeof value === "string" ? date(value) : undefined;
};
const recordedCount = (latest: Partial<Record<StepId, StepRecord>>, step: StepId, key: string) => {
  const value = recorded(latest, step, key);
  return typeof value === "number" ? value : undefined;
};
const recordedText = (latest: Partial<Record<StepId, StepRecord>>, step: StepId, key: string) => {
  const value = recorded(latest, step, key);
  return value === undefined ? undefined : String(value);
};

/** The date a paper carries: the recorded date of its own act where there is one, else the drafting day. */
const DOCUMENT_DATE: Record<DocumentKind, [StepId, string] | undefined> = {
  "working-group": ["working-group", "formedOn"],
  "publicity-notice": ["publicity", "periodStart"],
  "registration-form": undefined,
  "formal-candidates": ["formal-candidates", "decidedOn"],
  "pre-appointment-notice": ["pre-appointment-notice", "periodStart"],
  "approval-request": undefined,
  "summary-report": ["summary-report", "submittedOn"],
};

function commonValues(kind: DocumentKind, input: DocumentInput): Record<string, TemplateValue> {
  const { plan, records } = input;
  const latest = latestRecords(records);
  const subdistrict = plan.kind === "subdistrict";
  const unitName = plan.name;
  const unit = unitWord(plan);
  const seats = plan.seats;

  const maxAge = ruleFor(plan, "maxAge");
  const relaxed = ruleFor(plan, "relaxedMaxAge");
  const political = ruleFor(plan, "politicalStatus");
  const localTie = ruleFor(plan, "localTie");
  const channels = ruleFor(plan, "nominationChannels");
  const publicity = ruleFor(plan, "publicityDaysMin");
  const notice = ruleFor(plan, "preAppointmentNoticeDays");
  const surplus = ruleFor(plan, "candidateSurplusMin");
  const outsideShare = ruleFor(plan, "nonEstablishmentShareMin");
  const partyMin = ruleFor(plan, "partyMembersMin");
  const size = ruleFor(plan, "committeeSize");
  const deadline = completionDeadline(plan);
  const dated = DOCUMENT_DATE[kind];
  const ownDate = dated ? recordedDate(latest, dated[0], dated[1]) : undefined;

  const organisation = recordedCount(latest, "nominations", "organisation");
  const joint = recordedCount(latest, "nominations", "jointSignature");
  const self = recordedCount(latest, "nominations", "self");
  const democratic = recordedCount(latest, "nominations", "democratic");
  const combined = channels && channelsCombined(channels.value.channels, channels.value.required ?? "all");
  // The counts per channel the township's rule names (南山: 组织推荐、民主推荐、个人自荐), then any
  // other channel with a count recorded (nothing recorded is dropped from the paper).
  const ruleNamed = channels?.value.channels ?? DEFAULT_CHANNELS;
  const others = (Object.keys(CHANNEL) as NominationChannel[]).filter(
    (c) => !ruleNamed.includes(c) && (recordedCount(latest, "nominations", CHANNEL_COUNT[c]) ?? 0) > 0,
  );
  const named = [...ruleNamed, ...others];
  const counts = named.map((c) => recordedCount(latest, "nominations", CHANNEL_COUNT[c]));
  const allCounted = counts.every((n) => n !== undefined);
  const countList = (separator: string) =>
    allCounted ? named.map((c, i) => `${CHANNEL[c]}${counts[i]}名`).join(separator) : undefined;

  return {
    // Who and where
    省份: plan.province,
    市州: plan.city,
    县区: plan.county,
    乡镇名称: unitName,
    // The unit's own words: 全镇/我乡/街道团工委, never 乡镇 for a 镇. One organ name throughout a paper.
    单位类别: unit,
    本级团委: `${unit}${subdistrict ? "团工委" : "团委"}`,
    本级党委: `${unit}${subdistrict ? "党工委" : "党委"}`,
    团委名称: `${unitName}${subdistrict ? "团工委" : "团委"}`,
    党委名称: `${unitName}${subdistrict ? "党工委" : "党委"}`,
    上级团委: `共青团${plan.county}委员会`,
    成文日期: ownDate ?? date(input.today),
    起草日期: date(input.today),
    // Plan
    党委换届日期: date(plan.partyElectionDate),
    计划选举日期: date(plan.plannedElectionDate),
    完成时限: date(deadline?.date),
    完成时限月数: deadline?.basis.value.monthsAfterPartyElection,
    委员总数: totalSeats(seats),
    书记职数: seats.secretary,
    专职副书记职数: seats.fulltimeDeputies,
    兼职副书记职数: seats.parttimeDeputies,
    副书记职数: seats.fulltimeDeputies + seats.parttimeDeputies,
    普通委员职数: seats.members,
    // Rules
    年龄上限: maxAge ? ageLimit(maxAge.value) : undefined,
    可放宽年龄: relaxed !== undefined,
    放宽年龄条件: relaxed ? `${relaxed.value.condition.zh}可放宽到${ageLimit(relaxed.value)}` : undefined,
    政治面貌要求: political ? politicalList(political.value.allowed) : undefined,
    须本地户籍: localTie?.value.required === true,
    本地要求: `${unitName}户籍或在${unitName}长期居住、工作`,
    推荐方式: channels ? channels.value.channels.map((c) => CHANNEL[c]).join("、") : undefined,
    推荐途径相结合: combined,
    各途径相结合: combined !== undefined,
    推荐途径可选: combined === undefined,
    有联名人数要求: channels?.value.jointSignaturesMin !== undefined,
    联名推荐最少人数: channels?.value.jointSignaturesMin,
    宣传发动最少天数: publicity?.value.days,
    任前公示天数: notice?.value.days,
    有差额比例: surplus !== undefined && surplus.value.minRatio > 0,
    差额比例: surplus && surplus.value.minRatio > 0 ? `${Math.round(surplus.value.minRatio * 100)}%` : undefined,
    编制外比例下限: outsideShare ? `${Math.round(outsideShare.value.ratio * 1000) / 10}%` : undefined,
    党员最少人数: partyMin?.value.count,
    有委员人数要求: size !== undefined,
    有编制外比例要求: outsideShare !== undefined,
    有党员人数要求: partyMin !== undefined,
    委员人数范围: size ? (size.value.min === size.value.max ? `${size.value.min}名` : `${size.value.min}—${size.value.max}名`) : undefined,
    // What the checklist recorded
    工作计划确定日期: recordedDate(latest, "work-plan", "approvedOn"),
    领导小组成立日期: recordedDate(latest, "working-group", "formedOn"),
    领导小组组长: recordedText(latest, "working-group", "leader"),
    领导小组说明: recordedText(latest, "working-group", "note"),
    宣传发动开始日期: recordedDate(latest, "publicity", "periodStart"),
    宣传发动结束日期: recordedDate(latest, "publicity", "periodEnd"),
    宣传媒介: recordedText(latest, "publicity", "media"),
    报名截止日期: recordedDate(latest, "nominations", "closedOn"),
    组织推荐人数: organisation,
    联名推荐人数: joint,
    个人自荐人数: self,
    民主推荐人数: democratic,
    推荐人数明细: countList("，"),
    推荐人数列举: countList("、"),
    推荐人数合计: allCounted ? counts.reduce<number>((sum, n) => sum + (n ?? 0), 0) : undefined,
    资格审查日期: recordedDate(latest, "eligibility-review", "reviewedOn"),
    审查合格人数: recordedCount(latest, "eligibility-review", "eligible"),
    审查不合格人数: recordedCount(latest, "eligibility-review", "ineligible"),
    正式候选人确定日期: recordedDate(latest, "formal-candidates", "decidedOn"),
    选举日期: recordedDate(latest, "election", "heldOn"),
    评委人数: recordedCount(latest, "election", "judges"),
    考察完成日期: recordedDate(latest, "inspection", "completedOn"),
    公示开始日期: recordedDate(latest, "pre-appointment-notice", "periodStart"),
    公示结束日期: recordedDate(latest, "pre-appointment-notice", "periodEnd"),
    公示地点: recordedText(latest, "pre-appointment-notice", "place"),
    任命日期: recordedDate(latest, "appointment", "appointedOn"),
    任命文号: recordedText(latest, "appointment", "documentNo"),
    培训日期: recordedDate(latest, "training", "heldOn"),
    参训人数: recordedCount(latest, "training", "participants"),
    运行机制建立日期: recordedDate(latest, "running-mechanisms", "setUpOn"),
    首次例会日期: recordedDate(latest, "running-mechanisms", "firstMeetingOn"),
    党委听取汇报日期: recordedDate(latest, "running-mechanisms", "hearingOn"),
    总结报送日期: recordedDate(latest, "summary-report", "submittedOn"),
    报送单位: recordedText(latest, "summary-report", "submittedTo"),
    // Never recorded by the assistant: always a blank to fill by hand.
    联系人: undefined,
    联系电话: undefined,
    领导小组副组长: undefined,
    领导小组成员: undefined,
    公示结果: undefined,
  };
}

// ── Per kind ────────────────────────────────────────────────────────────────────────────────────

const SEAT_OF_POST: Record<Post, keyof TownshipPlan["seats"]> = {
  secretary: "secretary",
  "fulltime-deputy": "fulltimeDeputies",
  "parttime-deputy": "parttimeDeputies",
  member: "members",
};

function postsOnOffer(plan: TownshipPlan): TemplateRecord[] {
  return POST_ORDER.filter((p) => plan.seats[SEAT_OF_POST[p]] > 0).map((p) => ({ 职务: POST[p], 职数: plan.seats[SEAT_OF_POST[p]] }));
}

function ageDateOf(input: DocumentInput): LocalDate | undefined {
  const held = latestRecords(input.records).election?.values.heldOn;
  if (typeof held === "string" && isValidDate(held)) return held;
  return input.plan.plannedElectionDate && isValidDate(input.plan.plannedElectionDate) ? input.plan.plannedElectionDate : undefined;
}

/** A change as the report's table shows it: "+9", "-1", "0"; a unit after the number where it needs one. */
function signed(change: number | undefined, unit = ""): string | undefined {
  if (change === undefined) return undefined;
  return `${change > 0 ? "+" : ""}${change}${unit}`;
}

function ratioText(inside: number, outside: number): string {
  const ratio = establishmentRatio(inside, outside);
  return ratio.perInside ? `${ratio.raw}（约${ratio.perInside}）` : ratio.raw;
}

function summaryValues(figures: SummaryFigures): Record<string, TemplateValue> {
  const { after, before, change } = figures;
  const timing = { "on-time": "按期", late: "逾期", open: "未完成", undated: "无计划日期" } as const;
  // With no committee before (0 members) a share, a ratio or an average does not exist: a dash, not a blank.
  const none = before?.members === 0 ? "—" : undefined;
  return {
    创新后委员人数: after?.members,
    创新后书记人数: after?.secretaries,
    创新后副书记人数: after ? after.fulltimeDeputies + after.parttimeDeputies : undefined,
    创新后书记副书记人数: after ? after.secretaries + after.fulltimeDeputies + after.parttimeDeputies : undefined,
    创新后兼职人数: after?.parttime,
    创新后编制内人数: after?.inside,
    创新后编制外人数: after?.outside,
    创新后编制内外比例: after ? ratioText(after.inside, after.outside) : undefined,
    创新后编制外占比: after?.outsidePercent !== undefined ? `${after.outsidePercent}%` : undefined,
    创新后党员人数: after?.partyMembers,
    创新后团员人数: after?.leagueMembers,
    创新后女性人数: after?.female,
    创新后平均年龄: after?.averageAge,
    创新后来源单位数: after ? after.units : undefined,
    创新后覆盖领域数: after?.sectors,
    创新后领域构成: after
      ? Object.entries(after.bySector)
          .map(([sector, n]) => `${SECTOR[sector as Sector]}${n}名`)
          .join("、")
      : undefined,
    // As the secretary gave them with the work plan; a figure not given stays a blank.
    有创新前数字: before !== undefined,
    创新前委员人数: before?.members,
    创新前书记副书记人数: before?.leaders,
    创新前兼职人数: before?.parttime,
    创新前编制内人数: before?.inside,
    创新前编制外人数: before?.outside,
    创新前编制内外比例: before?.inside !== undefined && before.outside !== undefined && before.members > 0 ? ratioText(before.inside, before.outside) : none,
    创新前编制外占比: before?.outsidePercent !== undefined ? `${before.outsidePercent}%` : none,
    创新前党员人数: before?.partyMembers,
    创新前团员人数: before?.leagueMembers,
    创新前女性人数: before?.female,
    创新前平均年龄: before?.averageAge ?? none,
    创新前来源单位数: before?.units,
    创新前覆盖领域数: before?.sectors,
    委员人数变化: signed(change.members),
    书记副书记人数变化: signed(change.leaders),
    兼职人数变化: signed(change.parttime),
    编制内人数变化: signed(change.inside),
    编制外人数变化: signed(change.outside),
    编制外占比变化: signed(change.outsidePercent, "个百分点"),
    党员人数变化: signed(change.partyMembers),
    团员人数变化: signed(change.leagueMembers),
    女性人数变化: signed(change.female),
    平均年龄变化: signed(change.averageAge, "岁"),
    来源单位数变化: signed(change.units),
    覆盖领域数变化: signed(change.sectors),
    年龄计算日期: formatDate(figures.ageDate, "zh"),
    录入候选人人数: figures.candidatesEntered,
    工作步骤总数: figures.stepsTotal,
    已完成步骤数: figures.stepsDone,
    按期完成步骤数: figures.stepsOnTime,
    逾期完成步骤数: figures.stepsLate,
    有逾期步骤: figures.stepsLate > 0,
    逾期步骤: figures.steps
      .filter((s) => s.timing === "late")
      .map((s, i, all) => ({
        步骤: STEP_NAME[s.stepId],
        应完成日期: date(s.due),
        实际完成日期: date(s.doneOn),
        逾期天数: s.daysLate,
        // A list in a sentence: items end with “；”, the last with “。”.
        句末: i === all.length - 1 ? "。" : "；",
      })),
    进度明细: figures.steps.map((s) => ({
      步骤: STEP_NAME[s.stepId],
      应完成日期: date(s.due),
      实际完成日期: s.doneOn ? date(s.doneOn) : "—",
      完成情况: timing[s.timing],
    })),
    // Written by the secretary: what the data cannot say.
    主要做法: undefined,
    存在问题和下一步打算: undefined,
  };
}

const verdict = (met: boolean) => (met ? "符合要求" : "未达到要求");

/**
 * The summary report's 对照要求: each rule the report answers to, whether the township met it, and the
 * figure it was judged by; and whether the appointment was made within the completion deadline.
 */
function requirementValues(plan: TownshipPlan, figures: SummaryFigures, records: readonly StepRecord[]): Record<string, TemplateValue> {
  const after = figures.after;
  const lines: string[] = [];
  const deadline = completionDeadline(plan)?.date;
  const appointedOn = stepDoneOn("appointment", latestRecords(records).appointment);
  let withinDeadline: string | undefined;
  if (deadline && appointedOn) {
    const late = daysBetween(deadline, appointedOn);
    withinDeadline = late <= 0 ? "在规定时限内完成" : `比规定时限晚${late}天`;
    lines.push(`完成时限：须于${date(deadline)}前完成，实际于${date(appointedOn)}完成任命，${late <= 0 ? "符合要求" : `逾期${late}天，未达到要求`}。`);
  } else if (deadline) lines.push(`完成时限：须于${date(deadline)}前完成，尚未完成任命。`);
  const size = ruleFor(plan, "committeeSize");
  const share = ruleFor(plan, "nonEstablishmentShareMin");
  const party = ruleFor(plan, "partyMembersMin");
  const none = "尚无已任命（已当选）的委员，暂不能对照";
  if (size) {
    const range = size.value.min === size.value.max ? `${size.value.min}名` : `${size.value.min}—${size.value.max}名`;
    lines.push(
      after
        ? `委员人数：一般由${range}委员组成，现有委员${after.members}名，${verdict(after.members >= size.value.min && after.members <= size.value.max)}。`
        : `委员人数：一般由${range}委员组成，${none}。`,
    );
  }
  if (share) {
    const floor = Math.round(share.value.ratio * 1000) / 10;
    lines.push(
      after?.outsidePercent !== undefined
        ? `编制外比例：不低于${floor}%，现为${after.outsidePercent}%（编制外${after.outside}名），${verdict(after.outside / after.members >= share.value.ratio)}。`
        : `编制外比例：不低于${floor}%，${none}。`,
    );
  }
  if (party) {
    lines.push(
      after
        ? `中共党员人数：不少于${party.value.count}名，现有${after.partyMembers}名，${verdict(after.partyMembers >= party.value.count)}。`
        : `中共党员人数：不少于${party.value.count}名，${none}。`,
    );
  }
  return {
    时限完成情况: withinDeadline,
    有对照要求: lines.length > 0,
    对照要求: lines.map((line, i) => ({ 条目: `（${CHINESE_NUMBERS[i]}）${line}` })),
  };
}

const CHINESE_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** The values of one paper for one township, with notes on how lists were chosen. */
export function documentData(kind: DocumentKind, input: DocumentInput): DocumentData {
  const values: Record<string, TemplateValue> = commonValues(kind, input);
  const notes: DocumentNote[] = [];
  const withIdNumber = !documentSpec(kind).public;
  const ageDate = ageDateOf(input);

  switch (kind) {
    case "registration-form":
    case "publicity-notice":
      // Listed one a line as a sentence lists them: “；” after each, “。” after the last.
      values.竞选职务 = postsOnOffer(input.plan).map((p, i, all) => ({ ...p, 句末: i === all.length - 1 ? "。" : "；" }));
      values.竞选职务选项 = postsOnOffer(input.plan)
        .map((p) => `□${p.职务}`)
        .join("  ");
      values.推荐方式选项 = String(values.推荐方式 ?? "")
        .split("、")
        .filter((c) => c !== "")
        .map((c) => `□${c}`)
        .join("  ");
      break;
    case "formal-candidates": {
      const { list, note } = formalCandidates(input.candidates);
      if (note) notes.push(note);
      values.正式候选人名单 = list.map((c) => person(c, ageDate, withIdNumber));
      values.正式候选人人数 = list.length > 0 ? list.length : undefined;
      values.竞选职务名称 = postsListed(list) ?? postsOnOffer(input.plan).map((p) => p.职务).join("、");
      values.各职务候选人 = postsOnOffer(input.plan).map((p) => ({
        ...p,
        候选人数: list.filter((c) => POST[c.post] === p.职务).length,
      }));
      break;
    }
    case "pre-appointment-notice":
    case "approval-request": {
      const list = appointees(input.candidates);
      if (list.length === 0) notes.push("appointees-none");
      values.拟任人选名单 = list.map((c) => person(c, ageDate, withIdNumber));
      values.拟任人选人数 = list.length > 0 ? list.length : undefined;
      // With nobody listed yet, the posts the plan offers (the list will be filled to match).
      values.拟任职务 = postsListed(list) ?? postsOnOffer(input.plan).map((p) => p.职务).join("、");
      const formal = formalCandidates(input.candidates);
      values.正式候选人人数 = formal.note === undefined ? formal.list.length : undefined;
      break;
    }
    case "summary-report": {
      const figures = summaryFigures(input.plan, input.records, input.candidates, input.today);
      if (figures.committeeBasis === "elected") notes.push("committee-elected-only");
      if (figures.committeeBasis === "none") notes.push("committee-none");
      if (!figures.before) notes.push("before-none");
      Object.assign(values, summaryValues(figures), requirementValues(input.plan, figures, input.records));
      values.委员名单 = figures.committee.sort(byPost).map((c) => person(c, figures.ageDate, withIdNumber));
      break;
    }
    case "working-group":
      break;
  }
  return { values, notes };
}

/** Every placeholder name any paper can fill (templates are checked against it). */
export function knownPlaceholders(kind: DocumentKind): Set<string> {
  const sample: DocumentInput = {
    plan: {
      id: "-",
      province: "-",
      city: "-",
      county: "-",
      name: "-",
      kind: "township",
      profileId: "recommended",
      seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 1 },
    },
    records: [],
    candidates: [],
    today: "2000-01-01",
  };
  const { values } = documentData(kind, sample);
  const names = new Set(Object.keys(values));
  // Inside lists: the fields of a person, of a citation, of a post, of a step, and the running number.
  for (const key of ["序号", "任职", "条目", "逾期天数", "句末", "姓名", "性别", "出生年月", "年龄", "政治面貌", "学历", "工作单位", "领域", "职务", "专兼职", "编制", "推荐方式", "联系电话", "出处", "原文", "职数", "候选人数", "步骤", "应完成日期", "实际完成日期", "完成情况"])
    names.add(key);
  if (!documentSpec(kind).public) names.add("身份证号");
  return names;
}

