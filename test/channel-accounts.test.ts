import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CHANNEL_USER_ID_BASE,
  channelAccountOf,
  channelUserId,
  forgetChannelAccount,
  isChannelUserId,
} from "../src/db/channel-accounts.js";
import { type TempDatabase, tempDatabase } from "./fixtures/database.js";

describe("channel accounts: people of other channels get user ids Telegram never uses", () => {
  let t: TempDatabase;
  beforeEach(async () => {
    t = await tempDatabase();
  });
  afterEach(() => t.cleanup());

  it("gives each (channel, external id) one stable id above Telegram's range", async () => {
    const a = await channelUserId(t.db, "wecom", "ZhangSan");
    const b = await channelUserId(t.db, "wecom", "LiSi");
    expect(a).toBeGreaterThanOrEqual(CHANNEL_USER_ID_BASE);
    expect(b).not.toBe(a);
    expect(await channelUserId(t.db, "wecom", "ZhangSan")).toBe(a);
    expect(Number.isSafeInteger(b)).toBe(true);
    expect(isChannelUserId(a)).toBe(true);
    expect(isChannelUserId(2 ** 52 - 1)).toBe(false);
  });

  it("keeps channels apart: the same external id in two channels is two people", async () => {
    const wecom = await channelUserId(t.db, "wecom", "5001");
    const local = await channelUserId(t.db, "local", "5001");
    expect(wecom).not.toBe(local);
    expect(await channelAccountOf(t.db, local)).toEqual({ channel: "local", externalId: "5001" });
    expect(await channelAccountOf(t.db, 5001)).toBeUndefined();
  });

  it("never gives two people one id when they first write at the same moment", async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => channelUserId(t.db, "wecom", `u${i}`)));
    expect(new Set(ids).size).toBe(30);
  });

  it("forgets an account: the person returns with a new id, and an erased id is never given again", async () => {
    const first = await channelUserId(t.db, "local", "browser-1");
    await forgetChannelAccount(t.db, first);
    expect(await channelAccountOf(t.db, first)).toBeUndefined();
    const again = await channelUserId(t.db, "local", "browser-1");
    const someoneElse = await channelUserId(t.db, "local", "browser-2");
    expect(again).not.toBe(first);
    expect(someoneElse).not.toBe(first);
  });
});
