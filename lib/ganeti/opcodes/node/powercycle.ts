// OP_NODE_POWERCYCLE (gnt-node powercycle): a hard power-cycle, the last resort for a hung node. Like Ganeti it
// takes no locks (it must not wait behind the jobs stuck on that node). A virtual node loses its running instances
// and assembled DRBD devices, comes back with a new boot id, and the watcher restarts what should run.
import { z } from "zod";
import { OpExecError, OpPrereqError } from "../../errors";
import type { Node } from "../../objects/types";
import { nodeNameParam, requireNode } from "../common";
import { defineOpcode, nonEmptyString, opParams } from "../definition";

const params = opParams({
  node_name: nodeNameParam,
  node_uuid: nonEmptyString().nullable().optional(),
  /** Allows power-cycling the master node. */
  force: z.boolean().default(false),
});

export const nodePowercycle = defineOpcode<z.infer<typeof params>, { node: Node }>({
  id: "OP_NODE_POWERCYCLE",
  params,
  summaryField: "node_name",
  locks: () => [],
  prereq(ctx, p) {
    const node = requireNode(ctx.config, p.node_name);
    if (node.uuid === ctx.config.cluster.master_node && !p.force) {
      throw new OpPrereqError("The node is the master and the force parameter was not set", "wrong_input");
    }
    return { node };
  },
  async exec(ctx, _p, { node }) {
    try {
      await ctx.rpc.node(node.uuid).powercycle();
    } catch (error) {
      throw new OpExecError(`Failed to schedule the reboot: ${(error as Error).message}`);
    }
    const seconds = ctx.virtualNodes.options.powercycleMs / 1000;
    ctx.log(
      node.transport === "virtual"
        ? `- INFO: Virtual node ${node.name} is power-cycling: its instances stop, it answers again in about ${seconds}s`
        : `- INFO: Reboot of node ${node.name} scheduled`,
    );
    return node.name;
  },
});
