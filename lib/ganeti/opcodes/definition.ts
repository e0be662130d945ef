// An opcode is one operation with Ganeti's name and parameters, executed in Ganeti's logical-unit lifecycle:
// validate the parameters → resolve names and declare locks → (locks taken) → check preconditions → execute.
// Preconditions throw OpPrereqError and change nothing; `dry_run` stops after them.
import { z } from "zod";
import type { ConfigStore } from "../config/config-store";
import type { OpInput } from "../jobs/job";
import type { LockSpec } from "../jobs/locks";
import type { NodeTransports } from "../master/node-transports";
import type { VirtualNodeHost } from "../node/virtual-host";
import type { NodeRpcRunner } from "../rpc/rpc-runner";
import type { InstanceAllocator } from "./instance/allocator";

export type OpContext = {
  config: ConfigStore;
  rpc: NodeRpcRunner;
  /** The virtual nodes this master hosts. */
  virtualNodes: VirtualNodeHost;
  /** How the master reaches its nodes; real hosts (noded) need the cluster certificate. */
  nodeTransports: NodeTransports;
  allocator: InstanceAllocator;
  jobId: number;
  /** A line in the job's log (Ganeti's feedback_fn). */
  log(message: string): void;
  /** Takes more locks (after those declared), in the global lock order. */
  acquire(specs: LockSpec[]): Promise<void>;
  release(specs: LockSpec[]): void;
  /** Submits follow-up jobs (node evacuate, node migrate), returning their ids. */
  submitJobs(jobs: OpInput[][]): Promise<number[]>;
  /** Milliseconds to sleep; injectable for tests. */
  sleep(ms: number): Promise<void>;
};

export type OpcodeDefinition<P = any, Plan = any> = {
  id: string;
  params: z.ZodType<P>;
  /** The parameter shown in the job summary, e.g. INSTANCE_CREATE(web1). */
  summaryField?: string;
  /** Cluster-wide changes take the Big Ganeti Lock exclusively; everything else shares it. */
  exclusiveBgl?: boolean;
  locks(ctx: OpContext, params: P): LockSpec[] | Promise<LockSpec[]>;
  prereq(ctx: OpContext, params: P): Plan | Promise<Plan>;
  exec(ctx: OpContext, params: P, plan: Plan): Promise<unknown>;
};

export function defineOpcode<P, Plan>(definition: OpcodeDefinition<P, Plan>): OpcodeDefinition<P, Plan> {
  return definition;
}

/**
 * Ganeti's TNonEmptyString, for names, paths and the like: "" is refused when the job is submitted (as Ganeti does),
 * rather than read as "not given" — which is null.
 */
export const nonEmptyString = () => z.string().min(1, "must not be empty");

/** Parameters every opcode accepts (Ganeti's generic opcode fields). */
export const GENERIC_PARAMS = {
  OP_ID: z.string(),
  dry_run: z.boolean().default(false),
  debug_level: z.number().int().min(0).default(0),
  priority: z.number().int().min(-20).max(19).default(0),
  depends: z.array(z.tuple([z.number().int(), z.array(z.enum(["success", "error", "canceled"]))])).nullable().default(null),
  comment: z.string().nullable().default(null),
  reason: z.array(z.tuple([z.string(), z.string(), z.number()])).default([]),
};

/** An opcode's schema: its own fields plus the generic ones; unknown fields are refused, as Ganeti does. */
export const opParams = <T extends z.ZodRawShape>(shape: T) => z.object({ ...GENERIC_PARAMS, ...shape }).strict();
