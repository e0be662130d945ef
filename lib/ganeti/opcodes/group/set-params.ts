// OP_GROUP_SET_PARAMS (gnt-group modify, RAPI /2/groups/[g]/modify): allocation policy, node parameters, disk
// parameters and the group's instance-policy overrides. The result lists the changed parameter sets as Ganeti does.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import type { AllocPolicy, InstancePolicy, NodeGroup, Params } from "../../objects/types";
import { groupPolicyWith, newViolations } from "../cluster/ipolicy-update";
import { pyStr } from "../cluster/param-updates";
import { groupLock } from "../common";
import { defineOpcode, opParams } from "../definition";
import { GROUP_PARAMS, groupValues } from "./params";

const params = opParams(GROUP_PARAMS);
type Params_ = z.infer<typeof params>;
type Plan = { group: NodeGroup; ndparams?: Params; diskparams?: Record<string, Params>; ipolicy?: Partial<InstancePolicy> };

export const groupSetParams = defineOpcode<Params_, Plan>({
  id: "OP_GROUP_SET_PARAMS",
  params,
  summaryField: "group_name",
  locks: (ctx, p) => [groupLock(ctx.config.expandName("nodegroup", p.group_name))],
  prereq(ctx, p) {
    const { config } = ctx;
    const group = config.group(config.expandName("nodegroup", p.group_name))!;
    if ([p.ndparams, p.diskparams, p.alloc_policy, p.ipolicy].every((v) => v === null || v === undefined)) {
      throw new OpPrereqError("Please pass at least one modification", "wrong_input");
    }
    const plan: Plan = { group, ...groupValues(group, p) };
    if (plan.ipolicy) {
      const violations = newViolations(config, group, groupPolicyWith(config, group, config.cluster.ipolicy), groupPolicyWith(config, group, config.cluster.ipolicy, plan.ipolicy));
      if (violations.length) ctx.log(`- WARNING: After the ipolicy change the following instances violate them: ${violations.join(", ")}`);
    }
    return plan;
  },
  async exec(ctx, p, plan) {
    const result: Array<[string, string]> = [];
    ctx.config.updateGroup(plan.group.uuid, (g) => {
      if (plan.ndparams) {
        g.ndparams = plan.ndparams;
        result.push(["ndparams", pyStr(g.ndparams)]);
      }
      if (plan.diskparams) {
        g.diskparams = plan.diskparams;
        result.push(["diskparams", pyStr(g.diskparams)]);
      }
      if (p.alloc_policy) g.alloc_policy = p.alloc_policy as AllocPolicy;
      if (plan.ipolicy) g.ipolicy = plan.ipolicy;
    });
    return result;
  },
});
