import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(3);
});
afterEach(() => h.close());

const modify = (fields: Record<string, unknown>) => ({ OP_ID: "OP_CLUSTER_SET_PARAMS", ...fields });
const candidates = () => h.master.config.nodes().filter((n) => n.master_candidate).map((n) => n.name).sort();

describe("OP_CLUSTER_SET_PARAMS candidate pool", () => {
  it("demotes and promotes nodes to match candidate_pool_size", async () => {
    expect(candidates()).toHaveLength(4);
    const { log } = await runOk(h, modify({ candidate_pool_size: 2 }));
    expect(candidates()).toEqual(["node1.example.org", "node2.example.org"]);
    expect(log).toContain("- INFO: Demoted nodes from master candidate role: node4.example.org, node3.example.org");
    expect(h.master.config.cluster.candidate_pool_size).toBe(2);

    const grown = await runOk(h, modify({ candidate_pool_size: 3 }));
    expect(grown.log).toContain("- INFO: Promoted nodes to master candidate role: node3.example.org");
    expect(candidates()).toEqual(["node1.example.org", "node2.example.org", "node3.example.org"]);
    expect(h.master.virtualNodes.get("node3.example.org")!.state.config_serial).toBe(h.master.config.committed().serial);
    await expectRefused(h, modify({ candidate_pool_size: 0 }), "wrong_input", /At least one master candidate needed/);
  });
});

describe("OP_CLUSTER_SET_PARAMS instance policy", () => {
  it("merges a new standard spec and bounds, checking min <= std <= max", async () => {
    await runOk(h, modify({ ipolicy: { std: { "memory-size": 512 }, "vcpu-ratio": 2 } }));
    const policy = h.master.config.cluster.ipolicy;
    expect(policy.std["memory-size"]).toBe(512);
    expect(policy.std["cpu-count"]).toBe(1);
    expect(policy["vcpu-ratio"]).toBe(2);

    await expectRefused(h, modify({ ipolicy: { std: { "memory-size": 65536 } } }), "wrong_input", /Invalid instance policy: Invalid std specifications/);
    await expectRefused(h, modify({ ipolicy: { minmax: [{ min: { "memory-size": 128 }, max: { "memory-size": 1024 } }] } }), "wrong_input", /Missing instance specs parameters for min/);
    await expectRefused(h, modify({ ipolicy: { "vcpu-ratio": "default" } }), "wrong_input", /Can't set 'vcpu-ratio' to default at cluster level/);
    await expectRefused(h, modify({ ipolicy: { colour: 1 } }), "wrong_input", /Invalid key in new ipolicy: colour/);
    expect(h.master.config.cluster.ipolicy.std["memory-size"]).toBe(512);
  });

  it("warns about instances the new bounds exclude", async () => {
    await h.createInstance("big1.example.org", "plain", "node2.example.org", { beparams: { memory: 4096 } });
    const spec = (memory: number) => ({ "memory-size": memory, "cpu-count": 1, "disk-size": 1024, "disk-count": 1, "nic-count": 1, "spindle-use": 1 });
    const max = { ...spec(2048), "cpu-count": 8, "disk-size": 1048576, "disk-count": 16, "nic-count": 8, "spindle-use": 12 };
    const { log } = await runOk(h, modify({ ipolicy: { minmax: [{ min: spec(128), max }] } }));
    expect(log).toContain("- WARNING: After the ipolicy change the following instances violate them: big1.example.org");
  });
});

describe("OP_CLUSTER_SET_PARAMS other settings", () => {
  it("changes defaults and lists", async () => {
    await runOk(
      h,
      modify({
        beparams: { memory: 256 },
        nicparams: { link: "br1" },
        hvparams: { fake: { migration_mode: "non-live" } },
        mac_prefix: "AA:BB:CC",
        max_running_jobs: 5,
        hidden_os: [["add", "image"]],
        add_uids: [[1000, 1999]],
        default_iallocator: "",
      }),
    );
    const c = h.master.config.cluster;
    expect(c.beparams.default).toMatchObject({ minmem: 256, maxmem: 256 });
    expect(c.nicparams.default).toMatchObject({ link: "br1" });
    expect(c.hvparams.fake).toEqual({ migration_mode: "non-live" });
    expect([c.mac_prefix, c.max_running_jobs, c.hidden_os, c.uid_pool, c.default_iallocator]).toEqual(["aa:bb:cc", 5, ["image"], [[1000, 1999]], ""]);
  });

  it("enables and disables disk templates, never one in use", async () => {
    await h.createInstance("web1.example.org", "plain", "node2.example.org");
    await expectRefused(h, modify({ enabled_disk_templates: ["drbd", "plain"] }), "wrong_input", /allowed by the ipolicy, but not enabled on the cluster: file, sharedfile, diskless/);
    await runOk(h, modify({ enabled_disk_templates: ["drbd", "plain"], ipolicy: { "disk-templates": ["drbd", "plain"] } }));
    expect(h.master.config.cluster.enabled_disk_templates).toEqual(["drbd", "plain"]);
    await expectRefused(h, modify({ enabled_disk_templates: ["drbd"], ipolicy: { "disk-templates": ["drbd"] } }), "wrong_state", /Cannot disable disk template 'plain', because there is at least one disk using it:\n \* disk\/0 \(on web1.example.org\)/);
    await expectRefused(h, modify({ enabled_disk_templates: ["rbd"] }), "wrong_input", /not supported by Gantry/);
  });

  it("refuses unsupported features and bad values clearly", async () => {
    await expectRefused(h, modify({ modify_etc_hosts: true }), "wrong_input", /Parameter modify_etc_hosts is not supported by Gantry/);
    await expectRefused(h, modify({ enabled_hypervisors: ["xen-pvm"] }), "wrong_input", /Hypervisor 'xen-pvm' is not supported by Gantry/);
    await expectRefused(h, modify({ enabled_hypervisors: ["qemu"] }), "wrong_input", /Enabled hypervisors contains invalid entries: qemu/);
    await expectRefused(h, modify({ mac_prefix: "aa:bb" }), "wrong_input", /Invalid MAC address prefix given: aa:bb/);
    await expectRefused(h, modify({ default_iallocator: "dumb" }), "wrong_input", /Invalid default iallocator script 'dumb'/);
    await expectRefused(h, modify({ remove_uids: [[5, 6]] }), "wrong_input", /not found in the current user-id pool/);
    await expectRefused(h, modify({ osparams: { noop: { colour: "red" } } }), "wrong_input", /OS noop does not accept the parameter\(s\) colour/);
    await expectRefused(h, modify({ nicparams: { mode: "tunnel" } }), "wrong_input", /Invalid NIC mode 'tunnel'/);
    await h.createInstance("web1.example.org", "plain", "node2.example.org");
    await expectRefused(h, modify({ enabled_hypervisors: ["kvm"] }), "wrong_state", /Cannot disable hypervisor 'fake', because instance 'web1.example.org' is using it/);
  });
});
