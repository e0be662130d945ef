// OP_CLUSTER_DESTROY (gnt-cluster destroy --yes-do-it): allowed once only the master node is left and no instance;
// the result is the master's name. The CLI then stops the master daemon and deletes the state directory, which
// takes the virtual master node with it.
import { OpPrereqError } from "../../errors";
import { defineOpcode, opParams } from "../definition";

export const clusterDestroy = defineOpcode<Record<string, unknown>, null>({
  id: "OP_CLUSTER_DESTROY",
  params: opParams({}),
  exclusiveBgl: true,
  locks: () => [],
  prereq(ctx) {
    const nodes = ctx.config.nodes();
    const others = nodes.filter((n) => n.uuid !== ctx.config.cluster.master_node).length;
    if (others) throw new OpPrereqError(`There are still ${others} node(s) in this cluster.`, "wrong_input");
    const instances = ctx.config.instances().length;
    if (instances) throw new OpPrereqError(`There are still ${instances} instance(s) in this cluster.`, "wrong_input");
    return null;
  },
  async exec(ctx) {
    const master = ctx.config.masterNode().name;
    ctx.log(`- INFO: Cluster ${ctx.config.cluster.cluster_name} is empty and can be destroyed; its master node was ${master}`);
    return master;
  },
});
