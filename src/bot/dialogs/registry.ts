import { candidateDialogs } from "../../handlers/candidates/index.js";
import { checklistDialogs } from "../../handlers/checklist.js";
import { registerTownship } from "../../handlers/onboarding.js";
import { planDialogs } from "../../handlers/plan.js";
import { registerUnit } from "../../handlers/supervisors.js";
import { type DialogRegistry, dialogRegistry } from "./engine.js";

/** Every dialog of the assistant: the registry createBot routes answers with (tests may pass their own). */
export function appDialogs(): DialogRegistry {
  return dialogRegistry([registerTownship, ...checklistDialogs, ...planDialogs, ...candidateDialogs, registerUnit]);
}
