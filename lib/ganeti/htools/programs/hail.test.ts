// hail's command line against Ganeti 3.0.2's hail: our exact expected output always, and the same cases beside the
// installed binary when there is one (only the version line may differ).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { fixturePath, ganetiTool } from "../testing/fixtures";
import { main } from "./hail";

type Run = { status: number; stdout: string; stderr: string };

async function ours(args: string[]): Promise<Run> {
  const r = { status: 0, stdout: "", stderr: "" };
  r.status = await main(args, { stdout: (s) => void (r.stdout += s), stderr: (s) => void (r.stderr += s), readStdin: () => "" });
  return r;
}

const VERSION_LINE = "hail (gantry) version 3.0.2-gantry\n";
const USAGE = `Usage: hail [OPTION...]
  -p[FIELDS]  --print-nodes[=FIELDS]             print the final node list
  -S FILE     --save=FILE                        Save cluster state at the end of the processing to FILE
  -t FILE     --text-data=FILE                   the cluster data FILE
              --simulate=SPEC                    simulate an empty cluster, given as 'alloc_policy,num_nodes,disk,ram,cpu'
  -v          --verbose                          increase the verbosity level
              --ignore-dynu                      Ignore any dynamic utilisation information
              --ignore-soft-errors               Ignore any soft restrictions in balancing
              --no-capacity-checks               disable capacity checks (like global N+1 redundancy)
              --restrict-allocation-to=NODE,...  Restrict allocations to the given set of nodes
              --mond[=CHOICE]                    pass either 'yes' or 'no' to query all monDs
              --mond-xen                         also consider xen-specific collectors in MonD queries
              --static-kvm-node-memory=N         use static node memory [in MB] on KVM instead of value reported by hypervisor. Use 0 to take value reported from hypervisor.
  -V          --version                          show the version of the program
  -h          --help                             show help
              --help-completion                  show completion info
`;
const COMPLETION = `-p,--print-nodes none
-S,--save none
-t,--text-data file
--simulate string
-v,--verbose none
--ignore-dynu none
--ignore-soft-errors none
--no-capacity-checks none
--restrict-allocation-to manynodes
--mond choices=yes,no
--mond-xen none
--static-kvm-node-memory integer
-V,--version none
-h,--help none
--help-completion none
file 1 1
`;
const REQUEST = fixturePath("hail-alloc-drbd.json");
const REQUEST_WARNING = "Warning: cluster has inconsistent data:\n  - node node4 is missing 8832 MB ram and 0 GB disk\n\n";
const SIMULATE = ["--simulate", "p,2,100000,100000,4", "--simulate", "p,3,200000,200000,8", REQUEST];

const CASES: Array<{ name: string; args: string[]; expected: Run }> = [
  { name: "--help: the version line, then the usage", args: ["--help"], expected: { status: 0, stdout: VERSION_LINE + USAGE, stderr: "" } },
  { name: "--help-completion", args: ["--help-completion"], expected: { status: 0, stdout: COMPLETION, stderr: "" } },
  {
    name: "an unknown option",
    args: ["--no-such-option"],
    expected: { status: 2, stdout: "", stderr: `Command line error: unrecognized option \`--no-such-option'\n\n${VERSION_LINE}${USAGE}` },
  },
  {
    name: "an ambiguous option",
    args: ["--he"],
    expected: {
      status: 2,
      stdout: "",
      stderr: `Command line error: option \`--he' is ambiguous; could be one of:\n  -h  --help             show help\n      --help-completion  show completion info\n\n${VERSION_LINE}${USAGE}`,
    },
  },
  {
    name: "a bad --static-kvm-node-memory value",
    args: ["--static-kvm-node-memory=x", REQUEST],
    expected: { status: 1, stdout: "", stderr: "Error while parsing command line arguments:\nstatic node memory: cannot parse string 'x'\n" },
  },
  {
    name: "a bad --mond choice",
    args: ["--mond=maybe", REQUEST],
    expected: { status: 1, stdout: "", stderr: "Error while parsing command line arguments:\nInvalid choice 'maybe', pass one of 'yes' or 'no'\n" },
  },
  { name: "no argument", args: [], expected: { status: 1, stdout: "", stderr: "Error: This program needs an input file.\n" } },
  {
    name: "a request",
    args: [REQUEST],
    expected: {
      status: 0,
      stdout:
        '{"success":true,"info":"Request successful: Selected group: default, Group default (preferred): score: 11.75836082, successes 12, failures 0 () for node(s) node2/node1","result":["node2","node1"]}\n',
      stderr: REQUEST_WARNING,
    },
  },
  {
    // Ganeti keeps the last --simulate first, so it becomes group-01.
    name: "two --simulate clusters",
    args: SIMULATE,
    expected: {
      status: 0,
      stdout:
        '{"success":true,"info":"Request successful: Selected group: group-01, Group group-01 (preferred): score: 1.77432878, successes 6, failures 0 () for node(s) node-01-003/node-01-002, Group group-02 (preferred): score: 1.86674961, successes 2, failures 0 () for node(s) node-02-002/node-02-001","result":["node-01-003","node-01-002"]}\n',
      stderr: REQUEST_WARNING,
    },
  },
];

describe("hail command line", () => {
  for (const c of CASES) it(c.name, async () => expect(await ours(c.args)).toEqual(c.expected));
});

const hail = ganetiTool("hail");

describe.skipIf(!hail)("hail command line beside Ganeti's binary", () => {
  // Ganeti's says "hail (ganeti) version 3.0.2-3"; everything else must be the same.
  const versionLine = /^hail \((ganeti|gantry)\) version \S+$/m;
  const normalized = (r: Run): Run => ({ ...r, stdout: r.stdout.replace(versionLine, "VERSION"), stderr: r.stderr.replace(versionLine, "VERSION") });

  for (const c of CASES) {
    it(c.name, async () => {
      const real = spawnSync(hail!, c.args, { encoding: "utf8" });
      expect(normalized(await ours(c.args))).toEqual(normalized({ status: real.status ?? -1, stdout: real.stdout, stderr: real.stderr }));
    });
  }
});
