// OP_NODE_ADD (gnt-node add). A virtual node (--virtual) is created by this master with the hardware given; real
// hosts running workers/noded join with the real-hosts issue. A node becomes master candidate while the cluster has
// fewer than candidate_pool_size of them, and then receives a copy of the configuration.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import { newUuid, nowSeconds } from "../../objects/ids";
import { HOSTNAME_RE } from "../../objects/names";
import type { Node } from "../../objects/types";
import { groupLock } from "../common";
import { defineOpcode, opParams } from "../definition";
import { distributeConfig } from "../cluster/distribute";

export const virtualHardwareParam = z
  .object({
    memory: z.number().int().min(128),
    disk: z.number().int().min(0),
    cpus: z.number().int().min(1),
    spindles: z.number().int().min(1).default(1),
    memory_dom0: z.number().int().min(0).default(1024),
  })
  .strict();

const params = opParams({
  node_name: z.string().min(1),
  primary_ip: z.string().nullable().optional(),
  secondary_ip: z.string().nullable().optional(),
  readd: z.boolean().default(false),
  group: z.string().nullable().optional(),
  master_capable: z.boolean().nullable().optional(),
  vm_capable: z.boolean().nullable().optional(),
  ndparams: z.record(z.string(), z.unknown()).nullable().optional(),
  hv_state: z.unknown().optional(),
  disk_state: z.unknown().optional(),
  node_setup: z.boolean().default(false),
  /** Gantry: create a simulated node with this hardware (gnt-node add --virtual). */
  virtual_hardware: virtualHardwareParam.nullable().optional(),
});
type Params = z.infer<typeof params>;

export const nodeAdd = defineOpcode<Params, { name: string; group: string; ip: string }>({
  id: "OP_NODE_ADD",
  params,
  summaryField: "node_name",
  locks(ctx, p) {
    const group = p.group ? ctx.config.expandName("nodegroup", p.group) : defaultGroup(ctx.config.groups());
    return [{ level: "node", name: "[set]", mode: "exclusive" }, groupLock(group, "shared")];
  },
  prereq(ctx, p) {
    const name = p.node_name.toLowerCase();
    if (!HOSTNAME_RE.test(name)) throw new OpPrereqError(`Invalid node name '${p.node_name}': use a host name such as node4.example.org`, "wrong_input");
    if (p.readd) throw new OpPrereqError("Re-adding nodes is not supported yet; remove the node and add it again", "wrong_input");
    if (ctx.config.hasExactName("node", name)) throw new OpPrereqError(`Node ${name} is already in the configuration`, "already_exists");
    if (!p.virtual_hardware) {
      throw new OpPrereqError(
        "Adding real hosts (workers/noded with the kvm hypervisor) is not available yet; add a simulated node with --virtual",
        "wrong_input",
      );
    }
    const group = p.group ? ctx.config.expandName("nodegroup", p.group) : defaultGroup(ctx.config.groups());
    const ip = p.primary_ip ?? nextVirtualIp(ctx.config.nodes());
    if (ctx.config.nodes().some((n) => n.primary_ip === ip)) throw new OpPrereqError(`IP ${ip} is already used by another node`, "already_exists");
    return { name, group, ip };
  },
  async exec(ctx, p, plan) {
    const hw = p.virtual_hardware!;
    if (hw.memory_dom0 >= hw.memory) throw new OpPrereqError("The node's own memory (memory_dom0) must be less than its memory", "wrong_input");
    ctx.virtualNodes.create(plan.name, {
      memory_total: hw.memory,
      memory_dom0: hw.memory_dom0,
      cpu_total: hw.cpus,
      storage_total: hw.disk,
      spindles: hw.spindles,
    });
    const candidates = ctx.config.masterCandidates().length;
    const masterCapable = p.master_capable ?? true;
    const now = nowSeconds();
    const node: Node = {
      uuid: newUuid(),
      name: plan.name,
      primary_ip: plan.ip,
      secondary_ip: p.secondary_ip ?? plan.ip,
      master_candidate: masterCapable && candidates < ctx.config.cluster.candidate_pool_size,
      offline: false,
      drained: false,
      group: plan.group,
      master_capable: masterCapable,
      vm_capable: p.vm_capable ?? true,
      ndparams: p.ndparams ?? {},
      powered: true,
      transport: "virtual",
      tags: [],
      serial_no: 1,
      ctime: now,
      mtime: now,
    };
    const version = await ctx.virtualNodes.transport(plan.name).call("version", []);
    ctx.log(`- INFO: Node ${plan.name} answers (${(version as { software: string }).software}); simulated hardware: ${hw.memory} MiB memory, ${hw.disk} MiB disk, ${hw.cpus} CPUs`);
    ctx.config.addNode(node);
    await ctx.config.commit();
    if (node.master_candidate) {
      ctx.log(`- INFO: Node ${plan.name} is a master candidate; copying the configuration to it`);
      await distributeConfig(ctx, [node.uuid]);
    }
    return null;
  },
});

function defaultGroup(groups: Array<{ uuid: string; name: string }>): string {
  return (groups.find((g) => g.name === "default") ?? groups[0])!.uuid;
}

/** Virtual nodes get addresses from 198.18.0.0/15, the range reserved for network tests (RFC 2544). */
function nextVirtualIp(nodes: Node[]): string {
  const used = new Set(nodes.map((n) => n.primary_ip));
  for (let i = 1; i < 131072; i++) {
    const ip = `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
    if ((i & 255) !== 0 && (i & 255) !== 255 && !used.has(ip)) return ip;
  }
  throw new OpPrereqError("No virtual node addresses left", "insufficient_resources");
}
