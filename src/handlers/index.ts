/**
 * The assistant's features, in the order they see an update. Composed here, outside bot/, so that
 * bot/ stays the pipeline (envelope, sessions, locale, limits) and knows no feature by name; the
 * runtimes pass appFeatures() to createBot.
 */
import type { Composer } from "grammy";
import type { BotContext } from "../bot/context.js";
import { type DialogRegistry, dialogRegistry, dialogRoutes } from "../bot/dialogs/engine.js";
import { FeatureComposer } from "../bot/feature-composer.js";
import { askFeature } from "./ask.js";
import { candidateDialogs, candidatesFeature } from "./candidates/index.js";
import { checklistDialogs, checklistFeature } from "./checklist.js";
import { documentsFeature } from "./documents.js";
import { fallbackFeature } from "./fallback.js";
import { languageFeature } from "./language.js";
import { onboardingFeature, registerTownship } from "./onboarding.js";
import { overviewFeature } from "./overview.js";
import { planDialogs, planFeature } from "./plan.js";
import { privacyFeature } from "./privacy.js";
import { remindersFeature } from "./reminders.js";
import { startFeature } from "./start.js";
import { registerUnit, supervisorsFeature } from "./supervisors.js";

/** Every dialog of the assistant: the registry typed answers and dialog buttons are routed to. */
export function appDialogs(): DialogRegistry {
  return dialogRegistry([registerTownship, ...checklistDialogs, ...planDialogs, ...candidateDialogs, registerUnit]);
}

/** Every feature, as one middleware for createBot (a test may pass its own dialogs). */
export function appFeatures(dialogs: DialogRegistry = appDialogs()): Composer<BotContext> {
  const features = new FeatureComposer<BotContext>();
  // Before start: its /start pass-through records that the user is back (unblocked) for reminders.
  features.use(remindersFeature);
  features.use(startFeature);
  features.use(languageFeature);
  features.use(onboardingFeature);
  features.use(checklistFeature);
  features.use(documentsFeature);
  features.use(planFeature);
  features.use(candidatesFeature);
  features.use(supervisorsFeature);
  features.use(overviewFeature);
  features.use(privacyFeature);
  // Dialog answers before free-text questions: text typed in a dialog answers the dialog.
  features.use(dialogRoutes(dialogs));
  features.use(askFeature);
  // Last: whatever no feature took (an unknown command, a stale or forged button) gets one clear answer.
  features.use(fallbackFeature);
  return features;
}
