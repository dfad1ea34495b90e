import { measureWorkerCost } from "./lib/worker-cost.js";
const r = await measureWorkerCost({ updates: false });
console.log(JSON.stringify(r, null, 1));
