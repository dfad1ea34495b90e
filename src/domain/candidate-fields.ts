/**
 * Reading candidate fields as secretaries type them, in the chat dialog or a spreadsheet row. Each
 * schema takes the text as entered and yields the domain value; errors are message keys with params
 * (the adapter translates them), never text. CANDIDATE_MESSAGES at the bottom is the source the
 * locale files are written from. Pure: no I/O.
 */
import { z } from "zod";
import type { Candidate, Commitment, Education, Establishment, Gender, Sector } from "./candidate.js";
import { ageOn, isRealDate, toLocalDate } from "./eligibility.js";
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

/** A field whose answer is one of a few words, in Chinese or English. */
function wordField<T>(key: string, words: Record<string, T>) {
  const table = new Map(Object.entries(words).map(([word, value]) => [wordKey(word), value]));
  return text().transform((input, ctx): T => {
    const value = table.get(wordKey(input));
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

const DATE_FORMATS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, // 1990-03-07, 1990/3/7
  /^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?日?$/, // 1990年3月7日
  /^(\d{4})(\d{2})(\d{2})$/, // 19900307
];

export function birthDateField(today: LocalDate) {
  return text().transform((input, ctx): LocalDate => {
    const match = DATE_FORMATS.map((format) => format.exec(clean(input))).find(Boolean);
    if (!match) return fail(ctx, "candidate-error-birth-date-format");
    const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
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
  民主推荐: "joint-signature",
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

  const schemas = candidateFields(rules, today);
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

/**
 * Every message key used above, with suggested text for the locale files (Fluent placeholders).
 * `candidate-error-required` takes `$field`, a CandidateField: translate it through `candidate-field-*`.
 */
export const CANDIDATE_MESSAGES: Record<string, { zh: string; en: string }> = {
  "candidate-error-required": { zh: "缺少「{ $field }」。", en: "“{ $field }” is missing." },
  "candidate-error-name-length": {
    zh: "姓名应为{ $min }—{ $max }个字。",
    en: "A name has { $min }–{ $max } characters.",
  },
  "candidate-error-name-characters": {
    zh: "姓名只能包含汉字、英文字母和间隔号“·”,不能有数字。",
    en: "A name may contain only Chinese characters, Latin letters and the middle dot “·”, no digits.",
  },
  "candidate-error-gender": {
    zh: "性别请填“男”或“女”(您填的是“{ $value }”)。",
    en: "Gender: “male” or “female” (you wrote “{ $value }”).",
  },
  "candidate-error-gender-conflict": {
    zh: "性别与身份证号不一致:身份证号显示为{ $fromId -> [male] 男 *[female] 女 }。",
    en: "The gender does not match the ID number, which says { $fromId }.",
  },
  "candidate-error-birth-date-format": {
    zh: "出生日期请写成 1995-03-07、1995/3/7、1995年3月7日 或 19950307。",
    en: "Write the birth date as 1995-03-07, 1995/3/7, 1995年3月7日 or 19950307.",
  },
  "candidate-error-birth-date-invalid": {
    zh: "没有这一天,请核对出生日期。",
    en: "That day does not exist; please check the birth date.",
  },
  "candidate-error-birth-date-age": {
    zh: "按此出生日期今年{ $age }岁,不在{ $min }—{ $max }岁之间,请核对。",
    en: "That birth date makes the person { $age }, outside { $min }–{ $max }; please check it.",
  },
  "candidate-error-birth-date-conflict": {
    zh: "出生日期 { $given } 与身份证号中的 { $fromId } 不一致。",
    en: "The birth date { $given } does not match { $fromId } in the ID number.",
  },
  "candidate-error-id-length": { zh: "身份证号应为18位。", en: "A resident ID number has 18 characters." },
  "candidate-error-id-characters": {
    zh: "身份证号应为17位数字加最后一位数字或X。",
    en: "A resident ID number is 17 digits followed by a digit or X.",
  },
  "candidate-error-id-province": {
    zh: "身份证号前两位不是有效的省级代码。",
    en: "The first two digits of the ID number are not a valid province code.",
  },
  "candidate-error-id-date": {
    zh: "身份证号中的出生日期无效。",
    en: "The birth date inside the ID number is not valid.",
  },
  "candidate-error-id-checksum": {
    zh: "身份证号校验位不符,可能有数字输错。",
    en: "The ID number's check character does not match; a digit may be mistyped.",
  },
  "candidate-error-political-status": {
    zh: "政治面貌请填中共党员、中共预备党员、共青团员或群众(您填的是“{ $value }”)。",
    en: "Political status: CPC member, probationary CPC member, League member or other (you wrote “{ $value }”).",
  },
  "candidate-error-establishment": {
    zh: "编制请填“编制内”或“编制外”(您填的是“{ $value }”)。",
    en: "Establishment: “inside” or “outside” (you wrote “{ $value }”).",
  },
  "candidate-error-sector": {
    zh: "领域请填机关事业单位、非公企业、农村、学校、社会组织或其他(您填的是“{ $value }”)。",
    en: "Sector: government, private enterprise, rural, school, social organisation or other (you wrote “{ $value }”).",
  },
  "candidate-error-post": {
    zh: "竞选职务请填书记、专职副书记、兼职副书记或委员(您填的是“{ $value }”)。",
    en: "Post: secretary, full-time deputy, part-time deputy or member (you wrote “{ $value }”).",
  },
  "candidate-error-commitment": {
    zh: "专兼职请填“专职”或“兼职”(您填的是“{ $value }”)。",
    en: "Commitment: “full-time” or “part-time” (you wrote “{ $value }”).",
  },
  "candidate-error-commitment-conflict": {
    zh: "竞选职务与专兼职不一致:专职副书记须为专职,兼职副书记须为兼职。",
    en: "The post and the commitment disagree: a full-time deputy is full-time, a part-time deputy part-time.",
  },
  "candidate-error-channel": {
    zh: "推荐方式请填组织推荐、团员青年联名推荐或个人自荐(您填的是“{ $value }”)。",
    en: "Channel: organisation nomination, joint nomination or self-nomination (you wrote “{ $value }”).",
  },
  "candidate-error-signatures-number": {
    zh: "联名人数请填整数。",
    en: "The number of signatures is a whole number.",
  },
  "candidate-error-signatures-min": {
    zh: "联名推荐至少需要{ $min }人,现为{ $count }人。",
    en: "A joint nomination needs at least { $min } signatures; it has { $count }.",
  },
  "candidate-error-signatures-required": {
    zh: "联名推荐请填写联名人数(至少{ $min }人)。",
    en: "For a joint nomination, give the number of signatures (at least { $min }).",
  },
  "candidate-error-local-tie": {
    zh: "是否本地(户籍或长期居住、工作)请填“是”或“否”(您填的是“{ $value }”)。",
    en: "Local tie (registration, residence or work in the township): “yes” or “no” (you wrote “{ $value }”).",
  },
  "candidate-error-mobile": {
    zh: "手机号应为11位大陆手机号,如 138 1234 5678。",
    en: "A mainland mobile number has 11 digits, e.g. 138 1234 5678.",
  },
  "candidate-error-education": {
    zh: "学历请填初中、高中、中专、大专、本科、硕士或博士(您填的是“{ $value }”)。",
    en: "Education: junior high, senior high, vocational, college, bachelor, master or doctorate (you wrote “{ $value }”).",
  },
  "candidate-error-workplace": {
    zh: "工作单位应为1—{ $max }个字。",
    en: "The workplace has 1–{ $max } characters.",
  },
  "candidate-error-relaxation-reason": {
    zh: "放宽年龄的理由应为1—{ $max }个字。",
    en: "The reason for the relaxed age limit has 1–{ $max } characters.",
  },
  "candidate-field-name": { zh: "姓名", en: "name" },
  "candidate-field-gender": { zh: "性别", en: "gender" },
  "candidate-field-birthDate": { zh: "出生日期", en: "birth date" },
  "candidate-field-idNumber": { zh: "身份证号", en: "ID number" },
  "candidate-field-politicalStatus": { zh: "政治面貌", en: "political status" },
  "candidate-field-establishment": { zh: "编制", en: "establishment" },
  "candidate-field-sector": { zh: "领域", en: "sector" },
  "candidate-field-post": { zh: "竞选职务", en: "post" },
  "candidate-field-commitment": { zh: "专兼职", en: "commitment" },
  "candidate-field-channel": { zh: "推荐方式", en: "nomination channel" },
  "candidate-field-signatures": { zh: "联名人数", en: "signatures" },
  "candidate-field-localTie": { zh: "是否本地", en: "local tie" },
  "candidate-field-mobile": { zh: "手机", en: "mobile" },
  "candidate-field-education": { zh: "学历", en: "education" },
  "candidate-field-workplace": { zh: "工作单位", en: "workplace" },
  "candidate-field-relaxationReason": { zh: "放宽理由", en: "relaxation reason" },
};
