/**
 * Concept groups for query expansion. A question that mentions any `en` phrase or `zh` term of a
 * group is searched with all of the group's Chinese terms too: that is how "publicity period" finds
 * 宣传发动 and how 「多大年纪」 finds 周岁. English phrases match whole words, case-insensitively.
 * Data only; edit freely.
 */
import { Lru } from "../lib/lru.js";
import { stem } from "./tokenize.js";

export interface ConceptGroup {
  zh: string[];
  en: string[];
}

export const GLOSSARY: ConceptGroup[] = [
  {
    zh: ["年龄", "周岁", "岁以下", "放宽"],
    en: ["age", "old", "older", "younger", "age limit", "years old", "year-old", "year old"],
  },
  { zh: ["兼职", "兼职干部", "兼职副书记"], en: ["part-time", "part time", "parttime"] },
  { zh: ["专职", "专职副书记"], en: ["full-time", "full time", "fulltime"] },
  { zh: ["副书记"], en: ["deputy", "deputies", "deputy secretary", "vice secretary"] },
  { zh: ["书记", "团委书记"], en: ["secretary", "secretaries"] },
  { zh: ["委员", "团委委员", "班子成员"], en: ["member", "members", "committee member"] },
  {
    zh: ["中共党员", "共青团员", "党员", "团员", "政治面貌"],
    en: ["party member", "league member", "political status", "cpc", "communist"],
  },
  {
    zh: ["户籍", "长期居住", "居住", "工作的青年"],
    en: ["residence", "resident", "live", "living", "hukou", "local", "household registration"],
  },
  {
    zh: ["编制外", "编制内"],
    en: ["non-establishment", "establishment", "outside the establishment", "civil service", "staff quota"],
  },
  { zh: ["人数", "名", "数量结构", "组成"], en: ["size", "how many", "number of", "composition", "seats"] },
  { zh: ["三分之一", "领导职数"], en: ["one third", "1/3", "leader share", "leadership share"] },
  {
    zh: ["差额", "候选人", "正式候选人", "20%"],
    en: ["candidate", "candidates", "competitive", "surplus", "more candidates"],
  },
  {
    zh: ["宣传发动", "公告", "宣传", "不少于"],
    en: ["publicity", "publicise", "publicize", "announcement", "mobilisation", "mobilization", "advertise"],
  },
  {
    zh: ["公示", "任前公示", "一周"],
    en: ["notice", "public notice", "pre-appointment", "posting", "publication"],
  },
  {
    zh: ["演讲", "竞职演讲", "竞岗演讲", "5分钟", "抽签"],
    en: ["speech", "speeches", "talk", "present", "presentation", "lot", "order"],
  },
  {
    zh: ["打分", "评分", "百分制", "平均分", "评委"],
    en: ["score", "scoring", "judge", "judges", "mark", "points", "average"],
  },
  {
    zh: ["推荐", "组织推荐", "联名推荐", "自荐", "个人自荐", "10人联名"],
    en: [
      "nominate",
      "nomination",
      "nominated",
      "recommend",
      "recommendation",
      "self-nomination",
      "signature",
      "signatures",
      "joint",
    ],
  },
  { zh: ["资格审查", "审查"], en: ["eligibility", "vetting", "review", "qualification", "qualify"] },
  { zh: ["组织考察", "考察"], en: ["inspection", "inspect", "assessment of candidates", "background check"] },
  {
    zh: ["报批", "批准", "任命", "正式任命", "发文"],
    en: ["approve", "approval", "approves", "appoint", "appointment", "appointed"],
  },
  { zh: ["选举", "选举产生", "团员大会"], en: ["election", "elect", "elected", "vote", "voting", "ballot"] },
  {
    zh: ["换届", "党委换届"],
    en: ["term", "reelection", "re-election", "term election", "party committee election"],
  },
  {
    zh: ["一个月", "1个月", "完成", "期限", "时间"],
    en: ["deadline", "finish", "complete", "completed", "how long", "within", "month", "timeline", "by when"],
  },
  {
    zh: ["准备阶段", "实施阶段", "培训阶段", "总结阶段", "阶段", "推进步骤"],
    en: ["phase", "phases", "stage", "stages", "schedule"],
  },
  {
    zh: ["实施", "实施阶段"],
    en: ["implementation", "implement", "implementing", "carry out", "carried out"],
  },
  {
    zh: ["总结", "总结阶段"],
    en: ["summary", "summarise", "summarize", "wrap up", "wrap-up", "conclude", "conclusion"],
  },
  {
    zh: ["程序", "选配程序", "工作程序", "环节", "流程"],
    en: ["procedure", "process", "steps", "step by step"],
  },
  {
    zh: ["例会", "每三个月", "会议"],
    en: ["meeting", "meetings", "quarterly", "every three months", "regular meeting"],
  },
  {
    zh: ["述职", "年终述职", "任期述职", "报告工作"],
    en: ["work report", "report", "reporting", "annual report", "yearly report"],
  },
  { zh: ["听取", "党委", "每年至少", "青年座谈会"], en: ["hearing", "party committee", "forum", "hear"] },
  {
    zh: ["轮值", "轮流主持"],
    en: ["rotation", "rotating", "rota", "take turns", "in turn", "chair in turn"],
  },
  { zh: ["组长", "负责人"], en: ["head", "chair", "in charge", "team leader", "group leader"] },
  {
    zh: ["考核", "评议", "量化", "考核评价"],
    en: ["evaluation", "evaluate", "assess", "assessment", "appraisal", "kpi", "performance"],
  },
  { zh: ["培训", "培养", "激励"], en: ["training", "train", "incentive", "incentives", "develop"] },
  {
    zh: ["工作机构", "领导小组", "工作小组"],
    en: ["working group", "leading group", "work team", "task force"],
  },
  { zh: ["工作计划", "时间表"], en: ["work plan", "timetable"] },
  {
    zh: ["待遇", "报酬", "职级", "权利"],
    en: ["salary", "pay", "rank", "entitled", "rights", "benefit", "benefits", "treatment"],
  },
  {
    zh: ["教师", "大学生村官", "村官", "致富带头人", "志愿者", "两新组织", "非公企业"],
    en: [
      "teacher",
      "village official",
      "entrepreneur",
      "volunteer",
      "enterprise",
      "private",
      "source",
      "sources",
      "from where",
    ],
  },
  {
    zh: ["全覆盖", "可持续", "强服务"],
    en: ["coverage", "sustainable", "service", "goal", "goals", "target", "targets"],
  },
  { zh: ["有人员办事", "有资源办事", "有能力办事", "有人办事", "有钱办事"], en: ["purpose", "aim", "aims"] },
  { zh: ["高一级推动", "上一级", "上级团组织"], en: ["higher level", "level above", "push", "supervisor"] },
  { zh: ["县(市、区)", "团县委", "团区委"], en: ["county", "counties", "district", "county-level"] },
  { zh: ["因地制宜"], en: ["local conditions", "adapt", "tailor"] },
  { zh: ["模式", "做法", "经验"], en: ["model", "approach", "practice", "experience", "lesson"] },
  { zh: ["试岗", "三关遴选", "公开答辩"], en: ["trial", "trial post", "probation"] },
  { zh: ["广元"], en: ["guangyuan"] },
  { zh: ["黄舣"], en: ["huangyi"] },
  { zh: ["四川", "全省"], en: ["sichuan"] },
  { zh: ["吉阳"], en: ["jiyang"] },
  { zh: ["新港"], en: ["xingang"] },
  { zh: ["南山"], en: ["nanshan"] },
  { zh: ["款庄"], en: ["kuanzhuang"] },
  { zh: ["乡镇", "街道"], en: ["township", "subdistrict", "town"] },
  {
    zh: ["团委", "团工委"],
    en: ["league committee", "working committee", "league", "committee", "committees"],
  },
  {
    zh: ["格局创新", "组织格局创新"],
    en: ["restructuring", "restructure", "reorganisation", "reorganization", "innovation", "reform"],
  },
  { zh: ["干部", "团干部"], en: ["cadre", "cadres"] },
  {
    zh: ["任期", "下次换届", "为止"],
    en: ["term of office", "tenure", "term end", "term ends", "expire", "expires"],
  },
  { zh: ["年终", "年终述职", "年底"], en: ["year end", "year-end", "end of the year", "end of year"] },
  { zh: ["制度", "机制"], en: ["system", "systems", "mechanism", "mechanisms"] },
  { zh: ["内容", "包括"], en: ["contain", "content", "contents", "include", "cover"] },
  { zh: ["今年", "每年", "年度", "全年"], en: ["year", "yearly", "annual", "annually", "this year"] },
  { zh: ["问题", "解决"], en: ["problem", "problems", "solve", "issue", "issues"] },
  { zh: ["原则", "坚持"], en: ["principle", "principles", "insist"] },
  { zh: ["关键", "重点", "核心"], en: ["key", "keys", "key point", "key points", "core", "focus"] },
  { zh: ["学习", "调研", "吃透", "摸清"], en: ["study", "learn", "research", "survey", "understand"] },
  { zh: ["试点", "开展"], en: ["pilot", "piloting", "piloted", "start", "started", "begin", "began"] },
  {
    zh: ["责任", "负责", "职责", "分工"],
    en: ["responsible", "responsibility", "responsibilities", "duty", "duties", "role"],
  },
  {
    zh: ["不评优", "不达标", "后果"],
    en: ["fail", "fails", "not meet", "does not meet", "miss", "penalty", "consequence", "happens if"],
  },
  { zh: ["市(州)", "市州", "团市委"], en: ["prefecture", "city"] },
  {
    zh: ["报名", "报名表", "邮件", "邮箱"],
    en: ["registration", "register", "sign up", "apply", "application", "form", "email", "send"],
  },
  { zh: ["青年", "团员青年", "农村青年"], en: ["youth", "young people", "rural youth", "young"] },
  { zh: ["比例", "1:6", "编制内外"], en: ["ratio", "share", "proportion", "percentage", "typical"] },
  {
    zh: ["意义", "重要性", "紧迫性"],
    en: ["matter", "matters", "important", "importance", "significance", "why"],
  },
  {
    zh: ["担任", "兼任", "出任", "任命", "选任"],
    en: ["serve", "serves", "hold", "holds", "held by", "who is", "who becomes"],
  },
  {
    zh: ["选拔", "选配", "选任", "产生", "选出"],
    en: ["select", "selection", "selected", "choose", "chosen", "pick", "recruit"],
  },
];

/** A glossary group a question names, with the English phrases that named it (if any). */
export interface GroupMatch {
  group: ConceptGroup;
  /** The group's English phrases found in the question. */
  phrases: string[];
  /** Whether one of the group's Chinese terms occurs in the question. */
  chinese: boolean;
}

/** Words with their plural and -ed/-ing endings taken off, so "trains" finds "train". */
function stemmed(text: string): string {
  return text.toLowerCase().replace(/[a-z]+/g, (word) => stem(word));
}

/** An English phrase, stemmed, and as a whole-word pattern: compiled once, as questions must be answered fast. */
interface Phrase {
  phrase: string;
  stem: string;
  pattern: RegExp;
}
const PHRASES = new Map<ConceptGroup, Phrase[]>();
function phrasesOf(group: ConceptGroup): Phrase[] {
  let phrases = PHRASES.get(group);
  if (!phrases) {
    phrases = group.en.map((phrase) => {
      const stem = stemmed(phrase);
      return { phrase, stem, pattern: new RegExp(`(?<![a-z])${escapeRegExp(stem)}(?![a-z])`, "g") };
    });
    PHRASES.set(group, phrases);
  }
  return phrases;
}

/** The answer composer asks about the same question several times: the last few are remembered (shared: not to be changed). */
const recent = new Lru<string, GroupMatch[]>(64);

/**
 * The glossary groups a question names, by a Chinese term it contains or an English phrase (whole
 * words, compared stemmed). The longest phrase wins where phrases overlap: "league member" is a
 * political status, not a committee member; "Party committee" is not the League committee.
 */
export function groupsIn(question: string): GroupMatch[] {
  return recent.remember(question, () => findGroups(question));
}

function findGroups(question: string): GroupMatch[] {
  const text = stemmed(question);
  const spans: { group: ConceptGroup; phrase: string; start: number; end: number }[] = [];
  for (const group of GLOSSARY) {
    for (const { phrase, stem, pattern } of phrasesOf(group)) {
      if (!text.includes(stem)) continue;
      for (const m of text.matchAll(pattern))
        spans.push({ group, phrase, start: m.index, end: m.index + m[0].length });
    }
  }
  const kept = spans.filter(
    (s) => !spans.some((o) => o.end - o.start > s.end - s.start && o.start <= s.start && o.end >= s.end),
  );
  const found: GroupMatch[] = [];
  for (const group of GLOSSARY) {
    const phrases = [...new Set(kept.filter((s) => s.group === group).map((s) => s.phrase))];
    const chinese = group.zh.some((term) => question.includes(term));
    if (phrases.length > 0 || chinese) found.push({ group, phrases, chinese });
  }
  return found;
}

/** The Chinese terms a question's wording calls up, for searching; empty when nothing matches. */
export function expandQuery(question: string): string[] {
  return groupsIn(question).flatMap((m) => m.group.zh);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

// ── Spelling: shortened names and homophone slips ─────────────────────────────────────────────────

/**
 * Short names secretaries use for what the documents write out: read as the documents' words, so the
 * topic triggers, the glossary and the search all see them (全委会 is the full committee's meeting).
 */
const SHORT_NAMES: [string, string][] = [
  ["全委会议", "全体委员会议"],
  ["全委例会", "全体委员例会"],
  ["全委会", "全体委员会议"],
];

/**
 * Pinyin input slips: a character typed for another of the same sound (兼只 for 兼职, 年令 for 年龄,
 * 侯选人 for 候选人). A table, not fuzzy matching: the documents' topic words are few, and a known
 * set of sound-alike characters per character of those words corrects exactly the slips that occur,
 * without a pinyin dictionary in the Worker bundle and without rewriting words that merely look alike.
 * A question is corrected only where a topic word has one character replaced by its sound-alike, and
 * no corrected form occurs in the documents themselves (test/knowledge-answers.test.ts checks that).
 */
const TOPIC_WORDS = [
  "兼职",
  "专职",
  "年龄",
  "书记",
  "委员",
  "候选人",
  "差额",
  "例会",
  "述职",
  "期限",
  "选举",
  "编制",
];
const SOUND_ALIKES: Record<string, string> = {
  兼: "间坚尖肩监",
  职: "只直值执植",
  专: "砖",
  年: "念粘",
  龄: "令零铃玲灵",
  记: "纪计技",
  委: "伟尾萎",
  员: "园原圆元",
  候: "侯",
  额: "鹅恶",
  例: "列利立",
  述: "树术",
  限: "线宪",
  举: "局据具",
  编: "边变",
  制: "治致志",
};

/** Each slip (one character of a topic word replaced by a sound-alike) and the word it stands for. */
export const SLIPS: ReadonlyMap<string, string> = new Map(
  TOPIC_WORDS.flatMap((word) =>
    [...word].flatMap((char, i) =>
      [...(SOUND_ALIKES[char] ?? "")].map(
        (alike) => [`${word.slice(0, i)}${alike}${word.slice(i + 1)}`, word] as [string, string],
      ),
    ),
  ),
);

const SPELLING = new Map<string, string>([...SHORT_NAMES, ...SLIPS]);
const SPELLING_PATTERN = new RegExp([...SPELLING.keys()].sort((x, y) => y.length - x.length).join("|"), "g");

/** The question in the documents' spelling: short names written out, homophone slips corrected. */
export function respelled(question: string): string {
  return question.replace(SPELLING_PATTERN, (m) => SPELLING.get(m) ?? m);
}
