// A cluster with two real hosts: two noded processes on this machine (each on its own loopback address, as Ganeti's
// vcluster), added with gnt-node add's opcode — one joining with its token, one given the certificate by its
// operator. A kvm instance on sharedfile storage lives its whole life through jobs: it runs under QEMU, stops and
// starts with timeout 0, reboots, migrates live to the other host and back with progress in the job log, fails over,
// grows its disk and is removed with nothing left behind. A killed noded makes its instances ERROR_nodedown; started
// again it finds them still running.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RfbHandshakeError, RfbTestClient } from "@/lib/rfb/testing/rfb-test-client";
import { jobStatus, type Job, type OpInput } from "../jobs/job";
import { describeWithQemu } from "../hypervisors/kvm/testing/qemu";
import { instanceVncPassword, readVncClusterPassword } from "../hypervisors/vnc-cluster-password";
import { spawnNoded, stopProcess, type NodedProcess } from "../noded/testing/noded-process";
import { qemuProcessesMentioning } from "../hypervisors/kvm/testing/qemu-processes";
import { runQuery } from "../query/run-query";
import { createHarness, type Harness } from "../testing/cluster-harness";

const MiB = 1024 * 1024;
/** Two addresses of the loopback network no other test uses: noded, VNC and migration ports listen on them. */
const subnet = `127.${crypto.randomInt(1, 255)}.${crypto.randomInt(1, 255)}`;
const HOSTS = [
  { name: "host1.example.org", ip: `${subnet}.1` },
  { name: "host2.example.org", ip: `${subnet}.2` },
];

describeWithQemu("real hosts: masterd driving kvm instances on two noded", () => {
  let h: Harness;
  let base: string;
  let shared: string;
  const noded: NodedProcess[] = [];

  const nodedArgs = (i: number, extra: string[] = []) => [
    "--state-dir", path.join(base, `noded${i + 1}`), "--bind", HOSTS[i]!.ip, "--port", "1811", "--name", HOSTS[i]!.name,
    "--shared-file-storage-dir", shared, ...extra,
  ];
  const startNoded = (i: number, extra: string[] = []) => spawnNoded(nodedArgs(i, extra), "listening on");

  const log = (job: Job) => job.ops.flatMap((op) => op.log.map((entry) => String(entry[3])));
  const ok = async (op: OpInput): Promise<Job> => {
    const job = await h.run(op);
    expect(jobStatus(job), `${op.OP_ID}: ${JSON.stringify(job.ops.map((o) => o.result))}\n${log(job).join("\n")}`).toBe("success");
    return job;
  };
  const row = async (name: string, fields: string[]) => {
    const env = { config: h.master.config, rpc: h.master.rpc, jobs: () => [], isArchived: () => false };
    const { data } = await runQuery(env, "instance", fields, ["=", "name", name]);
    return Object.fromEntries(fields.map((f, i) => [f, data[0]![i]![1]]));
  };
  const diskImage = (name: string) => {
    const dir = path.join(shared, name);
    const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    return files.length ? path.join(dir, files[0]!) : null;
  };

  beforeAll(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), "real-hosts-"));
    shared = path.join(base, "shared");
    fs.mkdirSync(shared);
    h = await createHarness();
    await ok({
      OP_ID: "OP_CLUSTER_SET_PARAMS",
      enabled_hypervisors: ["fake", "kvm"],
      enabled_disk_templates: [...h.master.config.cluster.enabled_disk_templates, "sharedfile"],
      shared_file_storage_dir: shared,
      // A slow link, so the migration of the small test guest takes long enough to report progress.
      hvparams: { kvm: { vnc_bind_address: "0.0.0.0", migration_bandwidth: 1, serial_console: false } },
    });
    // Host 1 joins with its token; host 2's operator gave it the cluster certificate (server.pem of the master).
    noded.push(await spawnNoded(nodedArgs(0), "join token:"));
    const token = /join token: (\S+)/.exec(noded[0]!.text())![1]!;
    await new Promise((resolve) => setTimeout(resolve, 300)); // the join listener is up once the token is printed
    const joined = await ok({ OP_ID: "OP_NODE_ADD", node_name: HOSTS[0]!.name, primary_ip: HOSTS[0]!.ip, noded_join_token: token, group: null });
    expect(log(joined).join("\n")).toMatch(/joined the cluster/);
    // The token was a secret until the node joined: the job keeps no trace of it, in memory or on disk.
    expect(joined.ops[0]!.input.noded_join_token).toBe("<redacted>");
    const jobFiles = fs.readdirSync(path.join(h.stateDir, "queue"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(jobFiles.length).toBeGreaterThan(0);
    for (const file of jobFiles) expect(fs.readFileSync(path.join(file.parentPath, file.name), "utf8")).not.toContain(token);
    noded.push(await startNoded(1, ["--cert", path.join(h.stateDir, "server.pem")]));
    await ok({ OP_ID: "OP_NODE_ADD", node_name: HOSTS[1]!.name, primary_ip: HOSTS[1]!.ip, noded_port: 1811 });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(noded.map((n) => stopProcess(n.process)));
    await h?.close();
    // Guests outlive their noded by design: a failed test must not leave its QEMUs behind.
    for (const pid of qemuProcessesMentioning(base)) process.kill(pid, "SIGKILL");
    fs.rmSync(base, { recursive: true, force: true });
  });

  it("refuses a host that does not answer, and a token that is not the node's, adding nothing", async () => {
    const before = h.master.config.nodes().length;
    const silent = await h.run({ OP_ID: "OP_NODE_ADD", node_name: "host9.example.org", primary_ip: `${subnet}.9`, noded_port: 1811 });
    expect(jobStatus(silent)).toBe("error");
    expect(JSON.stringify(silent.ops[0]!.result)).toMatch(/does not answer at .*\.9:1811/);
    const badToken = await h.run({ OP_ID: "OP_NODE_ADD", node_name: "host9.example.org", primary_ip: HOSTS[1]!.ip, noded_join_token: "nonsense" });
    expect(jobStatus(badToken)).toBe("error");
    expect(h.master.config.nodes()).toHaveLength(before);
  });

  it("runs a kvm instance through its whole life: start, stop, reboot, live migration both ways, failover, grow, remove", async () => {
    const name = "vm1.example.org";
    await ok({
      OP_ID: "OP_INSTANCE_CREATE", instance_name: name, disk_template: "sharedfile", disks: [{ size: 64 }], nics: [],
      os_type: "noop", no_install: true, pnode: HOSTS[0]!.name, hypervisor: "kvm", beparams: { maxmem: 128, minmem: 64 },
      name_check: false, ip_check: false, ignore_ipolicy: true, // the policy wants a NIC and 1 GiB disks
    });
    const instance = h.master.config.instance(h.master.config.expandName("instance", name))!;
    expect(instance.network_port).toBeGreaterThan(5900);
    const image = diskImage(name)!;
    expect(fs.statSync(image).size).toBe(64 * MiB);

    await ok({ OP_ID: "OP_INSTANCE_STARTUP", instance_name: name });
    const [qemu] = qemuProcessesMentioning(instance.uuid);
    expect(qemu).toBeDefined();
    expect(await row(name, ["oper_state", "status", "pnode"])).toEqual({ oper_state: true, status: "running", pnode: HOSTS[0]!.name });

    // The console: VNC on host 1's address at the instance's port, behind the instance's own password.
    const consoleInfo = (await row(name, ["console"])).console as Record<string, unknown>;
    expect(consoleInfo).toMatchObject({ kind: "vnc", host: HOSTS[0]!.ip, port: instance.network_port, vnc_password_of_instance: instance.uuid });
    const password = instanceVncPassword(readVncClusterPassword(h.stateDir), instance.uuid);
    const viewer = await RfbTestClient.connect({ host: HOSTS[0]!.ip, port: instance.network_port!, password });
    viewer.close();
    await expect(RfbTestClient.connect({ host: HOSTS[0]!.ip, port: instance.network_port!, password: readVncClusterPassword(h.stateDir) })).rejects.toBeInstanceOf(RfbHandshakeError);

    await ok({ OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: name, timeout: 0 });
    expect(qemuProcessesMentioning(instance.uuid)).toEqual([]);
    expect(await row(name, ["status"])).toEqual({ status: "ADMIN_down" });
    await ok({ OP_ID: "OP_INSTANCE_STARTUP", instance_name: name });
    await ok({ OP_ID: "OP_INSTANCE_REBOOT", instance_name: name, reboot_type: "full", shutdown_timeout: 0 });
    const [afterReboot] = qemuProcessesMentioning(instance.uuid);
    expect(afterReboot).toBeDefined();
    await ok({ OP_ID: "OP_INSTANCE_REBOOT", instance_name: name, reboot_type: "hard", shutdown_timeout: 0 });
    expect(qemuProcessesMentioning(instance.uuid)).toEqual([afterReboot]); // a reset inside the same QEMU
    expect(await row(name, ["status"])).toEqual({ status: "running" });

    // Live migration to host 2: the QEMU process moves, the job log follows the memory transfer.
    const there = await ok({ OP_ID: "OP_INSTANCE_MIGRATE", instance_name: name, mode: "live", target_node: HOSTS[1]!.name });
    expect(log(there)).toEqual(expect.arrayContaining([expect.stringMatching(/^\* memory transfer progress: \d+\.\d\d %$/), "* memory transfer complete"]));
    const onHost2 = qemuProcessesMentioning(instance.uuid);
    expect(onHost2).toHaveLength(1);
    expect(onHost2).not.toContain(afterReboot);
    expect(await row(name, ["status", "pnode"])).toEqual({ status: "running", pnode: HOSTS[1]!.name });
    expect((await row(name, ["console"])).console).toMatchObject({ host: HOSTS[1]!.ip, port: instance.network_port });
    (await RfbTestClient.connect({ host: HOSTS[1]!.ip, port: instance.network_port!, password })).close();

    await ok({ OP_ID: "OP_INSTANCE_MIGRATE", instance_name: name, mode: "live", target_node: HOSTS[0]!.name });
    expect(await row(name, ["status", "pnode"])).toEqual({ status: "running", pnode: HOSTS[0]!.name });
    expect(qemuProcessesMentioning(instance.uuid)).toHaveLength(1);

    // The balloon: the running guest's memory changes without a restart.
    await ok({ OP_ID: "OP_INSTANCE_SET_PARAMS", instance_name: name, runtime_mem: 96 });
    expect(await row(name, ["oper_ram", "status"])).toEqual({ oper_ram: 96, status: "running" });
    expect(qemuProcessesMentioning(instance.uuid)).toHaveLength(1);

    // Failover: stopped on host 1, started on host 2 from the same shared image.
    await ok({ OP_ID: "OP_INSTANCE_FAILOVER", instance_name: name, target_node: HOSTS[1]!.name, shutdown_timeout: 0 });
    expect(await row(name, ["status", "pnode"])).toEqual({ status: "running", pnode: HOSTS[1]!.name });

    await ok({ OP_ID: "OP_INSTANCE_GROW_DISK", instance_name: name, disk: 0, amount: 64, wait_for_sync: false, ignore_ipolicy: true });
    expect(fs.statSync(image).size).toBe(128 * MiB);
    expect(await row(name, ["disk.sizes"])).toEqual({ "disk.sizes": [128] });

    await ok({ OP_ID: "OP_INSTANCE_REMOVE", instance_name: name, shutdown_timeout: 0 });
    expect(qemuProcessesMentioning(instance.uuid)).toEqual([]);
    expect(fs.readdirSync(shared)).toEqual([]);
    for (const i of [1, 2]) expect(fs.readdirSync(path.join(base, `noded${i}`, "instances"))).toEqual([]);
  }, 300_000);

  it("installs an OS image into a new instance's disk on a real host, and starts it", async () => {
    const name = "imaged.example.org";
    const image = path.join(base, "guest.img");
    const pattern = crypto.randomBytes(256 * 1024);
    fs.writeFileSync(image, pattern);
    const job = await ok({
      OP_ID: "OP_INSTANCE_CREATE", instance_name: name, disk_template: "sharedfile", disks: [{ size: 32 }], nics: [],
      os_type: "image", osparams: { image }, pnode: HOSTS[1]!.name, hypervisor: "kvm", beparams: { memory: 128 },
      name_check: false, ip_check: false, ignore_ipolicy: true,
    });
    expect(log(job)).toContain("* running the instance OS create scripts...");
    const disk = diskImage(name)!;
    expect(fs.statSync(disk).size).toBe(32 * MiB);
    const head = Buffer.alloc(pattern.length);
    const fd = fs.openSync(disk, "r");
    fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    expect(head.equals(pattern)).toBe(true);
    expect(await row(name, ["status", "pnode"])).toEqual({ status: "running", pnode: HOSTS[1]!.name });
    await ok({ OP_ID: "OP_INSTANCE_REMOVE", instance_name: name, shutdown_timeout: 0 });
    expect(diskImage(name)).toBeNull();
  }, 120_000);

  it("moves a host's running kvm instances with gnt-node migrate and evacuate, to the other host and never to a virtual node", async () => {
    const names = ["vm3.example.org", "vm4.example.org"];
    for (const name of names) {
      await ok({
        OP_ID: "OP_INSTANCE_CREATE", instance_name: name, disk_template: "sharedfile", disks: [{ size: 32 }], nics: [],
        os_type: "noop", no_install: true, pnode: HOSTS[0]!.name, hypervisor: "kvm", beparams: { memory: 128 },
        hvparams: { migration_bandwidth: 64 }, name_check: false, ip_check: false, ignore_ipolicy: true,
      });
      await ok({ OP_ID: "OP_INSTANCE_STARTUP", instance_name: name });
    }
    const followUps = async (job: Job) => {
      for (const [submitted, id] of (job.ops[0]!.result as { jobs: Array<[boolean, number]> }).jobs) {
        expect(submitted).toBe(true);
        expect(await h.master.waitForJob(id), JSON.stringify(h.master.queue.get(id)!.ops.map((o) => o.result))).toBe("success");
      }
    };
    // The virtual master node has more free memory than either host: hail must still pick the real one.
    await followUps(await ok({ OP_ID: "OP_NODE_MIGRATE", node_name: HOSTS[0]!.name, mode: "live", iallocator: "hail" }));
    for (const name of names) expect(await row(name, ["status", "pnode"])).toEqual({ status: "running", pnode: HOSTS[1]!.name });
    await followUps(await ok({ OP_ID: "OP_NODE_EVACUATE", node_name: HOSTS[1]!.name, mode: "primary-only", iallocator: "hail" }));
    for (const name of names) expect(await row(name, ["status", "pnode"])).toEqual({ status: "running", pnode: HOSTS[0]!.name });

    // gnt-cluster verify on the mixed cluster: the virtual node and the hosts each run what they should.
    await h.master.flushDistribution();
    const verify = await ok({ OP_ID: "OP_CLUSTER_VERIFY", error_codes: true });
    expect(log(verify).filter((line) => /^ {2}- ERROR/.test(line))).toEqual([]);
    expect(verify.ops[0]!.result).toBe(true);

    for (const name of names) await ok({ OP_ID: "OP_INSTANCE_REMOVE", instance_name: name, shutdown_timeout: 0 });
    expect(fs.readdirSync(shared)).toEqual([]);
  }, 180_000);

  it("shows ERROR_nodedown while a host's noded is dead, and the true state again without restarting the guest", async () => {
    const name = "vm2.example.org";
    await ok({
      OP_ID: "OP_INSTANCE_CREATE", instance_name: name, disk_template: "sharedfile", disks: [{ size: 32 }], nics: [],
      os_type: "noop", no_install: true, pnode: HOSTS[1]!.name, hypervisor: "kvm", beparams: { memory: 128 },
      name_check: false, ip_check: false, ignore_ipolicy: true, // the policy wants a NIC and 1 GiB disks
    });
    await ok({ OP_ID: "OP_INSTANCE_STARTUP", instance_name: name });
    const uuid = h.master.config.instance(h.master.config.expandName("instance", name))!.uuid;
    const [qemu] = qemuProcessesMentioning(uuid);

    noded[1]!.process.kill("SIGKILL");
    await new Promise((resolve) => noded[1]!.process.once("exit", resolve));
    expect(await row(name, ["status", "oper_state"])).toEqual({ status: "ERROR_nodedown", oper_state: null });
    await h.master.watcher.runOnce(); // the watcher must not try to start it elsewhere or again
    expect(qemuProcessesMentioning(uuid)).toEqual([qemu]);

    noded[1] = await startNoded(1, ["--cert", path.join(h.stateDir, "server.pem")]);
    expect(noded[1]!.text()).toMatch(new RegExp(`${name.replace(/\./g, "\\.")}: QEMU still running, adopted`));
    expect(await row(name, ["status", "oper_state"])).toEqual({ status: "running", oper_state: true });
    expect(qemuProcessesMentioning(uuid)).toEqual([qemu]);
    // The restarted noded still holds its copy of the configuration: verify finds nothing wrong.
    const verify = await ok({ OP_ID: "OP_CLUSTER_VERIFY", error_codes: true });
    expect(log(verify).filter((line) => /^ {2}- ERROR/.test(line))).toEqual([]);

    await ok({ OP_ID: "OP_INSTANCE_REMOVE", instance_name: name, shutdown_timeout: 0 });
    expect(qemuProcessesMentioning(uuid)).toEqual([]);
  }, 180_000);
});
