/**
 * A cold isolate's CPU time in the Workers runtime itself: the deployed bundle served by a bare workerd
 * (test/fixtures/bare-workerd.ts: no wrangler or miniflare JavaScript on the thread), its CPU read from
 * Linux's per-thread accounting (/proc/<pid>/task/<tid>/schedstat, nanoseconds on the CPU) around each
 * request. workerd runs every request of a process on its main thread, as Cloudflare runs an isolate on
 * one thread and counts that thread's CPU; V8's background threads (compiler, GC helpers) are reported
 * apart. The figure includes workerd's own HTTP handling of the request, which the platform does outside
 * the Worker's CPU time, so it is if anything high.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { startBareWorkerd, threadsCpuNs } from "../../test/fixtures/bare-workerd.js";

export interface WorkerdCold {
  /** CPU of the main thread from process start until it went quiet: workerd's start and the global scope. */
  startupMs: number;
  /** Main-thread CPU of each request, in order. */
  requestsMs: number[];
  /** CPU of V8's background threads during each request. */
  backgroundMs: number[];
}

export async function measureInWorkerd(input: {
  bundleFile: string;
  port: number;
  bindings: Record<string, string>;
  requests: ((url: string) => Promise<Response>)[];
}): Promise<WorkerdCold> {
  const workerd = await startBareWorkerd(input);
  try {
    const startupMs = threadsCpuNs(workerd.pid).main / 1e6;
    const requestsMs: number[] = [];
    const backgroundMs: number[] = [];
    for (const send of input.requests) {
      const before = threadsCpuNs(workerd.pid);
      const response = await send(workerd.url);
      const body = await response.text();
      if (response.status !== 200) throw new Error(`workerd answered ${response.status}: ${body} ${workerd.output()}`);
      // Work after the response (waitUntil) runs on the same thread: let it finish.
      await sleep(200);
      const after = threadsCpuNs(workerd.pid);
      requestsMs.push((after.main - before.main) / 1e6);
      backgroundMs.push((after.background - before.background) / 1e6);
    }
    if (/warm_up_failed/.test(workerd.output())) throw new Error(`the Worker's warm-up failed: ${workerd.output()}`);
    return { startupMs, requestsMs, backgroundMs };
  } finally {
    workerd.stop();
  }
}
