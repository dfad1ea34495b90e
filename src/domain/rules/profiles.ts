/**
 * The rule parameters each locality's document actually states, plus a recommended default assembled
 * from them. Every record cites the curated text (src/knowledge/docs/<doc>.md): `section` is the
 * section id there and `quote` an exact substring of that section's text (checked by
 * test/knowledge-data.test.ts). Pure data: no I/O.
 *
 * Reading notes (Chinese usage): "以下/以上/不少于/不低于/不超过/至" include the boundary, hence
 * `inclusive: true`. Ages are 周岁 (completed years) on the election date.
 */
import type {
  Bilingual,
  Citation,
  DocId,
  ProfileId,
  RuleKey,
  RuleModality,
  RuleProfile,
  RuleRecord,
  RuleScope,
  RuleValues,
} from "./types.js";

export const RECOMMENDED_PROFILE_ID = "recommended" as const;

/** The profiles written from one locality's document (everything except the recommended default). */
export type LocalProfileId = Exclude<ProfileId, typeof RECOMMENDED_PROFILE_ID>;

function rule<K extends RuleKey>(
  key: K,
  value: RuleValues[K],
  summary: Bilingual,
  doc: DocId,
  section: string,
  quote: string,
  how: { modality?: RuleModality; scope?: RuleScope } = {},
): RuleRecord<K> {
  const citation: Citation = { doc, section, quote };
  return {
    key,
    value,
    summary,
    citation,
    modality: how.modality ?? "must",
    ...(how.scope ? { scope: how.scope } : {}),
  };
}

/** 新港's standard heads "增配编制外副书记、委员": it names the deputies and members, not the secretary. */
const ADDED_POSTS: RuleScope = { posts: ["fulltime-deputy", "parttime-deputy", "member"] };

const PART_TIME_POSTS: ("parttime-deputy" | "member")[] = ["parttime-deputy", "member"];

const JIYANG: RuleProfile = {
  id: "jiyang",
  name: { zh: "吉阳镇团组织格局创新工作实施方案", en: "Jiyang Town implementation plan" },
  place: { zh: "海南省三亚市吉阳镇", en: "Jiyang Town, Sanya, Hainan" },
  basis: {
    zh: "吉阳镇团委2011年10月8日的实施方案:选配标准、数量结构、选配程序(四)、运行机制(五)、推进步骤(六)中明文规定的条件与期限。",
    en: "The Jiyang Town League committee's plan of 2011-10-08: the conditions and deadlines stated in its selection standards, size, procedure (IV), running mechanisms (V) and timetable (VI).",
  },
  rules: {
    maxAge: rule(
      "maxAge",
      { years: 35, inclusive: true },
      { zh: "团委成员年龄应在35周岁以下。", en: "Committee members must be 35 or younger (35周岁以下)." },
      "jiyang-plan",
      "s4-1-1",
      "年龄应在35周岁以下",
    ),
    relaxedMaxAge: rule(
      "relaxedMaxAge",
      {
        years: 40,
        inclusive: true,
        appliesTo: PART_TIME_POSTS,
        partTimeOnly: true,
        condition: {
          zh: "其他条件特别优秀的兼职干部人选",
          en: "a part-time candidate who is otherwise especially outstanding",
        },
      },
      {
        zh: "其他条件特别优秀的兼职干部人选可放宽到40岁以下。",
        en: "Part-time candidates who are otherwise especially outstanding may be up to 40.",
      },
      "jiyang-plan",
      "s4-1-1",
      "其他条件特别优秀的兼职干部人选可放宽到40岁以下",
      { modality: "may" },
    ),
    politicalStatus: rule(
      "politicalStatus",
      { allowed: ["party-member", "probationary-party-member", "league-member"] },
      { zh: "须为中共党员或共青团员。", en: "Must be a CPC member or a League member." },
      "jiyang-plan",
      "s4-1-1",
      "中共党员或共青团员",
    ),
    localTie: rule(
      "localTie",
      { required: true },
      {
        zh: "须为吉阳镇户籍或在本镇长期居住、工作的青年。",
        en: "Must hold local household registration, or have lived or worked in the town long-term.",
      },
      "jiyang-plan",
      "s4-1-1",
      "吉阳镇户籍或在我镇长期居住、工作的青年",
    ),
    committeeSize: rule(
      "committeeSize",
      { min: 9, max: 15 },
      { zh: "镇团委一般由9—15名委员组成。", en: "The committee normally has 9–15 members." },
      "jiyang-plan",
      "s4-2",
      "镇团委一般由9—15名委员组成",
    ),
    seats: rule(
      "seats",
      { fulltimeDeputies: 1, parttimeDeputies: 1, total: 15 },
      {
        zh: "设专职团委副书记1名、兼职副书记1名,团委委员15名。",
        en: "1 full-time deputy secretary, 1 part-time deputy secretary, 15 committee members.",
      },
      "jiyang-plan",
      "s4-1-3",
      "设置专职团委副书记1名,应注重从各村团支部和各学校团支部书记中选拔;兼职副书记1名,应从各村大学生村官中进行选拔;团委委员15名",
    ),
    leaderShareMax: rule(
      "leaderShareMax",
      { numerator: 1, denominator: 3 },
      {
        zh: "书记、副书记数量一般不超过委员数量的三分之一。",
        en: "Secretary and deputies together normally at most one third of the members.",
      },
      "jiyang-plan",
      "s4-2",
      "乡镇团委书记、副书记数量一般不超过委员数量的三分之一",
    ),
    nominationChannels: rule(
      "nominationChannels",
      // "可以通过…等渠道产生": the channels candidates may come through, not all of them required.
      { channels: ["organisation", "joint-signature", "self"], jointSignaturesMin: 10, required: "any" },
      {
        zh: "候选人可以通过组织推荐、团员青年10人联名推荐、个人自荐等渠道产生(不要求各渠道都有)。",
        en: "Candidates may come from organisation nomination, a joint nomination by 10 League members/young people, or self-nomination (not every channel is required).",
      },
      "jiyang-plan",
      "s4-3-4",
      "候选人人选可以通过组织推荐、团员青年10人联名推荐、个人自荐等渠道产生",
      { modality: "may" },
    ),
    publicityDaysMin: rule(
      "publicityDaysMin",
      { days: 15 },
      { zh: "宣传发动时间应不少于15天。", en: "Publicity and mobilisation runs at least 15 days." },
      "jiyang-plan",
      "s4-3-3",
      "宣传发动时间应不少于15天",
    ),
    completionDeadline: rule(
      "completionDeadline",
      { monthsAfterPartyElection: 1 },
      {
        zh: "党委换届结束后1个月内必须完成团的组织格局创新工作。",
        en: "The restructuring must be finished within 1 month after the township Party committee's election.",
      },
      "jiyang-plan",
      "s6",
      "各乡镇党委换届结束后1个月内,必须完成乡镇团的组织格局创新工作",
    ),
    committeeMeetingEvery: rule(
      "committeeMeetingEvery",
      { months: 3 },
      {
        zh: "团委每三个月召开1次全体委员例会。",
        en: "The full committee meets once every three months.",
      },
      "jiyang-plan",
      "s5-2",
      "乡镇团委每三个月召开1次全体委员例会",
    ),
    annualWorkReport: rule(
      "annualWorkReport",
      { perYear: 1 },
      {
        zh: "团委班子成员述职:每年向镇团委进行工作总结汇报。",
        en: "The committee's leaders report on their work every year (述职).",
      },
      "jiyang-plan",
      "s5-2",
      "建立乡镇团委班子成员述职制度,乡镇团委班子每年向镇团委进行工作总结汇报",
    ),
    partyCommitteeHearing: rule(
      "partyCommitteeHearing",
      { perYear: 1 },
      {
        zh: "镇党委每年至少听取一次团委专题汇报。",
        en: "The township Party committee hears a report on League work at least once a year.",
      },
      "jiyang-plan",
      "s5-1",
      "确保每年至少听取一次专题汇报",
    ),
  },
};

const XINGANG: RuleProfile = {
  id: "xingang",
  name: { zh: "新港街道团组织格局创新工作实施方案", en: "Xingang Subdistrict implementation plan" },
  place: { zh: "新港街道", en: "Xingang Subdistrict" },
  basis: {
    zh: "新港街道团工委的实施方案:选配标准(二(一)(1))、人选推荐和竞选演讲(三(二))中的明文规定。任前公示未规定期限,故不设。",
    en: "The Xingang Subdistrict League working committee's plan: the rules in its selection standard (II.1.1), nomination and election speech (III.2). Its pre-appointment notice has no stated length, so none is set.",
  },
  rules: {
    maxAge: rule(
      "maxAge",
      { years: 33, inclusive: true },
      {
        zh: "增配的编制外副书记、委员年龄33周岁以下(不含书记)。",
        en: "The deputies and members added from outside the establishment must be 33 or younger (not the secretary).",
      },
      "xingang-plan",
      "s2-1-1",
      "33周岁以下",
      { scope: ADDED_POSTS },
    ),
    relaxedMaxAge: rule(
      "relaxedMaxAge",
      {
        years: 38,
        inclusive: true,
        appliesTo: PART_TIME_POSTS,
        condition: { zh: "特殊情况", en: "special circumstances" },
      },
      { zh: "特殊情况可放宽至38周岁。", en: "In special circumstances, up to 38." },
      "xingang-plan",
      "s2-1-1",
      "特殊情况可放宽至38周岁",
      { modality: "may", scope: ADDED_POSTS },
    ),
    politicalStatus: rule(
      "politicalStatus",
      { allowed: ["party-member", "probationary-party-member", "league-member"] },
      { zh: "须为党员或团员。", en: "Must be a Party member or a League member." },
      "xingang-plan",
      "s2-1-1",
      "党员或团员",
    ),
    nominationChannels: rule(
      "nominationChannels",
      { channels: ["self", "organisation"], required: "any" },
      {
        zh: "通过青年自荐、组织推荐的形式产生人选。",
        en: "Candidates come from self-nomination or organisation nomination.",
      },
      "xingang-plan",
      "s2-1-3",
      "通过青年自荐、组织推荐的形式",
    ),
    speechMinutesMax: rule(
      "speechMinutesMax",
      { minutes: 5 },
      {
        zh: "竞职演讲不超过5分钟,顺序按抽签决定。",
        en: "Each candidate's speech lasts at most 5 minutes; the order is drawn by lot.",
      },
      "xingang-plan",
      "s3-2-3",
      "发表不超过5分钟的竞职演讲,演讲顺序按抽签决定",
    ),
    scoring: rule(
      "scoring",
      { scale: 100, method: "average" },
      {
        zh: "评委按百分制打分,平均分数作为竞职演讲评定成绩。",
        en: "Judges score on a hundred-point scale (百分制); the average is the candidate's speech score.",
      },
      "xingang-plan",
      "s3-2-3",
      "按百分制进行打分,得出的平均分数作为竞职者的竞职演讲评定成绩",
    ),
  },
};

const NANSHAN: RuleProfile = {
  id: "nanshan",
  name: { zh: "南山街道推进团组织格局创新工作实施方案", en: "Nanshan Subdistrict implementation plan" },
  place: { zh: "四川省攀枝花市东区南山街道", en: "Nanshan Subdistrict, East District, Panzhihua, Sichuan" },
  basis: {
    zh: "南山街道团工委2011年10月19日的实施方案:成员人数与结构(三(一))、选配标准(三(三))、选配程序(四)中的明文规定。",
    en: "The Nanshan Subdistrict League working committee's plan of 2011-10-19: the rules in its size and composition (III.1), selection standard (III.3) and procedure (IV).",
  },
  rules: {
    maxAge: rule(
      "maxAge",
      { years: 35, inclusive: true },
      { zh: "年龄一般不超过35周岁。", en: "Candidates are normally at most 35." },
      "nanshan-plan",
      "s3-3",
      "年龄一般不超过 35 周岁",
      { modality: "should" },
    ),
    relaxedMaxAge: rule(
      "relaxedMaxAge",
      {
        years: 40,
        inclusive: true,
        appliesTo: PART_TIME_POSTS,
        partTimeOnly: true,
        condition: { zh: "兼职团干部", en: "part-time League cadres" },
        needsReason: false,
      },
      { zh: "兼职团干部年龄可放宽到40周岁。", en: "Part-time cadres may be up to 40." },
      "nanshan-plan",
      "s3-3",
      "兼职团干部年龄可放宽到40 周岁",
      { modality: "may" },
    ),
    politicalStatus: rule(
      "politicalStatus",
      { allowed: ["party-member", "probationary-party-member", "league-member"] },
      { zh: "政治面貌为共青团员或中共党员。", en: "Must be a League member or a CPC member." },
      "nanshan-plan",
      "s3-3",
      "政治面貌为共青团员或中共党员",
    ),
    committeeSize: rule(
      "committeeSize",
      { min: 13, max: 13 },
      { zh: "团工委设委员13名。", en: "The committee has 13 members." },
      "nanshan-plan",
      "s3-1",
      "团工委设委员 13名",
    ),
    seats: rule(
      "seats",
      { secretary: 1, parttimeDeputies: 3, total: 13 },
      {
        zh: "委员13名,其中书记1名,兼职副书记3名。",
        en: "13 members: 1 secretary and 3 part-time deputy secretaries among them.",
      },
      "nanshan-plan",
      "s3-1",
      "团工委设委员 13名,其中书记 1 名,兼职副书记 3名",
    ),
    partyMembersMin: rule(
      "partyMembersMin",
      { count: 3 },
      { zh: "其中中共党员不少于3人。", en: "At least 3 members are CPC members." },
      "nanshan-plan",
      "s3-1",
      "其中中共党员不少于 3 人",
    ),
    nonEstablishmentShareMin: rule(
      "nonEstablishmentShareMin",
      { ratio: 0.5 },
      {
        zh: "编制外人员所占比例不低于50%。",
        en: "At least 50% of the members are from outside the establishment.",
      },
      "nanshan-plan",
      "s3-1",
      "编制外人员所占比例不低于 50%",
    ),
    publicityDaysMin: rule(
      "publicityDaysMin",
      { days: 10 },
      { zh: "宣传发动时间不少于10天。", en: "Publicity and mobilisation runs at least 10 days." },
      "nanshan-plan",
      "s4-1",
      "宣传发动时间不少于 10 天",
    ),
    nominationChannels: rule(
      "nominationChannels",
      // 民主推荐 (a recommendation by the members' vote) is no signed joint nomination (联名推荐).
      { channels: ["organisation", "democratic", "self"], required: "all" },
      {
        zh: "坚持组织推荐、民主推荐和个人自荐三种途径相结合(民主推荐不是联名推荐)。",
        en: "Organisation nomination, democratic recommendation (by the members, not a signed joint nomination) and self-nomination are used together.",
      },
      "nanshan-plan",
      "s4-2",
      "坚持组织推荐、民主推荐和个人自荐三种途径相结合",
    ),
    candidateSurplusMin: rule(
      "candidateSurplusMin",
      // Over the election as a whole: the members to be chosen (13 → 16), not per post; the secretary,
      // appointed directly by the Party working committee (四、选配程序), is not elected.
      { minRatio: 0.2, strictlyMore: false, over: "election", excludes: ["secretary"] },
      {
        zh: "按高于拟选配委员数量20%的比例确定正式候选人(按整场选举计)。",
        en: "Formal candidates number at least 20% more than the members to be chosen (over the whole election).",
      },
      "nanshan-plan",
      "s4-2",
      "按照高于拟选配街道团工委委员数量 20%的比例确定正式候选人",
    ),
    preAppointmentNoticeDays: rule(
      "preAppointmentNoticeDays",
      { days: 7 },
      {
        zh: "拟任人选在所在单位进行为期一周的公示。",
        en: "The appointee is publicly announced at their workplace for one week.",
      },
      "nanshan-plan",
      "s4-4",
      "在人选所在单位进行为期一周的公示",
    ),
    annualWorkReport: rule(
      "annualWorkReport",
      { perYear: 1 },
      {
        zh: "考核采取年终述职、领导点评、群众评议相结合的方式。",
        en: "Yearly assessment: a year-end work report, leaders' comments and public evaluation.",
      },
      "nanshan-plan",
      "s6-2",
      "采取年终述职、领导点评、群众评议相结合的方式进行",
    ),
  },
};

const SICHUAN: RuleProfile = {
  id: "sichuan",
  name: { zh: "四川省(张彤同志讲话)", en: "Sichuan (Zhang Tong's speech)" },
  place: { zh: "四川省", en: "Sichuan Province" },
  basis: {
    zh: "讲话以经验介绍和原则要求为主,规则很少:年龄一项只是广元团市委推行的做法(35岁以下的党政副职兼任团委书记,只针对书记);年终述职是讲话对考核评价机制提出的要求。编制内外约1:6、平均年龄25至35岁等为现状描述,不是规则,未收入。",
    en: "The speech mostly reports experience and principles, so it yields few rules: the age item is only Guangyuan's practice (a Party/government deputy under 35 doubles as League secretary, i.e. it concerns the secretary only); the year-end report is what the speech requires of the assessment mechanism. The ~1:6 establishment ratio and the 25–35 average age are descriptions, not rules, and are left out.",
  },
  rules: {
    maxAge: rule(
      "maxAge",
      { years: 35, inclusive: true },
      {
        zh: "广元:推行35岁以下的乡镇(街道)党政副职兼任团委书记(仅指书记)。",
        en: "Guangyuan practice: the secretary is a township Party/government deputy under 35 (secretary only).",
      },
      "sichuan-speech",
      "s1-1",
      "推行35岁以下的乡镇(街道)党政副职兼任团委书记",
      { modality: "practice", scope: { posts: ["secretary"] } },
    ),
    annualWorkReport: rule(
      "annualWorkReport",
      { perYear: 1 },
      {
        zh: "考核评价要通过年终述职、领导点评、群众评议、引入量化指标等形式。",
        en: "Assessment uses a year-end work report, leaders' comments, public evaluation and quantified indicators.",
      },
      "sichuan-speech",
      "s4-3",
      "要通过年终述职、领导点评、群众评议、引入量化指标等形式",
    ),
  },
};

const LOCAL_PROFILES: Record<LocalProfileId, RuleProfile> = {
  jiyang: JIYANG,
  xingang: XINGANG,
  nanshan: NANSHAN,
  sichuan: SICHUAN,
};

/** Which locality each recommended rule is taken from, and why. */
export const RECOMMENDED_CHOICES: { [K in RuleKey]: { from: LocalProfileId; reason: Bilingual } } = {
  maxAge: {
    from: "jiyang",
    reason: {
      zh: "吉阳镇与南山街道都定为35周岁,新港为33周岁;取两份方案共同采用的35周岁。",
      en: "Jiyang and Nanshan both use 35, Xingang 33; the value two plans share, 35, is taken.",
    },
  },
  relaxedMaxAge: {
    from: "jiyang",
    reason: {
      zh: "吉阳镇与南山街道都允许兼职干部放宽到40岁;取吉阳镇的表述,因为它要求“特别优秀”这一可记录的理由。",
      en: "Jiyang and Nanshan both allow part-time cadres up to 40; Jiyang's wording is used because it requires a recordable reason (otherwise especially outstanding).",
    },
  },
  politicalStatus: {
    from: "jiyang",
    reason: {
      zh: "三份方案一致:中共党员或共青团员。",
      en: "All three plans agree: a CPC member or a League member.",
    },
  },
  localTie: {
    from: "jiyang",
    reason: {
      zh: "只有吉阳镇规定户籍或长期居住、工作;其他方案未作相反规定,且团委成员须在本地开展工作,故采用。",
      en: "Only Jiyang states it (registration, or living/working there long-term); no plan says otherwise and members must work locally, so it is kept.",
    },
  },
  committeeSize: {
    from: "jiyang",
    reason: {
      zh: "吉阳镇给出9—15名的区间,南山街道的13名落在其中;取区间,便于各地按青年人数确定。",
      en: "Jiyang gives a 9–15 range and Nanshan's 13 lies inside it; the range is kept so each township sizes by its youth population.",
    },
  },
  seats: {
    from: "nanshan",
    reason: {
      zh: "南山街道的结构(13名,书记1名、兼职副书记3名)同时满足9—15名和领导职数不超过三分之一,作为参考配置。",
      en: "Nanshan's layout (13 members, 1 secretary, 3 part-time deputies) satisfies both the 9–15 range and the one-third cap on leaders, so it serves as the reference layout.",
    },
  },
  leaderShareMax: {
    from: "jiyang",
    reason: {
      zh: "只有吉阳镇规定(不超过三分之一),与其他方案不冲突。",
      en: "Only Jiyang states it (at most one third); it conflicts with no other plan.",
    },
  },
  nonEstablishmentShareMin: {
    from: "nanshan",
    reason: {
      zh: "只有南山街道规定编制外不低于50%,符合格局创新增配编制外干部的目的。",
      en: "Only Nanshan states it (at least 50% outside the establishment); it matches the aim of adding non-establishment cadres.",
    },
  },
  partyMembersMin: {
    from: "nanshan",
    reason: {
      zh: "只有南山街道规定中共党员不少于3人。",
      en: "Only Nanshan states it (at least 3 CPC members).",
    },
  },
  candidateSurplusMin: {
    from: "nanshan",
    reason: {
      zh: "程序性保障取较严者:只有南山街道给出具体差额(高于20%),其他方案只要求体现竞争性。",
      en: "Procedural safeguards take the stricter value: only Nanshan gives a number (20% more candidates than seats); the others only ask for competition.",
    },
  },
  nominationChannels: {
    from: "jiyang",
    reason: {
      zh: "吉阳镇(组织推荐、团员青年联名推荐、个人自荐)与南山街道(组织推荐、民主推荐、个人自荐)都有三种途径,吉阳镇还给出10人联名的门槛;新港只有两种,取吉阳镇的规定。",
      en: "Jiyang (organisation, joint signed nomination, self) and Nanshan (organisation, democratic recommendation, self) each name three channels and Jiyang adds a 10-person threshold for joint nomination; Xingang has only two, so Jiyang's rule is taken.",
    },
  },
  publicityDaysMin: {
    from: "jiyang",
    reason: {
      zh: "程序性保障取较严者:吉阳镇不少于15天,南山街道不少于10天,取15天(同时满足两者)。",
      en: "Procedural safeguards take the stricter value: Jiyang at least 15 days, Nanshan at least 10; 15 satisfies both.",
    },
  },
  preAppointmentNoticeDays: {
    from: "nanshan",
    reason: {
      zh: "新港只规定任前公示而无期限,南山街道规定为期一周,取一周。",
      en: "Xingang requires a pre-appointment notice without a length; Nanshan sets one week, which is taken.",
    },
  },
  speechMinutesMax: {
    from: "xingang",
    reason: {
      zh: "只有新港给出演讲时限(不超过5分钟)。",
      en: "Only Xingang limits the speech (at most 5 minutes).",
    },
  },
  scoring: {
    from: "xingang",
    reason: {
      zh: "只有新港规定评分方法(百分制、取平均分)。",
      en: "Only Xingang sets a scoring method (out of 100, averaged).",
    },
  },
  completionDeadline: {
    from: "jiyang",
    reason: {
      zh: "只有吉阳镇规定期限:党委换届结束后1个月内完成。",
      en: "Only Jiyang sets a deadline: within 1 month after the Party committee's election.",
    },
  },
  committeeMeetingEvery: {
    from: "jiyang",
    reason: {
      zh: "只有吉阳镇规定例会周期(每三个月1次)。",
      en: "Only Jiyang sets a meeting interval (once every three months).",
    },
  },
  annualWorkReport: {
    from: "jiyang",
    reason: {
      zh: "吉阳镇、南山街道和四川讲话一致要求每年述职;引用吉阳镇的述职制度条款。",
      en: "Jiyang, Nanshan and the Sichuan speech all require a yearly report; Jiyang's reporting-system clause is cited.",
    },
  },
  partyCommitteeHearing: {
    from: "jiyang",
    reason: {
      zh: "只有吉阳镇规定党委每年至少听取一次专题汇报。",
      en: "Only Jiyang states it (the Party committee hears a report at least once a year).",
    },
  },
};

function pick<K extends RuleKey>(key: K): RuleRecord<K> {
  const from = RECOMMENDED_CHOICES[key].from;
  const record = LOCAL_PROFILES[from].rules[key] as RuleRecord<K> | undefined;
  if (!record) throw new Error(`recommended rule ${key}: profile ${from} has no such rule`);
  return record;
}

const RULE_KEYS = Object.keys(RECOMMENDED_CHOICES) as RuleKey[];

const RECOMMENDED: RuleProfile = {
  id: RECOMMENDED_PROFILE_ID,
  name: { zh: "推荐默认规则", en: "Recommended default" },
  place: { zh: "未采用地方方案的乡镇(街道)", en: "Any township or subdistrict without its own plan" },
  basis: {
    zh: [
      "每条规则取自某一地方方案,并沿用该方案的原文引用。取舍原则:各方案一致时取共同值;资格条件(年龄等)取多数方案采用的值;程序性保障(宣传天数、候选人差额、公示)取较严者;只有一份方案规定的,若与其他方案不冲突即采用。",
      ...RULE_KEYS.map((key) => `${key}:${RECOMMENDED_CHOICES[key].reason.zh}`),
    ].join("\n"),
    en: [
      "Each rule is taken from one locality's plan and keeps that plan's citation. Choice rule: where plans agree, the common value; for eligibility (age etc.) the value most plans use; for procedural safeguards (publicity days, candidate surplus, notices) the stricter value; a rule stated by one plan only is adopted when no other plan contradicts it.",
      ...RULE_KEYS.map((key) => `${key}: ${RECOMMENDED_CHOICES[key].reason.en}`),
    ].join("\n"),
  },
  rules: {
    maxAge: pick("maxAge"),
    relaxedMaxAge: pick("relaxedMaxAge"),
    politicalStatus: pick("politicalStatus"),
    localTie: pick("localTie"),
    committeeSize: pick("committeeSize"),
    seats: pick("seats"),
    leaderShareMax: pick("leaderShareMax"),
    nonEstablishmentShareMin: pick("nonEstablishmentShareMin"),
    partyMembersMin: pick("partyMembersMin"),
    candidateSurplusMin: pick("candidateSurplusMin"),
    nominationChannels: pick("nominationChannels"),
    publicityDaysMin: pick("publicityDaysMin"),
    preAppointmentNoticeDays: pick("preAppointmentNoticeDays"),
    speechMinutesMax: pick("speechMinutesMax"),
    scoring: pick("scoring"),
    completionDeadline: pick("completionDeadline"),
    committeeMeetingEvery: pick("committeeMeetingEvery"),
    annualWorkReport: pick("annualWorkReport"),
    partyCommitteeHearing: pick("partyCommitteeHearing"),
  },
};

export const PROFILES: Record<ProfileId, RuleProfile> = {
  ...LOCAL_PROFILES,
  recommended: RECOMMENDED,
};
