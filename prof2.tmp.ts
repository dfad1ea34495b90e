import { readFileSync } from "node:fs";
const p = JSON.parse(readFileSync(process.argv[2]!, "utf8"));
const byId = new Map(p.nodes.map((n: any) => [n.id, n]));
let t = p.startTime; const per = new Map<number, [number, number]>();
p.samples.forEach((id: number, i: number) => { t += p.timeDeltas[i]; const s = Math.floor((p.endTime - t) / 1e6); const e = per.get(s) ?? [0, 0]; if ((byId.get(id) as any).callFrame.functionName === "(idle)") e[0] += p.timeDeltas[i]; else e[1] += p.timeDeltas[i]; per.set(s, e); });
console.log([...per].sort((a,b)=>b[0]-a[0]).map(([s,[i,b]])=>`${s}:${Math.round(b/10000)}`).join(" "));
