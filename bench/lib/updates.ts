/**
 * The webhook load: what secretaries send, as Telegram sends it, from many users at once. Each
 * simulated user goes through one session — /start, a question, registering their township (typed
 * answers and button presses in the dialog), /progress, the next step's button, more questions,
 * /progress again — and is then replaced by a new user.
 *
 * `activeUsers` users take turns, one update each, so a user's next update comes `activeUsers` updates
 * after their last: it arrives once the last is answered, as a person's would, and the user stays
 * under the per-user rate limit (20 updates in 10 s) up to activeUsers / 2 updates a second. The
 * sessions start staggered (the n-th user waits n mod the session's length turns), so every part of
 * the session is in the mix from the first seconds on; a waiting user's turn goes to a visitor who
 * sends one /start or one question and is not seen again. Every update has a fresh update_id (the
 * server de-duplicates by it).
 */
import type { Update } from "grammy/types";
import { callbackUpdate, textUpdate } from "../../test/fixtures/updates.js";

type Step = { kind: "command" | "question" | "answer"; text: string } | { kind: "button"; data: string };

const command = (text: string): Step => ({ kind: "command", text });
const question = (text: string): Step => ({ kind: "question", text });
const answer = (text: string): Step => ({ kind: "answer", text });
const button = (data: string): Step => ({ kind: "button", data });

const VISITS: readonly Step[] = [command("/start"), question("团委委员候选人需要什么条件?"), question("how many days must the candidate list be published?")];

/** One user's session, in order. */
export const SESSION: readonly Step[] = [
  command("/start"),
  question("兼职副书记的年龄上限是多少?"),
  button("nav:register"),
  answer("海南省"),
  answer("三亚市"),
  answer("吉阳区"),
  answer("吉阳镇"),
  button("dlg:register:kind:0"),
  button("dlg:register:profile:0"),
  answer("2026-03-15"),
  answer("2027-01-20"),
  button("dlg:register:secretary:d"),
  button("dlg:register:fulltimeDeputies:d"),
  button("dlg:register:parttimeDeputies:d"),
  button("dlg:register:members:d"),
  button("dlg:register:confirm:0"),
  command("/progress"),
  button("nav:next"),
  question("what's the age limit for part-time deputy secretaries?"),
  question("候选人差额比例是多少"),
  command("/progress"),
];

export function startUpdates(options: { activeUsers?: number; firstUpdateId?: number; firstUserId?: number } = {}) {
  const activeUsers = options.activeUsers ?? 1_000;
  let updateId = options.firstUpdateId ?? 100_000_000;
  let nextUser = options.firstUserId ?? 700_000_000;
  // Each lane is one active user and how far into the session they are.
  const lanes = Array.from({ length: activeUsers }, (_, i) => ({ user: nextUser++, step: 0, wait: i % SESSION.length }));
  let turn = 0;
  let visits = 0;
  let issued = 0;
  const kinds: Record<Step["kind"], number> = { command: 0, question: 0, answer: 0, button: 0 };
  return {
    /** The JSON body of the next update. */
    next(): string {
      const lane = lanes[turn]!;
      turn = (turn + 1) % activeUsers;
      const visitor = lane.wait > 0;
      const step = visitor ? VISITS[visits++ % VISITS.length]! : SESSION[lane.step]!;
      const user = { id: visitor ? nextUser++ : lane.user, first_name: "团员", language_code: "zh-hans" };
      const update: Update =
        step.kind === "button"
          ? callbackUpdate(user, { message_id: 1_000 + lane.step, text: "…" }, step.data, updateId++)
          : textUpdate(user, step.text, updateId++);
      kinds[step.kind]++;
      issued++;
      if (visitor) lane.wait--;
      else if (++lane.step === SESSION.length) {
        lane.user = nextUser++;
        lane.step = 0;
      }
      return JSON.stringify(update);
    },
    get issued() {
      return issued;
    },
    /** How many updates of each kind were issued. */
    get kinds() {
      return { ...kinds };
    },
    /** Users (and visitors) who sent anything so far. */
    get users() {
      return nextUser - (options.firstUserId ?? 700_000_000);
    },
  };
}
export type UpdateSource = ReturnType<typeof startUpdates>;

/**
 * Real Telegram updates for the load: a private-chat `/start` message, as Telegram sends it. Every
 * update gets a fresh update_id (the server de-duplicates by it) and the sender cycles through
 * `users` accounts (the server rate-limits each user to 20 updates per 10 s).
 */
export function startOnlyUpdates(options: { users?: number; firstUpdateId?: number } = {}) {
  const users = options.users ?? 10_000;
  let next = options.firstUpdateId ?? 100_000_000;
  let issued = 0;
  return {
    /** The JSON body of the next update. */
    next(): string {
      const updateId = next++;
      const userId = 700_000_000 + (issued++ % users);
      const date = Math.floor(Date.now() / 1000);
      return JSON.stringify({
        update_id: updateId,
        message: {
          message_id: updateId,
          from: {
            id: userId,
            is_bot: false,
            first_name: "团员",
            last_name: "测试",
            language_code: "zh-hans",
          },
          chat: { id: userId, first_name: "团员", last_name: "测试", type: "private" },
          date,
          text: "/start",
          entities: [{ offset: 0, length: 6, type: "bot_command" }],
        },
      });
    },
    get issued() {
      return issued;
    },
  };
}

