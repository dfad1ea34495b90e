import { Composer, InlineKeyboard } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import { readSheet } from "read-excel-file/universal";
import type { BotContext } from "../bot/context.js";
import { joinList } from "../bot/i18n.js";
import { citationText } from "../bot/sources.js";
import {
  type DialogData,
  type DialogDefinition,
  type DialogField,
  defineDialog,
  type FieldChoice,
  type Parsed,
  reopenField,
  startDialog,
} from "../bot/dialogs/engine.js";
import type { AppConfig } from "../config/env.js";
import { type CandidateChange, candidateRepository, hashIdNumber, type StoredCandidate } from "../db/candidates.js";
import { randomId, townshipRepository } from "../db/townships.js";
import type { Candidate, Commitment, Education, Establishment, Gender, Sector } from "../domain/candidate.js";
import { EDUCATION_LEVELS } from "../domain/candidate.js";
import {
  type CandidateDraft,
  type CandidateField,
  candidateFields,
  type FieldError,
  parseField,
} from "../domain/candidate-fields.js";
import { MAX_IMPORT_ROWS, type RowProblem, splitLines, validateBatch } from "../domain/candidate-import.js";
import { ageOn, type EligibilityInput, eligibilityFor, type Finding } from "../domain/eligibility.js";
import { maskMobile, maskPersonalData } from "../domain/privacy.js";
import { type EffectiveRules, effectiveRules, isCustomSource, type RuleSource } from "../domain/rules/effective.js";
import type { NominationChannel, PoliticalStatus, Post, ProfileId } from "../domain/rules/types.js";
import { NOMINATION_CHANNELS } from "../domain/rules/types.js";
import { scoreSheet, validateScore } from "../domain/scoring.js";
import { checkSlate, type SlateCheck } from "../domain/slate.js";
import { shanghaiDate } from "../domain/time.js";
import type { LocalDate, TownshipPlan } from "../domain/township.js";

/**
 * Candidates (issue 5): entered one field at a time with the candidate-field schemas, or several at
 * once (pasted rows, a .csv or .xlsx document); listed with masked personal data; viewed, edited one
 * field at a time (a concurrent edit by another member is refused, not lost), withdrawn with a
 * confirmation step; the slate checked against the rules; speech scores averaged and ranked.
 *
 * The resident ID number never reaches the session, the database or a log: the dialog keeps only the
 * birth date, the masked form and the keyed hash (computed before the dialog engine sees the text).
 * Every text sent passes through the personal-data mask as well.
 */
export const candidatesFeature = new Composer<BotContext>();

const ADD = "candidate-add";
const EDIT = "candidate-edit";
const IMPORT = "candidate-import";
const SCORES = "candidate-scores";
const OWN_DIALOGS = new Set([ADD, EDIT, IMPORT, SCORES]);

const MAX_MESSAGE = 3900;
const MAX_FILE_MB = 2;
const PAGE_SIZE = 10;

// ── Township and rules ─────────────────────────────────────────────────────────────────────────────

/** What the dialogs need of the township, kept in the dialog data and refreshed on every update. */
interface PlanContext {
  townshipId: string;
  townshipName: string;
  profileId: ProfileId;
  customRules?: TownshipPlan["customRules"];
  customNote?: string;
  /** The planned election (eligibility is judged on it), or today when none is registered yet. */
  electionDate: LocalDate;
  onToday: boolean;
  today: LocalDate;
}

type Township = TownshipPlan & { version: number };

function planContext(township: Township, today: LocalDate): PlanContext {
  const plan: PlanContext = {
    townshipId: township.id,
    townshipName: township.name,
    profileId: township.profileId,
    electionDate: township.plannedElectionDate ?? today,
    onToday: !township.plannedElectionDate,
    today,
  };
  if (township.customRules) plan.customRules = township.customRules;
  if (township.customNote) plan.customNote = township.customNote;
  return plan;
}

const todayOf = (ctx: BotContext) => shanghaiDate(ctx.deps.now());
const planOf = (data: DialogData) => data._plan as PlanContext;
const rulesOf = (plan: PlanContext): EffectiveRules => effectiveRules(plan);

async function requireTownship(ctx: BotContext): Promise<Township | undefined> {
  const township = ctx.from ? await townshipRepository(ctx.deps.db).activeFor(ctx.from.id) : undefined;
  if (!township) await say(ctx, ctx.t("cand-error-no-township"), { reply_markup: new InlineKeyboard().text(ctx.t("button-register"), "nav:register") });
  return township;
}

// ── Sending: always masked, split when long ────────────────────────────────────────────────────────

async function say(ctx: BotContext, text: string, other: { reply_markup?: InlineKeyboardMarkup } = {}): Promise<void> {
  const chunks = splitMessage(maskPersonalData(text));
  for (const [i, chunk] of chunks.entries()) await ctx.reply(chunk, i === chunks.length - 1 ? other : {});
}

function splitMessage(text: string): string[] {
  if (text.length <= MAX_MESSAGE) return [text];
  const chunks: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const piece = line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
    if (current && current.length + piece.length + 1 > MAX_MESSAGE) {
      chunks.push(current);
      current = piece;
    } else current = current ? `${current}\n${piece}` : piece;
  }
  if (current) chunks.push(current);
  return chunks;
}

const listJoin = (ctx: BotContext, items: string[]) => joinList(ctx.locale, items);

// ── Describing values, findings and sources ────────────────────────────────────────────────────────

/** "Source: 《title》 section: 「quote」", or the township's own note. */
function sourceText(ctx: BotContext, source: RuleSource): string {
  return ctx.t("cand-source", { cite: citation(ctx, source) });
}

/** The citation alone (for numbered footnotes). */
function citation(ctx: BotContext, source: RuleSource): string {
  return citationText(ctx.locale, source);
}

function findingText(ctx: BotContext, finding: Finding, rules: EffectiveRules, date: LocalDate, post?: Post): string {
  const relaxed = rules.relaxedMaxAge?.value;
  const params = finding.params;
  return ctx.t(`finding-${finding.code}`, {
    ...params,
    date,
    status: params.status ? ctx.t(`cand-political-${params.status}`) : "",
    allowed: listJoin(
      ctx,
      String(params.allowed ?? "")
        .split(",")
        .filter(Boolean)
        .map((s) => ctx.t(`cand-political-${s}`)),
    ),
    posts:
      relaxed && relaxed.appliesTo !== "all" ? listJoin(ctx, relaxed.appliesTo.map((p) => ctx.t(`cand-post-${p}`))) : "",
    post: post ? ctx.t(`cand-post-${post}`) : "",
  });
}

/** A refusal that names what is wrong, the rule and where it comes from. */
function ruleMessage(ctx: BotContext, finding: Finding, rules: EffectiveRules, date: LocalDate, post?: Post): string {
  const rule = rules[finding.rule];
  return [
    findingText(ctx, finding, rules, date, post),
    ...(rule ? [ctx.t("cand-rule-line", { rule: rule.summary[ctx.locale] })] : []),
    sourceText(ctx, finding.source),
  ].join("\n");
}

function fieldErrorText(ctx: BotContext, error: FieldError): string {
  const params: Record<string, string | number> = { ...error.params };
  if (typeof params.field === "string") params.field = ctx.t(`candidate-field-${params.field}`);
  if (error.key === "candidate-error-commitment-conflict") {
    params.post = ctx.t(`cand-post-${error.params.post}`);
    params.commitment = ctx.t(`cand-commitment-${error.params.commitment}`);
  }
  if (error.key === "candidate-error-gender-conflict" && ctx.locale === "en") params.fromId = ctx.t(`cand-gender-${error.params.fromId}`);
  return ctx.t(error.key, params);
}

// ── The candidate being entered or edited, as dialog data ──────────────────────────────────────────

/** Birth date, or ID number → birth date, gender, masked form and keyed hash. */
interface Identity {
  birthDate: LocalDate;
  gender?: Gender;
  idNumberMasked?: string;
  idNumberHash?: string;
}

/** An edit in progress: which candidate, at which version, which field, and the record as read. */
interface EditInfo {
  id: string;
  version: number;
  field: FieldKey;
  name: string;
}

type FieldKey =
  | "name"
  | "post"
  | "commitment"
  | "identity"
  | "gender"
  | "relaxationReason"
  | "politicalStatus"
  | "establishment"
  | "sector"
  | "channel"
  | "signatures"
  | "localTie"
  | "mobile"
  | "education"
  | "workplace";

const COMMITMENT_OF_POST: Partial<Record<Post, Commitment>> = {
  "fulltime-deputy": "fulltime",
  "parttime-deputy": "parttime",
};
/** Answering one field makes these stale: they are asked again (when they apply). */
const DEPENDENTS: Partial<Record<FieldKey, FieldKey[]>> = { post: ["commitment"], channel: ["signatures"] };

const SKIP_WORDS = new Set(["-", "—", "跳过", "无", "skip", "none", "no"]);

/** The candidate as far as the dialog data goes (the relaxation reason only where it is needed). */
function draftFrom(data: DialogData, withReason = true): Partial<CandidateDraft> {
  const d: Partial<CandidateDraft> = {};
  const identity = data.identity as Identity | undefined;
  const post = data.post as Post | undefined;
  if (typeof data.name === "string") d.name = data.name;
  if (post) {
    d.post = post;
    const commitment = COMMITMENT_OF_POST[post] ?? (data.commitment as Commitment | undefined);
    if (commitment) d.commitment = commitment;
  }
  if (identity) {
    d.birthDate = identity.birthDate;
    if (identity.idNumberMasked) d.idNumberMasked = identity.idNumberMasked;
  }
  const gender = identity?.gender ?? (data.gender as Gender | undefined);
  if (gender) d.gender = gender;
  if (typeof data.politicalStatus === "string") d.politicalStatus = data.politicalStatus as PoliticalStatus;
  if (typeof data.establishment === "string") d.establishment = data.establishment as Establishment;
  if (typeof data.sector === "string") d.sector = data.sector as Sector;
  if (typeof data.channel === "string") d.channel = data.channel as NominationChannel;
  if (d.channel === "joint-signature" && typeof data.signatures === "number") d.signatures = data.signatures;
  if (typeof data.localTie === "boolean") d.localTie = data.localTie;
  if (typeof data.mobile === "string") d.mobile = data.mobile;
  if (typeof data.education === "string") d.education = data.education as Education;
  if (typeof data.workplace === "string") d.workplace = data.workplace;
  if (withReason && typeof data.relaxationReason === "string" && needsRelaxation(data)) d.relaxationReason = data.relaxationReason;
  return d;
}

/** Dialog data for an existing candidate (all answered), for an edit. */
function dataFrom(candidate: StoredCandidate): DialogData {
  const identity: Identity = { birthDate: candidate.birthDate };
  if (candidate.idNumberMasked) {
    identity.idNumberMasked = candidate.idNumberMasked;
    identity.gender = candidate.gender;
  }
  return {
    name: candidate.name,
    post: candidate.post,
    commitment: candidate.commitment,
    identity,
    gender: candidate.gender,
    relaxationReason: candidate.relaxationReason ?? null,
    politicalStatus: candidate.politicalStatus,
    establishment: candidate.establishment,
    sector: candidate.sector,
    channel: candidate.channel,
    signatures: candidate.signatures ?? null,
    localTie: candidate.localTie,
    mobile: candidate.mobile ?? null,
    education: candidate.education ?? null,
    workplace: candidate.workplace ?? null,
    confirm: "save",
  };
}

/** Eligibility of the data so far, with neutral stand-ins for what is not answered yet. */
function findingsOf(data: DialogData, withReason = true): Finding[] {
  const d = draftFrom(data, false);
  const input: EligibilityInput = {
    birthDate: d.birthDate ?? "2000-01-01",
    politicalStatus: d.politicalStatus ?? "party-member",
    localTie: d.localTie ?? true,
    post: d.post ?? "member",
    commitment: d.commitment ?? "parttime",
    ...(withReason && typeof data.relaxationReason === "string" ? { relaxationReason: data.relaxationReason } : {}),
  };
  const plan = planOf(data);
  const findings = eligibilityFor(input, rulesOf(plan), plan.electionDate).findings;
  const ageKnown = d.birthDate !== undefined && d.post !== undefined;
  return findings.filter((f) =>
    f.rule === "maxAge" || f.rule === "relaxedMaxAge"
      ? ageKnown
      : f.rule === "politicalStatus"
        ? d.politicalStatus !== undefined
        : d.localTie !== undefined,
  );
}

/** Over the plain age limit but within a relaxation that applies: a reason must be recorded. */
function needsRelaxation(data: DialogData): boolean {
  if (!data._plan) return false;
  return findingsOf(data, false).some((f) => f.code === "age-relaxed-needs-reason");
}

/** The first rule the data breaks, ignoring a missing relaxation reason (asked as its own field). */
function ruleProblem(data: DialogData, rules: ("age" | "politicalStatus" | "localTie")[]): Finding | undefined {
  return findingsOf(data).find(
    (f) =>
      !f.ok &&
      f.code !== "age-relaxed-needs-reason" &&
      rules.includes(f.rule === "maxAge" || f.rule === "relaxedMaxAge" ? "age" : (f.rule as "politicalStatus" | "localTie")),
  );
}

function refuse(ctx: BotContext, data: DialogData, finding: Finding): Parsed {
  const plan = planOf(data);
  return { ok: false, error: ruleMessage(ctx, finding, rulesOf(plan), plan.electionDate, draftFrom(data).post) };
}

/** Parses with a candidate-field schema; the error message is translated. */
/** Parses a field with its schema, then checks the rules that answer touches; `next` places the value. */
function ruleChecked(
  field: CandidateField,
  rules: ("age" | "politicalStatus" | "localTie")[],
  next: (data: DialogData, value: unknown) => DialogData = (data, value) => ({ ...data, [field]: value }),
): (input: string, ctx: BotContext, data: DialogData) => Parsed {
  return (input, ctx, data) => {
    const parsed = viaSchema(field, input, ctx, data);
    if (!parsed.ok) return parsed;
    const after = next(data, parsed.value);
    const problem = ruleProblem(after, rules);
    return problem ? refuse(ctx, after, problem) : parsed;
  };
}

function viaSchema<F extends CandidateField>(field: F, input: string, ctx: BotContext, data: DialogData): Parsed {
  const plan = planOf(data);
  const schemas = candidateFields(rulesOf(plan), plan.today);
  const result = parseField(schemas[field] as never, field, input);
  return result.ok ? { ok: true, value: result.value } : refusal(fieldErrorText(ctx, result.error));
}

/** A parser's refusal; masked, since it may quote what was typed (the engine sends it as it is). */
const refusal = (error: string): Parsed => ({ ok: false, error: maskPersonalData(error) });

const optional =
  (field: "mobile" | "education" | "workplace") =>
  (input: string, ctx: BotContext, data: DialogData): Parsed =>
    SKIP_WORDS.has(input.normalize("NFKC").trim().toLowerCase()) ? { ok: true, value: null } : viaSchema(field, input, ctx, data);

const choicesOf = (ctx: BotContext, values: readonly string[], key: string, words: Record<string, string>) =>
  values.map((value): FieldChoice => ({ value: words[value] ?? value, label: ctx.t(`${key}-${value}`) }));

// Words the field schemas accept, sent by the buttons (the schemas read Chinese and English alike).
const POST_WORDS = { secretary: "书记", "fulltime-deputy": "专职副书记", "parttime-deputy": "兼职副书记", member: "委员" };
const POLITICAL_WORDS = {
  "party-member": "中共党员",
  "probationary-party-member": "中共预备党员",
  "league-member": "共青团员",
  other: "群众",
};
const SECTOR_WORDS = {
  government: "机关事业单位",
  "private-enterprise": "非公企业",
  rural: "农村",
  school: "学校",
  "social-organisation": "社会组织",
  other: "其他",
};
const EDUCATION_WORDS = {
  "junior-high": "初中",
  "senior-high": "高中",
  vocational: "中专",
  college: "大专",
  bachelor: "本科",
  master: "硕士",
  doctorate: "博士",
};
const CHANNEL_WORDS = { organisation: "组织推荐", "joint-signature": "团员青年联名推荐", self: "个人自荐" };

/** ID numbers are 18 characters; 15 or more digits is taken as a (possibly mistyped) ID number. */
const looksLikeIdNumber = (input: string) => /^[\dXx]{15,}$/.test(input.normalize("NFKC").replace(/\s+/g, ""));

const FIELDS: DialogField[] = [
  { key: "name", prompt: (ctx) => ctx.t("cand-prompt-name"), parse: (input, ctx, data) => viaSchema("name", input, ctx, data) },
  {
    key: "post",
    prompt: (ctx) => ctx.t("cand-prompt-post"),
    choices: (ctx) => choicesOf(ctx, Object.keys(POST_WORDS), "cand-post", POST_WORDS),
    // A new post may imply another commitment: the old answer is dropped.
    parse: ruleChecked("post", ["age"], ({ commitment: _stale, ...rest }, post) => ({ ...rest, post })),
  },
  {
    key: "commitment",
    when: (data) => !COMMITMENT_OF_POST[data.post as Post],
    prompt: (ctx) => ctx.t("cand-prompt-commitment"),
    choices: (ctx) => [
      { value: "专职", label: ctx.t("cand-commitment-fulltime") },
      { value: "兼职", label: ctx.t("cand-commitment-parttime") },
    ],
    parse: ruleChecked("commitment", ["age"]),
  },
  {
    key: "identity",
    prompt: (ctx, data) => {
      const plan = planOf(data);
      return ctx.t(plan.onToday ? "cand-prompt-identity-today" : "cand-prompt-identity", { date: plan.electionDate });
    },
    parse: async (input, ctx, data) => {
      let identity: Identity;
      if (looksLikeIdNumber(input)) {
        const plan = planOf(data);
        const result = parseField(candidateFields(rulesOf(plan), plan.today).idNumber, "idNumber", input);
        if (!result.ok) return refusal(fieldErrorText(ctx, result.error));
        // Only the keyed hash of the number is kept; the same person entered already is refused now.
        const hash = await hashIdNumber(ctx.deps.config.piiHashKey, result.value.normalized);
        const existing = (await candidateRepository(ctx.deps.db).findByHashes(plan.townshipId, [hash])).get(hash);
        if (existing && existing.id !== (data._edit as EditInfo | undefined)?.id)
          return {
            ok: false,
            error: ctx.t("cand-error-duplicate", { name: existing.name, status: ctx.t(`cand-status-${existing.status}`) }),
          };
        identity = { birthDate: result.value.birthDate, gender: result.value.gender, idNumberMasked: result.value.masked, idNumberHash: hash };
      } else {
        const parsed = viaSchema("birthDate", input, ctx, data);
        if (!parsed.ok) return parsed;
        identity = { birthDate: parsed.value as LocalDate };
      }
      const next = { ...data, identity };
      const problem = ruleProblem(next, ["age"]);
      return problem ? refuse(ctx, next, problem) : { ok: true, value: identity };
    },
  },
  {
    key: "gender",
    when: (data) => !(data.identity as Identity | undefined)?.gender,
    prompt: (ctx) => ctx.t("cand-prompt-gender"),
    choices: (ctx) => [
      { value: "男", label: ctx.t("cand-gender-male") },
      { value: "女", label: ctx.t("cand-gender-female") },
    ],
    parse: (input, ctx, data) => viaSchema("gender", input, ctx, data),
  },
  {
    key: "relaxationReason",
    when: (data) => needsRelaxation(data),
    prompt: (ctx, data) => {
      const plan = planOf(data);
      const rules = rulesOf(plan);
      const relaxed = rules.relaxedMaxAge;
      const d = draftFrom(data);
      return ctx.t("cand-prompt-relaxation", {
        date: plan.electionDate,
        name: d.name ?? "",
        age: d.birthDate ? ageOn(d.birthDate, plan.electionDate) : "",
        limit: rules.maxAge?.value.years ?? "",
        relaxed: relaxed?.value.years ?? "",
        condition: relaxed?.value.condition[ctx.locale] ?? "",
        source: relaxed ? sourceText(ctx, relaxed.source) : "",
      });
    },
    parse: (input, ctx, data) => viaSchema("relaxationReason", input, ctx, data),
  },
  {
    key: "politicalStatus",
    prompt: (ctx) => ctx.t("cand-prompt-political"),
    choices: (ctx) => choicesOf(ctx, Object.keys(POLITICAL_WORDS), "cand-political", POLITICAL_WORDS),
    parse: ruleChecked("politicalStatus", ["politicalStatus"]),
  },
  {
    key: "establishment",
    prompt: (ctx) => ctx.t("cand-prompt-establishment"),
    choices: (ctx) => [
      { value: "编制内", label: ctx.t("cand-establishment-inside") },
      { value: "编制外", label: ctx.t("cand-establishment-outside") },
    ],
    parse: (input, ctx, data) => viaSchema("establishment", input, ctx, data),
  },
  {
    key: "sector",
    prompt: (ctx) => ctx.t("cand-prompt-sector"),
    choices: (ctx) => choicesOf(ctx, Object.keys(SECTOR_WORDS), "cand-sector", SECTOR_WORDS),
    parse: (input, ctx, data) => viaSchema("sector", input, ctx, data),
  },
  {
    key: "channel",
    prompt: (ctx) => ctx.t("cand-prompt-channel"),
    choices: (ctx, data) => {
      const allowed = rulesOf(planOf(data)).nominationChannels?.value.channels ?? [...NOMINATION_CHANNELS];
      return choicesOf(ctx, allowed, "cand-channel", CHANNEL_WORDS);
    },
    parse: (input, ctx, data) => viaSchema("channel", input, ctx, data),
  },
  {
    key: "signatures",
    when: (data) => data.channel === "joint-signature",
    prompt: (ctx, data) => ctx.t("cand-prompt-signatures", { min: rulesOf(planOf(data)).nominationChannels?.value.jointSignaturesMin ?? 1 }),
    parse: (input, ctx, data) => viaSchema("signatures", input, ctx, data),
  },
  {
    key: "localTie",
    prompt: (ctx, data) => {
      const tie = rulesOf(planOf(data)).localTie;
      return tie?.value.required
        ? ctx.t("cand-prompt-local-tie-required", { rule: `${tie.summary[ctx.locale]} ${sourceText(ctx, tie.source)}` })
        : ctx.t("cand-prompt-local-tie");
    },
    choices: (ctx) => [
      { value: "是", label: ctx.t("cand-yes") },
      { value: "否", label: ctx.t("cand-no") },
    ],
    parse: ruleChecked("localTie", ["localTie"]),
  },
  {
    key: "mobile",
    prompt: (ctx) => ctx.t("cand-prompt-mobile"),
    choices: (ctx) => [{ value: "-", label: ctx.t("cand-skip") }],
    parse: optional("mobile"),
    keepsPersonalData: true,
  },
  {
    key: "education",
    prompt: (ctx) => ctx.t("cand-prompt-education"),
    choices: (ctx) => [
      ...choicesOf(ctx, EDUCATION_LEVELS, "cand-education", EDUCATION_WORDS),
      { value: "-", label: ctx.t("cand-skip") },
    ],
    parse: optional("education"),
  },
  {
    key: "workplace",
    prompt: (ctx) => ctx.t("cand-prompt-workplace"),
    choices: (ctx) => [{ value: "-", label: ctx.t("cand-skip") }],
    parse: optional("workplace"),
  },
  {
    key: "confirm",
    prompt: (ctx, data) => {
      const plan = planOf(data);
      const d = draftFrom(data);
      return ctx.t("cand-confirm", {
        card: cardText(ctx, d, plan),
        date: plan.electionDate,
        findings: findingsText(ctx, d, plan),
      });
    },
    choices: (ctx) => [
      { value: "save", label: ctx.t("cand-confirm-save") },
      { value: "fix", label: ctx.t("cand-confirm-fix") },
    ],
    parse: (input, ctx) =>
      input === "save" || input === "fix" ? { ok: true, value: input } : { ok: false, error: ctx.t("cand-error-choice") },
  },
];

const FIELD_KEYS = FIELDS.map((f) => f.key).filter((k) => k !== "confirm") as FieldKey[];

function labelOf(ctx: BotContext, field: FieldKey): string {
  const key: CandidateField = field === "identity" ? "birthDate" : field;
  return field === "identity" ? `${ctx.t("candidate-field-birthDate")}/${ctx.t("candidate-field-idNumber")}` : ctx.t(`candidate-field-${key}`);
}

/** A field's value as shown (masked where personal). */
function valueText(ctx: BotContext, d: Partial<CandidateDraft>, field: FieldKey, plan: PlanContext): string {
  return maskPersonalData(rawValueText(ctx, d, field, plan));
}

function rawValueText(ctx: BotContext, d: Partial<CandidateDraft>, field: FieldKey, plan: PlanContext): string {
  const none = ctx.t("cand-none");
  switch (field) {
    case "name":
      return d.name ?? none;
    case "post":
      return d.post ? ctx.t("cand-card-post", { post: ctx.t(`cand-post-${d.post}`), commitment: d.commitment ? ctx.t(`cand-commitment-${d.commitment}`) : none }) : none;
    case "commitment":
      return d.commitment ? ctx.t(`cand-commitment-${d.commitment}`) : none;
    case "identity":
      return d.birthDate
        ? `${ctx.t("cand-card-age", { birthDate: d.birthDate, age: ageOn(d.birthDate, plan.electionDate) })}${d.idNumberMasked ? ` · ${d.idNumberMasked}` : ""}`
        : none;
    case "gender":
      return d.gender ? ctx.t(`cand-gender-${d.gender}`) : none;
    case "relaxationReason":
      return d.relaxationReason ?? none;
    case "politicalStatus":
      return d.politicalStatus ? ctx.t(`cand-political-${d.politicalStatus}`) : none;
    case "establishment":
      return d.establishment ? ctx.t(`cand-establishment-${d.establishment}`) : none;
    case "sector":
      return d.sector ? ctx.t(`cand-sector-${d.sector}`) : none;
    case "channel":
      return d.channel ? ctx.t(`cand-channel-${d.channel}`) : none;
    case "signatures":
      return d.signatures !== undefined ? String(d.signatures) : none;
    case "localTie":
      return d.localTie === undefined ? none : ctx.t(d.localTie ? "cand-yes" : "cand-no");
    case "mobile":
      return d.mobile ? maskMobile(d.mobile) : none;
    case "education":
      return d.education ? ctx.t(`cand-education-${d.education}`) : none;
    case "workplace":
      return d.workplace ?? none;
  }
}

/** The fields a card shows for this candidate (derived or inapplicable ones left out). */
function cardFields(d: Partial<CandidateDraft>): FieldKey[] {
  return FIELD_KEYS.filter(
    (f) =>
      f !== "commitment" &&
      (f !== "signatures" || d.channel === "joint-signature") &&
      (f !== "relaxationReason" || d.relaxationReason !== undefined),
  );
}

function cardText(ctx: BotContext, d: Partial<CandidateDraft>, plan: PlanContext): string {
  return cardFields(d)
    .map((field) => ctx.t("cand-card-line", { label: labelOf(ctx, field), value: valueText(ctx, d, field, plan) }))
    .join("\n");
}

function findingsText(ctx: BotContext, d: Partial<CandidateDraft>, plan: PlanContext): string {
  if (!d.birthDate || !d.post || !d.commitment || !d.politicalStatus || d.localTie === undefined) return "";
  const rules = rulesOf(plan);
  const input: EligibilityInput = {
    birthDate: d.birthDate,
    politicalStatus: d.politicalStatus,
    localTie: d.localTie,
    post: d.post,
    commitment: d.commitment,
    ...(d.relaxationReason ? { relaxationReason: d.relaxationReason } : {}),
  };
  return eligibilityFor(input, rules, plan.electionDate)
    .findings.map((f) => findingText(ctx, f, rules, plan.electionDate, d.post))
    .join("\n");
}

/** A complete, validated candidate from the dialog data, or the first field to ask again. */
function completeDraft(ctx: BotContext, data: DialogData): { draft: CandidateDraft } | { field: FieldKey; error: string } {
  const d = draftFrom(data);
  for (const field of ["name", "post", "commitment", "identity", "gender", "politicalStatus", "establishment", "sector", "channel", "localTie"] as const) {
    const missing =
      field === "identity" ? !d.birthDate : field === "commitment" ? !d.commitment : d[field as keyof CandidateDraft] === undefined;
    if (missing) return { field, error: ctx.t("candidate-error-required", { field: labelOf(ctx, field) }) };
  }
  if (d.channel === "joint-signature" && d.signatures === undefined)
    return { field: "signatures", error: ctx.t("candidate-error-required", { field: labelOf(ctx, "signatures") }) };
  const problem = findingsOf(data).find((f) => !f.ok);
  if (problem) {
    const plan = planOf(data);
    const field: FieldKey =
      problem.code === "age-relaxed-needs-reason"
        ? "relaxationReason"
        : problem.rule === "politicalStatus"
          ? "politicalStatus"
          : problem.rule === "localTie"
            ? "localTie"
            : "identity";
    return { field, error: ruleMessage(ctx, problem, rulesOf(plan), plan.electionDate, d.post) };
  }
  return { draft: d as CandidateDraft };
}

/** Sends the user back to one field (and what depends on it), keeping the other answers. */
async function askAgain(ctx: BotContext, definition: DialogDefinition, data: DialogData, field: FieldKey, keepConfirm: boolean) {
  const rest: DialogData = { ...data };
  for (const dependent of DEPENDENTS[field] ?? []) delete rest[dependent];
  if (!keepConfirm) delete rest.confirm;
  if (field === "identity" || field === "post" || field === "commitment") {
    // A changed age or post may need (or no longer need) a relaxation reason: keep it only if still needed.
    if (typeof rest.relaxationReason !== "string") delete rest.relaxationReason;
  }
  await reopenField(ctx, definition, rest, field);
}

const addCandidate = defineDialog({
  name: ADD,
  fields: FIELDS,
  async complete(ctx, data) {
    if (data.confirm === "fix") {
      const { confirm: _confirm, ...rest } = data;
      ctx.session.drafts = { ...ctx.session.drafts, [ADD]: rest };
      const keyboard = new InlineKeyboard();
      fixableFields(draftFrom(data)).forEach((field, i) => {
        keyboard.text(labelOf(ctx, field), `cadd:fix:${field}`);
        if (i % 3 === 2) keyboard.row();
      });
      await say(ctx, ctx.t("cand-fix-which"), { reply_markup: keyboard });
      return;
    }
    const checked = completeDraft(ctx, data);
    if ("error" in checked) {
      await say(ctx, checked.error);
      await askAgain(ctx, addCandidate, data, checked.field, false);
      return;
    }
    const plan = planOf(data);
    const repo = candidateRepository(ctx.deps.db);
    const draft = checked.draft;
    const id = typeof data._id === "string" ? data._id : undefined;
    // A second delivery of this confirmation (the answer to the first was lost): saved already.
    const saved = id ? await repo.get(plan.townshipId, id) : undefined;
    if (saved) {
      await announceSaved(ctx, saved);
      return;
    }
    const same = (await repo.list(plan.townshipId)).find(
      (c) => c.status !== "withdrawn" && c.name === draft.name && c.birthDate === draft.birthDate,
    );
    if (same) {
      await say(ctx, ctx.t("cand-error-name-birth-duplicate", { name: same.name }));
      await askAgain(ctx, addCandidate, data, "name", false);
      return;
    }
    const identity = data.identity as Identity;
    const added = await repo.add(plan.townshipId, ctx.from!.id, draft, identity.idNumberHash, "eligible", ctx.deps.now(), id);
    if (!added.ok) {
      await say(
        ctx,
        ctx.t("cand-error-duplicate", {
          name: added.existing?.name ?? "",
          status: added.existing ? ctx.t(`cand-status-${added.existing.status}`) : "",
        }),
      );
      await askAgain(ctx, addCandidate, data, "identity", false);
      return;
    }
    ctx.deps.logger.info("candidate_added", { township: plan.townshipId, candidate: added.candidate.id });
    await announceSaved(ctx, added.candidate);
  },
});

async function announceSaved(ctx: BotContext, candidate: StoredCandidate): Promise<void> {
  await say(ctx, ctx.t("cand-saved", { name: candidate.name, post: ctx.t(`cand-post-${candidate.post}`) }), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("cand-button-add-more"), "cand:add")
      .text(ctx.t("cand-button-list"), "cand:list:0")
      .row()
      .text(ctx.t("cand-button-slate"), "cand:slate"),
  });
}

/** The fields a user may change for this candidate (derived ones cannot be changed on their own). */
function fixableFields(d: Partial<CandidateDraft>): FieldKey[] {
  return FIELD_KEYS.filter(
    (f) =>
      (f !== "commitment" || !COMMITMENT_OF_POST[d.post as Post]) &&
      (f !== "gender" || !d.idNumberMasked) &&
      (f !== "signatures" || d.channel === "joint-signature") &&
      (f !== "relaxationReason" || d.relaxationReason !== undefined),
  );
}

const editCandidate = defineDialog({
  name: EDIT,
  fields: FIELDS,
  async complete(ctx, data) {
    const edit = data._edit as EditInfo;
    const plan = planOf(data);
    const checked = completeDraft(ctx, data);
    if ("error" in checked) return { field: checked.field === "relaxationReason" ? "relaxationReason" : edit.field, error: checked.error };
    const repo = candidateRepository(ctx.deps.db);
    const before = await repo.get(plan.townshipId, edit.id);
    if (!before) {
      await say(ctx, ctx.t("cand-not-found"));
      return;
    }
    const draft = checked.draft;
    const change: CandidateChange = {};
    for (const key of Object.keys(draft) as (keyof CandidateDraft)[]) {
      if (key === "idNumberMasked") continue;
      if (draft[key] !== before[key]) (change as Record<string, unknown>)[key] = draft[key];
    }
    for (const key of ["signatures", "mobile", "education", "workplace", "relaxationReason"] as const)
      if (draft[key] === undefined && before[key] !== undefined) (change as Record<string, unknown>)[key] = null;
    if (edit.field === "identity") {
      const identity = data.identity as Identity;
      change.idNumberMasked = identity.idNumberMasked ?? null;
      change.idNumberHash = identity.idNumberHash ?? null;
    }
    const result = await repo.update(plan.townshipId, ctx.from!.id, edit.id, edit.version, change, ctx.deps.now());
    const view = new InlineKeyboard().text(ctx.t("cand-button-back"), "cand:list:0").text(`👤 ${edit.name}`, `cand:view:${edit.id}`);
    if (result.ok) {
      ctx.deps.logger.info("candidate_updated", { township: plan.townshipId, candidate: edit.id, field: edit.field });
      await say(ctx, ctx.t("cand-edit-saved", { name: result.candidate.name, field: labelOf(ctx, edit.field), value: valueText(ctx, draft, edit.field, plan) }), {
        reply_markup: view,
      });
    } else if (result.reason === "conflict") {
      await say(
        ctx,
        ctx.t("cand-edit-conflict", {
          name: result.current.name,
          field: labelOf(ctx, edit.field),
          value: valueText(ctx, result.current, edit.field, plan),
        }),
        { reply_markup: view },
      );
    } else if (result.reason === "duplicate") {
      await say(ctx, ctx.t("cand-error-duplicate", { name: "", status: "" }));
    } else {
      await say(ctx, ctx.t("cand-not-found"));
    }
  },
});

// Before the dialog engine: refresh the township in the dialog data.
candidatesFeature.use(async (ctx, next) => {
  const dialog = ctx.session.dialog;
  if (!dialog || !OWN_DIALOGS.has(dialog.name) || !ctx.from) return next();
  const township = await townshipRepository(ctx.deps.db).activeFor(ctx.from.id);
  if (!township) {
    ctx.session.dialog = undefined;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    await requireTownship(ctx);
    return;
  }
  const plan = planContext(township, todayOf(ctx));
  dialog.data._plan = plan;
  return next();
});

async function startAdd(ctx: BotContext): Promise<void> {
  ctx.handler = "candidate-add";
  const township = await requireTownship(ctx);
  if (!township) return;
  // The candidate's id is chosen now, so that saving is done once however often the confirmation arrives.
  await startDialog(ctx, addCandidate, { _plan: planContext(township, todayOf(ctx)), _id: randomId() });
}

candidatesFeature.command("newcandidate", startAdd);
candidatesFeature.callbackQuery("cand:add", async (ctx) => {
  await ctx.answerCallbackQuery();
  await startAdd(ctx);
});

candidatesFeature.callbackQuery(/^cadd:fix:(\w+)$/, async (ctx) => {
  ctx.handler = "candidate-add";
  const field = ctx.match[1] as FieldKey;
  const draft = ctx.session.drafts?.[ADD];
  if (!draft || !FIELD_KEYS.includes(field)) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    return;
  }
  await ctx.answerCallbackQuery();
  delete ctx.session.drafts?.[ADD];
  const township = await requireTownship(ctx);
  if (!township) return;
  await askAgain(ctx, addCandidate, { ...draft, _plan: planContext(township, todayOf(ctx)) }, field, false);
});

// ── The list, one candidate, edit, withdraw ────────────────────────────────────────────────────────

async function showList(ctx: BotContext, page: number): Promise<void> {
  ctx.handler = "candidates";
  const township = await requireTownship(ctx);
  if (!township) return;
  const plan = planContext(township, todayOf(ctx));
  const all = await candidateRepository(ctx.deps.db).list(township.id);
  const actions = new InlineKeyboard()
    .text(ctx.t("cand-button-add"), "cand:add")
    .text(ctx.t("cand-button-import"), "cand:import")
    .row()
    .text(ctx.t("cand-button-slate"), "cand:slate")
    .text(ctx.t("cand-button-scores"), "cand:scores");
  if (all.length === 0) {
    await say(ctx, ctx.t("cand-list-empty", { township: township.name }), { reply_markup: actions });
    return;
  }
  const pages = Math.ceil(all.length / PAGE_SIZE);
  const current = Math.min(Math.max(page, 0), pages - 1);
  const shown = all.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const lines = shown.map((c, i) =>
    ctx.t("cand-list-line", {
      n: current * PAGE_SIZE + i + 1,
      name: c.name,
      post: ctx.t(`cand-post-${c.post}`),
      age: ageOn(c.birthDate, plan.electionDate),
      status: ctx.t(`cand-status-${c.status}`),
    }),
  );
  const keyboard = new InlineKeyboard();
  shown.forEach((c, i) => {
    keyboard.text(`${current * PAGE_SIZE + i + 1}. ${c.name}`, `cand:view:${c.id}`);
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row();
  if (current > 0) keyboard.text(ctx.t("cand-button-prev"), `cand:list:${current - 1}`);
  if (current < pages - 1) keyboard.text(ctx.t("cand-button-next"), `cand:list:${current + 1}`);
  keyboard.row();
  for (const row of actions.inline_keyboard) keyboard.add(...row).row();
  const header = ctx.t("cand-list-header", {
    township: township.name,
    total: all.length,
    running: all.filter((c) => c.status !== "withdrawn" && c.status !== "ineligible").length,
    page: current + 1,
    pages,
  });
  await say(ctx, [header, ...lines].join("\n"), { reply_markup: keyboard });
}

candidatesFeature.command("candidates", (ctx) => showList(ctx, 0));
candidatesFeature.callbackQuery(/^cand:list:(\d+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showList(ctx, Number(ctx.match[1]));
});

async function candidateFor(ctx: BotContext, id: string): Promise<{ township: Township; candidate: StoredCandidate } | undefined> {
  const township = await requireTownship(ctx);
  if (!township) return undefined;
  const candidate = await candidateRepository(ctx.deps.db).get(township.id, id);
  if (!candidate) {
    await say(ctx, ctx.t("cand-not-found"));
    return undefined;
  }
  return { township, candidate };
}

candidatesFeature.callbackQuery(/^cand:view:([\w-]+)$/, async (ctx) => {
  ctx.handler = "candidate-view";
  await ctx.answerCallbackQuery();
  const found = await candidateFor(ctx, ctx.match[1]!);
  if (!found) return;
  const { township, candidate } = found;
  const plan = planContext(township, todayOf(ctx));
  const keyboard = new InlineKeyboard();
  if (candidate.status !== "withdrawn")
    keyboard.text(ctx.t("cand-button-edit"), `cand:edit:${candidate.id}`).text(ctx.t("cand-button-withdraw"), `cand:wd:${candidate.id}`).row();
  keyboard.text(ctx.t("cand-button-back"), "cand:list:0");
  await say(
    ctx,
    ctx.t("cand-view", {
      name: candidate.name,
      status: ctx.t(`cand-status-${candidate.status}`),
      card: cardText(ctx, candidate, plan),
      date: plan.electionDate,
      findings: findingsText(ctx, candidate, plan),
    }),
    { reply_markup: keyboard },
  );
});

candidatesFeature.callbackQuery(/^cand:edit:([\w-]+)$/, async (ctx) => {
  ctx.handler = "candidate-edit";
  await ctx.answerCallbackQuery();
  const found = await candidateFor(ctx, ctx.match[1]!);
  if (!found) return;
  const { candidate } = found;
  const keyboard = new InlineKeyboard();
  fixableFields(candidate).forEach((field, i) => {
    keyboard.text(labelOf(ctx, field), `cand:ef:${candidate.id}:${field}`);
    if (i % 3 === 2) keyboard.row();
  });
  await say(ctx, ctx.t("cand-edit-which", { name: candidate.name }), { reply_markup: keyboard });
});

candidatesFeature.callbackQuery(/^cand:ef:([\w-]+):(\w+)$/, async (ctx) => {
  ctx.handler = "candidate-edit";
  const field = ctx.match[2] as FieldKey;
  if (!FIELD_KEYS.includes(field)) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    return;
  }
  await ctx.answerCallbackQuery();
  const found = await candidateFor(ctx, ctx.match[1]!);
  if (!found) return;
  const { township, candidate } = found;
  const edit: EditInfo = { id: candidate.id, version: candidate.version, field, name: candidate.name };
  if (ctx.session.drafts) delete ctx.session.drafts[EDIT];
  ctx.session.dialog = undefined;
  const data: DialogData = { ...dataFrom(candidate), _plan: planContext(township, todayOf(ctx)), _edit: edit };
  await askAgain(ctx, editCandidate, data, field, true);
});

candidatesFeature.callbackQuery(/^cand:wd:([\w-]+)$/, async (ctx) => {
  ctx.handler = "candidate-withdraw";
  await ctx.answerCallbackQuery();
  const found = await candidateFor(ctx, ctx.match[1]!);
  if (!found) return;
  const { candidate } = found;
  if (candidate.status === "withdrawn") {
    await say(ctx, ctx.t("cand-withdraw-already", { name: candidate.name }));
    return;
  }
  await say(ctx, ctx.t("cand-withdraw-confirm", { name: candidate.name, post: ctx.t(`cand-post-${candidate.post}`) }), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("cand-withdraw-yes"), `cand:wdy:${candidate.id}:${candidate.version}`)
      .text(ctx.t("cand-withdraw-no"), `cand:wdn:${candidate.id}`),
  });
});

candidatesFeature.callbackQuery(/^cand:wdy:([\w-]+):(\d+)$/, async (ctx) => {
  ctx.handler = "candidate-withdraw";
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  const found = await candidateFor(ctx, ctx.match[1]!);
  if (!found) return;
  const { township, candidate } = found;
  if (candidate.status === "withdrawn") {
    await say(ctx, ctx.t("cand-withdraw-already", { name: candidate.name }));
    return;
  }
  const result = await candidateRepository(ctx.deps.db).withdraw(township.id, ctx.from!.id, candidate.id, Number(ctx.match[2]), ctx.deps.now());
  if (result.ok) {
    ctx.deps.logger.info("candidate_withdrawn", { township: township.id, candidate: candidate.id });
    await say(ctx, ctx.t("cand-withdraw-done", { name: candidate.name }), {
      reply_markup: new InlineKeyboard().text(ctx.t("cand-button-list"), "cand:list:0"),
    });
  } else if (result.reason === "conflict") {
    await say(ctx, ctx.t("cand-withdraw-conflict", { name: candidate.name, status: ctx.t(`cand-status-${result.current.status}`) }), {
      reply_markup: new InlineKeyboard().text(`👤 ${candidate.name}`, `cand:view:${candidate.id}`),
    });
  } else await say(ctx, ctx.t("cand-not-found"));
});

candidatesFeature.callbackQuery(/^cand:wdn:([\w-]+)$/, async (ctx) => {
  ctx.handler = "candidate-withdraw";
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  const found = await candidateFor(ctx, ctx.match[1]!);
  if (found) await say(ctx, ctx.t("cand-withdraw-cancelled", { name: found.candidate.name }));
});

// ── Several at once: pasted rows, .csv and .xlsx documents ─────────────────────────────────────────

type ReportProblem = RowProblem | { kind: "duplicate-in-db"; existing: StoredCandidate };

const importDialog = defineDialog({
  name: IMPORT,
  fields: [
    {
      key: "rows",
      prompt: (ctx, data) => ctx.t("cand-import-help", { date: planOf(data).electionDate, max: String(MAX_IMPORT_ROWS) }),
      parse: (input) => ({ ok: true, value: input }),
      keepsPersonalData: true,
    },
  ],
  async complete(ctx, data) {
    await importTable(ctx, splitLines(String(data.rows)));
  },
});

async function startImport(ctx: BotContext, text: string): Promise<void> {
  ctx.handler = "candidate-import";
  if (text.trim()) {
    await importTable(ctx, splitLines(text));
    return;
  }
  const township = await requireTownship(ctx);
  if (!township) return;
  if (ctx.session.drafts) delete ctx.session.drafts[IMPORT];
  await startDialog(ctx, importDialog, { _plan: planContext(township, todayOf(ctx)) });
}

candidatesFeature.command("import", (ctx) => startImport(ctx, ctx.match));
candidatesFeature.callbackQuery("cand:import", async (ctx) => {
  await ctx.answerCallbackQuery();
  await startImport(ctx, "");
});

/** Validates every row, catches duplicates in the batch and against the database, saves the rest. */
export async function importTable(ctx: BotContext, table: string[][]): Promise<void> {
  ctx.handler = "candidate-import";
  const township = await requireTownship(ctx);
  if (!township) return;
  const plan = planContext(township, todayOf(ctx));
  const rules = rulesOf(plan);
  const batch = validateBatch(table, rules, plan.today, plan.electionDate);
  if (batch.tooMany) {
    await say(ctx, ctx.t("cand-import-too-many", { count: String(batch.tooMany.count), max: String(batch.tooMany.max) }));
    return;
  }
  if (batch.rows.length === 0) {
    await say(ctx, ctx.t("cand-import-empty"));
    return;
  }

  const repo = candidateRepository(ctx.deps.db);
  const existing = await repo.list(township.id);
  const byNameAndBirth = new Map(existing.filter((c) => c.status !== "withdrawn").map((c) => [`${c.name}\u0000${c.birthDate}`, c]));
  const accepted = batch.rows.filter((r) => r.ok && r.candidate);
  const hashes = await Promise.all(
    accepted.map((r) => (r.idNumberNormalized ? hashIdNumber(ctx.deps.config.piiHashKey, r.idNumberNormalized) : undefined)),
  );
  const byHash = await repo.findByHashes(township.id, hashes.filter((h): h is string => h !== undefined));

  const problems = new Map<number, ReportProblem[]>(batch.rows.map((r) => [r.row, r.problems]));
  const toSave: { row: number; draft: CandidateDraft; idNumberHash: string | undefined }[] = [];
  accepted.forEach((r, i) => {
    const hash = hashes[i];
    const draft = r.candidate!;
    const same = (hash ? byHash.get(hash) : undefined) ?? byNameAndBirth.get(`${draft.name}\u0000${draft.birthDate}`);
    if (same) problems.set(r.row, [{ kind: "duplicate-in-db", existing: same }]);
    else toSave.push({ row: r.row, draft, idNumberHash: hash });
  });
  const saved = await repo.addMany(
    township.id,
    ctx.from!.id,
    toSave.map((s) => ({ draft: s.draft, idNumberHash: s.idNumberHash, status: "eligible" as const })),
    ctx.deps.now(),
  );
  const savedRows: { row: number; name: string }[] = [];
  const raced = toSave.filter((_s, i) => !saved[i]?.ok);
  if (raced.length > 0) {
    const now = await repo.findByHashes(township.id, raced.map((s) => s.idNumberHash).filter((h): h is string => h !== undefined));
    for (const s of raced) {
      const same = s.idNumberHash ? now.get(s.idNumberHash) : undefined;
      problems.set(s.row, same ? [{ kind: "duplicate-in-db", existing: same }] : [{ kind: "duplicate-in-batch", row: s.row }]);
    }
  }
  toSave.forEach((s, i) => {
    if (saved[i]?.ok) savedRows.push({ row: s.row, name: s.draft.name });
  });

  const refused = batch.rows.filter((r) => (problems.get(r.row) ?? []).length > 0);
  ctx.deps.logger.info("candidates_imported", {
    township: township.id,
    rows: batch.rows.length,
    accepted: savedRows.length,
    refused: refused.length,
  });
  await say(ctx, importReport(ctx, plan, rules, batch.rows.length, savedRows, refused, problems), {
    reply_markup: new InlineKeyboard().text(ctx.t("cand-button-list"), "cand:list:0").text(ctx.t("cand-button-slate"), "cand:slate"),
  });
}

function importReport(
  ctx: BotContext,
  plan: PlanContext,
  rules: EffectiveRules,
  total: number,
  savedRows: { row: number; name: string }[],
  refused: { row: number; label: string; candidate?: CandidateDraft }[],
  problems: Map<number, ReportProblem[]>,
): string {
  const lines = [
    // Row numbers and counts as plain digits (Fluent would group them: "5,000").
    ctx.t("cand-import-summary", {
      total: String(total),
      accepted: String(savedRows.length),
      refused: String(refused.length),
      date: plan.electionDate,
    }),
  ];
  if (savedRows.length > 0) {
    const rows =
      savedRows.length <= 30
        ? savedRows.map((s) => ctx.t("cand-import-accepted-row", { row: String(s.row), name: s.name }))
        : ranges(savedRows.map((s) => s.row)).map(([from, to]) =>
            from === to
              ? ctx.t("cand-import-accepted-row", { row: String(from), name: "" }).trim()
              : ctx.t("cand-import-accepted-range", { from: String(from), to: String(to) }),
          );
    lines.push(ctx.t("cand-import-accepted", { rows: rows.join(ctx.locale === "zh" ? ";" : "; ") }));
  }
  // Rule citations once, as footnotes.
  const sources: string[] = [];
  const refOf = (finding: Finding) => {
    const rule = rules[finding.rule];
    const line = ctx.t("cand-import-source-line", {
      n: 0,
      rule: rule?.summary[ctx.locale] ?? "",
      source: citation(ctx, finding.source),
    });
    let n = sources.indexOf(line) + 1;
    if (n === 0) n = sources.push(line);
    return n;
  };
  const LIMIT = 100;
  let hintIdAsNumber = false;
  for (const r of refused.slice(0, LIMIT)) {
    const reasons = (problems.get(r.row) ?? []).map((p) => {
      if (p.kind === "field") {
        if (p.error.key === "candidate-error-id-checksum" || p.error.key === "candidate-error-id-length") hintIdAsNumber = true;
        return fieldErrorText(ctx, p.error);
      }
      if (p.kind === "rule")
        return `${findingText(ctx, p.finding, rules, plan.electionDate, r.candidate?.post).replace(/^[✅❌]\s*/u, "")}${ctx.t("cand-import-rule-ref", { n: refOf(p.finding) })}`;
      if (p.kind === "duplicate-in-batch") return ctx.t("cand-import-duplicate-in-batch", { row: String(p.row) });
      return ctx.t("cand-import-duplicate-in-db", { name: p.existing.name, status: ctx.t(`cand-status-${p.existing.status}`) });
    });
    lines.push(ctx.t("cand-import-refused", { row: String(r.row), name: r.label ? ` ${r.label}` : "", reasons: reasons.join(" ") }));
  }
  if (refused.length > LIMIT) lines.push(ctx.t("cand-import-more", { count: String(refused.length - LIMIT) }));
  if (hintIdAsNumber) lines.push(ctx.t("cand-import-id-as-number"));
  if (sources.length > 0) {
    lines.push(ctx.t("cand-import-sources"));
    sources.forEach((line, i) => {
      lines.push(line.replace(/^\[0\]/, `[${i + 1}]`));
    });
  }
  return lines.join("\n");
}

function ranges(rows: number[]): [number, number][] {
  const result: [number, number][] = [];
  for (const row of rows) {
    const last = result.at(-1);
    if (last && row === last[1] + 1) last[1] = row;
    else result.push([row, row]);
  }
  return result;
}

candidatesFeature.on("message:document", async (ctx, next) => {
  const document = ctx.message.document;
  const name = document.file_name ?? "";
  const kind = /\.xlsx$/i.test(name)
    ? "xlsx"
    : /\.(csv|tsv|txt)$/i.test(name) || document.mime_type === "text/csv"
      ? "csv"
      : undefined;
  const importing = ctx.session.dialog?.name === IMPORT;
  // Other spreadsheet formats get a clear answer rather than the generic "text only".
  if (!kind && !importing && !/\.(xls|xlsm|xlsb|ods|et|numbers)$/i.test(name)) return next();
  ctx.handler = "candidate-import";
  if (importing) ctx.session.dialog = undefined;
  if (!kind) {
    await say(ctx, ctx.t("cand-import-file-type", { name }));
    return;
  }
  if ((document.file_size ?? 0) > MAX_FILE_MB * 1024 * 1024) {
    await say(ctx, ctx.t("cand-import-file-too-big", { max: MAX_FILE_MB }));
    return;
  }
  const township = await requireTownship(ctx);
  if (!township) return;
  let table: string[][] | undefined;
  try {
    const bytes = await downloadFile(ctx, document.file_id);
    table = kind === "xlsx" ? await readXlsx(bytes) : readCsv(new Uint8Array(bytes));
  } catch (error) {
    ctx.deps.logger.warn("import_file_unreadable", { kind, error: (error as Error).message });
  }
  if (!table) {
    await say(ctx, ctx.t("cand-import-file-unreadable"));
    return;
  }
  await importTable(ctx, table);
});

/**
 * Where a file of the Bot API is downloaded: `<api root>/file/bot<token>/<file_path>` from Telegram;
 * the local chat (no token) serves its uploads itself, at the path its transport's getFile gave.
 */
export function fileUrl(config: Pick<AppConfig, "botToken" | "telegramApiRoot" | "port">, token: string, filePath: string): string {
  if (/^https?:\/\//.test(filePath)) return filePath;
  if (!config.botToken) return `http://127.0.0.1:${config.port}/${filePath.replace(/^\//, "")}`;
  return `${config.telegramApiRoot.replace(/\/$/, "")}/file/bot${token}/${filePath}`;
}

async function downloadFile(ctx: BotContext, fileId: string): Promise<ArrayBuffer> {
  const file = await ctx.api.getFile(fileId);
  if (!file.file_path) throw new Error("getFile returned no file_path");
  const response = await fetch(fileUrl(ctx.deps.config, ctx.api.token, file.file_path));
  // The URL holds the bot token: only the status is ever reported.
  if (!response.ok) throw new Error(`file download failed with HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength > MAX_FILE_MB * 1024 * 1024) throw new Error("file too large");
  return bytes;
}

/** UTF-8 (with or without BOM), else GB18030 — what Excel in Chinese writes when saving as CSV. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

function readCsv(bytes: Uint8Array): string[][] {
  return splitLines(decodeCsv(bytes));
}

/** The first sheet's cells as text: numbers as written in the file, dates as YYYY-MM-DD. */
export async function readXlsx(bytes: ArrayBuffer): Promise<string[][]> {
  const rows = await readSheet<string>(bytes, { parseNumber: (text: string) => text });
  return rows.map((row) =>
    row.map((cell: unknown) => {
      if (cell === null || cell === undefined) return "";
      if (cell instanceof Date)
        return `${cell.getUTCFullYear()}-${String(cell.getUTCMonth() + 1).padStart(2, "0")}-${String(cell.getUTCDate()).padStart(2, "0")}`;
      if (typeof cell === "boolean") return cell ? "是" : "否";
      return String(cell);
    }),
  );
}

// ── The slate ──────────────────────────────────────────────────────────────────────────────────────

/** The slate report: every rule pass/fail with its figures, and the sources as numbered footnotes. */
export function slateReport(ctx: BotContext, township: TownshipPlan, candidates: Candidate[]): string {
  const rules = effectiveRules(township);
  const report = checkSlate(candidates, township, rules);
  const sources: string[] = [];
  const lines = report.checks.map((check) => {
    const text = ctx.t(`slate-${check.code}`, slateParams(ctx, check));
    if (!check.source) return text;
    const source = citation(ctx, check.source);
    let n = sources.indexOf(source) + 1;
    if (n === 0) n = sources.push(source);
    return `${text} ${ctx.t("slate-ref", { n })}`;
  });
  const failed = report.checks.filter((c) => !c.ok).length;
  const running = candidates.filter((c) => c.status !== "withdrawn" && c.status !== "ineligible").length;
  const header = ctx.t("slate-header", {
    township: township.name,
    profile: rulesProfileName(ctx, township),
    failed,
    passed: report.checks.length - failed,
    total: report.checks.length,
  });
  return [
    header,
    ...lines,
    ...(running === 0 ? [ctx.t("slate-empty-note")] : []),
    ctx.t("slate-sources"),
    ...sources.map((source, i) => ctx.t("slate-source-line", { n: i + 1, source })),
  ].join("\n");
}

function rulesProfileName(ctx: BotContext, township: TownshipPlan): string {
  return ctx.t(`kb-locality-${township.profileId}`);
}

function slateParams(ctx: BotContext, check: SlateCheck): Record<string, string | number> {
  const f = check.figures;
  const params: Record<string, string | number> = { ...f };
  if (check.post) params.post = ctx.t(`cand-post-${check.post}`);
  switch (check.rule) {
    case "leaderShareMax":
      params.allowed = Math.floor(((f.numerator ?? 0) * (f.members ?? 0)) / (f.denominator ?? 1));
      break;
    case "nonEstablishmentShareMin": {
      const outside = f.outside ?? 0;
      const total = f.total ?? 0;
      params.percent = total > 0 ? Math.round((outside * 10_000) / total) / 100 : 0;
      // How many more 编制外 people make the share (adding them also grows the total).
      const ratio = (f.minPercent ?? 0) / 100;
      params.short = ratio >= 1 ? 0 : Math.max(0, Math.ceil((ratio * total - outside) / (1 - ratio) - 1e-9));
      break;
    }
    case "nominationChannels": {
      const channels = Object.keys(f) as NominationChannel[];
      params.counts = listJoin(ctx, channels.map((c) => `${ctx.t(`cand-channel-${c}`)} ${f[c]}`));
      params.missing = listJoin(ctx, channels.filter((c) => (f[c] ?? 0) === 0).map((c) => ctx.t(`cand-channel-${c}`)));
      break;
    }
  }
  return params;
}

candidatesFeature.command("slate", showSlate);
candidatesFeature.callbackQuery("cand:slate", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showSlate(ctx);
});

async function showSlate(ctx: BotContext): Promise<void> {
  ctx.handler = "slate";
  const township = await requireTownship(ctx);
  if (!township) return;
  const candidates = await candidateRepository(ctx.deps.db).list(township.id);
  await say(ctx, slateReport(ctx, township, candidates), {
    reply_markup: new InlineKeyboard().text(ctx.t("cand-button-list"), "cand:list:0").text(ctx.t("cand-button-add"), "cand:add"),
  });
}

// ── Speech scores ──────────────────────────────────────────────────────────────────────────────────

const running = (candidates: StoredCandidate[]) => candidates.filter((c) => c.status !== "withdrawn" && c.status !== "ineligible");

/** The speaking order is drawn by lot where the profile's speech rule says so (xingang: 演讲顺序按抽签决定). */
function drawsLots(rules: EffectiveRules): boolean {
  const source = rules.speechMinutesMax?.source;
  return !!source && !isCustomSource(source) && source.quote.includes("抽签");
}

function scoreReminders(ctx: BotContext, rules: EffectiveRules): string[] {
  const lines: string[] = [];
  const speech = rules.speechMinutesMax;
  const scoring = rules.scoring;
  if (speech) lines.push(`${ctx.t("score-reminder-speech", { rule: speech.summary[ctx.locale] })} ${sourceText(ctx, speech.source)}`);
  if (scoring) {
    // Both rules usually come from the same sentence group of one plan: cite it once.
    const sameSection =
      speech &&
      !isCustomSource(speech.source) &&
      !isCustomSource(scoring.source) &&
      speech.source.doc === scoring.source.doc &&
      speech.source.section === scoring.source.section;
    const rule = ctx.t("score-reminder-scoring", { rule: scoring.summary[ctx.locale] });
    lines.push(sameSection ? rule : `${rule} ${sourceText(ctx, scoring.source)}`);
  }
  if (!speech && !scoring) lines.push(ctx.t("score-reminder-none"));
  return lines;
}

export function scoresText(
  ctx: BotContext,
  rules: EffectiveRules,
  candidates: StoredCandidate[],
  scores: { judge: string; candidateId: string; hundredths: number }[],
): string {
  const people = running(candidates);
  const names = new Map(candidates.map((c) => [c.id, c.name]));
  const judges = [...new Set(scores.map((s) => s.judge))];
  const lines: string[] = [];
  if (people.length === 0) lines.push(ctx.t("score-no-candidates"));
  else if (judges.length === 0) lines.push(ctx.t("score-sheet-empty"));
  else {
    const sheet = scoreSheet(
      judges,
      people.map((c) => c.id),
      scores.map((s) => ({ judge: s.judge, candidate: s.candidateId, score: s.hundredths / 100 })),
    );
    lines.push(ctx.t("score-sheet-header", { judges: judges.length, candidates: people.length }));
    for (const row of sheet.rows) {
      const name = names.get(row.candidate) ?? "";
      lines.push(
        row.average === null
          ? ctx.t("score-row-unscored", { name })
          : ctx.t("score-row", {
              rank: row.rank ?? "",
              name,
              average: row.average.toFixed(2),
              scored: row.scored,
              judges: judges.length,
              complete: row.complete ? "yes" : "no",
            }),
      );
    }
    if (sheet.missing.length > 0)
      lines.push(
        ctx.t("score-incomplete", {
          missing: listJoin(ctx, sheet.missing.map((m) => ctx.t("score-missing-pair", { judge: m.judge, name: names.get(m.candidate) ?? "" }))),
        }),
      );
  }
  lines.push(...scoreReminders(ctx, rules));
  return lines.join("\n");
}

async function showScores(ctx: BotContext): Promise<void> {
  ctx.handler = "scores";
  const township = await requireTownship(ctx);
  if (!township) return;
  const repo = candidateRepository(ctx.deps.db);
  const rules = effectiveRules(township);
  const candidates = await repo.list(township.id);
  const keyboard = new InlineKeyboard();
  if (running(candidates).length > 0) {
    keyboard.text(ctx.t("score-button-record"), "score:record");
    if (drawsLots(rules)) keyboard.row().text(ctx.t("score-button-lots"), "score:lots");
  }
  await say(ctx, scoresText(ctx, rules, candidates, await repo.scores(township.id)), { reply_markup: keyboard });
}

candidatesFeature.command("scores", showScores);
candidatesFeature.callbackQuery("cand:scores", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showScores(ctx);
});

const SCALE = 100;
const scoresDialog = defineDialog({
  name: SCORES,
  fields: [
    {
      key: "judge",
      prompt: (ctx) => ctx.t("score-prompt-judge"),
      choices: (_ctx, data) => ((data._judges as string[] | undefined) ?? []).slice(0, 10).map((j) => ({ value: j, label: j })),
      parse: (input, ctx) => {
        const judge = input.normalize("NFKC").replace(/\s+/g, " ").trim();
        const length = [...judge].length;
        return length >= 1 && length <= 20 ? { ok: true, value: judge } : { ok: false, error: ctx.t("score-error-judge") };
      },
    },
    {
      key: "scores",
      prompt: (ctx, data) => {
        const order = data._order as { id: string; name: string }[];
        return ctx.t("score-prompt-scores", {
          judge: String(data.judge),
          scale: SCALE,
          list: order.map((c, i) => `${i + 1}. ${c.name}`).join("\n"),
          example: order.map((_c, i) => (i === 1 ? "85.5" : i === 2 ? "-" : String(90 - i))).join(" "),
        });
      },
      parse: (input, ctx, data) => {
        const order = data._order as { id: string; name: string }[];
        const tokens = input.normalize("NFKC").split(/[\s,;、]+/).filter(Boolean);
        if (tokens.length !== order.length) return { ok: false, error: ctx.t("score-error-count", { expected: order.length, count: tokens.length }) };
        const values: (number | null)[] = [];
        for (const [i, token] of tokens.entries()) {
          if (["-", "—", "缺"].includes(token)) {
            values.push(null);
            continue;
          }
          const score = /^\d+(\.\d+)?$/.test(token) ? Number(token) : Number.NaN;
          const valid = validateScore(score, SCALE);
          if (!valid.ok)
            return {
              ok: false,
              error: maskPersonalData(
                ctx.t("score-error-value", { n: i + 1, value: token.slice(0, 12), name: order[i]?.name ?? "", reason: valid.error, scale: SCALE }),
              ),
            };
          values.push(Math.round(score * 100));
        }
        return { ok: true, value: values };
      },
    },
  ],
  async complete(ctx, data) {
    const plan = planOf(data);
    const order = data._order as { id: string; name: string }[];
    const values = data.scores as (number | null)[];
    const judge = String(data.judge);
    const repo = candidateRepository(ctx.deps.db);
    const saved = await repo.recordSheet(
      plan.townshipId,
      ctx.from!.id,
      judge,
      order.map((c, i) => ({ candidateId: c.id, hundredths: values[i] ?? null })),
      ctx.deps.now(),
      typeof data._sheets === "number" ? data._sheets : undefined,
    );
    const rules = rulesOf(plan);
    const scores = await repo.scores(plan.townshipId);
    const header = saved
      ? ctx.t("score-saved", { judge })
      : ctx.t("score-conflict", {
          judge,
          current: listJoin(
            ctx,
            order.map((c) => {
              const score = scores.find((s) => s.judge === judge && s.candidateId === c.id);
              return `${c.name} ${score ? (score.hundredths / 100).toString() : "-"}`;
            }),
          ),
        });
    await say(ctx, `${header}\n${scoresText(ctx, rules, await repo.list(plan.townshipId), scores)}`, {
      reply_markup: new InlineKeyboard().text(ctx.t("score-button-record"), "score:record"),
    });
  },
});

candidatesFeature.callbackQuery("score:record", async (ctx) => {
  ctx.handler = "scores";
  await ctx.answerCallbackQuery();
  const township = await requireTownship(ctx);
  if (!township) return;
  const repo = candidateRepository(ctx.deps.db);
  const people = running(await repo.list(township.id));
  if (people.length === 0) {
    await say(ctx, ctx.t("score-no-candidates"));
    return;
  }
  const judges = [...new Set((await repo.scores(township.id)).map((s) => s.judge))];
  if (ctx.session.drafts) delete ctx.session.drafts[SCORES];
  await startDialog(ctx, scoresDialog, {
    _plan: planContext(township, todayOf(ctx)),
    // The sheets as they are now: a sheet of the same judge recorded meanwhile by another member wins.
    _sheets: await repo.sheetsVersion(township.id),
    _order: people.map((c) => ({ id: c.id, name: c.name })),
    _judges: judges,
  });
});

candidatesFeature.callbackQuery("score:lots", async (ctx) => {
  ctx.handler = "scores";
  await ctx.answerCallbackQuery();
  const township = await requireTownship(ctx);
  if (!township) return;
  const repo = candidateRepository(ctx.deps.db);
  const people = running(await repo.list(township.id));
  // Fisher–Yates with the platform's CSPRNG: a fair draw nobody can predict.
  const order = [...people];
  for (let i = order.length - 1; i > 0; i--) {
    const j = crypto.getRandomValues(new Uint32Array(1))[0]! % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  await repo.audit(township.id, ctx.from!.id, "speech.lots", null, { order: order.map((c) => c.id) }, ctx.deps.now());
  await say(ctx, ctx.t("score-lots", { order: order.map((c, i) => `${i + 1}. ${c.name}`).join("\n") }));
});

/** The candidate dialogs, for the bot's dialog registry (bot/dialogs/registry.ts). */
export const candidateDialogs = [addCandidate, editCandidate, importDialog, scoresDialog];
