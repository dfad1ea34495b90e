import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { addCandidate, editCandidate, entryFeature } from "./entry.js";
import { importDialog, importFeature } from "./import.js";
import { listFeature } from "./list.js";
import { scoresDialog, scoresFeature } from "./scores.js";
import { slateFeature } from "./slate.js";

/**
 * Candidates (issue 5): entered one field at a time with the candidate-field schemas, or several at
 * once (pasted rows, a .csv or .xlsx document); listed with masked personal data; viewed, edited one
 * field at a time (a concurrent edit by another member is refused, not lost), withdrawn with a
 * confirmation step; the slate checked against the rules; speech scores averaged and ranked.
 *
 * The resident ID number never reaches the session, the database or a log: the dialog keeps only the
 * birth date, the masked form and the keyed hash (computed by the identity question's own check).
 * Every text sent passes through the personal-data mask as well.
 *
 * Entry comes first: its middleware refreshes the township in every candidate dialog's data before
 * the dialog engine reads it.
 */
export const candidatesFeature = new Composer<BotContext>(
  entryFeature,
  listFeature,
  importFeature,
  slateFeature,
  scoresFeature,
);

/** The candidate dialogs, for the bot's dialog registry (appDialogs in handlers/index.ts). */
export const candidateDialogs = [addCandidate, editCandidate, importDialog, scoresDialog];
