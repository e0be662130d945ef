// Test helpers: a real noded process (`node --import tsx workers/noded.ts`) and raw HTTPS requests to one.
import { spawn, type ChildProcess } from "node:child_process";
import https from "node:https";
import path from "node:path";

const REPO = path.resolve(import.meta.dirname, "../../../..");

export type NodedProcess = { process: ChildProcess; output: string[]; text: () => string };

/** Starts workers/noded.ts with these arguments and resolves once its output shows `ready`. */
export async function spawnNoded(args: string[], ready: string | RegExp): Promise<NodedProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/noded.ts", ...args], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const text = () => output.join("");
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (typeof ready === "string" ? text().includes(ready) : ready.test(text())) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`noded exited (${code}): ${text()}`)));
  });
  return { process: child, output, text };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** A raw POST to a noded, optionally with some client certificate; resolves with status and body or rejects. */
export function rawPost(port: number, route: string, body: string, client?: { key: string; cert: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      { host: "127.0.0.1", port, path: route, method: "POST", rejectUnauthorized: false, agent: false, ...(client ?? {}) },
      (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
