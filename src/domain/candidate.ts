/**
 * A person nominated for the committee, as entered by the secretary. Personal identifiers are kept
 * only in the forms the domain needs: the derived birth date, a masked ID number, and a keyed hash
 * (computed by an adapter) to detect the same person entered twice.
 */
import type { LocalDate } from "./township.js";
import type { NominationChannel, PoliticalStatus, Post } from "./rules/types.js";

export type Gender = "male" | "female";
export type Establishment = "inside" | "outside"; // 编制内 | 编制外
export const SECTORS = ["government", "private-enterprise", "rural", "school", "social-organisation", "other"] as const;
export type Sector = (typeof SECTORS)[number]; // 机关事业单位, 非公企业, 农村, 学校, 社会组织/两新组织, 其他
export const EDUCATION_LEVELS = ["junior-high", "senior-high", "vocational", "college", "bachelor", "master", "doctorate"] as const;
export type Education = (typeof EDUCATION_LEVELS)[number];
export type Commitment = "fulltime" | "parttime";

export type CandidateStatus = "nominated" | "eligible" | "ineligible" | "formal" | "elected" | "appointed" | "withdrawn";

export interface Candidate {
  id: string;
  townshipId: string;
  name: string;
  gender: Gender;
  birthDate: LocalDate;
  /** e.g. "5101**********1234"; absent when only a birth date was given. */
  idNumberMasked?: string;
  politicalStatus: PoliticalStatus;
  establishment: Establishment;
  sector: Sector;
  post: Post;
  commitment: Commitment;
  channel: NominationChannel;
  /** For 团员青年联名推荐: how many signed. */
  signatures?: number;
  /** Household registration, residence or workplace in the township (where the profile requires it). */
  localTie: boolean;
  /** Mainland mobile, 11 digits; stored for contact, always masked on display ("138****5678"). */
  mobile?: string;
  education?: Education;
  workplace?: string;
  /** Why a relaxed age limit applies (the profile's condition), when it is used. */
  relaxationReason?: string;
  status: CandidateStatus;
}
