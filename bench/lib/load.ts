import autocannon from "autocannon";
import { translate } from "../../src/i18n/index.js";
import type { BotApiFixture } from "../../test/fixtures/bot-api.js";
import { processCpuSeconds, sampleRss } from "./memory.js";
import type { UpdateSource } from "./updates.js";

export interface WebhookLoadOptions {
  /** Base URL of the server; updates are POSTed to `${url}/telegram/webhook`. */
  url: string;
  secret: string;
  updates: UpdateSource;
  /** The fake Bot API the server talks to: the calls it receives are counted. */
  api: BotApiFixture;
  /** The server's pid, for RSS sampling. */
  pid: number;
  connections: number;
  /** Updates sent before measuring, and measured: a fixed number, so that two servers fed the same sequence get the same mix. */
  warmupUpdates: number;
  measuredUpdates: number;
}

export interface WebhookLoadResult {
  /** Updates answered per second over the measured window. */
  rate: number;
  /** How long the measured updates took, in seconds. */
  seconds: number;
  /** Webhook responses completed in each whole second of the measured window. */
  requestsPerSecond: number[];
  /** Bot API calls the fake received in each of those seconds. */
  apiCallsPerSecond: number[];
  requests: number;
  apiCalls: number;
  /** Updates the server answered with its rate-limit notice. */
  rateLimited: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Highest RSS seen while under load (warm-up included), sampled every 200 ms. */
  peakRssBytes: number;
  /**
   * The server's own CPU time (user + system) over the measured window per update answered: what an
   * update costs whatever else the shared machine is running, unlike updates/s.
   */
  cpuMsPerUpdate: number;
}

const RATE_LIMITED = new Set([translate("zh", "rate-limited"), translate("en", "rate-limited")]);

function countCalls(api: BotApiFixture, from: number): { count: number; rateLimited: number; upTo: number } {
  const calls = api.calls;
  let rateLimited = 0;
  for (let i = from; i < calls.length; i++) if (RATE_LIMITED.has(String(calls[i]!.payload.text ?? ""))) rateLimited++;
  return { count: calls.length - from, rateLimited, upTo: calls.length };
}

function fire(options: WebhookLoadOptions, amount: number) {
  return autocannon({
    url: `${options.url}/telegram/webhook`,
    connections: options.connections,
    amount,
    requests: [
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-telegram-bot-api-secret-token": options.secret,
        },
        setupRequest: (request) => ({ ...request, body: options.updates.next() }),
      },
    ],
  });
}

/** Warm-up, then a measured run of a fixed number of webhook updates, sampled per second. */
export async function runWebhookLoad(options: WebhookLoadOptions): Promise<WebhookLoadResult> {
  const rss = sampleRss(options.pid, 200);
  const { api } = options;
  try {
    if (options.warmupUpdates > 0) await fire(options, options.warmupUpdates);
    await settle();
    api.reset();

    const statusCodes: Record<string, number> = {};
    const requestsPerSecond: number[] = [];
    const apiCallsPerSecond: number[] = [];
    let responses = 0;
    let lastResponses = 0;
    let seen = 0;
    let apiCalls = 0;
    let rateLimited = 0;

    const cpuBefore = processCpuSeconds(options.pid);
    const startedAt = performance.now();
    const instance = fire(options, options.measuredUpdates);
    instance.on("response", (_client: unknown, statusCode: number) => {
      responses++;
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    });
    const timer = setInterval(() => {
      const sent = countCalls(api, seen);
      seen = sent.upTo;
      apiCalls += sent.count;
      rateLimited += sent.rateLimited;
      requestsPerSecond.push(responses - lastResponses);
      apiCallsPerSecond.push(sent.count);
      lastResponses = responses;
    }, 1000);
    const result = await instance;
    const seconds = (performance.now() - startedAt) / 1000;
    const cpuSeconds = processCpuSeconds(options.pid) - cpuBefore;
    clearInterval(timer);
    await settle();
    const last = countCalls(api, seen);
    apiCalls += last.count;
    rateLimited += last.rateLimited;
    api.reset();

    return {
      rate: responses / seconds,
      seconds,
      requestsPerSecond,
      apiCallsPerSecond,
      requests: responses,
      apiCalls,
      rateLimited,
      non2xx: result.non2xx,
      statusCodes,
      errors: result.errors,
      timeouts: result.timeouts,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      peakRssBytes: rss.stop(),
      cpuMsPerUpdate: (cpuSeconds * 1000) / Math.max(1, responses),
    };
  } finally {
    rss.stop();
  }
}

/** Lets requests still in flight when autocannon stops reach the fake Bot API. */
function settle(ms = 300): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
