import { cpus, loadavg, totalmem } from "node:os";

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  totalMemoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  loadAverage: number;
}

export function describeMachine(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    totalMemoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
  };
}

export function formatMachine(m: MachineInfo): string {
  return `${m.cpuModel} · ${m.cores} cores · ${m.totalMemoryGiB} GiB RAM · Node ${m.node} · ${m.platform} · load ${m.loadAverage}`;
}
