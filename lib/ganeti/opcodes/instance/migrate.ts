// OP_INSTANCE_MIGRATE (gnt-instance migrate): moves a running instance to its DRBD secondary, or for shared storage
// to a chosen node, without stopping it; with --cleanup, repairs the state a failed migration left. An instance that
// is not running is failed over instead when allow_failover says so.
import { z } from "zod";
import { instanceNameParam } from "../common";
import { defineOpcode, opParams } from "../definition";
import { execFailover } from "./failover-exec";
import { execCleanup, execMigration } from "./migration-exec";
import { checkMigration, migrationLocks, type MigrationPlan, type MigrationRequest } from "./migration-prereq";

const params = opParams({
  instance_name: instanceNameParam,
  mode: z.enum(["live", "non-live"]).nullable().default(null),
  /** Deprecated in Ganeti in favour of mode. */
  live: z.boolean().nullable().default(null),
  cleanup: z.boolean().default(false),
  target_node: z.string().min(1).nullable().default(null),
  target_node_uuid: z.string().min(1).nullable().default(null),
  iallocator: z.string().min(1).nullable().default(null),
  allow_failover: z.boolean().default(false),
  allow_runtime_changes: z.boolean().default(true),
  ignore_ipolicy: z.boolean().default(false),
  ignore_hvversions: z.boolean().default(false),
});
type Params = z.infer<typeof params>;

const request = (p: Params): MigrationRequest => ({
  instance_name: p.instance_name,
  cleanup: p.cleanup,
  failover: false,
  fallback: p.allow_failover,
  ignore_consistency: false,
  allow_runtime_changes: p.allow_runtime_changes,
  shutdown_timeout: 120,
  ignore_ipolicy: p.ignore_ipolicy,
  target_node: p.target_node,
  target_node_uuid: p.target_node_uuid,
  iallocator: p.iallocator,
  mode: p.mode,
  live: p.live,
});

export const instanceMigrate = defineOpcode<Params, MigrationPlan>({
  id: "OP_INSTANCE_MIGRATE",
  params,
  summaryField: "instance_name",
  locks: (ctx, p) => migrationLocks(ctx, request(p)),
  prereq: (ctx, p) => checkMigration(ctx, request(p)),
  async exec(ctx, _p, plan) {
    if (plan.failover) {
      ctx.log(`Failover instance ${plan.instance.name}`);
      return execFailover(ctx, plan);
    }
    ctx.log(`Migrating instance ${plan.instance.name}`);
    return plan.cleanup ? execCleanup(ctx, plan) : execMigration(ctx, plan);
  },
});
