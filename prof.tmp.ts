import { readFileSync } from "node:fs";
const p = JSON.parse(readFileSync(process.argv[2]!, "utf8"));
// Busy periods: find sample times, split into windows separated by >1.5s idle gaps of "(idle)"
const byId = new Map(p.nodes.map((n: any) => [n.id, n]));
let t = p.startTime; const times: [number, any][] = [];
p.samples.forEach((id: number, i: number) => { t += p.timeDeltas[i]; times.push([t, byId.get(id)]); });
const end = p.endTime;
const win = (a: number, b: number) => { const agg = new Map<string, number>(); let total = 0;
  for (const [tt, n] of times) { if (tt < end - a*1e6 || tt >= end - b*1e6) continue; const u = n.callFrame.url.replace(/.*node_modules\//, "").replace(/.*\/src\//, "src/"); const k = `${n.callFrame.functionName || "(anon)"} ${u.split("/").slice(0,2).join("/")}`; agg.set(k, (agg.get(k) ?? 0) + 1); total++; }
  return { agg, total }; };
const tg = win(Number(process.argv[3]), Number(process.argv[4])), wc = win(10, 0);
const keys = new Set([...tg.agg.keys(), ...wc.agg.keys()]);
const rows = [...keys].map(k => [k, (tg.agg.get(k) ?? 0), (wc.agg.get(k) ?? 0)] as const).sort((a, b) => (b[2] - b[1]) - (a[2] - a[1]));
console.log("samples", tg.total, wc.total);
for (const [k, a, b] of rows.slice(0, 25)) console.log(String(a).padStart(6), String(b).padStart(6), k);
