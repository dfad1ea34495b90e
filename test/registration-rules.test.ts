import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stepRepository } from "../src/db/steps.js";
import { townshipRepository } from "../src/db/townships.js";
import { PROFILES } from "../src/domain/rules/profiles.js";
import type { ProfileId } from "../src/domain/rules/types.js";
import { defaultFulltimeDeputies, defaultMembers, defaultParttimeDeputies, seatsFit } from "../src/domain/seat-defaults.js";
import { chatAs } from "./fixtures/chat.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";

/** Registration and /plan: defaults the rules accept, and dates that cannot work said at once. */
const secretary = { id: 9501, first_name: "张书记", language_code: "zh-hans" };
// 2024-03-10 10:00 in Shanghai.
const NOW = new Date("2024-03-10T02:00:00Z");

async function registerWithDefaults(chat: ReturnType<typeof chatAs>, profile: string, partyElection: string, plannedElection: string) {
  await chat.say("/register");
  for (const answer of ["海南省", "三亚市", "吉阳区", "某镇"]) await chat.say(answer);
  await chat.click("乡镇");
  await chat.click(profile);
  await chat.say(partyElection);
  await chat.say(plannedElection);
  for (let i = 0; i < 3; i++) await chat.click("用默认值");
  return chat.click("用默认值");
}

describe("registration defaults", () => {
  it("meet every profile's own rules on size, leaders' share and 编制外 share", () => {
    for (const profileId of Object.keys(PROFILES) as ProfileId[]) {
      const leaders = { secretary: 1, fulltimeDeputies: defaultFulltimeDeputies(profileId), parttimeDeputies: defaultParttimeDeputies(profileId) };
      const seats = { ...leaders, members: defaultMembers(profileId, leaders) };
      expect(seatsFit(profileId, seats), `${profileId}: ${JSON.stringify(seats)}`).toBe(true);
      // Whatever leaders are chosen, the members offered make a committee the rules accept where one exists.
      for (const fulltimeDeputies of [0, 1, 2]) {
        const chosen = { secretary: 1, fulltimeDeputies, parttimeDeputies: 2 };
        expect(seatsFit(profileId, { ...chosen, members: defaultMembers(profileId, chosen) }), `${profileId} with ${fulltimeDeputies} full-time`).toBe(true);
      }
    }
  });
});

describe("registering and planning with dates that cannot work", () => {
  let p: Pipeline;
  beforeEach(async () => {
    p = await startPipeline({ now: () => NOW, rateLimit: { limit: 1000, windowMs: 10_000 } });
  });
  afterEach(async () => {
    await p.close();
  });

  it("offers seats the recommended rules accept: leaders at most a third", async () => {
    const confirm = await registerWithDefaults(chatAs(p, secretary), "推荐默认", "2024-04-20", "2024-05-05");
    expect(confirm).toContain("书记1名、专职副书记0名、兼职副书记3名、委员9名,共13名");
    expect(confirm).not.toContain("⚠️");
  });

  it("says at once, naming the rules, when the deadline leaves less time than publicity and the notice need, and proposes the earliest plan", async () => {
    const chat = chatAs(p, secretary);
    // Party election 2024-02-20: everything must be finished by 2024-03-20, ten days from today.
    const confirm = await registerWithDefaults(chat, "吉阳镇", "2024-02-20", "2024-04-25");
    expect(confirm).toContain("时间不够");
    expect(confirm).toContain("须在 2024年3月20日 前完成");
    expect(confirm).toContain("宣传发动至少15天");
    expect(confirm).toContain("任前公示至少7天");
    expect(confirm).toContain("「宣传发动时间应不少于15天」");
    // 吉阳's plan says nothing of the notice: the rule shown is the recommended default's, and says so.
    expect(confirm).toContain("「在人选所在单位进行为期一周的公示」(本地方案未作规定,采用推荐默认规则)");
    expect(confirm).not.toContain("「宣传发动时间应不少于15天」(本地方案未作规定");
    // Publicity 03-10…03-24, the other steps that day at the earliest, notice 03-24…03-30, appointment 03-31.
    expect(confirm).toContain("宣传发动 2024年3月10日 至 2024年3月24日");
    expect(confirm).toContain("任前公示 2024年3月24日 至 2024年3月30日,任命 2024年3月31日");
    // The planned election after the deadline gets its own warning, citing the deadline.
    expect(confirm).toContain("计划的团委选举日期 2024年4月25日 晚于完成期限 2024年3月20日");
    await chat.click("确认保存");
    const plan = await chat.say("/plan");
    expect(plan).toContain("时间不够");
    expect(plan).toContain("晚于完成期限");
    // Moved to a Party election that leaves time: no warning any more.
    await chat.click("改党委换届日期");
    await chat.say("2024-04-15");
    expect(chat.last()).not.toContain("时间不够");
  });

  it("says when the planned election comes before publicity and the steps after it can be done", async () => {
    const confirm = await registerWithDefaults(chatAs(p, secretary), "吉阳镇", "2024-03-05", "2024-03-15");
    expect(confirm).toContain("计划的团委选举日期 2024年3月15日 来不及");
    expect(confirm).toContain("最早 2024年3月24日 才能选举");
    expect(confirm).toContain("「宣传发动时间应不少于15天」");
    // 吉阳's plan says nothing of the notice: the rule shown is the recommended default's, and says so.
    expect(confirm).not.toContain("时间不够");
  });

  it("re-checks what is recorded when the profile changes, and lists the conflicts", async () => {
    const repo = townshipRepository(p.database.db);
    await repo.touchUser(secretary.id, secretary.first_name);
    const id = await repo.create(
      {
        province: "四川省",
        city: "攀枝花市",
        county: "东区",
        name: "某街道",
        kind: "subdistrict",
        profileId: "nanshan",
        partyElectionDate: "2024-03-01",
        plannedElectionDate: "2024-03-20",
        seats: { secretary: 1, fulltimeDeputies: 0, parttimeDeputies: 3, members: 9 },
      },
      secretary.id,
      NOW,
    );
    const steps = stepRepository(p.database.db);
    const at = NOW.toISOString();
    await steps.save(id, { stepId: "work-plan", values: { approvedOn: "2024-02-01" }, recordedBy: secretary.id, recordedAt: at }, 0);
    await steps.save(id, { stepId: "working-group", values: { formedOn: "2024-02-02", leader: "陈主任" }, recordedBy: secretary.id, recordedAt: at }, 0);
    // Ten days: enough under 南山's rule, not under 吉阳's.
    await steps.save(id, { stepId: "publicity", values: { periodStart: "2024-02-03", periodEnd: "2024-02-12" }, recordedBy: secretary.id, recordedAt: at }, 0);
    const chat = chatAs(p, secretary);
    await chat.say("/plan");
    await chat.click("改适用规定");
    const changed = await chat.click("吉阳镇");
    expect(changed).toContain("已保存修改");
    expect(changed).toContain("有冲突");
    expect(changed).toContain("3. 宣传发动");
    expect(changed).toContain("宣传发动只有10天");
    // Back to 南山, then a value of the township's own: 12 days, and the ten recorded conflict again.
    await chat.say("/plan");
    await chat.click("改适用规定");
    expect(await chat.click("南山街道")).not.toContain("有冲突");
    await chat.click("自定某条规则");
    await chat.click("宣传发动最少天数");
    await chat.say("12");
    const own = await chat.say("街道党工委会议纪要");
    expect(own).toContain("有冲突");
    expect(own).toContain("宣传发动只有10天(首尾两天都算),规定不少于12天");
    expect(own).toContain("依据:本乡镇确定的规则(街道党工委会议纪要)");
  });
});
