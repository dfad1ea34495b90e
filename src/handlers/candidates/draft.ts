import { z } from "zod";
import type { BotContext } from "../../bot/context.js";
import {
  type DialogData,
  type DialogDefinition,
  type DialogField,
  type FieldChoice,
  type Parsed,
  reopenField,
} from "../../bot/dialogs/engine.js";
import { candidateRepository, hashIdNumber, type StoredCandidate } from "../../db/candidates.js";
import type { Commitment, Education, Establishment, Gender, Sector } from "../../domain/candidate.js";
import { EDUCATION_LEVELS, SECTORS } from "../../domain/candidate.js";
import {
  type CandidateDraft,
  type CandidateField,
  candidateFields,
  parseField,
} from "../../domain/candidate-fields.js";
import { ageOn, type EligibilityInput, eligibilityFor, type Finding } from "../../domain/eligibility.js";
import { looksLikeIdNumber } from "../../domain/id-number.js";
import { maskMobile, maskPersonalData } from "../../domain/privacy.js";
import type { NominationChannel, PoliticalStatus, Post } from "../../domain/rules/types.js";
import { NOMINATION_CHANNELS, POLITICAL_STATUSES, POSTS } from "../../domain/rules/types.js";
import type { LocalDate } from "../../domain/township.js";
import {
  fieldErrorText,
  findingText,
  type PlanContext,
  planOf,
  ruleMessage,
  rulesOf,
  seatsFor,
  sourceText,
} from "./shared.js";

/**
 * The candidate being entered or edited, as dialog data: the fields the add and edit dialogs ask (with
 * the rules each answer is checked against), and how the answers read back as a card.
 */

/** Birth date, or ID number → birth date, gender, masked form and keyed hash. */
export interface Identity {
  birthDate: LocalDate;
  gender?: Gender;
  idNumberMasked?: string;
  idNumberHash?: string;
}

/** An edit in progress: which candidate, at which version, which field, and the record as read. */
export interface EditInfo {
  id: string;
  version: number;
  field: FieldKey;
  name: string;
}

export type FieldKey =
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

export const COMMITMENT_OF_POST: Partial<Record<Post, Commitment>> = {
  "fulltime-deputy": "fulltime",
  "parttime-deputy": "parttime",
};
/** Answering one field makes these stale: they are asked again (when they apply). */
const DEPENDENTS: Partial<Record<FieldKey, FieldKey[]>> = { post: ["commitment"], channel: ["signatures"] };

const SKIP_WORDS = new Set(["-", "—", "跳过", "无", "skip", "none", "no"]);

/** The candidate as far as the dialog data goes (the relaxation reason only where it is needed). */
export function draftFrom(data: DialogData, withReason = true): Partial<CandidateDraft> {
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
  if (withReason && typeof data.relaxationReason === "string" && needsRelaxation(data))
    d.relaxationReason = data.relaxationReason;
  return d;
}

/** Dialog data for an existing candidate (all answered), for an edit. */
export function dataFrom(candidate: StoredCandidate): DialogData {
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
    ...(withReason && typeof data.relaxationReason === "string"
      ? { relaxationReason: data.relaxationReason }
      : {}),
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
function ruleProblem(
  data: DialogData,
  rules: ("age" | "politicalStatus" | "localTie")[],
): Finding | undefined {
  return findingsOf(data).find(
    (f) =>
      !f.ok &&
      f.code !== "age-relaxed-needs-reason" &&
      rules.includes(
        f.rule === "maxAge" || f.rule === "relaxedMaxAge"
          ? "age"
          : (f.rule as "politicalStatus" | "localTie"),
      ),
  );
}

function refuse(ctx: BotContext, data: DialogData, finding: Finding): Parsed {
  const plan = planOf(data);
  return {
    ok: false,
    error: ruleMessage(ctx, finding, rulesOf(plan), plan.electionDate, draftFrom(data).post),
  };
}

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

/** Parses with a candidate-field schema; the error message is translated. */
function viaSchema<F extends CandidateField>(
  field: F,
  input: string,
  ctx: BotContext,
  data: DialogData,
): Parsed {
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
    SKIP_WORDS.has(input.normalize("NFKC").trim().toLowerCase())
      ? { ok: true, value: null }
      : viaSchema(field, input, ctx, data);

const choicesOf = (ctx: BotContext, values: readonly string[], key: string, words: Record<string, string>) =>
  values.map((value): FieldChoice => ({ value: words[value] ?? value, label: ctx.t(`${key}-${value}`) }));

// Words the field schemas accept, sent by the buttons (the schemas read Chinese and English alike).
const POST_WORDS = {
  secretary: "书记",
  "fulltime-deputy": "专职副书记",
  "parttime-deputy": "兼职副书记",
  member: "委员",
};
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
const CHANNEL_WORDS = { organisation: "组织推荐", "joint-signature": "团员青年联名推荐", self: "个人自荐", democratic: "民主推荐" };

/** ID numbers are 18 characters; 15 or more digits, however grouped, is taken as a (possibly mistyped) ID number. */
export { looksLikeIdNumber };

/**
 * The shape of each answer as the dialog keeps it in the session (checked when a stored form is read
 * back: one kept from before an upgrade that changed a field starts again, saying so).
 */
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const VALUE = {
  name: z.string(),
  post: z.enum(POSTS),
  commitment: z.enum(["fulltime", "parttime"]),
  identity: z.object({
    birthDate: localDate,
    gender: z.enum(["male", "female"]).optional(),
    idNumberMasked: z.string().optional(),
    idNumberHash: z.string().optional(),
  }),
  gender: z.enum(["male", "female"]),
  relaxationReason: z.string().nullable(),
  politicalStatus: z.enum(POLITICAL_STATUSES),
  establishment: z.enum(["inside", "outside"]),
  sector: z.enum(SECTORS),
  channel: z.enum(NOMINATION_CHANNELS),
  signatures: z.number().int().nullable(),
  localTie: z.boolean(),
  mobile: z.string().nullable(),
  education: z.enum(EDUCATION_LEVELS).nullable(),
  workplace: z.string().nullable(),
  confirm: z.enum(["save", "fix"]),
} satisfies Record<string, z.ZodType>;

export const FIELDS: DialogField[] = [
  {
    key: "name",
    value: VALUE.name,
    prompt: (ctx) => ctx.t("cand-prompt-name"),
    parse: (input, ctx, data) => viaSchema("name", input, ctx, data),
  },
  {
    key: "post",
    value: VALUE.post,
    prompt: (ctx) => ctx.t("cand-prompt-post"),
    // Only the posts the plan has seats for (南山 plans no full-time deputy).
    choices: (ctx, data) =>
      choicesOf(
        ctx,
        POSTS.filter((post) => seatsFor(planOf(data), post) !== 0),
        "cand-post",
        POST_WORDS,
      ),
    // A new post may imply another commitment: the old answer is dropped.
    parse: async (input, ctx, data) => {
      const parsed = await ruleChecked("post", ["age"], ({ commitment: _stale, ...rest }, post) => ({
        ...rest,
        post,
      }))(input, ctx, data);
      if (parsed.ok && seatsFor(planOf(data), parsed.value as Post) === 0)
        return {
          ok: false,
          error: ctx.t("cand-error-post-no-seats", { post: ctx.t(`cand-post-${parsed.value as Post}`) }),
        };
      return parsed;
    },
  },
  {
    key: "commitment",
    value: VALUE.commitment,
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
    value: VALUE.identity,
    prompt: (ctx, data) => {
      const plan = planOf(data);
      return ctx.t(plan.onToday ? "cand-prompt-identity-today" : "cand-prompt-identity", {
        date: plan.electionDate,
      });
    },
    parse: async (input, ctx, data) => {
      let identity: Identity;
      if (looksLikeIdNumber(input)) {
        const plan = planOf(data);
        const result = parseField(candidateFields(rulesOf(plan), plan.today).idNumber, "idNumber", input);
        if (!result.ok) return refusal(fieldErrorText(ctx, result.error));
        // Only the keyed hash of the number is kept; the same person entered already is refused now.
        const hash = await hashIdNumber(ctx.deps.config.piiHashKey, result.value.normalized);
        const existing = (await candidateRepository(ctx.deps.db).findByHashes(plan.townshipId, [hash])).get(
          hash,
        );
        if (existing && existing.id !== (data._edit as EditInfo | undefined)?.id)
          return {
            ok: false,
            error: ctx.t("cand-error-duplicate", {
              name: existing.name,
              status: ctx.t(`cand-status-${existing.status}`),
            }),
          };
        identity = {
          birthDate: result.value.birthDate,
          gender: result.value.gender,
          idNumberMasked: result.value.masked,
          idNumberHash: hash,
        };
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
    value: VALUE.gender,
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
    value: VALUE.relaxationReason,
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
    value: VALUE.politicalStatus,
    prompt: (ctx) => ctx.t("cand-prompt-political"),
    choices: (ctx) => choicesOf(ctx, Object.keys(POLITICAL_WORDS), "cand-political", POLITICAL_WORDS),
    parse: ruleChecked("politicalStatus", ["politicalStatus"]),
  },
  {
    key: "establishment",
    value: VALUE.establishment,
    prompt: (ctx) => ctx.t("cand-prompt-establishment"),
    choices: (ctx) => [
      { value: "编制内", label: ctx.t("cand-establishment-inside") },
      { value: "编制外", label: ctx.t("cand-establishment-outside") },
    ],
    parse: (input, ctx, data) => viaSchema("establishment", input, ctx, data),
  },
  {
    key: "sector",
    value: VALUE.sector,
    prompt: (ctx) => ctx.t("cand-prompt-sector"),
    choices: (ctx) => choicesOf(ctx, Object.keys(SECTOR_WORDS), "cand-sector", SECTOR_WORDS),
    parse: (input, ctx, data) => viaSchema("sector", input, ctx, data),
  },
  {
    key: "channel",
    value: VALUE.channel,
    prompt: (ctx) => ctx.t("cand-prompt-channel"),
    choices: (ctx, data) => {
      const allowed = rulesOf(planOf(data)).nominationChannels?.value.channels ?? [...NOMINATION_CHANNELS];
      return choicesOf(ctx, allowed, "cand-channel", CHANNEL_WORDS);
    },
    parse: (input, ctx, data) => viaSchema("channel", input, ctx, data),
  },
  {
    key: "signatures",
    value: VALUE.signatures,
    when: (data) => data.channel === "joint-signature",
    prompt: (ctx, data) =>
      ctx.t("cand-prompt-signatures", {
        min: rulesOf(planOf(data)).nominationChannels?.value.jointSignaturesMin ?? 1,
      }),
    parse: (input, ctx, data) => viaSchema("signatures", input, ctx, data),
  },
  {
    key: "localTie",
    value: VALUE.localTie,
    prompt: (ctx, data) => {
      const tie = rulesOf(planOf(data)).localTie;
      return tie?.value.required
        ? ctx.t("cand-prompt-local-tie-required", {
            rule: `${tie.summary[ctx.locale]} ${sourceText(ctx, tie.source)}`,
          })
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
    value: VALUE.mobile,
    prompt: (ctx) => ctx.t("cand-prompt-mobile"),
    choices: (ctx) => [{ value: "-", label: ctx.t("cand-skip") }],
    parse: optional("mobile"),
    keepsPersonalData: true,
  },
  {
    key: "education",
    value: VALUE.education,
    prompt: (ctx) => ctx.t("cand-prompt-education"),
    choices: (ctx) => [
      ...choicesOf(ctx, EDUCATION_LEVELS, "cand-education", EDUCATION_WORDS),
      { value: "-", label: ctx.t("cand-skip") },
    ],
    parse: optional("education"),
  },
  {
    key: "workplace",
    value: VALUE.workplace,
    prompt: (ctx) => ctx.t("cand-prompt-workplace"),
    choices: (ctx) => [{ value: "-", label: ctx.t("cand-skip") }],
    parse: optional("workplace"),
  },
  {
    key: "confirm",
    value: VALUE.confirm,
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
      input === "save" || input === "fix"
        ? { ok: true, value: input }
        : { ok: false, error: ctx.t("cand-error-choice") },
  },
];

export const FIELD_KEYS = FIELDS.map((f) => f.key).filter((k) => k !== "confirm") as FieldKey[];

export function labelOf(ctx: BotContext, field: FieldKey): string {
  const key: CandidateField = field === "identity" ? "birthDate" : field;
  return field === "identity"
    ? `${ctx.t("candidate-field-birthDate")}/${ctx.t("candidate-field-idNumber")}`
    : ctx.t(`candidate-field-${key}`);
}

/** A field's value as shown (masked where personal). */
export function valueText(
  ctx: BotContext,
  d: Partial<CandidateDraft>,
  field: FieldKey,
  plan: PlanContext,
): string {
  return maskPersonalData(rawValueText(ctx, d, field, plan));
}

function rawValueText(
  ctx: BotContext,
  d: Partial<CandidateDraft>,
  field: FieldKey,
  plan: PlanContext,
): string {
  const none = ctx.t("cand-none");
  switch (field) {
    case "name":
      return d.name ?? none;
    case "post":
      return d.post
        ? ctx.t("cand-card-post", {
            post: ctx.t(`cand-post-${d.post}`),
            commitment: d.commitment ? ctx.t(`cand-commitment-${d.commitment}`) : none,
          })
        : none;
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

export function cardText(ctx: BotContext, d: Partial<CandidateDraft>, plan: PlanContext): string {
  return cardFields(d)
    .map((field) =>
      ctx.t("cand-card-line", { label: labelOf(ctx, field), value: valueText(ctx, d, field, plan) }),
    )
    .join("\n");
}

export function findingsText(ctx: BotContext, d: Partial<CandidateDraft>, plan: PlanContext): string {
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
export function completeDraft(
  ctx: BotContext,
  data: DialogData,
): { draft: CandidateDraft } | { field: FieldKey; error: string } {
  const d = draftFrom(data);
  for (const field of [
    "name",
    "post",
    "commitment",
    "identity",
    "gender",
    "politicalStatus",
    "establishment",
    "sector",
    "channel",
    "localTie",
  ] as const) {
    const missing =
      field === "identity"
        ? !d.birthDate
        : field === "commitment"
          ? !d.commitment
          : d[field as keyof CandidateDraft] === undefined;
    if (missing) return { field, error: ctx.t("candidate-error-required", { field: labelOf(ctx, field) }) };
  }
  if (d.channel === "joint-signature" && d.signatures === undefined)
    return {
      field: "signatures",
      error: ctx.t("candidate-error-required", { field: labelOf(ctx, "signatures") }),
    };
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
export async function askAgain(
  ctx: BotContext,
  definition: DialogDefinition,
  data: DialogData,
  field: FieldKey,
  keepConfirm: boolean,
) {
  const rest: DialogData = { ...data };
  for (const dependent of DEPENDENTS[field] ?? []) delete rest[dependent];
  if (!keepConfirm) delete rest.confirm;
  if (field === "identity" || field === "post" || field === "commitment") {
    // A changed age or post may need (or no longer need) a relaxation reason: keep it only if still needed.
    if (typeof rest.relaxationReason !== "string") delete rest.relaxationReason;
  }
  await reopenField(ctx, definition, rest, field);
}
