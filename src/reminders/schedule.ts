/**
 * The Node process's reminder schedule: one sweep a minute (none overlapping in this process; other
 * processes are kept apart by the outbox's claims). The Worker uses its cron trigger instead.
 */
import type { Logger } from "../logging.js";
import { runReminderSweep, type SweepDeps, type SweepOptions } from "./sweep.js";

export function startReminderSchedule(
  deps: SweepDeps & { logger: Logger },
  options: { intervalMs?: number; firstDelayMs?: number; sweep?: SweepOptions; clock?: () => Date } = {},
) {
  const intervalMs = options.intervalMs ?? 60_000;
  let running: Promise<unknown> | undefined;
  const stopping = new AbortController();
  const tick = () => {
    if (running || stopping.signal.aborted) return;
    running = runReminderSweep(deps, {
      ...options.sweep,
      now: (options.clock ?? (() => new Date()))(),
      signal: stopping.signal,
    })
      .catch((error: unknown) => deps.logger.error("reminders_sweep_failed", { error }))
      .finally(() => {
        running = undefined;
      });
  };
  // The first sweep waits a little, so a start-up (or a test driving the local chat) settles first.
  const first = setTimeout(tick, options.firstDelayMs ?? intervalMs);
  const timer = setInterval(tick, intervalMs);
  return {
    /** Stops the schedule; a sweep in progress stops after its current message and writes what it did. */
    async stop(): Promise<void> {
      stopping.abort();
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
