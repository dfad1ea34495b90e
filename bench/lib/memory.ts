import { readFileSync } from "node:fs";

/** Reads a `VmRSS:`-style field (in kB) of /proc/<pid>/status, as bytes; undefined when unavailable. */
export function procStatusBytes(pid: number, field: "VmRSS" | "VmHWM"): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every `intervalMs` until stopped; returns the peak seen in bytes. */
export function sampleRss(pid: number, intervalMs = 200) {
  let peak = procStatusBytes(pid, "VmRSS") ?? 0;
  const timer = setInterval(() => {
    const rss = procStatusBytes(pid, "VmRSS");
    if (rss !== undefined && rss > peak) peak = rss;
  }, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      const rss = procStatusBytes(pid, "VmRSS");
      if (rss !== undefined && rss > peak) peak = rss;
      return peak;
    },
  };
}

/** User + system CPU time of a process so far, in seconds (/proc/<pid>/stat); 0 when unavailable. */
export function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
