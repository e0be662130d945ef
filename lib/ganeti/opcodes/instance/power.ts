// Starting and stopping an instance on its primary node, with the admin state recorded first (Ganeti's order: a
// crash in between leaves an instance the watcher will start, never one nobody wants running).
import { OpPrereqError } from "../../errors";
import type { Instance } from "../../objects/types";
import { instanceSpec } from "../common";
import type { OpContext } from "../definition";
import { assembleDisks } from "./disks";

export async function markAdminState(ctx: OpContext, instance: Instance, state: "up" | "down" | "offline", source: "admin" | "user" = "admin") {
  ctx.config.updateInstance(instance.uuid, (i) => {
    i.admin_state = state;
    i.admin_state_source = source;
    if (state === "up") i.disks_active = true;
  });
  await ctx.config.commit();
}

/** Checks the primary has the memory for it (counting placements in flight). */
export async function checkFreeMemory(ctx: OpContext, nodeUuid: string, memory: number, what: string): Promise<void> {
  const resources = await ctx.allocator.resources(ctx.rpc, nodeUuid);
  const node = ctx.config.node(nodeUuid)!;
  if (!resources) throw new OpPrereqError(`Can't compute free memory on node ${node.name}: it does not answer`, "environment_error");
  if (resources.memoryFree < memory) {
    throw new OpPrereqError(
      `Not enough memory on node ${node.name} for ${what}: needed ${memory} MiB, available ${resources.memoryFree} MiB`,
      "insufficient_resources",
    );
  }
}

export async function startOnPrimary(ctx: OpContext, instance: Instance, options: { ignoreSecondaries?: boolean } = {}): Promise<void> {
  await assembleDisks(ctx, instance, options);
  await ctx.rpc.node(instance.primary_node).instanceStart(instanceSpec(ctx.config, instance), {});
}

export async function stopOnPrimary(ctx: OpContext, instance: Instance, timeout: number): Promise<void> {
  await ctx.rpc.node(instance.primary_node).instanceShutdown(instance.name, timeout);
}
