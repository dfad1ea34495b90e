import type { ProfileId, RuleKey } from "../domain/rules/types.js";

/**
 * Which rules a question is about. A topic matches when every trigger group has a hit (a group is
 * a list of alternatives: Chinese substrings or English word stems, as regular expressions) and no
 * `unless` term occurs. Data only: extend it when users ask in words it does not know.
 */
export interface RuleTopic {
  keys: RuleKey[];
  triggers: string[][];
  unless?: string[];
}

export const RULE_TOPICS: RuleTopic[] = [
  {
    keys: ["maxAge", "relaxedMaxAge"],
    triggers: [
      [
        "年龄",
        "岁",
        "年纪",
        "age limit",
        "\\bage\\b",
        "how old",
        "\\bolder\\b",
        "\\byounger\\b",
        "years old",
        "years? ?-?old",
        "\\baged\\b",
      ],
    ],
    unless: ["平均年龄", "average age"],
  },
  {
    keys: ["politicalStatus"],
    triggers: [
      [
        "政治面貌",
        "党员",
        "团员",
        "political",
        "party member",
        "league member",
        "\\bcpc\\b",
        "communist",
        "party or league",
      ],
      [
        "政治面貌",
        "必须",
        "要求",
        "是不是",
        "才能",
        "可以",
        "非党员",
        "群众",
        "条件",
        "political status",
        "have to be",
        "must",
        "need to be",
        "required",
        "eligible",
        "allowed",
        "can a",
        "does a",
      ],
    ],
    unless: [
      "不少于",
      "至少",
      "几名",
      "几个",
      "多少",
      "人数",
      "联名",
      "how many",
      "at least",
      "minimum",
      "number of",
      "signature",
      "团员青年",
      "团员大会",
    ],
  },
  {
    keys: ["partyMembersMin"],
    triggers: [
      ["党员", "party member", "cpc member", "communist"],
      ["几", "多少", "至少", "不少于", "人数", "名额", "how many", "at least", "minimum", "number of"],
    ],
    unless: ["联名", "signature"],
  },
  {
    keys: ["localTie"],
    triggers: [
      [
        "户籍",
        "户口",
        "居住",
        "本地人",
        "外地",
        "住在",
        "residen",
        "hukou",
        "\\blive",
        "\\bliving",
        "household regist",
        "\\blocals?\\b",
      ],
    ],
    // Adapting to local conditions (因地制宜) is no residence rule.
    unless: ["local conditions", "local situation", "因地制宜"],
  },
  {
    keys: ["committeeSize", "seats"],
    triggers: [
      ["委员", "成员", "班子", "团委", "团工委", "书记", "committee", "member", "secretar", "deput"],
      [
        "多少人",
        "几人",
        "几个",
        "多少个",
        "多少名",
        "几名",
        "几位",
        "人数",
        "规模",
        "组成",
        "结构",
        "配备",
        "\\bsize",
        "how many",
        "how big",
        "number of",
        "seats",
        "composition",
        "made up",
      ],
    ],
    unless: [
      "党员",
      "编制外",
      "候选人",
      "联名",
      "party",
      "candidate",
      "establishment",
      "signature",
      "比例",
      "三分之一",
      "share",
      "proportion",
      "阶段",
      "步骤",
      "phase",
      "step",
      "stage",
      "几个关键",
      "几个问题",
      "几项",
      "原则",
    ],
  },
  {
    keys: ["leaderShareMax"],
    triggers: [
      ["书记", "领导", "secretar", "deput", "leader"],
      ["比例", "占", "三分之一", "1/3", "不超过", "share", "proportion", "ratio", "one third", "fraction"],
    ],
    unless: ["编制外", "establishment"],
  },
  {
    keys: ["nonEstablishmentShareMin"],
    triggers: [
      ["编制外", "编外", "非编", "non-establishment", "outside the establishment", "establishment"],
      [
        "比例",
        "多少",
        "至少",
        "占",
        "不低于",
        "一半",
        "要求",
        "规定",
        "share",
        "ratio",
        "percent",
        "how many",
        "minimum",
        "proportion",
        "at least",
        "half",
        "require",
        "rule",
      ],
    ],
    unless: ["平均", "活动", "average", "1:6", "typical", "四川", "sichuan"],
  },
  {
    keys: ["candidateSurplusMin"],
    triggers: [
      ["差额", "候选人", "candidate"],
      [
        "差额",
        "比例",
        "多于",
        "高于",
        "多出",
        "多少",
        "几个",
        "20%",
        "surplus",
        "more than",
        "how many",
        "ratio",
        "percent",
        "competitive",
      ],
    ],
  },
  {
    // Asked how candidates come forward, not merely mentioning a recommendation ("优先推荐入党").
    keys: ["nominationChannels"],
    triggers: [
      [
        "推荐",
        "提名",
        "联名",
        "自荐",
        "nominat",
        "recommend",
        "signature",
        "put forward",
        "put themselves forward",
      ],
      [
        "渠道",
        "途径",
        "方式",
        "形式",
        "哪些",
        "哪几",
        "怎么",
        "怎样",
        "如何",
        "几种",
        "几个",
        "几人",
        "多少",
        "至少",
        "谁",
        "how",
        "who",
        "which",
        "ways?\\b",
        "channel",
        "route",
      ],
    ],
  },
  {
    keys: ["publicityDaysMin"],
    triggers: [
      ["宣传发动", "宣传", "公告", "发动", "publici", "mobili", "announce", "advertis"],
      [
        "几天",
        "多少天",
        "多久",
        "多长",
        "时间",
        "天",
        "期限",
        "how long",
        "\\bdays?\\b",
        "duration",
        "period",
        "minimum",
        "at least",
      ],
    ],
  },
  {
    keys: ["preAppointmentNoticeDays"],
    triggers: [
      ["公示", "public notice", "pre-appointment", "notice period", "\\bnotice"],
      [
        "几天",
        "多少天",
        "多久",
        "多长",
        "时间",
        "期限",
        "天",
        "周",
        "哪里",
        "在哪",
        "how long",
        "\\bdays?\\b",
        "week",
        "period",
        "where",
        "duration",
      ],
    ],
  },
  {
    keys: ["speechMinutesMax", "scoring"],
    triggers: [
      ["演讲", "speech", "presentation"],
      [
        "分钟",
        "多长",
        "多久",
        "时间",
        "时限",
        "顺序",
        "抽签",
        "打分",
        "评分",
        "how long",
        "minute",
        "order",
        "time limit",
        "\\bscor",
        "\\blot\\b",
      ],
    ],
  },
  {
    // How the speeches are scored; who the judges are is a question for the passages.
    keys: ["scoring"],
    triggers: [["打分", "评分", "分数", "百分制", "平均分", "\\bscor", "\\bmark", "points"]],
  },
  {
    keys: ["completionDeadline"],
    triggers: [
      [
        "完成",
        "期限",
        "多久",
        "截止",
        "时限",
        "什么时候",
        "deadline",
        "finish",
        "complete",
        "how long",
        "by when",
        "within",
        "\\bdue",
      ],
      [
        "换届",
        "整个",
        "全部",
        "整体",
        "格局创新工作",
        "党委选举",
        "whole",
        "entire",
        "overall",
        "restructuring",
        "party committee",
        "election",
      ],
    ],
    unless: ["宣传", "公示", "演讲", "publici", "notice", "speech", "试岗"],
  },
  {
    // Asked about how often: "meet the target" is no meeting.
    keys: ["committeeMeetingEvery"],
    triggers: [
      ["例会", "开会", "全体委员会议", "meeting", "\\bmeets?\\b"],
      [
        "多久",
        "几次",
        "多少次",
        "频率",
        "每",
        "定期",
        "什么时候",
        "how often",
        "how frequently",
        "every",
        "frequen",
        "when",
        "regular",
        "quarter",
      ],
    ],
  },
  {
    keys: ["annualWorkReport"],
    triggers: [
      [
        "述职",
        "work report",
        "report on (its|their) work",
        "annual report",
        "yearly report",
        "report their work",
        "report its work",
      ],
    ],
    unless: ["党委听取", "听取", "hearing", "hear a report"],
  },
  {
    keys: ["partyCommitteeHearing"],
    triggers: [
      [
        "听取",
        "专题汇报",
        "青年座谈会",
        "hearing",
        "hear a report",
        "hears a report",
        "party committee (hear|review|listen)",
      ],
    ],
  },
];

/** A place a document reports on, by its Chinese name and the ways a question may write it. */
export interface Place {
  name: string;
  patterns: string[];
}

/**
 * Localities a question may name, and the profile whose document speaks for each. `patterns` name the
 * document's own place or author: they choose the document and are no words a passage must contain.
 * `within` are places the document reports on (广元, 黄舣镇 in the Sichuan speech): they choose the
 * document too, and then only the passages about them will do.
 */
export const LOCALITY_MENTIONS: {
  profile: ProfileId | null;
  doc: string;
  patterns: string[];
  within?: Place[];
}[] = [
  { profile: "jiyang", doc: "jiyang-plan", patterns: ["吉阳", "三亚", "jiyang", "sanya"] },
  { profile: "xingang", doc: "xingang-plan", patterns: ["新港", "xingang"] },
  { profile: "nanshan", doc: "nanshan-plan", patterns: ["南山", "攀枝花", "nanshan", "panzhihua"] },
  {
    profile: "sichuan",
    doc: "sichuan-speech",
    patterns: ["四川", "张彤", "sichuan", "zhang tong"],
    within: [
      { name: "广元", patterns: ["广元", "guangyuan"] },
      { name: "黄舣", patterns: ["黄舣", "huangyi"] },
      { name: "泸州", patterns: ["泸州", "luzhou"] },
      { name: "南充", patterns: ["南充", "nanchong"] },
      { name: "自贡", patterns: ["自贡", "zigong"] },
      { name: "艾叶", patterns: ["艾叶", "aiye"] },
      { name: "眉山", patterns: ["眉山", "meishan"] },
      { name: "彭山", patterns: ["彭山", "pengshan"] },
      { name: "凤鸣", patterns: ["凤鸣", "fengming"] },
      { name: "遂宁", patterns: ["遂宁", "suining"] },
      { name: "蓬溪", patterns: ["蓬溪", "pengxi"] },
      { name: "阿坝", patterns: ["阿坝", "aba\\b"] },
      { name: "凉山", patterns: ["凉山", "liangshan"] },
    ],
  },
  {
    profile: null,
    doc: "kuanzhuang-reflection",
    patterns: ["款庄", "云南", "冯吉祥", "kuanzhuang", "yunnan"],
  },
];

const compiled = new Map<string, RegExp>();
function matches(text: string, pattern: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    // English alternatives match from a word start ("ratio" must not fire inside "registration").
    re = new RegExp(/^[a-z]/i.test(pattern) ? `\\b${pattern}` : pattern, "i");
    compiled.set(pattern, re);
  }
  return re.test(text);
}

/** The rule keys a question is about, in the order of RULE_TOPICS, without repeats. */
export function ruleKeysFor(question: string): RuleKey[] {
  const keys: RuleKey[] = [];
  for (const topic of RULE_TOPICS) {
    if (topic.unless?.some((p) => matches(question, p))) continue;
    if (!topic.triggers.every((group) => group.some((p) => matches(question, p)))) continue;
    for (const key of topic.keys) if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** The localities a question names (documents and, where there is one, their rule profile). */
export function localitiesIn(question: string) {
  return LOCALITY_MENTIONS.filter(
    (l) => l.patterns.some((p) => matches(question, p)) || placesIn(question, l.within ?? []).length > 0,
  );
}

/** The places of `places` a question names. */
export function placesIn(question: string, places: Place[]): Place[] {
  return places.filter((place) => place.patterns.some((p) => matches(question, p)));
}
