// OP_CLUSTER_VERIFY (gnt-cluster verify). Ganeti submits OP_CLUSTER_VERIFY_CONFIG and one OP_CLUSTER_VERIFY_GROUP
// per group as separate jobs; Gantry runs the same checks, in the same order and with the same log lines, in one
// opcode under shared locks. The result is true when no error was found (warnings do not count).
import { z } from "zod";
import { allNodeLocks, groupLock, instanceLock } from "../../common";
import { defineOpcode, opParams } from "../../definition";
import { checkNPlusOne, checkOrphanVolumes, otherNotes } from "./check-capacity";
import { checkConfig, checkDangling, checkHypervisorParams } from "./check-config";
import { checkInstance } from "./check-instances";
import { checkConfigCopies, checkNodeStatus } from "./check-nodes";
import { gatherDisks, gatherNodes, type Images } from "./gather";
import { VERIFY_ERROR_CODES, VerifyReporter } from "./reporter";

const params = opParams({
  group_name: z.string().nullable().optional(),
  error_codes: z.boolean().default(false),
  ignore_errors: z.array(z.enum(VERIFY_ERROR_CODES as [string, ...string[]])).default([]),
  verbose: z.boolean().default(false),
  debug_simulate_errors: z.boolean().default(false),
  skip_checks: z.array(z.enum(["nplusone_mem"])).default([]),
  verify_clutter: z.boolean().default(false),
});
type Params = z.infer<typeof params>;

export const clusterVerify = defineOpcode<Params, { groups: string[] }>({
  id: "OP_CLUSTER_VERIFY",
  params,
  locks(ctx) {
    const { config } = ctx;
    return [
      ...config.instances().map((i) => instanceLock(i.uuid, "shared")),
      ...config.groups().map((g) => groupLock(g.uuid, "shared")),
      ...allNodeLocks(config),
    ];
  },
  prereq(ctx, p) {
    const groups = p.group_name ? [ctx.config.expandName("nodegroup", p.group_name)] : ctx.config.groups().sort((a, b) => a.name.localeCompare(b.name)).map((g) => g.uuid);
    return { groups };
  },
  async exec(ctx, p, { groups }) {
    const { config } = ctx;
    const r = new VerifyReporter(ctx.log, {
      errorCodes: p.error_codes,
      ignore: new Set(p.ignore_errors),
      simulate: p.debug_simulate_errors,
      verbose: p.verbose,
    });
    if (!p.group_name) {
      r.section("Verifying cluster config");
      checkConfig(config, r);
      r.section("Verifying hypervisor parameters");
      checkHypervisorParams(config, r);
      r.section("Verifying all nodes belong to an existing group");
      checkDangling(config, r);
    }
    const images: Images = new Map();
    for (const groupUuid of groups) {
      const group = config.group(groupUuid)!;
      r.section(`Verifying group '${group.name}'`);
      const nodes = config.nodesOfGroup(groupUuid).sort((a, b) => a.name.localeCompare(b.name));
      if (!nodes.length) {
        r.section("Empty node group, skipping verification");
        continue;
      }
      const instances = config.instances().filter((i) => nodes.some((n) => n.uuid === i.primary_node)).sort((a, b) => a.name.localeCompare(b.name));
      // Nodes of other groups holding these instances' disks are asked too, for their volumes.
      const extra = [...new Set(instances.flatMap((i) => config.instanceNodes(i)))].map((u) => config.node(u)).filter((n) => n !== undefined);
      r.section(`Gathering data (${nodes.length} nodes)`);
      const window = await gatherNodes(ctx, [...nodes, ...extra], images);
      r.section(`Gathering disk information (${nodes.length} nodes)`);
      const disks = await gatherDisks(ctx, nodes, images, r);
      r.section("Verifying configuration file consistency");
      await checkConfigCopies(ctx, nodes, images, r);
      r.section("Verifying node status");
      const counts = checkNodeStatus(config, nodes, images, window, r);
      r.section("Verifying instance status");
      for (const instance of instances) checkInstance(config, group, instance, images, disks, r);
      r.section("Verifying orphan volumes");
      checkOrphanVolumes(config, nodes, images, r);
      if (!p.skip_checks.includes("nplusone_mem")) {
        r.section("Verifying N+1 Memory redundancy");
        checkNPlusOne(config, nodes, images, r);
      }
      otherNotes(config, instances, counts, r);
    }
    return !r.bad;
  },
});
