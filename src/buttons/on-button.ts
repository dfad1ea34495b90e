import { type Composer, Context, type Filter } from "grammy";
import type { BotContext } from "../bot/context.js";
import { type ButtonArgs, type ButtonKind, type DecodedButton, decodeButton } from "./callback-data.js";

// Decoded once per press, however many kinds are registered (each registration asks).
const decoded = new WeakMap<object, DecodedButton | undefined>();
function buttonOf(query: { data: string }): DecodedButton | undefined {
  if (!decoded.has(query)) decoded.set(query, decodeButton(query.data));
  return decoded.get(query);
}

export type ButtonContext = Filter<BotContext, "callback_query:data">;

const isButtonPress = Context.has.filterQuery("callback_query:data");

/**
 * Registers a handler for one kind of button: it runs with the decoded, typed arguments; any other
 * press passes on (in the end to the fallback, which answers a stale or forged button).
 *
 * A plain middleware rather than grammY's `composer.on(...)`: that builds a Composer and its promises
 * for every update at every registration (grammY's filter is lazy), and every update passes every
 * button registration of the bot on its way to the feature that takes it.
 */
export function onButton<K extends ButtonKind>(
  composer: Composer<BotContext>,
  kind: K,
  handler: (ctx: ButtonContext, args: ButtonArgs<K>) => unknown,
): void {
  composer.use((ctx, next) => {
    if (!isButtonPress(ctx)) return next();
    const button = buttonOf(ctx.callbackQuery);
    if (button?.kind !== kind) return next();
    return (async () => {
      await handler(ctx, button.args as ButtonArgs<K>);
    })();
  });
}
