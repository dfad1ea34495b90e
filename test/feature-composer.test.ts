/**
 * The features' composer walks its middleware as grammY's does: in order, `next` running the rest
 * once, filters choosing by the update, failures reaching whoever awaits `next` as rejections.
 */
import { Api, Composer, Context } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { FeatureComposer } from "../src/bot/feature-composer.js";
import { TEST_BOT_INFO } from "./fixtures/bot-api.js";
import { callbackUpdate, textUpdate } from "./fixtures/updates.js";

const user = { id: 42, first_name: "小李" };
const contextOf = (update: Update) => new Context(update, new Api("123:abc"), TEST_BOT_INFO);
const run = (composer: Composer<Context>, update: Update) => composer.middleware()(contextOf(update), () => Promise.resolve());

describe("FeatureComposer", () => {
  it("runs middleware in order, filters by the update, and runs what is added to a filter later", async () => {
    const seen: string[] = [];
    const features = new FeatureComposer<Context>();
    features.use(async (_ctx, next) => {
      seen.push("first");
      await next();
      seen.push("first after");
    });
    features.command("start", () => void seen.push("start"));
    const text = features.on("message:text");
    features.on("callback_query:data", () => void seen.push("button"));
    text.use(() => void seen.push("text, added after registration"));
    await run(features, textUpdate(user, "/start", 1));
    await run(features, textUpdate(user, "你好", 2));
    await run(features, callbackUpdate(user, { message_id: 5, text: "…" }, "v1:nav:next", 3));
    expect(seen).toEqual([
      "first", "start", "first after",
      "first", "text, added after registration", "first after",
      "first", "button", "first after",
    ]);
  });

  it("composes inside grammY's composers and passes on what it does not take", async () => {
    const seen: string[] = [];
    const inner = new FeatureComposer<Context>();
    inner.command("help", () => void seen.push("help"));
    const outer = new Composer<Context>(inner, () => void seen.push("outer took it"));
    await run(outer, textUpdate(user, "/help", 1));
    await run(outer, textUpdate(user, "/start", 2));
    expect(seen).toEqual(["help", "outer took it"]);
  });

  it("hands a failure to the middleware awaiting next as a rejection, and refuses a second next", async () => {
    const features = new FeatureComposer<Context>();
    const caught: string[] = [];
    features.use((_ctx, next) => next().catch((error: Error) => void caught.push(error.message)));
    features.use(() => {
      throw new Error("thrown without await");
    });
    await run(features, textUpdate(user, "x", 1));
    expect(caught).toEqual(["thrown without await"]);

    const twice = new FeatureComposer<Context>();
    twice.use(async (_ctx, next) => {
      await next();
      await next();
    });
    await expect(run(twice, textUpdate(user, "x", 2))).rejects.toThrow("`next` already called before!");
  });
});
