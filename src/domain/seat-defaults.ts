/**
 * The seats registration offers as defaults: the profile's own layout where it gives one, and always
 * one its rules accept — committee size, leaders (secretary and deputies) at most the share allowed,
 * and room for the 编制外 share (the secretary and full-time deputies are counted inside the
 * establishment: they hold its posts). Pure.
 */
import { effectiveRules } from "./rules/effective.js";
import type { ProfileId } from "./rules/types.js";
import { type PlannedSeats, totalSeats } from "./township.js";

/** The full-time deputies to offer: the profile's layout's; none where its layout has none (南山), else one. */
export function defaultFulltimeDeputies(profileId: ProfileId): number {
  const seats = effectiveRules({ profileId }).seats?.value;
  return seats ? (seats.fulltimeDeputies ?? 0) : 1;
}

/** The part-time deputies to offer: the profile's layout's, else two. */
export function defaultParttimeDeputies(profileId: ProfileId): number {
  return effectiveRules({ profileId }).seats?.value.parttimeDeputies ?? 2;
}

/** Whether planned seats meet the profile's rules on the committee's make-up. */
export function seatsFit(profileId: ProfileId, seats: PlannedSeats): boolean {
  const rules = effectiveRules({ profileId });
  const total = totalSeats(seats);
  const leaders = seats.secretary + seats.fulltimeDeputies + seats.parttimeDeputies;
  const inside = seats.secretary + seats.fulltimeDeputies;
  const size = rules.committeeSize?.value;
  const share = rules.leaderShareMax?.value;
  const outside = rules.nonEstablishmentShareMin?.value;
  return (
    (!size || (total >= size.min && total <= size.max)) &&
    (!share || leaders * share.denominator <= share.numerator * total) &&
    (!outside || (total - inside) >= outside.ratio * total)
  );
}

/**
 * The ordinary members (委员) to offer once the leaders are chosen: the profile's total where it gives
 * one, else the smallest committee its size allows (nine where silent), raised until the rules accept it.
 */
export function defaultMembers(profileId: ProfileId, leaders: Omit<PlannedSeats, "members">): number {
  const rules = effectiveRules({ profileId });
  const count = leaders.secretary + leaders.fulltimeDeputies + leaders.parttimeDeputies;
  const target = rules.seats?.value.total ?? rules.committeeSize?.value.min ?? 9;
  const most = Math.max(rules.committeeSize?.value.max ?? 40, target);
  let members = Math.max(target - count, 1);
  while (!seatsFit(profileId, { ...leaders, members }) && count + members < most) members++;
  return members;
}
