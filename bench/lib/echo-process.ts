import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { NODE_FLAGS } from "../../scripts/build-node.js";
import { freePort, type RunningServer } from "../../test/fixtures/server-process.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Starts a build of bench/echo-server.ts (scripts/build-node.ts) as a child process, with the same
 * node flags as `npm start` and test/fixtures/server-process.ts give a build of src/main.ts (NODE_FLAGS), and waits until
 * /healthz answers.
 */
export async function startEchoServer(env: Record<string, string>, bundle: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...NODE_FLAGS, bundle], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`echo server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`echo server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    process: child,
    output: () => output,
    stop: (signal = "SIGTERM") =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill(signal);
      }),
  };
}
