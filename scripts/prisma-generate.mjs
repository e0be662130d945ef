#!/usr/bin/env node
// Generates the Prisma client (lib/generated/prisma) without Prisma's native schema engine, which these machines
// cannot download: `prisma generate` only needs the bundled wasm, but the CLI insists on resolving an engine binary,
// so we hand it /bin/true. Never use that trick for `migrate` or `db push`: they would exit 0 and do nothing.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  console.error("prisma-generate: the prisma CLI is not installed; run `npm install` (with dev dependencies).");
  process.exit(1);
}
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = "/bin/true";
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
