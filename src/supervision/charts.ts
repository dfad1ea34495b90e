/**
 * The county view's pictures, drawn by the server as SVG (no script, no external resource: they work
 * under the page's strict CSP and in any viewer): how many townships stand in each phase, which are
 * late and by how much, which slate rules how many townships fail. Horizontal bars, one per line,
 * labels left, figures right; a viewBox that scales to a phone's width. Every text is escaped.
 */
import type { Translate } from "../i18n/index.js";
import { BADGES, type Badge, SLATE_RULES, STAGES, type TownshipProgress, type UnitProgress } from "../domain/overview.js";

const WIDTH = 360;
const BAR_HEIGHT = 18;
const GAP = 8;
const LABEL = 118;
const FIGURE = 54;

const BADGE_COLOUR: Record<Badge, string> = {
  "missed-deadline": "#b3261e",
  overdue: "#d9730d",
  "not-started": "#8a8a8a",
  "on-track": "#1b7a3a",
  done: "#2b5fb3",
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Bar {
  label: string;
  value: number;
  figure: string;
  colour: string;
}

function barChart(title: string, bars: readonly Bar[], empty: string): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const top = 26;
  const height = top + Math.max(1, bars.length) * (BAR_HEIGHT + GAP);
  const rows = bars.map((bar, i) => {
    const y = top + i * (BAR_HEIGHT + GAP);
    const width = Math.round(((WIDTH - LABEL - FIGURE) * bar.value) / max);
    return [
      `<text x="${LABEL - 6}" y="${y + 13}" text-anchor="end" font-size="12">${escapeXml(bar.label)}</text>`,
      `<rect x="${LABEL}" y="${y}" width="${Math.max(width, bar.value > 0 ? 2 : 0)}" height="${BAR_HEIGHT}" rx="3" fill="${bar.colour}"/>`,
      `<text x="${LABEL + width + 4}" y="${y + 13}" font-size="12">${escapeXml(bar.figure)}</text>`,
    ].join("");
  });
  const body = bars.length > 0 ? rows.join("") : `<text x="0" y="${top + 13}" font-size="12" fill="#666">${escapeXml(empty)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, sans-serif"><title>${escapeXml(title)}</title><text x="0" y="16" font-size="14" font-weight="600">${escapeXml(title)}</text>${body}</svg>`;
}

/** Townships per phase (not started … done). */
export function phaseChart(t: Translate, unit: UnitProgress): string {
  const colours = ["#8a8a8a", "#7aa7d9", "#4f86c6", "#2f6aa8", "#1f4f85", "#1b7a3a"];
  const bars = STAGES.map((stage, i) => ({
    label: t(`stage-${stage}`),
    value: unit.stages[stage],
    figure: t("chart-count", { count: unit.stages[stage] }),
    colour: colours[i]!,
  }));
  return barChart(t("chart-phases-title"), bars, t("chart-none"));
}

/** The late townships, most days late first: past the completion deadline, else the latest step. */
export function latenessChart(t: Translate, townships: readonly TownshipProgress[], limit = 12): string {
  const late = townships
    .filter((r) => r.badge === "missed-deadline" || r.badge === "overdue")
    .map((r) => ({ r, days: Math.max(r.daysPastDeadline, r.daysLate) }))
    .sort((a, b) => BADGES.indexOf(a.r.badge) - BADGES.indexOf(b.r.badge) || b.days - a.days)
    .slice(0, limit);
  const bars = late.map(({ r, days }) => ({
    label: r.name,
    value: days,
    figure: t("chart-days", { days }),
    colour: BADGE_COLOUR[r.badge],
  }));
  return barChart(t("chart-late-title"), bars, t("chart-late-none"));
}

/** Townships whose slate fails each rule. */
export function rulesChart(t: Translate, unit: UnitProgress): string {
  const bars = SLATE_RULES.filter((r) => unit.slateFailing[r] > 0)
    .sort((a, b) => unit.slateFailing[b] - unit.slateFailing[a])
    .map((rule) => ({
      label: t(`overview-rule-${rule}`),
      value: unit.slateFailing[rule],
      figure: t("chart-count", { count: unit.slateFailing[rule] }),
      colour: "#b3261e",
    }));
  return barChart(t("chart-rules-title"), bars, t("chart-rules-none"));
}

export { BADGE_COLOUR };
