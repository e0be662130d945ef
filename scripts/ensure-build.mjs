#!/usr/bin/env node
// Runs `next build` when there is no build yet or when anything the build depends on changed since the last one
// (content hash of the sources), so `npm start` is quick after the first time and never serves a stale build.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const INPUT_DIRS = ["app", "components", "lib", "types", "public", "prisma"];
const INPUT_FILES = ["next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "proxy.ts"];
const SKIP = /(^|\/)(generated|node_modules)(\/|$)|\.test\.tsx?$/;
const stampFile = path.join(root, ".next", "gantry-build-inputs.sha256");

function* files(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (SKIP.test(path.relative(root, full))) continue;
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

function inputsHash() {
  const hash = crypto.createHash("sha256");
  const all = [...INPUT_DIRS.flatMap((d) => [...files(path.join(root, d))]), ...INPUT_FILES.map((f) => path.join(root, f))];
  for (const file of all) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

const wanted = inputsHash();
const current = fs.existsSync(stampFile) && fs.existsSync(path.join(root, ".next", "BUILD_ID"))
  ? fs.readFileSync(stampFile, "utf8").trim()
  : null;
if (current === wanted) process.exit(0);

console.log(current ? "gantry: sources changed since the last build; building the web app…" : "gantry: building the web app (first start)…");
const result = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
});
if (result.status !== 0) {
  console.error("gantry: the web app build failed (see above).");
  process.exit(result.status ?? 1);
}
fs.writeFileSync(stampFile, `${wanted}\n`);
