import type { Api } from "grammy";
import { LOCALES, translate } from "../i18n/index.js";

/** The commands shown in Telegram's menu, in order; descriptions live in the locale files. */
export const COMMANDS = ["start", "next", "progress", "plan", "register", "invite", "candidates", "newcandidate", "import", "slate", "scores", "documents", "reminders", "overview", "supervise", "ask", "cancel", "help", "language", "mydata", "deleteme"] as const;

/**
 * Publishes the command menu in both languages. Called once at start-up or deploy time, never at
 * module load (a Worker cold start must not spend a Bot API call on it).
 */
export async function registerCommands(api: Api): Promise<void> {
  for (const locale of LOCALES) {
    const commands = COMMANDS.map((command) => ({
      command,
      description: translate(locale, `command-${command}`),
    }));
    await api.setMyCommands(commands, locale === "zh" ? {} : { language_code: locale });
  }
}
