/**
 * The loopback Bot API and the Hrana (libSQL over HTTP) fixture in a worker thread, so that the main
 * thread's CPU time (process.threadCpuUsage) is the Worker code's alone. Messages: "counts" → requests
 * each has served; { lastMarkup: chatId } → the reply_markup of the last message to that chat; "close".
 */
import { parentPort, workerData } from "node:worker_threads";
import { startBotApi } from "../../test/fixtures/bot-api.js";
import { startHranaServer } from "../../test/fixtures/hrana-server.js";

const hrana = await startHranaServer({ dbPath: (workerData as { dbPath: string }).dbPath });
const botApi = await startBotApi();
parentPort!.postMessage({ hranaUrl: hrana.url, botApiUrl: botApi.url });
parentPort!.on("message", async (message: unknown) => {
  if (message === "counts") parentPort!.postMessage({ hrana: hrana.requests, botApi: botApi.calls.length });
  else if (message && typeof message === "object" && "lastMarkup" in message) {
    const chat = (message as { lastMarkup: number }).lastMarkup;
    const last = botApi.calls.filter((c) => Number(c.payload.chat_id) === chat && c.payload.reply_markup).at(-1);
    parentPort!.postMessage({ markup: last?.payload.reply_markup ?? null, text: last?.payload.text ?? null });
  } else if (message === "close") {
    await botApi.close();
    await hrana.close();
    parentPort!.postMessage("closed");
  }
});
