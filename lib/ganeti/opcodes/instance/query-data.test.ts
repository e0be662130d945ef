import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatInstanceInfo } from "../../cli/programs/instance-info-format";
import { jobStatus } from "../../jobs/job";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(2);
});
afterEach(() => h.close());

type Info = Record<string, any>;
const queryData = async (extra: Record<string, unknown> = {}) =>
  (await runOk(h, { OP_ID: "OP_INSTANCE_QUERY_DATA", instances: [], ...extra })).result as Record<string, Info>;

describe("OP_INSTANCE_QUERY_DATA", () => {
  it("describes instances in Ganeti's shape, with live state and mirror status", async () => {
    await h.createInstance("db1.example.org", "drbd", "node2.example.org:node3.example.org", { tags: ["env:prod"] });
    await h.createInstance("web1.example.org", "plain", "node2.example.org", { start: false });
    const data = await queryData();
    expect(Object.keys(data)).toEqual(["db1.example.org", "web1.example.org"]);
    const db1 = data["db1.example.org"]!;
    const groupUuid = h.master.config.groups()[0]!.uuid;
    expect(db1).toMatchObject({
      name: "db1.example.org",
      config_state: "up",
      run_state: "up",
      pnode: "node2.example.org",
      pnode_group_name: "default",
      pnode_group_uuid: groupUuid,
      snodes: ["node3.example.org"],
      snodes_group_names: ["default"],
      snodes_group_uuids: [groupUuid],
      os: "noop",
      os_actual: {},
      disk_template: "drbd",
      hypervisor: "fake",
      hv_actual: { migration_mode: "live" },
      hv_instance: {},
      be_actual: { maxmem: 128, minmem: 128, vcpus: 1, auto_balance: true, always_failover: false, spindle_use: 1 },
      tags: ["env:prod"],
    });
    expect(db1.nics).toEqual([{ mac: expect.stringMatching(/^aa:00:00/), ip: null, mode: "bridged", link: "br0", vlan: "", network: null, uuid: expect.any(String), name: null }]);
    const [disk] = db1.disks as Info[];
    expect(disk).toMatchObject({ iv_name: "disk/0", dev_type: "drbd", size: 1024, mode: "rw", drbd_info: { primary_node: "node2.example.org", secondary_node: "node3.example.org" } });
    expect(disk!.logical_id[5]).toBeNull(); // the DRBD secret stays in the configuration
    expect(disk!.pstatus).toMatchObject({ is_degraded: false, ldisk_status: "ok" });
    expect(disk!.sstatus).toMatchObject({ is_degraded: false });
    expect(disk!.children.map((c: Info) => [c.dev_type, c.size, c.pstatus.ldisk_status])).toEqual([
      ["plain", 1024, "ok"],
      ["plain", 128, "ok"],
    ]);
    expect(data["web1.example.org"]).toMatchObject({ config_state: "down", run_state: "down", snodes: [] });
    expect(data["web1.example.org"]!.disks[0]).toMatchObject({ dev_type: "plain", sstatus: null, drbd_info: null });

    const text = formatInstanceInfo(db1);
    expect(text).toMatch(/State: configured to be up, actual state is up/);
    expect(text).toMatch(/on primary: \/dev\/drbd0 \(ok\)/);
  });

  it("answers from the configuration alone in static mode", async () => {
    await h.createInstance("db1.example.org", "drbd", "node2.example.org:node3.example.org");
    const data = await queryData({ instances: ["db1"], static: true });
    expect(data["db1.example.org"]).toMatchObject({ config_state: "up", run_state: null });
    expect(data["db1.example.org"]!.disks[0]).toMatchObject({ pstatus: null, sstatus: null });
    expect(formatInstanceInfo(data["db1.example.org"]!)).toMatch(/State: configured to be up\n/);
  });

  it("refuses unknown instances", async () => {
    await expectRefused(h, { OP_ID: "OP_INSTANCE_QUERY_DATA", instances: ["nosuch"] }, "unknown_entity", /Instance 'nosuch' not known/);
  });
});

describe("OP_INSTANCE_CONSOLE", () => {
  it("answers a running fake instance's VNC console, which its node opens, and fails for a stopped one as Ganeti", async () => {
    await h.createInstance("web1.example.org", "plain", "node2.example.org");
    const { result } = await runOk(h, { OP_ID: "OP_INSTANCE_CONSOLE", instance_name: "web1" });
    const { port } = result as { port: number };
    expect(result).toEqual({ instance: "web1.example.org", kind: "vnc", host: "127.0.0.1", port, display: port - 5900 });
    expect(port).toBeGreaterThan(5900);
    await h.ok({ OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "web1" });
    const job = await h.run({ OP_ID: "OP_INSTANCE_CONSOLE", instance_name: "web1" });
    expect(jobStatus(job)).toBe("error");
    expect(job.ops[0]!.result).toEqual(["OpExecError", ["Instance web1.example.org is not running (state ADMIN_down)"]]);
  });
});
