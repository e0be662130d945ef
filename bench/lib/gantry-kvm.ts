// Gantry's side of the kvm bench: a real masterd with two real nodes (workers/noded on 127.x addresses of this
// machine, sharing one directory as the cluster's shared file storage) and a tiny kvm guest under QEMU, whose
// startup, shutdown (timeout 0) and live migration jobs are timed through masterd's luxi socket. The guest is the
// peer's (bench/peer/ganeti-kvm.py): 128 MiB, 1 vCPU, no NIC, no OS, kernel_path "" (SeaBIOS), VNC on the node's
// address, a small sharedfile disk or none.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { OpInput } from "../../lib/ganeti/jobs/job";
import { CLUSTER_CERTIFICATE_FILE, ensureClusterCertificate } from "../../lib/ganeti/noded/cluster-certificate";
import { DOMAIN, startCluster, type BenchCluster } from "./gantry-cluster";
import { killGuestsUnder, startNoded, type BenchNoded } from "./gantry-noded";
import { timedJob } from "./luxi-jobs";

export type KvmTemplate = "sharedfile" | "diskless";
export type KvmGuest = { name: string; template: KvmTemplate; diskMb: number };

/**
 * The instance policy both sides run with: Ganeti's default bounds, except that a guest may have no NIC and no disk
 * (bench/peer/ganeti-netns.sh kvm sets the same on the peer).
 */
const IPOLICY = {
  minmax: [{
    min: { "memory-size": 128, "cpu-count": 1, "disk-size": 0, "disk-count": 0, "nic-count": 0, "spindle-use": 0 },
    max: { "memory-size": 32768, "cpu-count": 8, "disk-size": 1048576, "disk-count": 16, "nic-count": 8, "spindle-use": 12 },
  }],
  "disk-templates": ["diskless", "file", "sharedfile"],
};
/** The peer's cluster-wide kvm hvparams, given per instance here. */
const HVPARAMS = { kernel_path: "", initrd_path: "", vnc_bind_address: "0.0.0.0" };

export type KvmCluster = {
  cluster: BenchCluster;
  nodes: [BenchNoded, BenchNoded];
  stop(): Promise<string[]>;
};

/**
 * masterd on a fresh state directory, then two noded started with its cluster certificate and added with OP_NODE_ADD.
 * Their addresses (127.A.B.2 and .3) come from this process's PID, so two runs at once do not share them.
 * `register` gets the stop function before anything starts, so an interrupted start-up is cleaned up too.
 */
export async function startKvmCluster(register: (stop: () => Promise<string[]>) => void): Promise<KvmCluster> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-bench-kvm-"));
  const shared = path.join(base, "shared");
  fs.mkdirSync(shared);
  const nodes: BenchNoded[] = [];
  let cluster: BenchCluster | null = null;
  let stopping: Promise<string[]> | null = null;
  const stop = (): Promise<string[]> =>
    (stopping ??= (async () => {
      const notes: string[] = [];
      await Promise.all(nodes.map((n) => n.stop()));
      const killed = killGuestsUnder(base);
      if (killed) notes.push(`killed ${killed} QEMU process(es) left under ${base}`);
      if (cluster) await cluster.stop();
      fs.rmSync(base, { recursive: true, force: true });
      return notes;
    })());
  register(stop);
  try {
    cluster = await startCluster({ nodes: 1 });
    await timedJob(cluster.client, [{
      OP_ID: "OP_CLUSTER_SET_PARAMS",
      enabled_hypervisors: ["fake", "kvm"],
      enabled_disk_templates: IPOLICY["disk-templates"],
      shared_file_storage_dir: shared,
      ipolicy: IPOLICY,
    }]);
    // masterd's own certificate, made here if it has not needed it yet (the same function, on first use).
    ensureClusterCertificate(cluster.stateDir);
    const certFile = path.join(cluster.stateDir, CLUSTER_CERTIFICATE_FILE);
    const block = `127.${100 + (process.pid % 100)}.${(process.pid >> 7) % 250}`;
    for (const [i, name] of [`node2.${DOMAIN}`, `node3.${DOMAIN}`].entries()) {
      const ip = `${block}.${i + 2}`;
      const stateDir = path.join(base, name);
      nodes.push(await startNoded({ name, ip, stateDir, certFile, sharedFileStorageDir: shared }));
      await timedJob(cluster.client, [{ OP_ID: "OP_NODE_ADD", node_name: name, primary_ip: ip, noded_port: nodes[i]!.port }]);
    }
    return { cluster, nodes: [nodes[0]!, nodes[1]!], stop };
  } catch (error) {
    const notes = await stop().catch((e: Error) => [e.message]);
    if (notes.length) (error as Error).message += ` (cleanup: ${notes.join("; ")})`;
    throw error;
  }
}

const createOp = (guest: KvmGuest, pnode: string): OpInput => ({
  OP_ID: "OP_INSTANCE_CREATE",
  instance_name: guest.name,
  disk_template: guest.template,
  disks: guest.template === "sharedfile" ? [{ size: guest.diskMb }] : [],
  nics: [],
  os_type: "noop",
  no_install: true,
  start: false,
  hypervisor: "kvm",
  beparams: { memory: 128, vcpus: 1 },
  hvparams: HVPARAMS,
  pnode,
});
const removeOp = (name: string): OpInput => ({ OP_ID: "OP_INSTANCE_REMOVE", instance_name: name, shutdown_timeout: 0 });

function expectQemu(node: BenchNoded, name: string, running: boolean, after: string): void {
  const pids = node.qemuPids(name);
  if (running && pids.length !== 1) throw new Error(`after ${after}, ${pids.length} QEMU processes of ${name} run on ${node.name} (expected 1)`);
  if (!running && pids.length) throw new Error(`after ${after}, QEMU of ${name} still runs on ${node.name} (pid ${pids.join(", ")})`);
}

/** Creates the guest stopped on `pnode`, runs `body`, and removes the guest again whether `body` succeeded or not. */
async function withGuest<T>(kc: KvmCluster, guest: KvmGuest, pnode: string, body: () => Promise<T>): Promise<T> {
  const { client } = kc.cluster;
  await timedJob(client, [createOp(guest, pnode)]);
  let result: T;
  try {
    result = await body();
  } catch (error) {
    await timedJob(client, [removeOp(guest.name)]).catch((e: Error) => ((error as Error).message += ` (removing ${guest.name}: ${e.message})`));
    throw error;
  }
  await timedJob(client, [removeOp(guest.name)]);
  return result;
}

/** The guest created stopped on the first node; per sample a startup and a shutdown (timeout 0) job. */
export async function startStopTimes(kc: KvmCluster, guest: KvmGuest, samples: number): Promise<{ startup: number[]; shutdown: number[] }> {
  const { client } = kc.cluster;
  const node = kc.nodes[0];
  return withGuest(kc, guest, node.name, async () => {
    const times = { startup: [] as number[], shutdown: [] as number[] };
    for (let i = 0; i < samples; i++) {
      times.startup.push(await timedJob(client, [{ OP_ID: "OP_INSTANCE_STARTUP", instance_name: guest.name }]));
      expectQemu(node, guest.name, true, `startup ${i + 1}`);
      times.shutdown.push(await timedJob(client, [{ OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: guest.name, timeout: 0 }]));
      expectQemu(node, guest.name, false, `shutdown ${i + 1}`);
    }
    return times;
  });
}

/** The guest started on the first node, then live-migrated to the other and back, one migrate job per sample. */
export async function migrateTimes(kc: KvmCluster, guest: KvmGuest, samples: number): Promise<number[]> {
  const { client } = kc.cluster;
  return withGuest(kc, guest, kc.nodes[0].name, async () => {
    await timedJob(client, [{ OP_ID: "OP_INSTANCE_STARTUP", instance_name: guest.name }]);
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const [source, target] = i % 2 === 0 ? kc.nodes : [kc.nodes[1], kc.nodes[0]];
      times.push(await timedJob(client, [{ OP_ID: "OP_INSTANCE_MIGRATE", instance_name: guest.name, mode: "live", target_node: target.name }]));
      expectQemu(target, guest.name, true, `migration ${i + 1} to ${target.name}`);
      expectQemu(source, guest.name, false, `migration ${i + 1} from ${source.name}`);
    }
    return times;
  });
}
