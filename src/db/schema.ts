import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const now = sql`(unixepoch('subsec') * 1000)`;

/** grammY session data (dialog state), one row per session key; never held in memory. */
export const sessions = sqliteTable("sessions", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at").notNull().default(now),
});

/**
 * Telegram re-delivers an update when our answer was late. An update is claimed here before it is
 * handled; a second delivery finds the claim and is skipped. A failed update releases its claim so
 * that Telegram's retry can succeed.
 */
export const processedUpdates = sqliteTable(
  "processed_updates",
  {
    updateId: integer("update_id").primaryKey(),
    status: text("status", { enum: ["processing", "done"] }).notNull(),
    claimedAt: integer("claimed_at").notNull(),
  },
  (t) => [index("processed_updates_claimed_at").on(t.claimedAt)],
);

/** The transcript of the local chat page (the Bot API stand-in for local use). */
export const localMessages = sqliteTable(
  "local_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id").notNull(),
    fromBot: integer("from_bot", { mode: "boolean" }).notNull(),
    /** A chat message, a notice (the short text a button click is answered with), or the label of a button the user pressed. */
    kind: text("kind", { enum: ["message", "notice", "choice"] }).notNull().default("message"),
    text: text("text").notNull(),
    /** JSON of the inline keyboard, if any. */
    replyMarkup: text("reply_markup"),
    /** An attached document, if any. */
    documentName: text("document_name"),
    documentData: blob("document_data", { mode: "buffer" }),
    createdAt: integer("created_at").notNull().default(now),
    editedAt: integer("edited_at"),
    /**
     * JSON { text, replyMarkup } of the message as it was before its last edit: the page's WeCom view
     * shows what WeCom does with an edit (the pressed card updated, or switched off and sent anew).
     */
    editedFrom: text("edited_from"),
    /** Bumped on every change, so the page can fetch only what changed. */
    revision: integer("revision").notNull().default(0),
  },
  (t) => [index("local_messages_chat_revision").on(t.chatId, t.revision)],
);

/** People who talked to the bot; the chat id of a private chat is the user id. */
export const users = sqliteTable("users", {
  id: integer("id").primaryKey(),
  firstName: text("first_name").notNull().default(""),
  /** The township the user is working on (they may belong to several). */
  activeTownshipId: text("active_township_id"),
  createdAt: integer("created_at").notNull().default(now),
});

/**
 * The League committees above the townships: province → city → county. `path` lists the unit's
 * ancestors and itself ("/<province>/<city>/<county>/"), so a subtree is one range of an index:
 * every path from "/a/b/" up to (not including) "/a/b0" ('0' follows '/').
 */
export const orgUnits = sqliteTable(
  "org_units",
  {
    id: text("id").primaryKey(),
    level: text("level", { enum: ["province", "city", "county"] }).notNull(),
    name: text("name").notNull(),
    parentId: text("parent_id").references((): AnySQLiteColumn => orgUnits.id),
    path: text("path").notNull(),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("org_units_path").on(t.path), index("org_units_parent").on(t.parentId)],
);

/** Who supervises which unit; a supervisor sees their unit and everything below it, nothing else. */
export const unitMemberships = sqliteTable(
  "unit_memberships",
  {
    unitId: text("unit_id")
      .notNull()
      .references(() => orgUnits.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull(),
    role: text("role", { enum: ["secretary", "member"] }).notNull(),
    joinedAt: integer("joined_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.userId] }), index("unit_memberships_user").on(t.userId)],
);

/** Deep links of a unit: for the units one level below to join it ("below"), or a colleague ("member"). */
export const unitInvites = sqliteTable("unit_invites", {
  token: text("token").primaryKey(),
  unitId: text("unit_id")
    .notNull()
    .references(() => orgUnits.id, { onDelete: "cascade" }),
  kind: text("kind", { enum: ["below", "member"] }).notNull(),
  createdBy: integer("created_by").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/** A township's (or subdistrict's) restructuring plan; `version` guards concurrent edits. */
export const townships = sqliteTable(
  "townships",
  {
    id: text("id").primaryKey(),
    province: text("province").notNull(),
    city: text("city").notNull(),
    county: text("county").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["township", "subdistrict"] }).notNull(),
    profileId: text("profile_id").notNull(),
    customRules: text("custom_rules"),
    customNote: text("custom_note"),
    partyElectionDate: text("party_election_date"),
    plannedElectionDate: text("planned_election_date"),
    /** JSON of PlannedSeats. */
    seats: text("seats").notNull(),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    version: integer("version").notNull().default(1),
    /** The county committee the township reports to, once its secretary opened the county's link. */
    countyUnitId: text("county_unit_id").references(() => orgUnits.id),
    /** The county's path plus the township's id ("/<province>/<city>/<county>/<township>/"). */
    unitPath: text("unit_path"),
  },
  (t) => [index("townships_unit_path").on(t.unitPath)],
);

/** Who belongs to which township; nobody sees a township they have not joined. */
export const memberships = sqliteTable(
  "memberships",
  {
    townshipId: text("township_id")
      .notNull()
      .references(() => townships.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull(),
    role: text("role", { enum: ["secretary", "deputy", "member"] }).notNull(),
    joinedAt: integer("joined_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.townshipId, t.userId] }), index("memberships_user").on(t.userId)],
);

/** Deep-link invitations to join a township. */
export const invites = sqliteTable("invites", {
  token: text("token").primaryKey(),
  townshipId: text("township_id")
    .notNull()
    .references(() => townships.id, { onDelete: "cascade" }),
  createdBy: integer("created_by").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/** What was recorded for a checklist step; one row per step, replaced when corrected. */
export const stepRecords = sqliteTable(
  "step_records",
  {
    townshipId: text("township_id")
      .notNull()
      .references(() => townships.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    values: text("values").notNull(),
    recordedBy: integer("recorded_by").notNull(),
    recordedAt: text("recorded_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.townshipId, t.stepId] })],
);

/** Everything users confirm, with who and when. Append-only. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    townshipId: text("township_id"),
    userId: integer("user_id").notNull(),
    action: text("action").notNull(),
    subject: text("subject"),
    /** JSON; never holds an ID number or a phone number in clear. */
    detail: text("detail"),
    at: text("at").notNull(),
  },
  (t) => [index("audit_township").on(t.townshipId, t.id)],
);

/**
 * People nominated for the committee. The ID number itself is never stored: only the birth date
 * derived from it, its masked form, and a keyed hash to catch the same person entered twice.
 */
export const candidates = sqliteTable(
  "candidates",
  {
    id: text("id").primaryKey(),
    townshipId: text("township_id")
      .notNull()
      .references(() => townships.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    gender: text("gender").notNull(),
    birthDate: text("birth_date").notNull(),
    idNumberMasked: text("id_number_masked"),
    idNumberHash: text("id_number_hash"),
    politicalStatus: text("political_status").notNull(),
    establishment: text("establishment").notNull(),
    sector: text("sector").notNull(),
    post: text("post").notNull(),
    commitment: text("commitment").notNull(),
    channel: text("channel").notNull(),
    signatures: integer("signatures"),
    localTie: integer("local_tie", { mode: "boolean" }).notNull(),
    mobile: text("mobile"),
    education: text("education"),
    workplace: text("workplace"),
    relaxationReason: text("relaxation_reason"),
    status: text("status").notNull(),
    createdBy: integer("created_by"),
    createdAt: integer("created_at").notNull().default(now),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("candidates_township").on(t.townshipId),
    uniqueIndex("candidates_township_id_hash").on(t.townshipId, t.idNumberHash),
  ],
);

/** Judges' 100-point scores for the speeches. */
export const speechScores = sqliteTable(
  "speech_scores",
  {
    townshipId: text("township_id")
      .notNull()
      .references(() => townships.id, { onDelete: "cascade" }),
    judge: text("judge").notNull(),
    candidateId: text("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    score: integer("score").notNull(),
    recordedBy: integer("recorded_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.townshipId, t.judge, t.candidateId] })],
);

/**
 * Reminder outbox: one row per reminder and recipient; the unique (key, chat) makes a reminder arrive
 * once. pending → sending (claimed by one sweep, `claim_id`) → sent | blocked | failed; superseded when
 * it was no longer due at send time (a date changed, a step was done, the user muted or snoozed).
 */
export const reminderOutbox = sqliteTable(
  "reminder_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    chatId: integer("chat_id").notNull(),
    townshipId: text("township_id").notNull(),
    /** A step id, or "duty:<id>". */
    subject: text("subject").notNull(),
    kind: text("kind").notNull(),
    dueDate: text("due_date").notNull(),
    status: text("status", { enum: ["pending", "queued", "sending", "sent", "failed", "blocked", "superseded"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    claimId: text("claim_id"),
    claimedAt: integer("claimed_at"),
    sentAt: integer("sent_at"),
    /** The Telegram message that carried it. */
    messageId: integer("message_id"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("reminder_outbox_key_chat").on(t.key, t.chatId),
    index("reminder_outbox_status_chat").on(t.status, t.chatId),
    index("reminder_outbox_claim").on(t.claimId),
  ],
);

/** Per-user reminder settings: muted, snoozed until (ms), blocked (the bot got 403; cleared by /start). */
export const reminderSettings = sqliteTable("reminder_settings", {
  userId: integer("user_id").primaryKey(),
  muted: integer("muted", { mode: "boolean" }).notNull().default(false),
  snoozedUntil: integer("snoozed_until"),
  blockedAt: integer("blocked_at"),
  /** The language reminders are written in, from the user's last command. */
  locale: text("locale"),
  updatedAt: integer("updated_at").notNull().default(now),
});

/**
 * Where the reminder planner is: the Shanghai date of its last complete pass over every township, the
 * township id a paged pass stopped after, and the audit_log id up to which changes were planned.
 */
export const reminderState = sqliteTable("reminder_state", {
  id: text("id").primaryKey(),
  plannedDate: text("planned_date"),
  cursor: text("cursor"),
  auditId: integer("audit_id").notNull().default(0),
  plannedAt: integer("planned_at").notNull().default(0),
});

/**
 * People who reach the bot through a channel other than Telegram (the local chat page, WeCom). Each
 * gets a user id of our own, 2^52 + `seq`: Telegram's ids have at most 52 significant bits, and ours
 * stay below 2^53, so they are exact in JavaScript. Everything keyed by user or private chat id
 * (sessions, memberships, reminders, audit) then works unchanged, and a WeCom userid can never collide
 * with a Telegram id. `seq` is AUTOINCREMENT so that an id is never given to a second person, even
 * after the first was erased.
 */
export const channelAccounts = sqliteTable(
  "channel_accounts",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    channel: text("channel", { enum: ["local", "wecom"] }).notNull(),
    /** The channel's own id for the person (a WeCom userid, a local browser's account key). */
    externalId: text("external_id").notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("channel_accounts_external").on(t.channel, t.externalId)],
);

/**
 * Each WeCom member's last card with numbered buttons: its message, the callback data of its buttons
 * (so that "#n" presses the n-th), and the response code that may update the card once (the send's,
 * or the last update's in place). In the database rather than in memory so that another process or
 * Worker isolate, or a restart, between the card and the member's "#n" still reads the choice and
 * updates the card. (A press carries its own response code, used within the same request.)
 */
export const wecomCards = sqliteTable("wecom_cards", {
  chatId: integer("chat_id").primaryKey(),
  /** The bot's message id the card stands for (in its task_id). */
  messageId: integer("message_id").notNull(),
  /** JSON array of the buttons' callback data, in their numbers' order. */
  choices: text("choices").notNull(),
  responseCode: text("response_code"),
  /** The language the card was written in ("zh" or "en"): its switched-off button says so in it. */
  locale: text("locale"),
  sentAt: integer("sent_at").notNull(),
});
