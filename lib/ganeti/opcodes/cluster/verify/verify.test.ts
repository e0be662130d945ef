import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../testing/cluster-harness";
import { runOk } from "../../../testing/op-assertions";
import { instanceSpec } from "../../common";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(3);
  await h.createInstance("web1.example.org", "drbd", "node2.example.org:node3.example.org");
  await h.createInstance("db1.example.org", "plain", "node4.example.org");
});
afterEach(() => h.close());

const uuid = (name: string) => h.master.config.expandName("node", name);
const vnode = (name: string) => h.master.virtualNodes.get(`${name}.example.org`)!;

async function verify(extra: Record<string, unknown> = {}): Promise<{ ok: boolean; log: string[]; problems: string[] }> {
  await h.master.flushDistribution();
  const { result, log } = await runOk(h, { OP_ID: "OP_CLUSTER_VERIFY", error_codes: true, ...extra });
  return { ok: result === true, log, problems: log.filter((l) => /^ {2}- (ERROR|WARNING)/.test(l)) };
}

describe("OP_CLUSTER_VERIFY", () => {
  it("passes on a healthy cluster, with Ganeti's sections", async () => {
    const { ok, log, problems } = await verify({ error_codes: false });
    expect(problems).toEqual([]);
    expect(ok).toBe(true);
    expect(log).toEqual(
      expect.arrayContaining([
        "* Verifying cluster config",
        "* Verifying all nodes belong to an existing group",
        "* Verifying group 'default'",
        "* Gathering data (4 nodes)",
        "* Verifying configuration file consistency",
        "* Verifying node status",
        "* Verifying instance status",
        "* Verifying orphan volumes",
        "* Verifying N+1 Memory redundancy",
        "* Other Notes",
        "  - NOTICE: 1 non-redundant instance(s) found.",
      ]),
    );
  });

  it("reports a volume missing from a node", async () => {
    const node4 = vnode("node4");
    const key = Object.keys(node4.state.volumes)[0]!;
    delete node4.state.volumes[key];
    const { ok, problems } = await verify();
    expect(ok).toBe(false);
    expect(problems).toContain(`  - ERROR:EINSTANCEMISSINGDISK:instance:db1.example.org:volume ${key.slice(3)} missing on node node4.example.org`);
  });

  it("reports an instance running that the configuration does not know", async () => {
    const spec = { ...instanceSpec(h.master.config, h.master.config.instance(h.master.config.expandName("instance", "web1"))!), name: "ghost1.example.org", disks: [] };
    await h.master.rpc.node(uuid("node3")).instanceStart(spec, {});
    const { ok, problems } = await verify();
    expect(ok).toBe(false);
    expect(problems).toEqual(["  - ERROR:ENODEORPHANINSTANCE:node:node3.example.org:node is running unknown instance ghost1.example.org"]);
  });

  it("reports a corrupted configuration copy until it is redistributed", async () => {
    await h.master.flushDistribution();
    const { serial } = h.master.config.committed();
    await h.master.rpc.node(uuid("node2")).uploadConfig("{}", serial);
    let outcome = await verify();
    expect(outcome.ok).toBe(false);
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]).toMatch(/^ {2}- ERROR:ENODEFILECHECK:node:node2.example.org:configuration copy differs from the master's .*run gnt-cluster redist-conf$/);

    vnode("node3").state.config_serial = serial - 1;
    outcome = await verify();
    expect(outcome.problems).toContain(`  - ERROR:ENODEFILECHECK:node:node3.example.org:configuration copy is out of date (serial ${serial - 1}, the master's is ${serial}); run gnt-cluster redist-conf`);

    await runOk(h, { OP_ID: "OP_CLUSTER_REDIST_CONF" });
    expect((await verify()).ok).toBe(true);
  });

  it("a master that starts brings candidates' copies up to date (its predecessor may have died before distributing)", async () => {
    await h.master.flushDistribution();
    const { serial } = h.master.config.committed();
    // What a kill -9 between a commit and its distribution leaves: every candidate one commit behind.
    for (const node of h.master.config.masterCandidates()) await h.master.rpc.node(node.uuid).uploadConfig("{}", serial - 1);
    await h.restart();
    const { ok, problems } = await verify();
    expect(problems).toEqual([]);
    expect(ok).toBe(true);
  });

  it("skips offline nodes with a note, and reports instances living on them", async () => {
    await runOk(h, { OP_ID: "OP_NODE_SET_PARAMS", node_name: "node3", offline: true });
    const { ok, log, problems } = await verify({ verbose: true });
    expect(log).toContain("* Skipping offline node node3.example.org");
    expect(log).toContain("  - NOTICE: 1 offline node(s) found.");
    expect(problems).toEqual(["  - ERROR:EINSTANCEBADNODE:instance:web1.example.org:instance has offline secondary node(s) node3.example.org"]);
    expect(ok).toBe(false);
  });

  it("reports instances not running as the admin wants, honouring ignore_errors", async () => {
    await h.master.rpc.node(uuid("node4")).instanceShutdown("db1.example.org", 0);
    await h.ok({ OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "web1" });
    const web1 = h.master.config.instance(h.master.config.expandName("instance", "web1"))!;
    await h.master.rpc.node(uuid("node2")).instanceStart(instanceSpec(h.master.config, web1), {});
    const { ok, problems } = await verify();
    expect(ok).toBe(false);
    expect(problems).toEqual([
      "  - ERROR:EINSTANCEDOWN:instance:db1.example.org:instance not running on its primary node node4.example.org",
      "  - ERROR:EINSTANCEUP:instance:web1.example.org:instance is running on its primary node node2.example.org but is marked down",
    ]);
    const ignored = await verify({ ignore_errors: ["EINSTANCEDOWN", "EINSTANCEUP"] });
    expect(ignored.ok).toBe(true);
    expect(ignored.problems[0]).toMatch(/^ {2}- WARNING:EINSTANCEDOWN:/);
  });

  it("warns about orphan volumes, except reserved ones", async () => {
    vnode("node2").state.volumes["lv:xenvg/stray"] = { kind: "lv", size: 100, instance: "gone" };
    vnode("node2").state.volumes["lv:xenvg/backup-1"] = { kind: "lv", size: 100, instance: "" };
    await runOk(h, { OP_ID: "OP_CLUSTER_SET_PARAMS", reserved_lvs: ["xenvg/backup-.*"] });
    const { ok, problems } = await verify();
    expect(problems).toEqual(["  - WARNING:ENODEORPHANLV:node:node2.example.org:volume xenvg/stray is unknown"]);
    expect(ok).toBe(true);
  });

  it("reports faulty DRBD disks after the secondary was power-cycled", async () => {
    await runOk(h, { OP_ID: "OP_NODE_POWERCYCLE", node_name: "node3" });
    for (let i = 0; i < 100 && (vnode("node3").state.powered === true || !h.master.virtualNodes.isReachable("node3.example.org")); i++) await new Promise((r) => setTimeout(r, 10));
    const { ok, problems } = await verify();
    expect(ok).toBe(false);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ {2}- ERROR:ENODEDRBD:node:node3.example.org:drbd minor 0 of disk .* \(attached in instance 'web1.example.org'\) is not active$/),
        "  - ERROR:EINSTANCEFAULTYDISK:instance:web1.example.org:disk/0 on node3.example.org is degraded; local disk state is 'faulty'",
        "  - WARNING:EINSTANCEFAULTYDISK:instance:web1.example.org:disk/0 on node2.example.org is degraded; local disk state is 'ok'",
      ]),
    );
    // Re-activating the disks (what the watcher does) repairs it.
    await h.ok({ OP_ID: "OP_INSTANCE_ACTIVATE_DISKS", instance_name: "web1" });
    expect((await verify()).problems).toEqual([]);
  });

  it("checks N+1 memory redundancy unless skipped", async () => {
    await h.close();
    h = await createHarness();
    await h.addNodes(2, { memory: 16384 });
    for (const name of ["a1", "a2"]) await h.createInstance(`${name}.example.org`, "drbd", "node2.example.org:node3.example.org", { beparams: { memory: 6144 } });
    await h.createInstance("b1.example.org", "plain", "node3.example.org", { beparams: { memory: 6144 } });
    const { ok, problems } = await verify();
    expect(ok).toBe(false);
    expect(problems).toEqual([
      "  - ERROR:ENODEN1:node:node3.example.org:not enough memory to accomodate instance failovers should node node2.example.org fail (12288MiB needed, 9216MiB available)",
    ]);
    expect((await verify({ skip_checks: ["nplusone_mem"] })).ok).toBe(true);
  });

  it("refuses unknown error codes", async () => {
    await expect(h.run({ OP_ID: "OP_CLUSTER_VERIFY", ignore_errors: ["ENOSUCH"] })).rejects.toThrow(/Parameter 'OP_CLUSTER_VERIFY.ignore_errors.0' fails validation/);
  });
});
