// The hail golden cases: Ganeti's hail fixtures, the variants its shelltests derive from them (exclusive storage,
// missing spindles, evacuation modes), the text-backend combinations of htools-hail.test, malformed input, and
// seeded random requests of every type. `testdata/hail-golden.json` holds Ganeti 3.0.2's answers to each
// (regenerate with `npx tsx lib/ganeti/htools/allocation/hail-golden-record.ts` where Ganeti's hail is installed).
import fs from "node:fs";
import path from "node:path";
import { randomIAllocatorRequest, type RandomRequestOptions } from "../backends/iallocator-random";
import { FIXTURES_DIR } from "../testing/fixtures";

export type GoldenCase = {
  name: string;
  /** Arguments; `{in}` is the request file, `{data}/X` a fixture data file. */
  args: string[];
  /** The request: a fixture (optionally rewritten) or a generated one. */
  request?: { fixture: string; rewrite?: (text: string) => string } | { random: number; options?: RandomRequestOptions };
  /** Text given on stdin instead (with `-` as the file argument). */
  stdin?: string;
};

export type GoldenAnswer = { stdout: string; stderr: string; status: number };

const fixture = (f: string, rewrite?: (t: string) => string) => ({ fixture: f, ...(rewrite ? { rewrite } : {}) });
const exclStor = (t: string) => t.replaceAll('"exclusive_storage": false', '"exclusive_storage": true');
const failExclStor = (t: string) => exclStor(t).replace(/"spindles": [0-9]*,/g, "");
const evacMode = (m: string) => (t: string) => t.replaceAll('"evac_mode": "all"', `"evac_mode": "${m}"`);

const FIXTURE_REQUESTS = [
  "hail-alloc-drbd.json",
  "hail-alloc-ext.json",
  "hail-alloc-plain-tags.json",
  "hail-alloc-spindles.json",
  "hail-change-group.json",
  "hail-invalid-reloc.json",
  "hail-node-evac.json",
  "hail-reloc-drbd.json",
];

const EXCL_VARIANTS = ["hail-alloc-drbd.json", "hail-reloc-drbd.json", "hail-node-evac.json", "hail-change-group.json", "hail-alloc-spindles.json"];

const RANDOM_TYPES: NonNullable<RandomRequestOptions["type"]>[] = ["allocate", "relocate", "node-evacuate", "change-group", "multi-allocate", "allocate-secondary"];

export const GOLDEN_CASES: GoldenCase[] = [
  ...FIXTURE_REQUESTS.map((f) => ({ name: f, args: ["{in}"], request: fixture(f) })),
  ...EXCL_VARIANTS.flatMap((f) => [
    { name: `${f}.excl-stor`, args: ["{in}"], request: fixture(f, exclStor) },
    { name: `${f}.fail-excl-stor`, args: ["{in}"], request: fixture(f, failExclStor) },
  ]),
  ...["primary-only", "secondary-only", "all"].map((m) => ({ name: `hail-node-evac.json.${m}`, args: ["{in}"], request: fixture("hail-node-evac.json", evacMode(m)) })),
  { name: "drbd --no-capacity-checks", args: ["{in}", "--no-capacity-checks"], request: fixture("hail-alloc-drbd.json") },
  { name: "plain-tags --ignore-soft-errors", args: ["--ignore-soft-errors", "{in}"], request: fixture("hail-alloc-plain-tags.json") },
  { name: "spindles --no-capacity-checks", args: ["{in}", "--no-capacity-checks"], request: fixture("hail-alloc-spindles.json") },
  { name: "change-group --no-capacity-checks", args: ["{in}", "--no-capacity-checks"], request: fixture("hail-change-group.json") },
  { name: "plain-n1-restriction", args: ["-t", "{data}/plain-n1-restriction.data", "{in}"], request: fixture("hail-alloc-ext.json") },
  { name: "plain-n1-restriction unchecked", args: ["-t", "{data}/plain-n1-restriction.data", "{in}", "--no-capacity-checks"], request: fixture("hail-alloc-ext.json") },
  { name: "shared-n1-failure", args: ["-t", "{data}/shared-n1-failure.data", "{in}"], request: fixture("hail-alloc-ext.json") },
  { name: "shared-n1-failure unchecked", args: ["-t", "{data}/shared-n1-failure.data", "{in}", "--no-capacity-checks"], request: fixture("hail-alloc-ext.json") },
  { name: "partly-used", args: ["-t", "{data}/partly-used.data", "{in}"], request: fixture("hail-alloc-drbd.json") },
  {
    name: "partly-used restricted",
    args: ["-t", "{data}/partly-used.data", "--restrict-allocation-to", "node-01,node-02,node-03", "{in}"],
    request: fixture("hail-alloc-drbd.json"),
  },
  { name: "node table", args: ["-p", "{in}"], request: fixture("hail-alloc-drbd.json") },
  { name: "node table fields", args: ["-pname,pcnt,scnt,rmem", "{in}"], request: fixture("hail-reloc-drbd.json") },
  { name: "verbose", args: ["-v", "{in}"], request: fixture("hail-reloc-drbd.json") },
  { name: "empty file", args: ["/dev/null"] },
  { name: "a list", args: ["-"], stdin: "[]\n" },
  { name: "empty object", args: ["-"], stdin: "{}\n" },
  { name: "request not an object", args: ["-"], stdin: '{"request": 0}\n' },
  { name: "no input file", args: [] },
  { name: "two input files", args: ["a", "b"] },
  ...RANDOM_TYPES.flatMap((type, k) => [1, 2, 3].map((j) => ({ name: `random ${type} ${j}`, args: ["{in}"], request: { random: 100 * k + j, options: { type } } }))),
  ...[1, 2, 3, 4, 5, 6].map((j) => ({ name: `random mixed ${j}`, args: ["{in}"], request: { random: 1000 + j } })),
];

/** Writes the case's request file into `dir` and returns hail's arguments and stdin. */
export function materialize(c: GoldenCase, dir: string): { args: string[]; stdin: string } {
  const file = path.join(dir, `${c.name.replace(/[^A-Za-z0-9.-]+/g, "_")}.json`);
  if (c.request) {
    const text =
      "fixture" in c.request
        ? (c.request.rewrite ?? ((t: string) => t))(fs.readFileSync(path.join(FIXTURES_DIR, c.request.fixture), "utf8"))
        : randomIAllocatorRequest(c.request.random, c.request.options);
    fs.writeFileSync(file, text);
  }
  const args = c.args.map((a) => a.replace("{in}", file).replace("{data}", FIXTURES_DIR));
  return { args, stdin: c.stdin ?? "" };
}

export const GOLDEN_FILE = path.resolve(import.meta.dirname, "testdata/hail-golden.json");
