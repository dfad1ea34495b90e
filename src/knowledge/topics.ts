/**
 * What a question can be about, as data. A topic matches when every trigger group has a hit (a group
 * lists alternatives: Chinese substrings or English word starts, as regular expressions) and no
 * `unless` pattern occurs; the first matching topic in this list wins, so the specific ones come
 * first. `figure` names what a question asking "how many / how long" wants, for saying that a
 * document is silent on it; topics with a `rule` are the ones each locality's plan may or may not set.
 */
import type { Bilingual, RuleKey } from "../domain/rules/types.js";

export interface Topic {
  id: string;
  triggers: string[][];
  unless?: string[];
  /** What the topic's figure is, as the "…没有规定{label}" sentence needs it. */
  label: Bilingual;
  /** The rule records (src/domain/rules) this topic reads: a township's own /plan values come first. */
  rules?: RuleKey[];
  /** Each plan sets this or is silent on it: a named place without it is said to be silent. */
  perPlace?: boolean;
}

const WHO = ["谁", "哪个部门", "哪些单位", "哪一级", "\\bwho", "\\bwhom", "\\bwhose", "which body"];
const HOW_MANY = ["几", "多少", "至少", "最少", "不少于", "人数", "how many", "at least", "minimum", "\\bmin\\b", "number"];
const HOW_LONG = ["几天", "多少天", "多久", "多长", "时间", "天", "期限", "长", "days?\\b", "how long", "period", "duration", "\\blast"];

export const TOPICS = [
  { id: "jointSignatures", triggers: [["联名", "\\bsign", "\\bjoint"], [...HOW_MANY, "people"]], label: { zh: "联名推荐的人数", en: "how many must sign a joint nomination" }, perPlace: true },
  { id: "partyMin", triggers: [["党员", "party members?\\b", "cpc members?\\b"], [...HOW_MANY, "要求", "\\brequire", "\\bmust"]], unless: ["联名", "预备期", "或团员", "或共青团员"], label: { zh: "党员人数", en: "a number of Party members" }, rules: ["partyMembersMin"], perPlace: true },
  { id: "leaderShare", triggers: [["(?<!政工)书记", "领导职数", "secretar", "deput", "leaders?\\b"], ["比例", "占", "三分之一", "1/3", "不超过", "最多", "加起来", "\\bshare", "proportion", "one third", "at most", "may it have", "secretaries and deputies"]], unless: ["编制外", "establishment", "候选人", "candidate", "年龄", "\\bage"], label: { zh: "书记、副书记占委员的比例", en: "a cap on the share of secretaries and deputies" }, rules: ["leaderShareMax"], perPlace: true },
  { id: "nonEst", triggers: [["编制外", "编外", "非编", "establishment"]], unless: ["1:6", "平均", "副书记、委员的来源", "来源"], label: { zh: "编制外人员的比例", en: "a share of members from outside the establishment" }, rules: ["nonEstablishmentShareMin"], perPlace: true },
  { id: "pool", triggers: [["从哪", "哪些人里", "哪里选", "来源", "选配范围", "come from", "chosen from", "drawn from", "\\bsources?\\b", "where .* (chosen|picked|found)"]], unless: ["推荐"], label: { zh: "人选来源", en: "where candidates come from" } },
  { id: "formalList", triggers: [["正式候选人", "候选人名单", "formal candidate", "candidate list"], [...WHO, "同意", "怎么确定", "如何确定", "确定", "\\bagree", "approv", "decide"]], unless: ["多少", "几", "至少", "最少", "how many", "minimum number", "number of"], label: { zh: "谁确定正式候选人", en: "who settles the formal candidates" } },
  { id: "surplus", triggers: [["差额", "正式候选人", "候选人", "candidates?\\b"], [...HOW_MANY, "比例", "多于", "高于", "差额", "20%", "\\bmore", "ratio", "percent", "需要多少", "要多少"]], label: { zh: "候选人差额比例", en: "a margin of candidates over seats" }, rules: ["candidateSurplusMin"], perPlace: true },
  { id: "midTerm", triggers: [["届中", "mid-?term", "指派", "\\bassign"]], label: { zh: "届中的安排", en: "mid-term arrangements" } },
  { id: "rotation", triggers: [["轮值", "轮流", "统筹协调", "rotation", "take turns", "coordinat"]], label: { zh: "轮值工作制度", en: "a rotation system" } },
  { id: "leadingGroup", triggers: [["领导小组", "组长", "工作机构", "办公室主任", "leading group", "working body", "task force", "\\bheads? the"]], unless: ["政审"], label: { zh: "领导小组", en: "a leading group" } },
  { id: "scoring", triggers: [["打分", "评分", "分数", "百分制", "评委", "\\bscor", "\\bjudge", "\\bmarks?\\b"]], label: { zh: "评分办法", en: "how speeches are scored" }, rules: ["scoring"], perPlace: true },
  { id: "secretaryHow", triggers: [["(?<![副政工])书记", "(?<!deputy )secretary"], [...WHO, "怎么", "怎样", "如何", "咋", "产生", "任命", "担任", "兼任", "选举", "选的", "appoint", "chosen", "choose", "picked", "selected", "\\bserves?", "elected", "\\bhow", "campaign", "需要", "也要", "要不要", "have to", "\\bdoes"]], unless: ["副书记和委员", "deputies and members", "年龄", "\\bage", "轮值", "统筹", "学历", "工资", "多少钱", "salary", "书记副书记", "书记和副书记", "secretaries and deputies"], label: { zh: "书记的产生方式", en: "how the secretary is chosen" }, perPlace: true },
  { id: "notice", triggers: [["公示", "公式", "\\bnotice", "posted", "posting"], [...HOW_LONG, ...WHO, "周", "哪里", "在哪", "怎么", "\\bwhere", "\\blength"]], label: { zh: "任前公示的天数", en: "the length of the pre-appointment notice" }, rules: ["preAppointmentNoticeDays"], perPlace: true },
  { id: "approval", triggers: [["批准", "报批", "任命", "发文", "公布", "审批", "最终人选", "approv", "appoint", "announces? the result", "final list"]], label: { zh: "批准和任命", en: "approval and appointment" } },
  { id: "membersHow", triggers: [["委员", "副书记", "成员", "members?\\b", "deput"], ["谁选", "选出", "选举", "产生", "怎么选", "\\belect", "chosen", "choose", "how are"]], unless: ["年龄", "\\bage", "候选人", "candidate", "得票", "半数", "votes"], label: { zh: "副书记和委员的产生方式", en: "how deputies and members are chosen" } },
  { id: "vetting", triggers: [["资格审查", "审查", "政审", "\\bvet", "eligibility", "\\breview"]], unless: ["summary", "总结"], label: { zh: "资格审查", en: "eligibility review" } },
  { id: "inspection", triggers: [["考察", "inspect"]], label: { zh: "组织考察", en: "inspection" } },
  { id: "media", triggers: [["媒介", "媒体", "发布公告", "\\bmedia", "announce the restructuring"]], label: { zh: "宣传媒介", en: "the media for the announcement" } },
  { id: "publicity", triggers: [["宣传发动", "宣传期", "宣传", "发动", "publici", "publicty", "mobilis", "mobiliz"], HOW_LONG], unless: ["公示", "notice", "媒介", "media"], label: { zh: "宣传发动的天数", en: "a length for publicity and mobilisation" }, rules: ["publicityDaysMin"], perPlace: true },
  { id: "speech", triggers: [["演讲", "竞岗", "\\bspeech", "\\bspeak", "presentation"], ["分钟", "多长", "多久", "时间", "顺序", "抽签", "内容", "讲", "minutes?", "how long", "order", "content", "cover", "\\blong"]], label: { zh: "竞职演讲的时限", en: "a time limit for the speeches" }, rules: ["speechMinutesMax"], perPlace: true },
  { id: "channels", triggers: [["推荐", "提名", "自荐", "渠道", "途径", "nominat", "recommend", "channels?\\b"], ["渠道", "途径", "方式", "形式", "哪些", "哪几", "怎么", "如何", "几种", "可以", "吗", "一样", "是不是", "\\bsame", "which", "\\bhow", "ways?\\b", "channels?\\b", "routes?\\b", "allowed", "\\bused?\\b", "\\ball\\b", "compare"]], unless: ["入党"], label: { zh: "推荐渠道", en: "nomination channels" }, rules: ["nominationChannels"], perPlace: true },
  { id: "age", triggers: [["年龄", "岁", "年纪", "\\bage\\b", "how old", "\\bolder", "year-old", "years old", "\\baged?\\b"]], unless: ["平均年龄", "average age"], label: { zh: "年龄上限", en: "an age limit" }, rules: ["maxAge", "relaxedMaxAge"], perPlace: true },
  { id: "political", triggers: [["政治面貌", "党员或团员", "群众", "团员吗", "political", "party or league", "league member", "party member"]], unless: ["不少于", "至少", "几个", "几名", "多少", "人数", "how many", "at least"], label: { zh: "政治面貌要求", en: "a political-status requirement" }, rules: ["politicalStatus"], perPlace: true },
  { id: "localTie", triggers: [["户籍", "户口", "本地人", "外地", "长期居住", "registered locally", "household regist", "hukou", "residen", "\\blive there"]], label: { zh: "户籍或居住要求", en: "a residence or registration requirement" }, rules: ["localTie"], perPlace: true },
  { id: "seats", triggers: [["专职副书记", "兼职副书记", "专职团委副书记", "副书记", "full-time deput", "part-time deput", "deputy secretaries", "deputies"], ["几名", "几个", "几人", "多少", "设几", "how many"]], unless: ["最多", "at most", "书记和副书记", "书记副书记", "secretaries and deputies", "年龄", "\\bage"], label: { zh: "副书记的职数", en: "a number of deputy secretaries" }, rules: ["seats"], perPlace: true },
  { id: "size", triggers: [["委员", "成员", "班子", "团委", "团工委", "副书记", "committee", "members?\\b", "deput"], ["几个", "几名", "几人", "多少人", "多少名", "多少个", "人数", "规模", "组成", "设几", "\\bsize", "how many", "number of", "composition"]], unless: ["党员", "编制外", "候选人", "联名", "party", "candidate", "establishment", "sign", "阶段", "步骤", "phase", "step", "关键", "原则", "几天", "多少天", "多久", "days", "how long", "how often", "几次", "乡镇"], label: { zh: "团委的人数", en: "a committee size" }, rules: ["committeeSize", "seats"], perPlace: true },
  { id: "meeting", triggers: [["例会", "开会", "会议", "\\bmeets?\\b", "meeting"], ["多久", "几次", "每", "频率", "how often", "every", "frequen"]], label: { zh: "例会的周期", en: "how often the committee meets" }, rules: ["committeeMeetingEvery"], perPlace: true },
  { id: "hearing", triggers: [["听取", "专题汇报", "座谈会", "\\bhears?\\b", "党委每年", "party committee do"]], label: { zh: "党委听取汇报", en: "the Party committee hearing League reports" }, rules: ["partyCommitteeHearing"], perPlace: true },
  { id: "report", triggers: [["述职", "work report", "report on (its|their) work", "annual report"]], unless: ["听取", "\\bhear"], label: { zh: "述职", en: "a work report" }, rules: ["annualWorkReport"], perPlace: true },
  { id: "term", triggers: [["任期", "届满", "\\bterm\\b"]], label: { zh: "任期", en: "a term of office" } },
  { id: "partTimeRights", triggers: [["待遇", "工资", "福利", "级别", "权利", "salary", "\\bpaid", "\\bpay\\b", "benefits?", "rights", "\\brank", "entitled"]], label: { zh: "兼职团干部的待遇", en: "part-time cadres' pay and rights" } },
  { id: "registration", triggers: [["报名", "邮箱", "邮件", "registration", "register", "e-?mail", "\\bform\\b", "sign up"]], label: { zh: "报名", en: "registration" } },
  { id: "deadline", triggers: [["完成", "期限", "截止", "最迟", "最晚", "deadline", "finish", "\\bdone", "by when", "complete"], ["什么时候", "何时", "哪天", "几月", "之前", "前", "内", "最迟", "最晚", "期限", "截止", "\\bwhen", "\\bby\\b", "deadline", "date", "within"]], unless: ["多少个", "how many", "阶段"], label: { zh: "完成期限", en: "a deadline for the restructuring" }, rules: ["completionDeadline"], perPlace: true },
  { id: "phases", triggers: [["阶段", "时间表", "\\bphases?", "\\bstages?", "timeline"]], label: { zh: "推进阶段", en: "the phases" } },
  { id: "procedure", triggers: [["程序", "步骤", "流程", "环节", "procedure", "\\bsteps"]], label: { zh: "选配程序", en: "the procedure" } },
  { id: "training", triggers: [["培训", "培养", "\\btrain"]], label: { zh: "培训", en: "training" } },
  { id: "supervision", triggers: [["团省委", "市\\(州\\)", "市州", "县级团委", "县\\(市、区\\)", "团县委", "provincial", "prefecture", "county", "supervis"], ["负责", "责任", "做什么", "干什么", "responsib", "\\bdo\\b", "role"]], label: { zh: "各级团组织的责任", en: "what each level is responsible for" } },
  { id: "higherLevel", triggers: [["高一级推动", "上一级", "higher-level push", "higher level", "one level up"]], label: { zh: "高一级推动", en: "push from one level up" } },
  { id: "villages", triggers: [["村\\(社区\\)", "村和社区", "村里和社区", "村、社区", "village and community", "villages and communities", "village and community"]], label: { zh: "村(社区)团组织", en: "village and community organisations" } },
  { id: "workContent", triggers: [["工作内容", "引导青年", "组织青年", "维护青少年", "权益", "guide young", "work content", "organis(e|ing) young"]], label: { zh: "工作内容", en: "the work content" } },
  { id: "assessment", triggers: [["考核", "评价", "评议", "\\bassess", "evaluat", "不评优", "不达标", "\\baward", "not meet", "fails? to", "happens if"]], label: { zh: "考核评价", en: "assessment" } },
  { id: "mechanisms", triggers: [["机制", "mechanism"]], label: { zh: "工作机制", en: "working mechanisms" } },
  { id: "history", triggers: [["试点", "八一攻坚", "攻坚行动", "黄舣", "试用", "试岗", "\\bpilot", "campaign", "huangyi", "\\btrial"]], label: { zh: "试点和进展", en: "pilots and progress" } },
  { id: "goals", triggers: [["目标", "目的", "全覆盖", "多少个乡镇", "哪三个问题", "三个问题", "\\baims?\\b", "\\bgoals?\\b", "targets?\\b", "problems? should"]], label: { zh: "目标", en: "the aims" } },
  { id: "keys", triggers: [["[“\"「(]公[”\"」)]", "fairness"]], label: { zh: "“公”", en: "fairness" } },
  { id: "qualities", triggers: [["条件", "选配标准", "素质", "qualif", "criteria"]], unless: ["年龄", "\\bage"], label: { zh: "选配条件", en: "the selection criteria" } },
  { id: "support", triggers: [["经费", "支持", "\\bfund", "\\bsupport"]], label: { zh: "党政支持", en: "Party and government support" } },
  { id: "duties", triggers: [["分工", "职责", "duties", "division of"]], label: { zh: "分工", en: "division of duties" } },
  { id: "principles", triggers: [["原则", "principles?"]], label: { zh: "原则", en: "principles" } },
  { id: "task", triggers: [["工作任务", "\\btasks?\\b"]], label: { zh: "工作任务", en: "the task" } },
  { id: "summary", triggers: [["总结阶段", "review phase"]], label: { zh: "总结", en: "the review" } },
] as const satisfies readonly Topic[];

export type TopicId = (typeof TOPICS)[number]["id"];

/**
 * What no document covers, though secretaries ask it: such a question is answered "not covered",
 * never with the nearest passage. `label` says what is not covered.
 */
export const NOT_COVERED: { id: string; triggers: string[][]; unless?: string[]; label: Bilingual }[] = [
  { id: "education", triggers: [["学历", "文凭", "本科", "大专", "毕业", "education", "degree", "diploma"]], label: { zh: "学历要求", en: "an education requirement" } },
  { id: "majority", triggers: [["过半", "半数", "多数票", "得票", "majority", "half of the votes", "more than half", "votes? needed", "of votes"]], label: { zh: "当选所需的票数", en: "the votes needed to be elected" } },
  { id: "minAge", triggers: [["最小", "最低年龄", "最低几岁", "minimum age", "how young", "youngest"]], unless: ["上限"], label: { zh: "最低年龄", en: "a minimum age" } },
  { id: "salary", triggers: [["工资", "薪水", "多少钱", "salary", "\\bwage", "\\bpaid"]], unless: ["兼职", "part-time", "享受", "待遇"], label: { zh: "团委书记的工资", en: "the secretary's pay" } },
  { id: "reportDays", triggers: [["上报", "报告", "报给", "\\breport"], ["几天内", "多少天内", "多少天", "how many days", "within how many"]], label: { zh: "上报结果的期限", en: "a deadline for reporting the results" } },
  { id: "fee", triggers: [["团费", "membership fee", "dues"], ["多少", "交多少", "how much"]], label: { zh: "团费标准", en: "the membership fee" } },
  { id: "record", triggers: [["犯罪", "违法", "criminal"]], label: { zh: "对违法记录的要求", en: "criminal records" } },
  { id: "probation", triggers: [["预备期", "入党申请", "(?<!推荐)入党(?!等)", "probation period", "join the party"]], label: { zh: "入党的规定", en: "Party admission" } },
];
