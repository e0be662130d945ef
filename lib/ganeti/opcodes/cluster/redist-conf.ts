// OP_CLUSTER_REDIST_CONF (gnt-cluster redist-conf): push the configuration to every master candidate now.
import { OpExecError } from "../../errors";
import { defineOpcode, opParams } from "../definition";
import { distributeConfig } from "./distribute";

export const clusterRedistConf = defineOpcode<Record<string, unknown>, null>({
  id: "OP_CLUSTER_REDIST_CONF",
  params: opParams({}),
  locks: (ctx) => ctx.config.masterCandidates().map((n) => ({ level: "node", name: n.uuid, mode: "shared" as const })),
  prereq: () => null,
  async exec(ctx) {
    const failed = await distributeConfig(ctx);
    if (failed.length) throw new OpExecError(`Could not copy the configuration to ${failed.join(", ")}`);
    ctx.log(`- INFO: configuration (serial ${ctx.config.serial}) copied to ${ctx.config.masterCandidates().length} master candidate(s)`);
    return null;
  },
});
