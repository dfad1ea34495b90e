/**
 * Reading candidate fields as secretaries type them, in the chat dialog or a spreadsheet row. Each
 * schema takes the text as entered and yields the domain value; errors are message keys with params
 * (the adapter translates them), never text; the texts live in the locale files (candidates.ftl).
 * Pure: no I/O.
 */
import { z } from "zod";
import type { Candidate, Commitment, Education, Establishment, Gender, Sector } from "./candidate.js";
import { dateParts } from "./date-input.js";
import { ageOn } from "./eligibility.js";
import { isRealDate, toLocalDate } from "./time.js";
import { validateIdNumber } from "./id-number.js";
import type { EffectiveRules } from "./rules/effective.js";
import type { NominationChannel, PoliticalStatus, Post } from "./rules/types.js";
import type { LocalDate } from "./township.js";

export type CandidateField =
  | "name"
  | "gender"
  | "birthDate"
  | "idNumber"
  | "politicalStatus"
  | "establishment"
  | "sector"
  | "post"
  | "commitment"
  | "channel"
  | "signatures"
  | "localTie"
  | "mobile"
  | "education"
  | "workplace"
  | "relaxationReason";

export type MessageParams = Record<string, string | number>;
export interface FieldError {
  field: CandidateField;
  key: string;
  params: MessageParams;
}

/** Full-width forms become ASCII (NFKC) and runs of spaces collapse: pasted text is messy. */
const clean = (text: string) => text.normalize("NFKC").replace(/\s+/g, " ").trim();
/** For matching words: case, hyphens, underscores, apostrophes and spacing don't matter. */
const wordKey = (text: string) =>
  clean(text)
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[-_\s]+/g, " ");

type Ctx = z.core.$RefinementCtx<string>;
/** Records the error and yields z.NEVER: always `return fail(...)`, it does not throw. */
function fail(ctx: Ctx, key: string, params: MessageParams = {}): never {
  ctx.addIssue({ code: "custom", message: key, params });
  return z.NEVER;
}

const text = () => z.string({ error: "candidate-error-required" });

/** "社会组织/两新组织", "群众及其他", "government or public institution": one meaning, said two ways. */
const ALTERNATIVES = /\s*(?:[/／、]|\bor\b|或|及)\s*/u;

/**
 * A field whose answer is one of a few words, in Chinese or English. A label naming the same meaning
 * twice (as the dialogs' buttons do: 「社会组织/两新组织」) is read as that meaning, so that a table
 * filled in with the buttons' words is read like the buttons.
 */
function wordField<T>(key: string, words: Record<string, T>) {
  const table = new Map(Object.entries(words).map(([word, value]) => [wordKey(word), value]));
  const lookup = (input: string): T | undefined => {
    const whole = table.get(wordKey(input));
    if (whole !== undefined) return whole;
    const parts = clean(input).split(ALTERNATIVES).filter(Boolean);
    const meanings = new Set(parts.map((part) => table.get(wordKey(part))));
    return parts.length > 1 && meanings.size === 1 ? [...meanings][0] : undefined;
  };
  return text().transform((input, ctx): T => {
    const value = lookup(input);
    return value !== undefined ? value : fail(ctx, key, { value: clean(input).slice(0, 20) });
  });
}

// ── Person ─────────────────────────────────────────────────────────────────────────────────────────

export const NAME_LENGTH = { min: 2, max: 20 };
/** Han or Latin letters; a middle dot (minority and foreign names: 阿依古丽·买买提) or a space between parts. */
const NAME = /^[\p{Script=Han}\p{Script=Latin}]+(?:[ ·][\p{Script=Han}\p{Script=Latin}]+)*$/u;

export const nameField = text().transform((input, ctx) => {
  const name = clean(input).replace(/\s*[·•・‧∙]\s*/g, "·");
  const length = [...name].length;
  if (length < NAME_LENGTH.min || length > NAME_LENGTH.max)
    return fail(ctx, "candidate-error-name-length", NAME_LENGTH);
  if (!NAME.test(name)) return fail(ctx, "candidate-error-name-characters");
  return name;
});

export const genderField = wordField<Gender>("candidate-error-gender", {
  男: "male",
  男性: "male",
  male: "male",
  m: "male",
  女: "female",
  女性: "female",
  female: "female",
  f: "female",
});

/** Sanity bounds only (typing slips such as 1899 or 2019), not an eligibility rule: League age starts at 14. */
export const AGE_SANITY = { min: 14, max: 60 };

function checkAge<T>(ctx: Ctx, birthDate: LocalDate, today: LocalDate, value: T): T {
  const age = ageOn(birthDate, today);
  const sane = age >= AGE_SANITY.min && age <= AGE_SANITY.max;
  return sane ? value : fail(ctx, "candidate-error-birth-date-age", { age, ...AGE_SANITY });
}

export function birthDateField(today: LocalDate) {
  return text().transform((input, ctx): LocalDate => {
    const parts = dateParts(input);
    if (!parts) return fail(ctx, "candidate-error-birth-date-format");
    const [year, month, day] = parts;
    if (!isRealDate(year, month, day)) return fail(ctx, "candidate-error-birth-date-invalid");
    const birthDate = toLocalDate(year, month, day);
    return checkAge(ctx, birthDate, today, birthDate);
  });
}

export function idNumberField(today: LocalDate) {
  return text().transform((input, ctx) => {
    const result = validateIdNumber(input, today);
    if (!result.ok) return fail(ctx, `candidate-error-id-${result.error}`);
    return checkAge(ctx, result.birthDate, today, result);
  });
}

export const politicalStatusField = wordField<PoliticalStatus>("candidate-error-political-status", {
  中共党员: "party-member",
  党员: "party-member",
  共产党员: "party-member",
  "party member": "party-member",
  "CPC member": "party-member",
  "communist party member": "party-member",
  中共预备党员: "probationary-party-member",
  预备党员: "probationary-party-member",
  "probationary party member": "probationary-party-member",
  "probationary CPC member": "probationary-party-member",
  共青团员: "league-member",
  团员: "league-member",
  "league member": "league-member",
  "CYL member": "league-member",
  "youth league member": "league-member",
  群众: "other",
  其他: "other",
  masses: "other",
  none: "other",
  other: "other",
});

// ── Where they come from ───────────────────────────────────────────────────────────────────────────

export const establishmentField = wordField<Establishment>("candidate-error-establishment", {
  编制内: "inside",
  编制外: "outside",
  inside: "inside",
  outside: "outside",
  "inside establishment": "inside",
  "outside establishment": "outside",
  "inside the establishment": "inside",
  "outside the establishment": "outside",
});

export const sectorField = wordField<Sector>("candidate-error-sector", {
  机关: "government",
  事业单位: "government",
  机关事业单位: "government",
  government: "government",
  "public institution": "government",
  非公企业: "private-enterprise",
  企业: "private-enterprise",
  "private enterprise": "private-enterprise",
  enterprise: "private-enterprise",
  company: "private-enterprise",
  农村: "rural",
  rural: "rural",
  village: "rural",
  学校: "school",
  school: "school",
  社会组织: "social-organisation",
  两新组织: "social-organisation",
  "social organisation": "social-organisation",
  "social organization": "social-organisation",
  NGO: "social-organisation",
  其他: "other",
  other: "other",
});

export const educationField = wordField<Education>("candidate-error-education", {
  初中: "junior-high",
  "junior high": "junior-high",
  "junior high school": "junior-high",
  高中: "senior-high",
  "senior high": "senior-high",
  "high school": "senior-high",
  中专: "vocational",
  vocational: "vocational",
  "secondary vocational": "vocational",
  大专: "college",
  college: "college",
  "junior college": "college",
  本科: "bachelor",
  bachelor: "bachelor",
  "bachelor's": "bachelor",
  undergraduate: "bachelor",
  硕士: "master",
  master: "master",
  "master's": "master",
  博士: "doctorate",
  doctorate: "doctorate",
  PhD: "doctorate",
});

export const WORKPLACE_MAX = 60;
export const workplaceField = text().transform((input, ctx) => {
  const workplace = clean(input);
  const length = [...workplace].length;
  return length >= 1 && length <= WORKPLACE_MAX
    ? workplace
    : fail(ctx, "candidate-error-workplace", { max: WORKPLACE_MAX });
});

export const localTieField = wordField<boolean>("candidate-error-local-tie", {
  是: true,
  否: false,
  yes: true,
  no: false,
  y: true,
  n: false,
});

/** Mainland mobile, optionally +86, spaces or dashes anywhere; kept as the 11 digits. */
export const mobileField = text().transform((input, ctx) => {
  const match = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(clean(input).replace(/[\s-]/g, ""));
  return match?.[1] ?? fail(ctx, "candidate-error-mobile");
});

// ── The post sought and the nomination ─────────────────────────────────────────────────────────────

export const postField = wordField<Post>("candidate-error-post", {
  书记: "secretary",
  团委书记: "secretary",
  secretary: "secretary",
  专职副书记: "fulltime-deputy",
  "full-time deputy": "fulltime-deputy",
  "fulltime deputy": "fulltime-deputy",
  "full-time deputy secretary": "fulltime-deputy",
  "fulltime deputy secretary": "fulltime-deputy",
  兼职副书记: "parttime-deputy",
  "part-time deputy": "parttime-deputy",
  "parttime deputy": "parttime-deputy",
  "part-time deputy secretary": "parttime-deputy",
  "parttime deputy secretary": "parttime-deputy",
  委员: "member",
  团委委员: "member",
  member: "member",
  "committee member": "member",
});

export const commitmentField = wordField<Commitment>("candidate-error-commitment", {
  专职: "fulltime",
  兼职: "parttime",
  "full-time": "fulltime",
  fulltime: "fulltime",
  "part-time": "parttime",
  parttime: "parttime",
});

export const channelField = wordField<NominationChannel>("candidate-error-channel", {
  组织推荐: "organisation",
  organisation: "organisation",
  organization: "organisation",
  "organisation nomination": "organisation",
  "organization nomination": "organisation",
  团员青年联名推荐: "joint-signature",
  联名推荐: "joint-signature",
  民主推荐: "democratic",
  "democratic recommendation": "democratic",
  democratic: "democratic",
  "joint signature": "joint-signature",
  "joint nomination": "joint-signature",
  joint: "joint-signature",
  个人自荐: "self",
  自荐: "self",
  self: "self",
  "self-nomination": "self",
});

/** How many signed a joint nomination; at least the profile's threshold (jiyang: 10), else at least 1. */
export function signaturesField(rules: EffectiveRules) {
  const min = rules.nominationChannels?.value.jointSignaturesMin ?? 1;
  return text().transform((input, ctx) => {
    const match = /^(\d+) ?人?$/.exec(clean(input));
    if (!match) return fail(ctx, "candidate-error-signatures-number");
    const count = Number(match[1]);
    return count >= min ? count : fail(ctx, "candidate-error-signatures-min", { min, count });
  });
}

export const RELAXATION_REASON_MAX = 200;
export const relaxationReasonField = text().transform((input, ctx) => {
  const reason = clean(input);
  const length = [...reason].length;
  return length >= 1 && length <= RELAXATION_REASON_MAX
    ? reason
    : fail(ctx, "candidate-error-relaxation-reason", { max: RELAXATION_REASON_MAX });
});

/** Every field's schema, for the dialog (one question per field) and the batch importer. */
export function candidateFields(rules: EffectiveRules, today: LocalDate) {
  return {
    name: nameField,
    gender: genderField,
    birthDate: birthDateField(today),
    idNumber: idNumberField(today),
    politicalStatus: politicalStatusField,
    establishment: establishmentField,
    sector: sectorField,
    post: postField,
    commitment: commitmentField,
    channel: channelField,
    signatures: signaturesField(rules),
    localTie: localTieField,
    mobile: mobileField,
    education: educationField,
    workplace: workplaceField,
    relaxationReason: relaxationReasonField,
  } satisfies Record<CandidateField, z.ZodType<unknown, string>>;
}
export type CandidateFieldSchemas = ReturnType<typeof candidateFields>;
export type FieldValue<F extends CandidateField> = z.output<CandidateFieldSchemas[F]>;

export function parseField<T>(
  schema: z.ZodType<T, string>,
  field: CandidateField,
  input: unknown,
): { ok: true; value: T } | { ok: false; error: FieldError } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const params = issue && "params" in issue ? (issue.params as MessageParams | undefined) : undefined;
  return {
    ok: false,
    error: { field, key: issue?.message ?? "candidate-error-required", params: params ?? {} },
  };
}

// ── Batch import ───────────────────────────────────────────────────────────────────────────────────

/** Column headers as secretaries write them; hints in brackets ("出生日期(YYYY-MM-DD)") are ignored. */
const HEADERS: Record<CandidateField, string[]> = {
  name: ["姓名", "name"],
  gender: ["性别", "gender", "sex"],
  birthDate: ["出生日期", "出生年月日", "birth date", "date of birth", "birthday"],
  idNumber: ["身份证号", "身份证号码", "公民身份号码", "id number", "id no", "id"],
  politicalStatus: ["政治面貌", "political status"],
  establishment: ["编制", "编制内外", "establishment"],
  sector: ["领域", "sector"],
  post: ["竞选职务", "职务", "post", "position"],
  commitment: ["专兼职", "commitment"],
  channel: ["推荐方式", "channel", "nomination channel"],
  signatures: ["联名人数", "signatures"],
  localTie: ["本地", "是否本地", "local", "local tie"],
  mobile: ["手机", "手机号", "手机号码", "mobile", "phone"],
  education: ["学历", "education"],
  workplace: ["工作单位", "workplace", "employer"],
  relaxationReason: ["放宽理由", "relaxation reason"],
};
const headerKey = (header: string) =>
  clean(header)
    .replace(/\(.*?\)|\[.*?\]|【.*?】/g, "")
    .toLowerCase()
    .replace(/[\s_\-:.]/g, "");
const FIELD_BY_HEADER = new Map(
  Object.entries(HEADERS).flatMap(([field, names]) =>
    names.map((name) => [headerKey(name), field as CandidateField]),
  ),
);

/** Required unless derivable: gender and birth date come from the ID number, a deputy's commitment from the post. */
const REQUIRED: CandidateField[] = [
  "name",
  "gender",
  "birthDate",
  "politicalStatus",
  "establishment",
  "sector",
  "post",
  "commitment",
  "channel",
  "localTie",
];
const COMMITMENT_OF_POST: Partial<Record<Post, Commitment>> = {
  "fulltime-deputy": "fulltime",
  "parttime-deputy": "parttime",
};

export type CandidateDraft = Omit<Candidate, "id" | "townshipId" | "status">;
export type CandidateRowResult =
  | { ok: true; candidate: CandidateDraft; idNumberNormalized?: string }
  | { ok: false; errors: FieldError[] };

type Values = { [F in CandidateField]?: FieldValue<F> };

/** A batch shares one rules object and one day: its schemas are built once, not per row. */
const fieldCache = new WeakMap<EffectiveRules, { today: LocalDate; fields: ReturnType<typeof candidateFields> }>();
function cachedFields(rules: EffectiveRules, today: LocalDate): ReturnType<typeof candidateFields> {
  const cached = fieldCache.get(rules);
  if (cached?.today === today) return cached.fields;
  const fields = candidateFields(rules, today);
  fieldCache.set(rules, { today, fields });
  return fields;
}

export function parseCandidateRow(
  record: Record<string, string>,
  rules: EffectiveRules,
  today: LocalDate,
): CandidateRowResult {
  const cells = new Map<CandidateField, string>();
  for (const [header, cell] of Object.entries(record)) {
    const field = FIELD_BY_HEADER.get(headerKey(header));
    if (field && !cells.has(field) && clean(cell ?? "") !== "") cells.set(field, cell);
  }

  const schemas = cachedFields(rules, today);
  const values: Values = {};
  const errors: FieldError[] = [];
  for (const [field, cell] of cells) {
    // Signatures only matter for a joint nomination; elsewhere a stray number is not an error.
    if (field === "signatures") continue;
    const result = parseField(schemas[field] as z.ZodType<unknown, string>, field, cell);
    if (result.ok) (values as Record<string, unknown>)[field] = result.value;
    else errors.push(result.error);
  }

  const id = values.idNumber;
  if (id) {
    if (values.birthDate !== undefined && values.birthDate !== id.birthDate)
      errors.push(conflict("birthDate", values.birthDate, id.birthDate));
    if (values.gender !== undefined && values.gender !== id.gender)
      errors.push(conflict("gender", values.gender, id.gender));
    values.birthDate = id.birthDate;
    values.gender = id.gender;
  }
  if (values.commitment === undefined && values.post) values.commitment = COMMITMENT_OF_POST[values.post];
  if (values.post && values.commitment) {
    const expected = COMMITMENT_OF_POST[values.post];
    if (expected && expected !== values.commitment)
      errors.push({
        field: "commitment",
        key: "candidate-error-commitment-conflict",
        params: { post: values.post, commitment: values.commitment },
      });
  }
  // A channel the local rules do not have (南山: 组织推荐、民主推荐、个人自荐, no 联名推荐) would run
  // uncounted by the slate's channel check: it is refused, naming the channels there are.
  const channels = rules.nominationChannels?.value.channels;
  if (values.channel && channels && channels.length > 0 && !channels.includes(values.channel))
    errors.push({ field: "channel", key: "candidate-error-channel-not-local", params: { channel: values.channel, allowed: channels.join(",") } });
  if (values.channel === "joint-signature") {
    const cell = cells.get("signatures");
    const min = rules.nominationChannels?.value.jointSignaturesMin;
    if (cell !== undefined) {
      const result = parseField(schemas.signatures, "signatures", cell);
      if (result.ok) values.signatures = result.value;
      else errors.push(result.error);
    } else if (min !== undefined) {
      errors.push({ field: "signatures", key: "candidate-error-signatures-required", params: { min } });
    }
  }
  for (const field of REQUIRED) {
    // A field given but unreadable already has its own error; an unreadable ID explains a missing birth date.
    const derivable = (field === "birthDate" || field === "gender") && cells.has("idNumber");
    if (!cells.has(field) && values[field] === undefined && !derivable)
      errors.push({ field, key: "candidate-error-required", params: { field } });
  }
  if (errors.length > 0) return { ok: false, errors };

  const v = values as Required<Values>;
  const candidate: CandidateDraft = {
    name: v.name,
    gender: v.gender,
    birthDate: v.birthDate,
    politicalStatus: v.politicalStatus,
    establishment: v.establishment,
    sector: v.sector,
    post: v.post,
    commitment: v.commitment,
    channel: v.channel,
    localTie: v.localTie,
  };
  if (id) candidate.idNumberMasked = id.masked;
  if (values.signatures !== undefined) candidate.signatures = values.signatures;
  if (values.mobile !== undefined) candidate.mobile = values.mobile;
  if (values.education !== undefined) candidate.education = values.education;
  if (values.workplace !== undefined) candidate.workplace = values.workplace;
  if (values.relaxationReason !== undefined) candidate.relaxationReason = values.relaxationReason;
  return id ? { ok: true, candidate, idNumberNormalized: id.normalized } : { ok: true, candidate };
}

function conflict(field: "birthDate" | "gender", given: string, fromId: string): FieldError {
  const key =
    field === "birthDate" ? "candidate-error-birth-date-conflict" : "candidate-error-gender-conflict";
  return { field, key, params: { given, fromId } };
}
