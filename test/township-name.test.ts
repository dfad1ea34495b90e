/** Rule texts name the user's own township, never the place a profile's document comes from. */

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { effectiveRules } from "../src/domain/rules/effective.js";
import { chatAs } from "./fixtures/chat.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import { registerJiyangTownship } from "./fixtures/plans.js";

const secretary = { id: 9601, first_name: "张书记", language_code: "zh-hans" };

describe("rule texts in the township's own name", () => {
  it("says 吉阳镇's residence rule for another township in that township's name", () => {
    expect(effectiveRules({ profileId: "jiyang", name: "某镇" }).localTie?.summary.zh).toBe("须为某镇户籍或在某镇长期居住、工作。");
    // In 吉阳镇 itself, the document's own sentence.
    expect(effectiveRules({ profileId: "jiyang", name: "吉阳镇" }).localTie?.summary.zh).toBe("须为吉阳镇户籍或在本镇长期居住、工作的青年。");
  });

  let p: Pipeline;
  beforeEach(async () => {
    p = await startPipeline({ now: () => new Date("2024-03-10T02:00:00Z"), rateLimit: { limit: 1000, windowMs: 10_000 } });
  });
  afterEach(async () => {
    await p.close();
  });

  it("asks a candidate's residence in 某镇 as 某镇户籍", async () => {
    await registerJiyangTownship(p.database.db, secretary, new Date("2024-03-10T02:00:00Z"), {
      seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 12 },
    });
    const chat = chatAs(p, secretary);
    await chat.say("/newcandidate");
    await chat.say("张三");
    await chat.click("委员");
    await chat.click("兼职");
    let reply = chat.last();
    for (const answer of ["1995-03-07", "男", "共青团员", "编制外", "农村", "组织推荐"]) {
      if (reply.includes("是否本地")) break;
      reply = await chat.say(answer);
    }
    expect(reply).toContain("是否本地");
    expect(reply).toContain("规定:须为某镇户籍或在某镇长期居住、工作。");
    // 吉阳镇 appears only in the quotation of its document, as its source.
    expect(reply.replace(/「[^」]*」|《[^》]*》/g, "")).not.toContain("吉阳镇");
  });
});
