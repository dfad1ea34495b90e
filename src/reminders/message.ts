/**
 * The reminder message a chat gets from one sweep: everything due, grouped per township, with buttons
 * to open a step (the checklist's `step` button) and to snooze (`rem:snooze`), built by src/buttons/callback-data.ts.
 */
import { InlineKeyboard } from "grammy";
import { translate, type Locale } from "../i18n/index.js";
import { STEP_IDS, type StepId } from "../domain/checklist/index.js";
import { DUTY_IDS, type DutyId, type Subject } from "../domain/reminders.js";
import { daysBetween, formatDate, shanghaiDate, shanghaiHour } from "../domain/time.js";
import type { LocalDate } from "../domain/township.js";
import { encodeButton } from "../buttons/callback-data.js";

export const SNOOZE_DAYS = [1, 3, 7] as const;
/** Lines per message: Telegram allows 4096 characters; the rest is one /reminders away. */
const MAX_LINES = 25;
const MAX_OPEN_BUTTONS = 4;

export interface ReminderLine {
  townshipId: string;
  townshipName: string;
  subject: Subject;
  due: LocalDate;
}

/**
 * Text and button data that do not change from one message to the next (titles, labels, callback
 * data), made once per isolate: the queue consumer renders a message per chat within 10 ms of CPU per
 * invocation, and Fluent's formatting and encodeButton's round-trip check are most of a message's cost.
 */
const fixed = new Map<string, string>();
function once(id: string, make: () => string): string {
  let value = fixed.get(id);
  if (value === undefined) {
    value = make();
    fixed.set(id, value);
  }
  return value;
}

export function isSubject(value: string): value is Subject {
  return (
    (STEP_IDS as readonly string[]).includes(value) ||
    (value.startsWith("duty:") && (DUTY_IDS as readonly string[]).includes(value.slice(5)))
  );
}

export function subjectTitle(locale: Locale, subject: Subject): string {
  return once(`${locale}|title|${subject}`, () =>
    subject.startsWith("duty:")
      ? translate(locale, `reminder-duty-${subject.slice(5) as DutyId}`)
      : translate(locale, `step-${subject as StepId}-title`),
  );
}

/** "due in 3 days (5 Mar 2026)", "2 days overdue (…)", "today" — from the date the message is written. */
export function whenText(locale: Locale, subject: Subject, due: LocalDate, today: LocalDate): string {
  const days = daysBetween(today, due);
  const date = formatDate(due, locale);
  const duty = subject.startsWith("duty:");
  if (days === 0) return translate(locale, duty ? "reminder-duty-today" : "reminder-step-today");
  if (days > 0) return translate(locale, duty ? "reminder-duty-in" : "reminder-step-in", { days, date });
  return translate(locale, "reminder-step-overdue", { days: -days, date });
}

/** A Shanghai date and time, e.g. "2026年3月6日 08:00" / "6 Mar 2026 08:00". */
export function formatInstant(instant: Date, locale: Locale): string {
  const hh = String(shanghaiHour(instant)).padStart(2, "0");
  const mm = String(instant.getUTCMinutes()).padStart(2, "0"); // Shanghai's offset is whole hours
  return `${formatDate(shanghaiDate(instant), locale)} ${hh}:${mm}`;
}

export function renderReminder(
  locale: Locale,
  lines: readonly ReminderLine[],
  today: LocalDate,
): { text: string; keyboard: InlineKeyboard } {
  // One line per township, subject and due date (a snoozed reminder and its window's own may coincide).
  const seen = new Set<string>();
  const unique = lines.filter((l) => {
    const id = `${l.townshipId}|${l.subject}|${l.due}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  unique.sort((a, b) => a.townshipName.localeCompare(b.townshipName) || a.due.localeCompare(b.due));
  const shown = unique.slice(0, MAX_LINES);
  const out = [once(`${locale}|reminder-title`, () => translate(locale, "reminder-title"))];
  let current: string | undefined;
  for (const line of shown) {
    if (line.townshipId !== current) {
      out.push(translate(locale, "reminder-township", { township: line.townshipName }));
      current = line.townshipId;
    }
    out.push(
      translate(locale, "reminder-line", {
        what: subjectTitle(locale, line.subject),
        when: whenText(locale, line.subject, line.due, today),
      }),
    );
  }
  if (unique.length > shown.length)
    out.push(translate(locale, "reminder-more", { count: unique.length - shown.length }));
  out.push("", once(`${locale}|reminder-footer`, () => translate(locale, "reminder-footer")));

  const keyboard = new InlineKeyboard();
  const steps = [
    ...new Set(shown.filter((l) => !l.subject.startsWith("duty:")).map((l) => l.subject as StepId)),
  ];
  for (const step of steps.slice(0, MAX_OPEN_BUTTONS))
    keyboard
      .text(
        once(`${locale}|open|${step}`, () =>
          translate(locale, "reminder-button-open", { step: subjectTitle(locale, step) }),
        ),
        once(`step|${step}`, () => encodeButton("step", step)),
      )
      .row();
  for (const days of SNOOZE_DAYS)
    keyboard.text(
      once(`${locale}|snooze|${days}`, () => translate(locale, "reminder-button-snooze", { days })),
      once(`snooze|${days}`, () => encodeButton("rem:snooze", days)),
    );
  keyboard
    .row()
    .text(
      once(`${locale}|settings`, () => translate(locale, "reminder-button-settings")),
      once("settings", () => encodeButton("rem:show")),
    );
  return { text: out.join("\n"), keyboard };
}
