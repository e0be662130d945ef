// OP_INSTANCE_CREATE with NICs, OS parameters and hypervisor parameters, as the web manager sends them: what is
// given is stored on the instance (and reported by the query), what Ganeti refuses is refused before anything is made.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runQuery } from "../../query/run-query";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
let image: string;
beforeAll(async () => {
  h = await createHarness({ init: { enabledHypervisors: ["fake", "kvm"] } });
  await h.addNodes(1);
  image = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gantry-image-")), "disk.img");
  fs.writeFileSync(image, Buffer.alloc(1024 * 1024));
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(path.dirname(image), { recursive: true, force: true });
});

const create = (name: string, extra: Record<string, unknown>) =>
  ({ OP_ID: "OP_INSTANCE_CREATE", instance_name: name, disk_template: "plain", disks: [{ size: 1024 }], nics: [{}], os_type: "noop", pnode: "node2.example.org", start: false, ...extra });

async function query(name: string, fields: string[]): Promise<Record<string, unknown>> {
  const env = { config: h.master.config, rpc: h.master.rpc, jobs: () => [], isArchived: () => false };
  const { data } = await runQuery(env, "instance", fields, ["=", "name", name]);
  return Object.fromEntries(fields.map((f, i) => [f, data[0]![i]![1]]));
}

describe("creating an instance with NICs, OS and hypervisor parameters", () => {
  it("stores each NIC's mode, link, IP and MAC, the OS parameters and the hypervisor parameters", async () => {
    await runOk(h, create("full.example.org", {
      os_type: "image",
      osparams: { image },
      hypervisor: "kvm",
      hvparams: { boot_order: "network", nic_type: "e1000", acpi: "false" },
      nics: [{}, { mode: "routed", link: "rt100", ip: "192.0.2.10", mac: "AA:00:00:12:34:56" }, { mode: "openvswitch", link: "switch1", mac: "generate" }],
    }));
    const row = await query("full.example.org", ["hypervisor", "nic.modes", "nic.links", "nic.ips", "nic.macs", "custom_osparams", "custom_hvparams"]);
    expect(row).toMatchObject({
      hypervisor: "kvm",
      "nic.modes": ["bridged", "routed", "openvswitch"],
      "nic.links": ["br0", "rt100", "switch1"],
      "nic.ips": [null, "192.0.2.10", null],
      custom_osparams: { image },
      custom_hvparams: { boot_order: "network", nic_type: "e1000", acpi: false },
    });
    const macs = row["nic.macs"] as string[];
    expect(macs[1]).toBe("aa:00:00:12:34:56");
    expect(new Set(macs).size).toBe(3);
    for (const mac of macs) expect(mac).toMatch(/^aa:00:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/);
  });

  it("refuses what Ganeti refuses, with its words, and makes nothing", async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ nics: [{ ip: "192.0.2.300" }] }, "wrong_input", /^Invalid IP address '192\.0\.2\.300'/],
      [{ nics: [{}, { mode: "routed", link: "rt100" }] }, "wrong_input", /^Routed nic mode requires an ip address if not attached to a network \(NIC 1\)/],
      [{ nics: [{ mac: "aa:00:00:12:34:56" }] }, "already_exists", /^MAC address aa:00:00:12:34:56 already in use in cluster/],
      [{ nics: [{ ip: "pool" }] }, "wrong_input", /ip=pool needs a network/],
      [{ osparams: { image } }, "wrong_input", /^The following parameters are not supported by the OS noop: image/],
      [{ os_type: "noop+default" }, "wrong_input", /^OS 'noop' doesn't support variants \('default' passed\)/],
      [{ hypervisor: "kvm", hvparams: { nic_type: "virtio-net" } }, "wrong_input", /^Parameter 'nic_type' fails syntax check: must be one of e1000, .*paravirtual.* \(current value: 'virtio-net'\)/],
      [{ hypervisor: "kvm", hvparams: { acpi: "maybe" } }, "wrong_input", /^Parameter 'acpi' must be a boolean, not 'maybe'/],
      [{ hvparams: { boot_order: "network" } }, "wrong_input", /^Unknown hypervisor parameter 'boot_order' \(known: migration_mode\)/],
    ];
    const before = h.master.config.instances().length;
    for (const [extra, code, message] of cases) await expectRefused(h, create("bad.example.org", extra), code, message);
    expect(h.master.config.instances()).toHaveLength(before);
    expect(h.master.virtualNodes.get("node2.example.org")!.state.volumes).not.toHaveProperty("bad.example.org");
  });
});
