// One cold isolate, as near as Node gets to one: a fresh process imports the Worker's bundle (its
// global scope: what Cloudflare counts against the startup limit), then serves one update and then a
// second of the same kind, through the Worker's own fetch handler. Prints the CPU time (user + system,
// process.threadCpuUsage: this thread only, as workerd counts the isolate's thread) of each step in ms as JSON. Plain JavaScript: no loader's CPU is counted.
// argv: bundle path, fixtures JSON, the Worker's bindings JSON, first text
const [bundle, fixturesJson, envJson, text] = process.argv.slice(2);
const fixtures = JSON.parse(fixturesJson);
const env = JSON.parse(envJson);
// Node's fetch client (undici) loads on its first call, tens of ms that workerd's built-in fetch does
// not spend: loaded before anything is measured.
await (await fetch(`${fixtures.botApi}/`)).arrayBuffer();
const cpu = () => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
};
const t = cpu();
const worker = (await import(bundle)).default;
const startup = cpu() - t;
const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} };
let updateId = Math.floor(Math.random() * 1e9);
const user = 6_000_000 + Math.floor(Math.random() * 1e6);
const request = (body) =>
  new Request("http://worker/telegram/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": env.WEBHOOK_SECRET },
    body: JSON.stringify({
      update_id: updateId++,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: user, type: "private", first_name: "冷启动" },
        from: { id: user, is_bot: false, first_name: "冷启动", language_code: "zh-hans" },
        text: body,
        ...(body.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: body.split(" ")[0].length }] } : {}),
      },
    }),
  });
const serve = async (body) => {
  const before = cpu();
  const response = await worker.fetch(request(body), env, ctx);
  if (response.status !== 200) throw new Error(`${body}: HTTP ${response.status} ${await response.text()}`);
  return cpu() - before;
};
const first = await serve(text);
const second = await serve(text === "/start" ? "/start" : "团代会代表怎么选?");
console.log(JSON.stringify({ startup, first, second }));
