// Records Ganeti's hail answers for the golden cases into testdata/hail-golden.json:
//   npx tsx lib/ganeti/htools/allocation/hail-golden-record.ts
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ganetiTool } from "../testing/fixtures";
import { GOLDEN_CASES, GOLDEN_FILE, materialize, type GoldenAnswer } from "./hail-golden-cases";

const hail = ganetiTool("hail");
if (!hail) throw new Error("Ganeti's hail is not installed here");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hail-golden-"));
const out: Record<string, GoldenAnswer> = {};
for (const c of GOLDEN_CASES) {
  const { args, stdin } = materialize(c, dir);
  const r = spawnSync(hail, args, { input: stdin, encoding: "utf8" });
  out[c.name] = { stdout: r.stdout, stderr: r.stderr, status: r.status ?? 1 };
}
fs.writeFileSync(GOLDEN_FILE, `${JSON.stringify(out, null, 1)}\n`);
fs.rmSync(dir, { recursive: true });
console.log(`recorded ${Object.keys(out).length} answers in ${GOLDEN_FILE}`);
