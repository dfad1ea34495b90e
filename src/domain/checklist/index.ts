/**
 * The restructuring checklist as data, and pure functions over a plan and its step records. No I/O:
 * the adapters store records and render the i18n keys (texts in src/locales/*.ftl); how a step's
 * text is filled in (`stepMessageArgs`) lives with the handlers (src/handlers/step-text.ts).
 */
export * from "./due-dates.js";
export * from "./records.js";
export * from "./rules.js";
export * from "./steps.js";
export * from "./validation.js";
