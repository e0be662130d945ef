// Cluster verify, node part: configuration copies on the master and candidates, then each node's status (answers,
// protocol version, clock, hypervisor, DRBD minors, and instances it runs that it should not).
import crypto from "node:crypto";
import type { ConfigStore } from "../../../config/config-store";
import type { Node } from "../../../objects/types";
import { RPC_PROTOCOL_VERSION } from "../../../rpc/node-rpc";
import { nodeRunsHypervisor } from "../../common";
import type { OpContext } from "../../definition";
import { instanceByName, type Images } from "./gather";
import { CV, type VerifyReporter } from "./reporter";

/** Ganeti's NODE_MAX_CLOCK_SKEW, seconds. */
const MAX_CLOCK_SKEW = 150;
/** Copies go out shortly after each commit (coalesced by the master); a copy one step behind gets this long to arrive. */
const DISTRIBUTION_GRACE_MS = 1000;

/** The master and every candidate must hold the configuration as last written (serial and checksum). */
export async function checkConfigCopies(ctx: Pick<OpContext, "config" | "rpc" | "sleep">, nodes: Node[], images: Images, r: VerifyReporter): Promise<void> {
  const { config } = ctx;
  const holders = nodes.filter((n) => (n.master_candidate || n.uuid === config.cluster.master_node) && !n.offline && images.get(n.uuid)?.report);
  const committed = () => {
    const { content, serial } = config.committed();
    return { serial, hash: crypto.createHash("sha256").update(content).digest("hex") };
  };
  let master = committed();
  for (let waited = 0; waited < DISTRIBUTION_GRACE_MS; waited += 100) {
    const behind = holders.filter((n) => (images.get(n.uuid)!.report!.config_serial ?? 0) < master.serial);
    if (!behind.length) break;
    await ctx.sleep(100);
    const fresh = await ctx.rpc.each(behind.map((n) => n.uuid), (rpc) => rpc.nodeVerify());
    for (const [uuid, result] of fresh) if (result.ok) images.get(uuid)!.report = result.value;
    master = committed();
  }
  for (const node of holders) {
    const { config_serial: serial, config_hash: hash } = images.get(node.uuid)!.report!;
    const fix = "run gnt-cluster redist-conf";
    if (serial === null) r.error(CV.ENODEFILECHECK, node.name, `has no copy of the configuration (${base(config)}); ${fix}`);
    else if (serial < master.serial) r.error(CV.ENODEFILECHECK, node.name, `configuration copy is out of date (serial ${serial}, the master's is ${master.serial}); ${fix}`);
    else if (serial !== master.serial || hash !== master.hash) {
      r.error(CV.ENODEFILECHECK, node.name, `configuration copy differs from the master's (serial ${serial}, checksum ${String(hash).slice(0, 12)} instead of ${master.hash.slice(0, 12)}); ${fix}`);
    } else r.errorIf(false, CV.ENODEFILECHECK, node.name, "simulated configuration copy error");
  }
}

const base = (config: ConfigStore) => config.file.split("/").pop();

export type NodeCounts = { offline: number; drained: number };

export function checkNodeStatus(config: ConfigStore, nodes: Node[], images: Images, window: { start: number; end: number }, r: VerifyReporter): NodeCounts {
  const counts: NodeCounts = { offline: 0, drained: 0 };
  for (const node of nodes) {
    if (node.offline) {
      r.detail(`Skipping offline node ${node.name}`);
      counts.offline++;
      continue;
    }
    const type = node.uuid === config.cluster.master_node ? "master" : node.master_candidate ? "master candidate" : node.drained ? "drained" : "regular";
    if (node.drained) counts.drained++;
    r.detail(`Verifying node ${node.name} (${type})`);
    const image = images.get(node.uuid)!;
    if (r.errorIf(image.rpcFail, CV.ENODERPC, node.name, () => `while contacting node: ${image.rpcFail}`) || !image.report) continue;
    const report = image.report;
    if (r.errorIf(report.version !== RPC_PROTOCOL_VERSION, CV.ENODEVERSION, node.name, `incompatible protocol versions: master ${RPC_PROTOCOL_VERSION}, node ${report.version}`)) continue;
    const skew = report.time < window.start - MAX_CLOCK_SKEW ? window.start - report.time : report.time > window.end + MAX_CLOCK_SKEW ? report.time - window.end : 0;
    r.errorIf(skew, CV.ENODETIME, node.name, `Node time diverges by at least ${skew.toFixed(1)}s from master node time`);
    if (!node.vm_capable) continue;
    // A cluster may mix virtual nodes (fake) and real hosts (kvm): what matters is that each node's instances use a
    // hypervisor it runs.
    for (const hv of new Set(config.primaryInstancesOf(node.uuid).map((i) => i.hypervisor))) {
      const what = node.transport === "virtual" ? "a virtual node runs only the fake hypervisor" : "a real host runs only the kvm hypervisor";
      r.errorIf(!nodeRunsHypervisor(node, hv), CV.ENODEHV, node.name, `hypervisor ${hv} verify failure: '${what}'`);
    }
    if (config.cluster.enabled_disk_templates.includes("drbd")) checkDrbdMinors(config, node, report.drbd_minors, r);
    for (const name of image.running) {
      const instance = instanceByName(config, name);
      if (instance?.primary_node === node.uuid) continue;
      if (instance) r.error(CV.EINSTANCEWRONGNODE, instance.name, `instance should not run on node ${node.name}`);
      else r.error(CV.ENODEORPHANINSTANCE, node.name, `node is running unknown instance ${name}`);
    }
  }
  return counts;
}

/** Minors the configuration gives this node must be active while their instance's disks are; no others may be. */
function checkDrbdMinors(config: ConfigStore, node: Node, active: number[], r: VerifyReporter): void {
  const expected = new Map<number, { disk: string; instance: string; mustExist: boolean }>();
  for (const instance of config.instances()) {
    for (const disk of config.instanceDisks(instance)) {
      if (disk.dev_type !== "drbd") continue;
      const [a, b, , minorA, minorB] = disk.logical_id as [string, string, number, number, number];
      const minor = a === node.uuid ? minorA : b === node.uuid ? minorB : null;
      if (minor !== null) expected.set(minor, { disk: disk.uuid, instance: instance.name, mustExist: instance.disks_active });
    }
  }
  for (const [minor, { disk, instance, mustExist }] of expected) {
    r.errorIf(mustExist && !active.includes(minor), CV.ENODEDRBD, node.name, `drbd minor ${minor} of disk ${disk} (attached in instance '${instance}') is not active`);
  }
  for (const minor of active) r.errorIf(!expected.has(minor), CV.ENODEDRBD, node.name, `unallocated drbd minor ${minor} is in use`);
}
