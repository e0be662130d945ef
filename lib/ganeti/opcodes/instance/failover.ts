// OP_INSTANCE_FAILOVER (gnt-instance failover): stops the instance, makes its DRBD secondary (or, for shared
// storage, a chosen node) its primary and starts it there if it is marked up. Works when the primary is down.
import { z } from "zod";
import { instanceNameParam, shutdownTimeout } from "../common";
import { defineOpcode, opParams } from "../definition";
import { execFailover } from "./failover-exec";
import { execCleanup } from "./migration-exec";
import { checkMigration, migrationLocks, type MigrationPlan, type MigrationRequest } from "./migration-prereq";

const params = opParams({
  instance_name: instanceNameParam,
  ignore_consistency: z.boolean().default(false),
  shutdown_timeout: shutdownTimeout,
  target_node: z.string().min(1).nullable().default(null),
  target_node_uuid: z.string().min(1).nullable().default(null),
  iallocator: z.string().min(1).nullable().default(null),
  ignore_ipolicy: z.boolean().default(false),
  cleanup: z.boolean().default(false),
});
type Params = z.infer<typeof params>;

const request = (p: Params): MigrationRequest => ({
  instance_name: p.instance_name,
  cleanup: p.cleanup,
  failover: true,
  fallback: true,
  ignore_consistency: p.ignore_consistency,
  allow_runtime_changes: true,
  shutdown_timeout: p.shutdown_timeout,
  ignore_ipolicy: p.ignore_ipolicy,
  target_node: p.target_node,
  target_node_uuid: p.target_node_uuid,
  iallocator: p.iallocator,
  mode: null,
  live: null,
});

export const instanceFailover = defineOpcode<Params, MigrationPlan>({
  id: "OP_INSTANCE_FAILOVER",
  params,
  summaryField: "instance_name",
  locks: (ctx, p) => migrationLocks(ctx, request(p)),
  prereq: (ctx, p) => checkMigration(ctx, request(p)),
  async exec(ctx, _p, plan) {
    // A failover interrupted part-way is repaired like a migration: find where the instance runs and record it.
    if (plan.cleanup) return execCleanup(ctx, plan);
    ctx.log(`Failover instance ${plan.instance.name}`);
    return execFailover(ctx, plan);
  },
});
