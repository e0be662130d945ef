// What an admin does to a node (GWM's node page): set its role (regular, master candidate, drained, offline),
// migrate all its primary VMs away, or evacuate it (move primaries, secondaries or both elsewhere).
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { runNodeJob, type NodeRef } from "./node-job";

export const setRoleInput = z
  .object({
    role: z.enum(["regular", "master-candidate", "drained", "offline"], { message: "Role: regular, master-candidate, drained or offline (the master changes only by master failover)." }),
    force: z.boolean().default(false),
  })
  .strict();

export async function setNodeRole(deps: JobDeps, { actor, ref, input }: { actor: Actor; ref: NodeRef; input: unknown }): Promise<Submitted> {
  const { role, force } = parseInput(setRoleInput, input);
  return runNodeJob(deps, {
    actor,
    ref,
    action: "node.set_role",
    check: (node) => {
      if (node.role === "M") throw new AppError("conflict", `${node.name} is the master: its role changes only by a master failover (gnt-cluster master-failover on another node).`);
    },
    after: { role },
    // auto_promote keeps the master-candidate pool full when a candidate steps down, as gnt-node modify --auto-promote.
    submit: (client, name) => client.setNodeRole(name, role, { force, autoPromote: true }),
  });
}

export const migrateNodeInput = z.object({ mode: z.enum(["live", "non-live"], { message: "Mode: live or non-live." }).optional(), targetNode: z.string().trim().min(1).max(255).optional() }).strict();

export async function migrateNode(deps: JobDeps, { actor, ref, input = {} }: { actor: Actor; ref: NodeRef; input?: unknown }): Promise<Submitted> {
  const options = parseInput(migrateNodeInput, input ?? {});
  return runNodeJob(deps, { actor, ref, action: "node.migrate", after: options, submit: (client, name) => client.migrateNode(name, options.targetNode ? options : { ...options, iallocator: "hail" }) });
}

export const evacuateInput = z
  .object({
    mode: z.enum(["all", "primary-only", "secondary-only"], { message: "Mode: all, primary-only or secondary-only." }).default("all"),
    remoteNode: z.string().trim().min(1).max(255).optional(),
  })
  .strict();

export async function evacuateNode(deps: JobDeps, { actor, ref, input = {} }: { actor: Actor; ref: NodeRef; input?: unknown }): Promise<Submitted> {
  const { mode, remoteNode } = parseInput(evacuateInput, input ?? {});
  return runNodeJob(deps, {
    actor,
    ref,
    action: "node.evacuate",
    after: { mode, remoteNode },
    submit: (client, name) => client.evacuateNode(name, remoteNode ? { mode, remoteNode } : { mode, iallocator: "hail" }),
  });
}
