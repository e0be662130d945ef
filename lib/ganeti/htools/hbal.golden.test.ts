// hbal against Ganeti's own expectations: every hbal case of the upstream shelltests whose data is in the fixtures
// (asserted without Ganeti installed), and, when Ganeti 3.0.2's hbal is installed, the same output byte for byte on
// every fixture with the options that change what hbal does.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "./programs/hbal";
import os from "node:os";
import { FIXTURES_DIR, fixturePath, ganetiTool, SHELLTESTS_DIR } from "./testing/fixtures";
import { randomCluster } from "./testing/random-cluster";

type Expect = { stream: "out" | "err"; negate: boolean; regex: RegExp } | { stream: "out" | "err"; literal: string };
type Case = { file: string; args: string[]; expects: Expect[]; exit: { not: boolean; code: number } | null };

/** Reads the hbal cases of a shelltest file: command, `>>>` / `>>>2` regexes or literal text, `>>>=` exit code. */
function parseShelltests(file: string): Case[] {
  const lines = fs.readFileSync(path.join(SHELLTESTS_DIR, file), "utf8").split("\n");
  const cases: Case[] = [];
  let current: Case | null = null;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.startsWith("./test/hs/")) {
      current = line.startsWith("./test/hs/hbal ") || line === "./test/hs/hbal" ? { file, args: line.split(/\s+/).slice(1), expects: [], exit: null } : null;
      if (current) cases.push(current);
      continue;
    }
    if (!current || !line.startsWith(">>>")) continue;
    if (line.startsWith(">>>=")) {
      const v = line.slice(4).trim();
      current.exit = { not: v.startsWith("!"), code: Number(v.replace("!", "")) };
      continue;
    }
    const stream = line.startsWith(">>>2") ? "err" : "out";
    let rest = line.slice(stream === "err" ? 4 : 3).trimStart();
    if (rest === "") {
      const literal: string[] = [];
      while (k + 1 < lines.length && !lines[k + 1]!.startsWith(">>>")) literal.push(lines[++k]!);
      current.expects.push({ stream, literal: literal.length === 0 ? "" : `${literal.join("\n")}\n` });
      continue;
    }
    const negate = rest.startsWith("!");
    if (negate) rest = rest.slice(1);
    const body = [rest.slice(1)];
    while (!body[body.length - 1]!.endsWith("/") || (body.length === 1 && body[0] === "")) body.push(lines[++k]!);
    const text = body.join("\n");
    current.expects.push({ stream, negate, regex: new RegExp(text.slice(0, -1)) });
  }
  return cases;
}

/** The case's arguments with $TESTDATA_DIR resolved; null when it needs data or variables the fixtures lack. */
function resolveArgs(c: Case): string[] | null {
  const args = c.args.map((a) => a.replaceAll("$TESTDATA_DIR", FIXTURES_DIR));
  if (args.some((a) => a.includes("$"))) return null;
  for (const a of args) {
    const m = a.match(/(\/[^\s]*\.data)$/);
    if (m && !fs.existsSync(m[1]!)) return null;
  }
  return args;
}

async function runOurs(args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s), writeFile: () => {} });
  return { out, err, code };
}

const shelltestFiles = fs.readdirSync(SHELLTESTS_DIR).filter((f) => f.startsWith("htools-") && f.endsWith(".test"));
const cases = shelltestFiles.flatMap(parseShelltests);

describe("hbal against Ganeti's shelltests", () => {
  const runnable = cases.map((c) => ({ c, args: resolveArgs(c) }));
  it("finds the hbal cases of the fixtures", () => {
    expect(runnable.filter((r) => r.args !== null).length).toBeGreaterThanOrEqual(15);
  });
  for (const { c, args } of runnable) {
    it.skipIf(args === null)(`${c.file}: hbal ${c.args.join(" ")}`, async () => {
      const r = await runOurs(args!);
      for (const e of c.expects) {
        const text = e.stream === "out" ? r.out : r.err;
        if ("literal" in e) expect(text, `${e.stream}`).toBe(e.literal);
        else if (e.negate) expect(text).not.toMatch(e.regex);
        else expect(text).toMatch(e.regex);
      }
      if (c.exit) {
        if (c.exit.not) expect(r.code).not.toBe(c.exit.code);
        else expect(r.code).toBe(c.exit.code);
      }
    });
  }
});

const hbalBinary = ganetiTool("hbal");

/** Ganeti's hbal with both of its output streams. */
function runGanetiHbal(args: string[]) {
  const r = spawnSync(hbalBinary!, args, { encoding: "utf8" });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? 1 };
}

// Options that change the moves or the output; each is run on every fixture with Ganeti's hbal and ours.
const OPTION_SETS: string[][] = [
  ["-C", "-p", "--print-instances"],
  ["-v", "-v", "-v", "-C"],
  ["-q"],
  ["--evac-mode", "-C"],
  ["--no-disk-moves"],
  ["--no-instance-moves"],
  ["--restricted-migration"],
  ["--ignore-soft-errors"],
  ["-l", "2", "-C"],
  ["-g", "1", "--min-gain-limit", "100"],
  ["-e", "1"],
  ["--ignore-dynu"],
  ["--max-cpu", "1"],
  ["--min-disk", "0.5"],
  ["--exclusion-tags", "test"],
  ["-pname,pcnt,scnt,foo"],
];

describe.skipIf(!hbalBinary)("hbal beside Ganeti's hbal", () => {
  const dataFiles = fs.readdirSync(FIXTURES_DIR).filter((f) => f.endsWith(".data"));
  for (const file of dataFiles) {
    it(`prints what Ganeti prints on ${file}`, async () => {
      for (const opts of OPTION_SETS) {
        const args = ["-t", fixturePath(file), ...opts];
        const theirs = runGanetiHbal(args);
        const ours = await runOurs(args);
        const label = `hbal ${[file, ...opts].join(" ")}`;
        expect(ours.out, label).toBe(theirs.stdout);
        expect(ours.code, label).toBe(theirs.status);
        expect(ours.err, label).toBe(theirs.stderr);
      }
    });
  }
});

// Seeded random clusters (tags, offline nodes, every template, several groups): the same moves as Ganeti's hbal.
describe.skipIf(!hbalBinary)("hbal beside Ganeti's hbal on random clusters", () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`makes Ganeti's moves on random cluster ${seed}`, async () => {
      const cluster = randomCluster(seed, { nodes: [3, 14] });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hbal-golden-"));
      const file = path.join(dir, `random-${seed}.data`);
      fs.writeFileSync(file, cluster.text);
      try {
        for (const opts of [["-C"], ["--evac-mode", "--ignore-soft-errors"], ["--restricted-migration", "-l", "5"]]) {
          const args = ["-t", file, "-G", cluster.data.groups[0]!.name, ...opts];
          const theirs = runGanetiHbal(args);
          const ours = await runOurs(args);
          expect(ours.out, `seed ${seed} ${opts.join(" ")}`).toBe(theirs.stdout);
          expect(ours.code).toBe(theirs.status);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
