// Ganeti's CheckInstanceState: the admin state must be one of the allowed ones and, when "up" is not allowed, the
// instance must really not run on its primary (a stopped-but-running instance would be changed under its feet).
import { OpPrereqError } from "../../errors";
import type { AdminState, Instance } from "../../objects/types";
import type { OpContext } from "../definition";

export async function checkInstanceStateLive(ctx: OpContext, instance: Instance, allowed: AdminState[], msg: string): Promise<void> {
  if (!allowed.includes(instance.admin_state)) {
    throw new OpPrereqError(`Instance '${instance.name}' is marked to be ${instance.admin_state}, ${msg}`, "wrong_state");
  }
  if (allowed.includes("up")) return;
  const primary = ctx.config.node(instance.primary_node)!;
  if (primary.offline) {
    ctx.log("- WARNING: Primary node offline, ignoring check that instance is down");
    return;
  }
  let running: unknown;
  try {
    running = await ctx.rpc.node(primary.uuid).instanceInfo(instance.name);
  } catch (error) {
    throw new OpPrereqError(`Can't contact node ${primary.name} for instance information: ${(error as Error).message}`, "environment_error");
  }
  if (running) throw new OpPrereqError(`Instance ${instance.name} is running, ${msg}`, "wrong_state");
}
