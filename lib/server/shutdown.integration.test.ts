// The shutdown signal handling of server.ts and the workers, in a real child process: a signal repeated at once (npm
// forwarding the Ctrl-C the terminal also delivered) does not cut the shutdown short; a later second one does.
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "@/lib/server/testing";

const SCRIPT = `
import { onShutdownSignal } from ${JSON.stringify(path.join(ROOT, "lib/server/shutdown.ts"))};
onShutdownSignal(() => new Promise((resolve) => setTimeout(resolve, 2500)));
console.log("ready");
setInterval(() => undefined, 1000);
`;

async function run(gapsMs: number[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["--eval", SCRIPT], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  while (!stdout.includes("ready")) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const gap of gapsMs) {
    child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, gap));
  }
  return { code: await exited, stdout };
}

it("finishes the shutdown when the signal comes twice at once, and exits at once on a second signal later", async () => {
  const echoed = await run([50, 0]);
  expect(echoed.code).toBe(0);
  expect(echoed.stdout).toContain("gantry: SIGTERM received, shutting down.\ngantry: stopped.");

  const impatient = await run([1500, 0]);
  expect(impatient.code).toBe(130);
  expect(impatient.stdout).toContain("gantry: SIGTERM again, exiting now.");
}, 30_000);
