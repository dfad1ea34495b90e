/**
 * Summarises a V8 CPU profile (.cpuprofile, e.g. from `BENCH_PROFILE=<dir> npm run bench`): the
 * functions with the most self time, and self time per package / source area.
 * Usage: tsx bench/profile-summary.ts <file.cpuprofile> [top=25] [last-seconds]
 * With last-seconds, only the samples of the profile's final seconds count (e.g. the last round of
 * load, leaving start-up and module loading out).
 *
 * A frame in an esbuild bundle (the servers the webhook benchmark runs) is put in the package or source
 * file it came from, read off the `// node_modules/...` and `// src/...` lines esbuild writes before
 * each module; the benchmark leaves a copy of each bundle next to the profiles for this.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, topArg, lastArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]");
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const from = lastArg ? profile.endTime - Number(lastArg) * 1e6 : profile.startTime;
const selfUs = new Map<number, number>();
let at = profile.startTime;
let totalUs = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  at += delta;
  if (at < from) return;
  totalUs += delta;
  selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
});

// Per bundle: the module each of its lines belongs to.
const bundles = new Map<string, string[] | undefined>();
function moduleOf(url: string, line: number): string | undefined {
  if (!url.endsWith(".js")) return undefined;
  if (!bundles.has(url)) {
    const path = url.replace(/^file:\/\//, "");
    const copy = join(dirname(file!), basename(path));
    const found = existsSync(copy) ? copy : existsSync(path) ? path : undefined;
    let current = "";
    const modules = found
      ? readFileSync(found, "utf8")
          .split("\n")
          .map((text) => (current = /^\/\/ ((?:node_modules|src)\/\S+)$/.exec(text)?.[1] ?? current))
      : undefined;
    bundles.set(url, modules?.some(Boolean) ? modules : undefined);
  }
  return bundles.get(url)?.[line] || undefined;
}

const fns = new Map<string, number>();
const areas = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = byId.get(id)!.callFrame;
  const { functionName, lineNumber } = frame;
  const bundled = moduleOf(frame.url, lineNumber);
  const url = bundled ? `file:///${bundled}` : frame.url;
  const where = url.replace(/^file:\/\//, "").replace(/^.*?\/(node_modules|src|bench|test)\//, "$1/");
  const name = `${functionName || "(anonymous)"}  ${where}${bundled ? ` (bundle line ${lineNumber + 1})` : `:${lineNumber + 1}`}`;
  fns.set(name, (fns.get(name) ?? 0) + us);
  const group = area(url, functionName);
  areas.set(group, (areas.get(group) ?? 0) + us);
}

function area(url: string, fn: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.includes("/src/")) return "src (ours)";
  if (url.startsWith("node:")) return "node core";
  if (!url) return fn.startsWith("(") ? fn : "native/builtin";
  return url;
}

const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((100 * us) / totalUs).toFixed(1).padStart(6)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
  }
};
console.log(
  `${file}: ${(totalUs / 1e6).toFixed(1)} s of samples${lastArg ? ` (the last ${lastArg} s)` : ""}`,
);
print("Self time by area", areas);
print("Self time by function", fns);
