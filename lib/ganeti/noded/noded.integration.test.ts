// Two real noded processes on this machine sharing one cluster certificate, called through the master's HTTPS
// transport: a sharedfile disk and a kvm guest under QEMU on node 1, live-migrated to node 2, shut down, removed —
// and nothing left behind. Clients without the cluster certificate are refused.
import { execFileSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { kvmUsable } from "../hypervisors/kvm/qemu-process";
import { describeWithQemu, freePort, freeVncPort } from "../hypervisors/kvm/testing/qemu";
import { qemuProcessesMentioning } from "../hypervisors/kvm/testing/qemu-processes";
import { ensureCertificate, splitPem } from "../rapi/server/certificate";
import { HttpsNodeTransport } from "../rpc/https-transport";
import type { DiskSpec, InstanceSpec, NodeRpc } from "../rpc/node-rpc";
import { loadClusterCertificate, type ClusterCertificate } from "./cluster-certificate";
import { rawPost, spawnNoded, stopProcess } from "./testing/noded-process";

type Noded = { name: string; port: number; process: ChildProcess; stateDir: string; output: string[]; rpc: NodeRpc; transport: HttpsNodeTransport };

function rpcOver(transport: HttpsNodeTransport): NodeRpc {
  return new Proxy({} as NodeRpc, { get: (_t, method) => (...args: unknown[]) => transport.call(method as keyof NodeRpc, args) });
}

async function startNoded(base: string, name: string, certFile: string, cert: ClusterCertificate, shared: string): Promise<Noded> {
  const port = await freePort();
  const stateDir = path.join(base, name);
  const args = ["--state-dir", stateDir, "--port", String(port), "--bind", "127.0.0.1", "--cert", certFile, "--name", name, "--shared-file-storage-dir", shared];
  const { process: child, output } = await spawnNoded(args, "listening on");
  const transport = new HttpsNodeTransport({ name, host: "127.0.0.1", port }, cert);
  return { name, port, process: child, stateDir, output, rpc: rpcOver(transport), transport };
}

async function stopNoded(node: Noded): Promise<void> {
  node.transport.close();
  await stopProcess(node.process);
}

/** A client key and certificate signed with the cluster's key (openssl), not the cluster certificate itself. */
function signedByCluster(base: string, clusterPem: string): { key: string; cert: string } {
  const dir = path.join(base, "signed");
  fs.mkdirSync(dir);
  const { key, cert } = splitPem(fs.readFileSync(clusterPem, "utf8"));
  fs.writeFileSync(path.join(dir, "ca.key"), key, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, "ca.crt"), cert);
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  run(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=client", "-keyout", "client.key", "-out", "client.csr"]);
  run(["x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "1", "-out", "client.crt"]);
  return { key: fs.readFileSync(path.join(dir, "client.key"), "utf8"), cert: fs.readFileSync(path.join(dir, "client.crt"), "utf8") };
}


describeWithQemu("two noded on one machine, over HTTPS with the cluster certificate", () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "noded-"));
  const shared = path.join(base, "shared");
  let cert: ClusterCertificate;
  let certFile: string;
  let node1: Noded;
  let node2: Noded;

  beforeAll(async () => {
    fs.mkdirSync(shared);
    fs.mkdirSync(path.join(base, "cluster"));
    certFile = ensureCertificate(path.join(base, "cluster"), ["cluster.example.com"]).file;
    cert = loadClusterCertificate(certFile);
    [node1, node2] = await Promise.all([startNoded(base, "node1", certFile, cert, shared), startNoded(base, "node2", certFile, cert, shared)]);
  });

  afterAll(async () => {
    await Promise.all([node1, node2].filter(Boolean).map(stopNoded));
    // Guests outlive their noded by design: a failed test must not leave its QEMUs behind.
    for (const pid of qemuProcessesMentioning(base)) process.kill(pid, "SIGKILL");
    fs.rmSync(base, { recursive: true, force: true });
  });

  it("answers version and nodeInfo on both nodes", async () => {
    for (const node of [node1, node2]) {
      expect(await node.rpc.version()).toEqual({ protocol: 1, software: "gantry-noded" });
      const info = await node.rpc.nodeInfo();
      expect(info.name).toBe(node.name);
      expect(info.memory_total).toBeGreaterThan(0);
      expect(info.memory_free).toBeLessThanOrEqual(info.memory_total);
      expect(info.cpu_total).toBe(os.cpus().length);
      expect(info.storage_total).toBeGreaterThan(0);
    }
  });

  it("refuses clients without the cluster certificate, unknown methods and bad JSON", async () => {
    fs.mkdirSync(path.join(base, "other"));
    const other = loadClusterCertificate(ensureCertificate(path.join(base, "other"), ["intruder.example.com"]).file);
    // Another certificate, or none: the handshake fails.
    await expect(rawPost(node1.port, "/rpc/version", "[]", other)).rejects.toThrow();
    await expect(rawPost(node1.port, "/rpc/version", "[]")).rejects.toThrow();
    // The master's transport with the wrong certificate does not accept the node either, and names it.
    const wrong = new HttpsNodeTransport({ name: "node1", host: "127.0.0.1", port: node1.port }, other);
    await expect(wrong.call("version", [])).rejects.toThrow(/Node node1: version to 127\.0\.0\.1/);
    wrong.close();

    // A certificate the cluster key signed passes the handshake, but is not the cluster certificate itself: 401.
    const signed = signedByCluster(base, certFile);
    const refused = await rawPost(node1.port, "/rpc/version", "[]", signed);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { message: "The client did not present the cluster certificate" } });

    const unknown = await rawPost(node1.port, "/rpc/toString", "[]", cert);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { message: "Unknown node RPC method 'toString'" } });
    const bad = await rawPost(node1.port, "/rpc/instanceInfo", "{not json", cert);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/not JSON/);
  });

  it("refuses what a real host cannot do, saying why", async () => {
    const plain: DiskSpec = { uuid: crypto.randomUUID(), dev_type: "plain", size: 64, logical_id: ["xenvg", "x.disk0"], iv_name: "disk/0" };
    await expect(node1.rpc.blockdevCreate(plain, "vm")).rejects.toMatchObject({ kind: "BlockDeviceError", message: expect.stringMatching(/LVM and DRBD/) });
    const fake = guestSpec("fake1.example.com", [], 0, 0);
    await expect(node1.rpc.instanceStart({ ...fake, hypervisor: "fake" }, {})).rejects.toThrow(/fake instances live on virtual nodes/);
  });

  it("creates and grows a sharedfile disk, runs a kvm guest on it (reboot, shutdown and start with timeout 0), live-migrates it to node 2, shuts it down and removes the disk", async () => {
    const name = "vm1.example.com";
    const file = path.join(shared, name, `${crypto.randomUUID()}.sharedfile.disk0`);
    const disk: DiskSpec = { uuid: crypto.randomUUID(), dev_type: "sharedfile", size: 128, logical_id: ["loop", file], iv_name: "disk/0" };
    expect(await node1.rpc.blockdevCreate(disk, name)).toBe(file);
    expect(fs.statSync(file).size).toBe(128 * 1024 * 1024);
    await node1.rpc.blockdevGrow(disk, 64);
    expect(fs.statSync(file).size).toBe(192 * 1024 * 1024);
    expect(await node1.rpc.blockdevAssemble(disk, name, true)).toBe(file);

    const spec = guestSpec(name, [disk], await freeVncPort(), await freePort());
    await node1.rpc.instanceStart(spec, {});
    expect(await node1.rpc.instanceInfo(name)).toMatchObject({ name, state: "running", memory: 64, vcpus: 1 });
    expect(await node1.rpc.allInstancesInfo()).toHaveLength(1);
    const [firstQemu] = qemuProcessesMentioning(spec.uuid);
    await node1.rpc.instanceReboot(spec, "hard", 0);
    expect(qemuProcessesMentioning(spec.uuid)).toEqual([firstQemu]); // a reset in the same QEMU
    await node1.rpc.instanceShutdown(name, 0);
    expect(await node1.rpc.instanceInfo(name)).toBeNull();
    expect(qemuProcessesMentioning(spec.uuid)).toEqual([]);
    await node1.rpc.instanceStart(spec, {});
    const [qemuOnNode1] = qemuProcessesMentioning(spec.uuid);
    expect(qemuOnNode1).toBeGreaterThan(0);

    // Both nodes share this machine's ports, so the guest's VNC console takes another port on node 2.
    const moved = { ...spec, network_port: await freeVncPort() };
    await node2.rpc.acceptInstance(moved, "127.0.0.1");
    await node1.rpc.migrateInstance(spec, "127.0.0.1", true);
    for (let status = ""; status !== "completed"; ) {
      status = (await node1.rpc.instanceMigrationStatus(spec.name)).status;
      expect(["setup", "active", "device", "completed"]).toContain(status);
      if (status !== "completed") await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await node2.rpc.finalizeMigration(moved, "target", true);
    await node1.rpc.finalizeMigration(spec, "source", true);
    expect(await node2.rpc.instanceInfo(name)).toMatchObject({ name, state: "running" });
    expect(await node1.rpc.instanceInfo(name)).toBeNull();
    // The QEMU process moved: only node 2's remains.
    expect(qemuProcessesMentioning(spec.uuid)).not.toContain(qemuOnNode1);
    expect(qemuProcessesMentioning(spec.uuid)).toHaveLength(1);

    await node2.rpc.instanceShutdown(name, 0);
    expect(await node2.rpc.instanceInfo(name)).toBeNull();
    await node1.rpc.blockdevRemove(disk);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(shared)).toEqual([]);
    expect(qemuProcessesMentioning(spec.uuid)).toEqual([]);
    for (const node of [node1, node2]) expect(fs.readdirSync(path.join(node.stateDir, "runtime"))).toEqual([]);
  });

  it("stops on SIGTERM leaving its guests running, and adopts them again when restarted", async () => {
    const spec = guestSpec("vm2.example.com", [], await freeVncPort(), await freePort());
    await node1.rpc.instanceStart(spec, {});
    const [qemu] = qemuProcessesMentioning(spec.uuid);
    expect(qemu).toBeGreaterThan(0);
    await stopNoded(node1);
    expect(node1.process.exitCode).toBe(0);
    expect(node1.output.join("")).toMatch(/stopping \(SIGTERM\); leaving vm2\.example\.com running/);
    expect(qemuProcessesMentioning(spec.uuid)).toEqual([qemu]);

    // Started again on its state directory, node 1 finds the guest without restarting it, and can stop it.
    node1 = await startNoded(base, "node1", certFile, cert, shared);
    expect(node1.output.join("")).toMatch(/recovered vm2\.example\.com: QEMU still running, adopted/);
    expect(await node1.rpc.instanceInfo(spec.name)).toMatchObject({ name: spec.name, state: "running", memory: 64 });
    expect(qemuProcessesMentioning(spec.uuid)).toEqual([qemu]);
    await node1.rpc.instanceShutdown(spec.name, 0);
    expect(qemuProcessesMentioning(spec.uuid)).toEqual([]);
    expect(await node1.rpc.allInstancesInfo()).toEqual([]);
    expect(fs.readdirSync(path.join(node1.stateDir, "runtime"))).toEqual([]);

    await stopNoded(node2);
    expect(node2.output.join("")).toMatch(/stopping \(SIGTERM\); no guests running/);
  });
});

function guestSpec(name: string, disks: DiskSpec[], vncPort: number, migrationPort: number): InstanceSpec {
  return {
    name,
    uuid: crypto.randomUUID(),
    hypervisor: "kvm",
    memory: 64,
    vcpus: 1,
    hvparams: { vnc_bind_address: "127.0.0.1", serial_console: false, kvm_flag: kvmUsable() ? "enabled" : "disabled", migration_port: migrationPort },
    os: "noop",
    osparams: {},
    disks,
    nics: [],
    network_port: vncPort,
  };
}
