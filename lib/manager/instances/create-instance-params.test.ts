// Creating VMs with NICs, OS parameters and hypervisor parameters against Gantry's real RAPI (an embedded cluster that
// enables kvm, its default, and fake) and a real database: the VM ends with what was asked for, as its page reads it;
// a user sets only the hypervisor parameters on the list, a cluster admin any; the wizard's dry run and the create
// say what is wrong in the same words, and a refused request reaches neither the cluster nor the quota.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { changePermission } from "@/lib/manager/permissions/change-permission";
import { createManagerHarness, type ManagerHarness } from "@/lib/manager/testing/manager-harness";
import { checkCreate } from "./check-create";
import { createInstance } from "./create-instance";
import { createOptions } from "./create-options";
import { instanceLive } from "./instance-live";

let h: ManagerHarness;
let alice: Actor;
let dir: string;
let image: string;

// kvm VMs are made stopped: the virtual nodes run only the fake hypervisor.
const vm = (over: Record<string, unknown> = {}) => ({ cluster: "lab", diskTemplate: "plain", disks: [1024], os: "noop", memory: 256, vcpus: 1, start: false, ...over });
const jobCount = async () => ((await h.rapi.call({ path: "/2/jobs" })).body as unknown[]).length;
const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error("accepted"); }, (e: Error) => e);

beforeAll(async () => {
  h = await createManagerHarness({ init: { enabledHypervisors: ["kvm", "fake"] } });
  alice = await h.user("alice");
  await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: `user:${alice.id}`, cluster: "lab", perm: "create_vm" } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-images-"));
  image = path.join(dir, "debian.img");
  fs.writeFileSync(image, Buffer.alloc(512 * 1024));
}, 60_000);
afterAll(async () => {
  await h?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("what the wizard is offered", () => {
  it("the default hypervisor and the parameters a user may set with the cluster's values; NIC defaults; no networks on the embedded core", async () => {
    const options = await createOptions(h.deps, { actor: alice, cluster: "lab" });
    expect(options).toMatchObject({ hypervisor: "kvm", anyHvparams: false, nicDefaults: { mode: "bridged", link: "br0" }, networks: [] });
    expect(options.hvparams.find((p) => p.name === "boot_order")).toMatchObject({ kind: "choice", choices: ["disk", "network"], clusterValue: "disk" });
    expect(options.hvparams.map((p) => p.name)).not.toContain("kernel_args");
    expect((await createOptions(h.deps, { actor: h.admin, cluster: "lab" })).anyHvparams).toBe(true);
  });
});

describe("creating a VM with NICs, OS parameters and hypervisor parameters", () => {
  it("ends with the NICs, OS parameters and hypervisor parameters asked for, as the VM's page reads them; the audit keeps the request", async () => {
    const nics = [{}, { mode: "routed", link: "rt100", ip: "192.0.2.20" }, { link: "br1", mac: "AA:00:00:AB:CD:EF" }];
    const made = await createInstance(h.deps, { actor: alice, input: vm({ name: "net1.example.org", os: "image", osparams: { image }, nics, hvparams: { boot_order: "network", acpi: "false", nic_type: "e1000" } }) });
    await h.settle(made.jobId);
    expect((await h.rapi.job(made.jobId)).status).toBe("success");

    const live = await instanceLive(h.deps, { actor: alice, ref: { cluster: "lab", name: "net1.example.org" } });
    expect(live.hypervisor).toBe("kvm");
    expect(live.nics).toEqual([
      { mac: expect.stringMatching(/^aa:00:00:/), ip: null, mode: "bridged", link: "br0", network: null },
      { mac: expect.stringMatching(/^aa:00:00:/), ip: "192.0.2.20", mode: "routed", link: "rt100", network: null },
      { mac: "aa:00:00:ab:cd:ef", ip: null, mode: "bridged", link: "br1", network: null },
    ]);
    expect(live.osparams).toEqual({ image });
    expect(live.customHvparams).toEqual({ boot_order: "network", acpi: false, nic_type: "e1000" });
    expect(live.hvparams).toMatchObject({ boot_order: "network", acpi: false, nic_type: "e1000", disk_type: "paravirtual" });
    const row = await h.t.db.cachedInstance.findFirstOrThrow({ where: { name: "net1.example.org" } });
    expect(JSON.parse(row.data)["nic.ips"]).toEqual([null, "192.0.2.20", null]);

    const audit = await h.t.db.auditEntry.findFirstOrThrow({ where: { action: "instance.create", result: "success", objectName: "net1.example.org" } });
    expect(JSON.parse(audit.after!)).toMatchObject({ nics: [{}, { mode: "routed", link: "rt100", ip: "192.0.2.20" }, { link: "br1", mac: "aa:00:00:ab:cd:ef" }], osparams: { image }, hvparams: { boot_order: "network", acpi: "false", nic_type: "e1000" } });
  });

  it("a user is refused a hypervisor parameter beyond the list, named, audited, and nothing reaches the cluster; a cluster admin may set it", async () => {
    const jobs = await jobCount();
    const refused = await refusal(createInstance(h.deps, { actor: alice, input: vm({ name: "k1.example.org", hvparams: { boot_order: "disk", kernel_args: "init=/bin/sh" } }) }));
    expect(isAppError(refused, "forbidden")).toBe(true);
    expect(refused.message).toBe(
      "Not allowed: setting the hypervisor parameter kernel_args (users may set boot_order, nic_type, disk_type, disk_cache, acpi, serial_console, use_localtime, usb_mouse, keymap, reboot_behavior on kvm VMs) needs the cluster's admin permission.",
    );
    expect(await h.t.db.auditEntry.findFirst({ where: { action: "instance.create", result: "refused", actorEmail: alice.email, message: refused.message } })).not.toBeNull();
    expect(await jobCount()).toBe(jobs);
    expect(await h.t.db.instanceOwner.count({ where: { instanceName: "k1.example.org" } })).toBe(0);

    const made = await createInstance(h.deps, { actor: h.admin, input: vm({ name: "k1.example.org", owner: "user:alice", hvparams: { kernel_args: "ro console=ttyS0" } }) });
    await h.settle(made.jobId);
    expect((await instanceLive(h.deps, { actor: h.admin, ref: { cluster: "lab", name: "k1.example.org" } })).customHvparams).toEqual({ kernel_args: "ro console=ttyS0" });
  });

  it("the dry run and the create say what is wrong with NICs and parameters, next to the field; nothing is submitted", async () => {
    const input = vm({ name: "bad1.example.org", nics: [{}, { mode: "routed" }] });
    const check = await checkCreate({ db: h.t.db }, { actor: alice, input });
    expect(check.problems).toEqual([{ field: "nics.1", message: "NIC 1: routed mode needs an IP address." }]);
    const hv = await checkCreate({ db: h.t.db }, { actor: alice, input: vm({ name: "bad1.example.org", hypervisor: "kvm", hvparams: { boot_order: "cdrom", vnc_bind_address: "0.0.0.0" } }) });
    expect(hv.problems.map((p) => p.field)).toEqual(["hvparams.boot_order", "hvparams.vnc_bind_address"]);
    expect(hv.problems[0]!.message).toBe("Hypervisor parameter boot_order: one of disk, network.");
    const os = await checkCreate({ db: h.t.db }, { actor: alice, input: vm({ name: "bad1.example.org", osparams: { "no spaces": "x" } }) });
    expect(os.problems).toEqual([{ field: "osparams.no spaces", message: "OS parameter 'no spaces': a name of letters, digits, '_' and '-' (at most 64), as the OS declares it." }]);

    const jobs = await jobCount();
    await expect(createInstance(h.deps, { actor: alice, input })).rejects.toThrow("NIC 1: routed mode needs an IP address.");
    await expect(createInstance(h.deps, { actor: alice, input: vm({ name: "bad1.example.org", hvparams: { boot_order: "cdrom" } }) })).rejects.toThrow("Hypervisor parameter boot_order: one of disk, network.");
    expect(await jobCount()).toBe(jobs);
    expect(await h.t.db.managerJob.count({ where: { endedAt: null } })).toBe(0);
  });

  it("what only the cluster can tell (an OS parameter the OS does not declare) fails the job with the cluster's words", async () => {
    const made = await createInstance(h.deps, { actor: alice, input: vm({ name: "os1.example.org", osparams: { image } }) });
    await h.settle(made.jobId);
    const job = await h.rapi.job(made.jobId);
    expect(job.status).toBe("error");
    expect(JSON.stringify(job.opresult)).toContain("The following parameters are not supported by the OS noop: image");
    expect(await h.t.db.cachedInstance.findFirst({ where: { name: "os1.example.org" } })).toBeNull();
  });
});
