/**
 * A person using the bot through the webhook route, the way Telegram delivers their updates: typing,
 * pressing buttons of the last message that had them, reading what the bot sent back. Each delivery's
 * HTTP status is kept, so tests can see what Telegram would have been told.
 */
import type { Update } from "grammy/types";
import type { AnyPipeline } from "../fixtures/pipeline.js";
import { keyboardOf } from "./checks.js";
import { callbackQuery, type Person, textMessage } from "./updates.js";

export function webhookUser(p: AnyPipeline, person: Person) {
  const toMe = () => p.api.calls.filter((c) => c.status === 200 && Number(c.payload.chat_id) === person.id);
  const statuses: number[] = [];
  const deliver = async (update: Update) => {
    const response = await p.hook(update);
    statuses.push(response.status);
    return response.status;
  };
  /** Delivers an update and returns the texts the bot sent this user in answer. */
  const send = async (update: Update): Promise<string> => {
    const before = toMe().length;
    await deliver(update);
    return toMe()
      .slice(before)
      .map((c) => String(c.payload.text ?? ""))
      .join("\n---\n");
  };
  /** The update pressing the button whose label contains `label`, on the latest message that has one. */
  const press = (label: string): Update => {
    for (const call of toMe().reverse()) {
      const button = keyboardOf(call)
        .flat()
        .find((b) => b.text.includes(label) && b.callback_data);
      if (button) return callbackQuery(person, button.callback_data!, { message_id: p.api.calls.indexOf(call) + 1, text: String(call.payload.text ?? "") });
    }
    throw new Error(`no button "${label}" shown to ${person.id}; last: ${toMe().at(-1)?.payload.text}`);
  };
  return {
    person,
    statuses,
    deliver,
    say: (text: string) => send(textMessage(person, text)),
    click: (label: string) => send(press(label)),
    /** The update of typing `text` or pressing `label`, to deliver later (twice, at once, …). */
    typing: (text: string) => textMessage(person, text),
    pressing: press,
    texts: () => toMe().map((c) => String(c.payload.text ?? "")),
    last: () => String(toMe().at(-1)?.payload.text ?? ""),
  };
}
export type WebhookUser = ReturnType<typeof webhookUser>;

/** Answers the township registration's 12 questions; the confirmation card is the last message. */
export async function registerUntilConfirmation(user: WebhookUser, name: string): Promise<void> {
  await user.say("/register");
  for (const answer of ["四川省", "攀枝花市", "东区", name]) await user.say(answer);
  await user.click("乡镇");
  await user.click("四川");
  await user.say("2024-03-15");
  await user.say("2024-04-05");
  for (const _seat of ["secretary", "fulltime", "parttime", "members"]) await user.click("默认值");
}

/** Registers a township through the whole dialog (12 questions and the confirmation). */
export async function registerThroughDialog(user: WebhookUser, name: string): Promise<string> {
  await registerUntilConfirmation(user, name);
  return user.click("确认保存");
}

/** Enters a candidate through the whole dialog: typed name and birth date or ID number, buttons for the rest. */
export async function enterCandidateThroughDialog(user: WebhookUser, name: string, identity: string): Promise<string> {
  await enterCandidateUntilConfirmation(user, name, identity);
  return user.click("确认保存");
}

/** The candidate dialog up to its confirmation card. */
export async function enterCandidateUntilConfirmation(user: WebhookUser, name: string, identity: string): Promise<void> {
  await user.say("/newcandidate");
  await user.say(name);
  await user.click("委员");
  await user.click("兼职");
  const afterIdentity = await user.say(identity);
  if (afterIdentity.includes("性别")) await user.click("女");
  await user.click("共青团员");
  await user.click("编制外");
  await user.click("农村");
  await user.click("组织推荐");
  await user.click("是");
  await user.say("13912345678");
  await user.click("本科");
  await user.click("跳过");
}
