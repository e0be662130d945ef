// hspace against Ganeti: the expectations of Ganeti's shelltests (htools-hspace.test and the hspace lines of
// htools-basic, -invalid and -text-backend), asserted without Ganeti, and a line-by-line comparison with the real
// `hspace` when it is installed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "./programs/hspace";
import { fixturePath, ganetiTool, runGanetiTool } from "./testing/fixtures";

const HSPACE_DATA = path.resolve(import.meta.dirname, "capacity/testdata");
const data = (name: string) => (fs.existsSync(path.join(HSPACE_DATA, name)) ? path.join(HSPACE_DATA, name) : fixturePath(name));

async function hspace(args: string[]): Promise<{ stdout: string; stderr: string; status: number }> {
  let stdout = "";
  let stderr = "";
  const status = await main(args, { out: (s) => void (stdout += s), err: (s) => void (stderr += s) });
  return { stdout, stderr, status };
}

/** What `. $T/capacity` gives the shell: the HTS_ keys with their quotes removed. */
function sourceKeys(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split("\n")) {
    const m = /^(HTS_[A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!.replace(/^'(.*)'$/, "$1");
  }
  return out;
}

describe("hspace shelltests (htools-hspace.test)", () => {
  it("places 48 DRBD instances of 10 GiB on six 10 GiB nodes (design-allocation-efficiency.rst)", async () => {
    const args = ["--machine-readable", "--simulate", "p,6,204801,10241,21", "--disk-template", "drbd", "--standard-alloc", "10240,1024,2"];
    const keys = sourceKeys((await hspace([...args, "--tiered-alloc", "102400,10240,4"])).stdout);
    expect(keys.HTS_ALLOC_INSTANCES).toBe("48");
    expect(keys.HTS_TSPEC).toBe("10240,102400,4,1=3");
  });

  it("prints machine readable output that ends with HTS_OK=1 (--simu, drbd, -l 8)", async () => {
    const r = await hspace(["--simu", "p,4,8T,64g,16", "--machine-readable", "--disk-template", "drbd", "-l", "8"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^HTS_OK=1$/m);
    expect(sourceKeys(r.stdout).HTS_OK).toBe("1");
  });

  const tiered: Array<[string, string, number, Record<string, string>?]> = [
    ["hspace-tiered.data", "131072,1048576,4,12=4 129984,1048320,4,12=2", 6],
    ["hspace-tiered-dualspec.data", "131072,1048576,4,12=4 129984,1048320,4,12=2 65472,524288,2,12=2", 14],
    ["hspace-tiered-exclusive.data", "131072,1048576,4,10=1 131072,1048576,4,9=1 131072,1048576,4,8=2", 6, { HTS_TRL_SPN_FREE: "0", HTS_FIN_SPN_FREE: "29" }],
    ["hspace-tiered-dualspec-exclusive.data", "131072,1048576,4,4=4 129984,1048320,4,4=2 65472,524288,2,2=2", 14, { HTS_TRL_SPN_FREE: "7", HTS_FIN_SPN_FREE: "7" }],
    ["hspace-tiered-mixed.data", "131072,1048576,4,12=2 131072,1048576,4,10=2 129984,1048320,4,10=2", 6, { HTS_TRL_SPN_FREE: "0", HTS_FIN_SPN_FREE: "18" }],
  ];
  for (const [file, tspec, count, extra] of tiered) {
    it(`allocates the tiers ${tspec} and ${count} standard instances on ${file}`, async () => {
      const r = await hspace(["--machine-readable", "-t", data(file), "--no-capacity-checks"]);
      expect(r.status).toBe(0);
      const keys = sourceKeys(r.stdout);
      expect(keys.HTS_TSPEC).toBe(tspec);
      expect(keys.HTS_ALLOC_INSTANCES).toBe(String(count));
      for (const [k, v] of Object.entries(extra ?? {})) expect(keys[k]).toBe(v);
    });
  }

  it("adheres to the instance policy for disks (hspace-tiered-ipolicy.data)", async () => {
    const r = await hspace(["--machine-readable", "-t", data("hspace-tiered-ipolicy.data"), "--no-capacity-checks"]);
    expect(r.stdout).toMatch(/HTS_TRL_INST_CNT=4/);
  });

  it("shows the instance positions of the tiered allocation with -pname,pcnt", async () => {
    const r = await hspace(["-pname,pcnt", "-t", data("hspace-tiered-ipolicy.data"), "--no-capacity-checks"]);
    expect(r.stderr).toContain("Tiered allocation status:\n Name        pcnt\n node-01-001    1\n node-01-002    1\n node-01-003    1\n node-01-004    1");
    const types = await hspace(["-pname,pcnt", "-t", data("hspace-tiered-resourcetypes.data"), "--no-capacity-checks"]);
    expect(types.stderr).toContain("Tiered allocation status:\n Name        pcnt\n node-01-001    1\n node-01-002    2\n node-01-003    2\n node-01-004    2");
  });

  it("handles a VCPU-dominated allocation (hspace-tiered-vcpu.data)", async () => {
    const keys = sourceKeys((await hspace(["--machine-readable", "-t", data("hspace-tiered-vcpu.data")])).stdout);
    expect(keys.HTS_TSPEC).toBe("32768,65536,4,12=4 32768,65536,2,12=2");
    expect(keys.HTS_ALLOC_INSTANCES).toBe("10");
  });

  const groupCases: Array<[string, string[], RegExp]> = [
    ["hspace-groups-one.data", [], /0 instances allocated/],
    ["hspace-groups-one.data", ["--independent-groups"], /0 instances allocated/],
    ["hspace-groups-one.data", ["--accept-existing"], /2 instances allocated/],
    ["hspace-groups-two.data", [], /0 instances allocated/],
    ["hspace-groups-two.data", ["--independent-groups"], /2 instances allocated/],
    ["hspace-groups-two.data", ["--accept-existing"], /2 instances allocated/],
    ["hspace-existing.data", [], / 0 instances allocated/],
    ["hspace-existing.data", ["--accept-existing"], / [1-9][0-9]* instances allocated/],
    ["hspace-bad-group.data", [], / 0 instances allocated/],
    ["hspace-bad-group.data", ["--accept-existing"], / 0 instances allocated/],
    ["hspace-bad-group.data", ["--independent-groups"], / [1-9][0-9]* instances allocated/],
  ];
  for (const [file, opts, expected] of groupCases) {
    it(`reports ${expected.source} on ${file} ${opts.join(" ")}`, async () => {
      const r = await hspace(["-t", data(file), ...opts]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(expected);
    });
  }

  it("names the bad groups at -v -v -v", async () => {
    const r = await hspace(["-t", data("hspace-bad-group.data"), "-v", "-v", "-v"]);
    expect(r.stderr).toMatch(/Bad groups: \["group-bad"\]/);
    expect(r.status).toBe(0);
  });
});

describe("hspace command line (htools-basic, -invalid, -text-backend)", () => {
  it("answers --version, --help and --help-completion", async () => {
    for (const flag of ["--version", "--help", "--help-completion"]) expect((await hspace([flag])).status).toBe(0);
    expect((await hspace(["--help"])).stdout).toContain("--tiered-alloc=TSPEC");
  });

  it("refuses an unknown option with exit code 2", async () => {
    const r = await hspace(["--no-such-option"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unrecognized option `--no-such-option'");
  });

  it("refuses arguments", async () => {
    const r = await hspace(["unexpected-argument"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("Error: This program doesn't take any arguments.\n");
  });

  it("refuses an instance on an unknown node", async () => {
    const r = await hspace(["-t", fixturePath("invalid-node.data")]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Unknown node '.*' for instance new-0/);
  });

  it("says when no backend is given and when the RAPI backend cannot connect, as Ganeti does", async () => {
    expect((await hspace([])).stderr).toBe("Error: failed to load data, aborting: No backend selected! Exiting.\n");
    const r = await hspace(["-m", "127.0.0.1:1"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("Error: failed to load data, aborting: Curl error for '127.0.0.1:1/2/groups?bulk=1', error CurlCouldntConnect\n");
  });
});

describe("hspace -S", () => {
  it("saves the state after each allocation in the text format", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hspace-"));
    const base = path.join(dir, "out");
    const r = await hspace(["--simulate", "p,3,1T,16g,8", "--disk-template", "plain", "-S", base, "-l", "3"]);
    expect(r.stderr).toContain(`The cluster state after tiered allocation has been written to file '${base}.tiered'`);
    const tiered = fs.readFileSync(`${base}.tiered`, "utf8");
    expect(tiered).toContain("new-0|16320|953600|8|running|Y|node-01-003||plain||1|12|N");
    expect(fs.readFileSync(`${base}.standard`, "utf8")).toContain("new-2|128|1024|1|running|Y|node-01-001||plain||1|1|N");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

// Line-by-line comparison with Ganeti's hspace (stdout; stderr too where it has no timing or ordering noise).
const GANETI = ganetiTool("hspace");
const LIVE: string[][] = [
  ["--machine-readable", "-t", data("hspace-tiered.data"), "--no-capacity-checks"],
  ["-t", data("hspace-tiered.data"), "-v", "-v", "-v", "-v", "-pname,pcnt"],
  ["--machine-readable", "-t", data("hspace-tiered-ipolicy.data")],
  ["--machine-readable", "-t", data("hspace-tiered-dualspec.data"), "--no-capacity-checks"],
  ["--machine-readable", "-t", data("hspace-tiered-exclusive.data"), "--no-capacity-checks"],
  ["--machine-readable", "-t", data("hspace-tiered-resourcetypes.data")],
  ["--machine-readable", "-t", data("hspace-tiered-vcpu.data")],
  ["-t", data("hspace-existing.data"), "--accept-existing"],
  ["--machine-readable", "-t", data("hspace-bad-group.data"), "--independent-groups"],
  ["--machine-readable", "-t", data("hspace-groups-two.data"), "--independent-groups"],
  ["--machine-readable", "--simulate", "p,4,8T,64g,16", "--disk-template", "drbd"],
  ["--machine-readable", "--simulate", "p,2,1T,16g,8", "--simulate", "a,3,2T,32g,4", "-l", "5"],
  ["--machine-readable", "--simulate", "p,5,2T,32g,8", "--disk-template", "plain"],
  ["--machine-readable", "--simulate", "p,6,204801,10241,21", "--disk-template", "drbd", "--standard-alloc", "10240,1024,2", "--tiered-alloc", "102400,10240,4"],
];

describe.skipIf(!GANETI)("hspace compared with Ganeti's", () => {
  for (const args of LIVE) {
    it(`prints what Ganeti prints for ${args.filter((a) => !a.includes("/")).join(" ")}`, async () => {
      const ours = await hspace(args);
      const theirs = runGanetiTool(GANETI!, args);
      expect(ours.status).toBe(theirs.status);
      expect(ours.stdout).toBe(theirs.stdout);
      const keys = sourceKeys(ours.stdout);
      if (keys.HTS_OK) {
        expect(keys.HTS_ALLOC_INSTANCES).toBe(sourceKeys(theirs.stdout).HTS_ALLOC_INSTANCES);
        expect(keys.HTS_TSPEC).toBe(sourceKeys(theirs.stdout).HTS_TSPEC);
      }
    });
  }

  // bench/htools' hspace scenario (the issue's target) at a size Ganeti finishes: its tiered descent walks 4,096 disk
  // levels and every shrink chain on the way back (about 35 s here at 4 nodes; over 10 min from 8 nodes up), where
  // Gantry skips the chains that cannot fit. The same report proves the skipping changes no decision.
  it("prints what Ganeti prints for the bench's DRBD tiered scenario (--simulate p,4,2T,64g,16)", { timeout: 240_000 }, async () => {
    const args = ["--machine-readable", "--simulate", "p,4,2T,64g,16", "--disk-template", "drbd"];
    const ours = await hspace(args);
    const theirs = runGanetiTool(GANETI!, args);
    expect(theirs.status).toBe(0);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(sourceKeys(ours.stdout).HTS_TSPEC).toBe("32768,1048576,8,12=2 32704,858624,8,12=2");
  });
});
