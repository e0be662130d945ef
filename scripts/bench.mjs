#!/usr/bin/env node
// `npm run bench -- NAME [args…]` runs bench/NAME.ts. A benchmark prints median and p95 of what it measures, runs the
// peer its issue names in the same run, and ends with one JSON line per figure:
//   {"bench":NAME,"metric":…,"value":…,"unit":…,"peer":…,"peer_value":…}
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const benchDir = path.join(root, "bench");
const available = fs.existsSync(benchDir)
  ? fs.readdirSync(benchDir).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)).sort()
  : [];
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME   (available: ${available.length ? available.join(", ") : "none yet"})`);
  process.exit(2);
}
// node --import tsx, not the tsx CLI: on Ctrl-C the CLI relays the signal and SIGKILLs the bench when it has not
// acknowledged it within 30 ms (a busy event loop), so the bench could not stop what it started (masterd, noded, QEMU).
const result = spawnSync(process.execPath, ["--import", "tsx", path.join(benchDir, `${name}.ts`), ...args], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
process.exit(result.status ?? 1);
