// OP_NODE_SET_PARAMS (gnt-node modify, RAPI /2/nodes/[n]/modify and /role): a node's role flags, capabilities,
// node parameters and secondary IP, with Ganeti's rules: one role at a time, never the master's role, and the
// master-candidate pool kept full (auto_promote promotes another node; force accepts a short pool).
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import type { LockSpec } from "../../jobs/locks";
import type { Node, Params } from "../../objects/types";
import { distributeConfig } from "../cluster/distribute";
import { updatedParams } from "../../objects/params";
import { absent, checkNdparams, pyStr } from "../cluster/param-updates";
import { instanceLock, nodeLock, nodeNameParam, requireNode } from "../common";
import { defineOpcode, nonEmptyString, opParams } from "../definition";
import { adjustCandidatePool, candidateStats, shouldSelfPromote } from "./candidate-pool";
import { computeRoleChange, mightDemote, type RoleChange } from "./node-roles";
import { checkSecondaryIp, drbdInstancesOn } from "./secondary-ip";

const optionalBool = z.boolean().nullable().optional();

const params = opParams({
  node_name: nodeNameParam,
  node_uuid: nonEmptyString().nullable().optional(),
  force: z.boolean().default(false),
  hv_state: z.unknown().optional(),
  disk_state: z.unknown().optional(),
  master_candidate: optionalBool,
  offline: optionalBool,
  drained: optionalBool,
  auto_promote: z.boolean().default(false),
  master_capable: optionalBool,
  vm_capable: optionalBool,
  secondary_ip: nonEmptyString().nullable().optional(),
  ndparams: z.record(z.string(), z.unknown()).nullable().optional(),
  powered: optionalBool,
});
type Params_ = z.infer<typeof params>;

type Plan = { node: Node; role: RoleChange; lockAll: boolean; ndparams: Params | null; deOffline: boolean; shortPool: boolean };

export const nodeSetParams = defineOpcode<Params_, Plan>({
  id: "OP_NODE_SET_PARAMS",
  params,
  summaryField: "node_name",
  locks(ctx, p) {
    const node = requireNode(ctx.config, p.node_name);
    const locks: LockSpec[] = p.secondary_ip ? drbdInstancesOn(ctx.config, node.uuid).map((i) => instanceLock(i.uuid, "shared")) : [];
    // Promoting another node touches that node too: with auto_promote every node is locked.
    if (p.auto_promote && mightDemote(p)) {
      return [...locks, { level: "node", name: "[set]", mode: "shared" }, ...ctx.config.nodes().map((n) => nodeLock(n.uuid))];
    }
    return [...locks, nodeLock(node.uuid)];
  },
  async prereq(ctx, p) {
    checkArguments(p);
    const { config } = ctx;
    const node = requireNode(config, p.node_name);
    const isMaster = node.uuid === config.cluster.master_node;
    const lockAll = p.auto_promote && mightDemote(p);

    if (isMaster && [p.master_candidate, p.drained, p.offline].some((v) => v !== null && v !== undefined)) {
      throw new OpPrereqError("The master role can be changed only via master-failover", "wrong_input");
    }
    if (isMaster && p.master_capable === false) throw new OpPrereqError("The master node has to be master capable", "wrong_input");
    if (p.master_candidate && !node.master_capable && p.master_capable !== true) {
      throw new OpPrereqError(`Node ${node.name} is not master capable, cannot make it a master candidate`, "wrong_state");
    }
    if (p.vm_capable === false && (config.primaryInstancesOf(node.uuid).length || config.secondaryInstancesOf(node.uuid).length)) {
      throw new OpPrereqError(`Node ${node.name} hosts instances, cannot unset the vm_capable flag`, "wrong_state");
    }
    let shortPool = false;
    if (node.master_candidate && mightDemote(p) && !lockAll) {
      const { now, should } = candidateStats(config, [node.uuid]);
      if (now < should) {
        if (!p.force) {
          throw new OpPrereqError(
            "Not enough master candidates, please pass auto promote option to allow promotion (--auto-promote or RAPI auto_promote=True)",
            "wrong_state",
          );
        }
        shortPool = true;
      }
    }
    if (p.powered !== null && p.powered !== undefined) {
      throw new OpPrereqError(`Unable to change powered state for node ${node.name} as it does not support out-of-band handling`, "wrong_state");
    }

    const infos: string[] = [];
    const role = computeRoleChange(node, p, () => shouldSelfPromote(config), (line) => infos.push(line));
    const deOffline = role.oldFlags.offline && !role.newFlags.offline;
    if (deOffline) {
      // Coming back from offline: the node must answer before it is trusted again.
      try {
        await ctx.rpc.node(node.uuid, { ignoreOffline: true }).version();
      } catch (error) {
        throw new OpPrereqError(`Node ${node.name} is being de-offlined but fails to report its version: ${(error as Error).message}`, "wrong_state");
      }
      infos.push("- WARNING: Transitioning node from offline to online state without using re-add. Please make sure the node is healthy!");
    }
    if (p.secondary_ip) checkSecondaryIp(config, node, p.secondary_ip, p.force, (line) => infos.push(line));

    let ndparams: Params | null = null;
    if (!absent(p.ndparams)) ndparams = updatedParams(node.ndparams, checkNdparams(p.ndparams!, "node"));
    for (const line of infos) ctx.log(line);
    return { node, role, lockAll, ndparams, deOffline, shortPool };
  },
  async exec(ctx, p, plan) {
    const { node, role } = plan;
    const result: Array<[string, string]> = [];
    const roleChanged = role.changes.length > 0;
    ctx.config.updateNode(node.uuid, (n) => {
      if (plan.ndparams) n.ndparams = plan.ndparams;
      for (const attr of ["master_capable", "vm_capable"] as const) {
        const value = p[attr];
        if (value === null || value === undefined) continue;
        n[attr] = value;
        result.push([attr, pyStr(value)]);
      }
      if (roleChanged) Object.assign(n, role.newFlags);
      if (p.secondary_ip) n.secondary_ip = p.secondary_ip;
    });
    result.push(...role.changes);
    if (p.secondary_ip) result.push(["secondary_ip", p.secondary_ip]);

    const refresh: string[] = [];
    if (plan.lockAll && roleChanged) refresh.push(...adjustCandidatePool(ctx, [node.uuid]));
    if (plan.shortPool && roleChanged) {
      const { now, should } = candidateStats(ctx.config);
      ctx.log(`- WARNING: The master candidate pool is short: ${now} of ${should} candidates (forced)`);
    }
    if (role.newFlags.master_candidate && (!role.oldFlags.master_candidate || plan.deOffline)) refresh.push(node.uuid);
    await ctx.config.commit();
    if (refresh.length) {
      ctx.log(`- INFO: Copying the configuration to ${refresh.map((u) => ctx.config.node(u)!.name).join(", ")}`);
      await distributeConfig(ctx, refresh);
    }
    return result;
  },
});

/** Ganeti's CheckArguments: something must change, and at most one role flag may be set at once. */
function checkArguments(p: Params_): void {
  const mods = [p.offline, p.master_candidate, p.drained, p.master_capable, p.vm_capable, p.secondary_ip, p.ndparams, p.powered];
  const stateMods = [p.hv_state, p.disk_state].filter((v) => !absent(v));
  if (stateMods.length) throw new OpPrereqError("Static hypervisor and disk state (hv_state, disk_state) are not supported by Gantry", "wrong_input");
  if (mods.every((v) => v === null || v === undefined)) throw new OpPrereqError("Please pass at least one modification", "wrong_input");
  if ([p.offline, p.master_candidate, p.drained].filter((v) => v === true).length > 1) {
    throw new OpPrereqError("Can't set the node into more than one state at the same time", "wrong_input");
  }
}
