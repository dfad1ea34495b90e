import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/ask.ts", ...args], {
    input,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "" },
  });

describe("npm run ask", () => {
  it("--batch answers one JSON object a line, in order", () => {
    const out = run(["--batch"], "南山街道宣传发动要多少天?\n\nHow do I bake sourdough bread?\n");
    expect(out.status).toBe(0);
    const lines = out.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ grounded: true, lang: "zh" });
    expect(lines[0]!.citations).toEqual(
      expect.arrayContaining([expect.objectContaining({ doc: "nanshan-plan", section: "s4-1" })]),
    );
    expect(Object.keys((lines[0]!.citations as object[])[0]!).sort()).toEqual([
      "doc",
      "quote",
      "section",
      "title",
    ]);
    expect(lines[1]).toMatchObject({ grounded: false, lang: "en", citations: [] });
  });

  it("prints a readable answer with sources, or JSON with --json, in the language asked for", () => {
    const text = run(["兼职副书记的年龄上限是多少?"]);
    expect(text.stdout).toContain("来源:");
    const json = JSON.parse(run(["--json", "--lang", "en", "南山街道宣传发动要多少天?"]).stdout) as {
      lang: string;
    };
    expect(json.lang).toBe("en");
    expect(run(["--lang", "fr", "x"]).stderr).toContain("--lang must be zh or en");
  });

  it("npm run ask -- --json prints only JSON on stdout, the data build's note going to stderr", () => {
    const out = spawnSync(
      "npm",
      ["run", "-s", "ask", "--", "--json", "南山街道要选13名委员,正式候选人最少要多少人?"],
      {
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
      },
    );
    expect(out.status).toBe(0);
    const answer = JSON.parse(out.stdout) as { answer: string; kind: string; facts: string[] };
    expect(answer).toMatchObject({ kind: "compute", facts: ["ns-surplus"] });
    expect(answer.answer).toContain("至少16名正式候选人");
    expect(out.stderr).toContain("data built");
  });
});
