import type { Locale } from "../domain/locale.js";

/** Dialog state kept per chat in the database (see session-storage.ts); the bot's context carries it. */
export interface SessionData {
  /** The interface language the user chose; unset means "follow Telegram's language". */
  language?: Locale;
  /** The dialog the user is in, if any, and its step; features own their own keys. */
  dialog?: { name: string; step: string; data: Record<string, unknown>; pick?: PickState };
  /** Answers of dialogs left with /cancel, offered again when the dialog restarts. */
  drafts?: Record<string, Record<string, unknown>>;
  /** A /deleteme waiting for its confirmation: the button's one-time token, and when it expires (ms). */
  erasure?: { token: string; expiresAt: number };
}

/** A field answered by ticking several options (see bot/dialogs/engine.ts): what was offered, what is ticked. */
export interface PickState {
  key: string;
  /** The question as asked (kept, so that ticking redraws the same message). */
  prompt: string;
  values: string[];
  labels: string[];
  chosen: string[];
  /** The page of names shown (long lists are shown 40 at a time). */
  page?: number;
}
