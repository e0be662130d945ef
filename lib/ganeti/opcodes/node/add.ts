// OP_NODE_ADD (gnt-node add). A virtual node (--virtual) is created by this master with the hardware given; a real
// host runs workers/noded and is reached over HTTPS at its primary IP and noded port, with the cluster certificate
// (given to the node here when it presents its join token, or put there by its operator). A node becomes master
// candidate while the cluster has fewer than candidate_pool_size of them, and then receives a copy of the configuration.
import { isIP } from "node:net";
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import { newUuid, nowSeconds } from "../../objects/ids";
import { HOSTNAME_RE } from "../../objects/names";
import type { Node } from "../../objects/types";
import { groupLock } from "../common";
import { defineOpcode, opParams } from "../definition";
import { distributeConfig } from "../cluster/distribute";
import { DEFAULT_NODED_PORT } from "../../master/node-transports";
import { contactRealHost } from "./real-host";

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
  /** Gantry: a real host whose noded listens on this port at primary_ip (gnt-node add --noded-port). */
  noded_port: z.number().int().min(1).max(65535).nullable().optional(),
  /** Gantry: the one-time token an unjoined noded printed; the master then gives it the cluster certificate. */
  noded_join_token: z.string().min(1).nullable().optional(),
});
type Params = z.infer<typeof params>;

/** What the job keeps of a join token. */
export const REDACTED = "<redacted>";

export const nodeAdd = defineOpcode<Params, { name: string; group: string; ip: string; joinToken: string | null }>({
  id: "OP_NODE_ADD",
  params,
  summaryField: "node_name",
  locks(ctx, p) {
    const group = p.group ? ctx.config.expandName("nodegroup", p.group) : defaultGroup(ctx.config.groups());
    return [{ level: "node", name: "[set]", mode: "exclusive" }, groupLock(group, "shared")];
  },
  prereq(ctx, p) {
    // The join token is a secret until the node has joined: it leaves the job (its file, RAPI's and gnt-job's view of
    // its input) as soon as the job runs, and travels on in the plan only.
    const joinToken = p.noded_join_token ?? null;
    if (joinToken) p.noded_join_token = REDACTED;
    const name = p.node_name.toLowerCase();
    if (!HOSTNAME_RE.test(name)) throw new OpPrereqError(`Invalid node name '${p.node_name}': use a host name such as node4.example.org`, "wrong_input");
    if (p.readd) throw new OpPrereqError("Re-adding nodes is not supported yet; remove the node and add it again", "wrong_input");
    if (ctx.config.hasExactName("node", name)) throw new OpPrereqError(`Node ${name} is already in the configuration`, "already_exists");
    const real = !p.virtual_hardware;
    if (p.virtual_hardware && (p.noded_port || p.noded_join_token)) {
      throw new OpPrereqError("A node is either simulated (--virtual) or a real host running noded (--noded-port), not both", "wrong_input");
    }
    if (real && !p.primary_ip) {
      throw new OpPrereqError(
        `Give the address of ${name}'s noded with --primary-ip (and --noded-port unless it is ${DEFAULT_NODED_PORT}), or add a simulated node with --virtual`,
        "wrong_input",
      );
    }
    if (p.primary_ip && !isIP(p.primary_ip)) throw new OpPrereqError(`Invalid primary IP '${p.primary_ip}': give an IPv4 or IPv6 address`, "wrong_input");
    const group = p.group ? ctx.config.expandName("nodegroup", p.group) : defaultGroup(ctx.config.groups());
    const ip = p.primary_ip ?? nextVirtualIp(ctx.config.nodes());
    if (ctx.config.nodes().some((n) => n.primary_ip === ip)) throw new OpPrereqError(`IP ${ip} is already used by another node`, "already_exists");
    return { name, group, ip, joinToken };
  },
  async exec(ctx, p, plan) {
    const hw = p.virtual_hardware;
    if (hw) {
      if (hw.memory_dom0 >= hw.memory) throw new OpPrereqError("The node's own memory (memory_dom0) must be less than its memory", "wrong_input");
      ctx.virtualNodes.create(plan.name, {
        memory_total: hw.memory,
        memory_dom0: hw.memory_dom0,
        cpu_total: hw.cpus,
        storage_total: hw.disk,
        spindles: hw.spindles,
      });
    }
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
      transport: hw ? "virtual" : "noded",
      ...(hw ? {} : { noded_port: p.noded_port ?? DEFAULT_NODED_PORT }),
      tags: [],
      serial_no: 1,
      ctime: now,
      mtime: now,
    };
    if (hw) {
      const version = await ctx.virtualNodes.transport(plan.name).call("version", []);
      ctx.log(`- INFO: Node ${plan.name} answers (${(version as { software: string }).software}); simulated hardware: ${hw.memory} MiB memory, ${hw.disk} MiB disk, ${hw.cpus} CPUs`);
    } else {
      await contactRealHost(ctx, node, plan.joinToken);
    }
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
