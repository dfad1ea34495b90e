/**
 * The organisation tree the restructuring is pushed through ("高一级推动", sichuan-speech 三.(一)):
 * province → city → county League committees, and the townships (subdistricts) under the counties.
 * Pure: levels and the path arithmetic the data layer scopes every query with.
 */

export const UNIT_LEVELS = ["province", "city", "county"] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];
export type Level = UnitLevel | "township";

const BELOW: Record<UnitLevel, Level> = { province: "city", city: "county", county: "township" };

/** The level of the units that join a unit of `level` (a county's are townships). */
export function levelBelow(level: UnitLevel): Level {
  return BELOW[level];
}

/** The level a unit joining a unit of `level` must have, or undefined for townships (they are not units). */
export function unitLevelBelow(level: UnitLevel): UnitLevel | undefined {
  const below = BELOW[level];
  return below === "township" ? undefined : below;
}

export function isUnitLevel(value: unknown): value is UnitLevel {
  return typeof value === "string" && (UNIT_LEVELS as readonly string[]).includes(value);
}

/**
 * A path lists the ids from the root down to the unit itself, each followed by "/": "/p/c/k/". Ids
 * never hold "/", so the subtree of "/p/c/" is exactly the paths from "/p/c/" (inclusive) to "/p/c0"
 * (exclusive): '0' is the character after '/'. One index range, whatever the depth.
 */
export function childPath(parentPath: string | undefined, id: string): string {
  return `${parentPath ?? "/"}${id}/`;
}

export function subtreeEnd(path: string): string {
  return `${path.slice(0, -1)}0`;
}
