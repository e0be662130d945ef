// OP_INSTANCE_CONSOLE (gnt-instance console, RAPI /2/instances/[i]/console): how to reach a running instance's
// console. Nothing changes, so everything happens in the preconditions; exec hands the answer back.
import { z } from "zod";
import { instanceConsole, type InstanceConsole } from "../../hypervisors/console";
import { OpPrereqError } from "../../errors";
import { checkNodeOnline, instanceLock, instanceNameParam, requireInstance } from "../common";
import { defineOpcode, opParams } from "../definition";

const params = opParams({ instance_name: instanceNameParam });

export const instanceConsoleOp = defineOpcode<z.infer<typeof params>, { console: InstanceConsole }>({
  id: "OP_INSTANCE_CONSOLE",
  params,
  summaryField: "instance_name",
  locks(ctx, p) {
    return [instanceLock(requireInstance(ctx.config, p.instance_name).uuid, "shared")];
  },
  async prereq(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    const primary = ctx.config.node(instance.primary_node)!;
    checkNodeOnline(primary, `the console of ${instance.name}`);
    let running: unknown;
    try {
      running = await ctx.rpc.node(primary.uuid).instanceInfo(instance.name);
    } catch (error) {
      throw new OpPrereqError(`Can't get node information from ${primary.name}: ${(error as Error).message}`, "environment_error");
    }
    if (!running) {
      // Ganeti's instance status words for "not running".
      const state = instance.admin_state === "up" ? "ERROR_down" : instance.admin_state === "down" ? "ADMIN_down" : "ADMIN_offline";
      throw new OpPrereqError(`Instance ${instance.name} is not running (state ${state})`, "wrong_state");
    }
    return { console: instanceConsole({ instance, primary }) };
  },
  async exec(_ctx, _p, plan) {
    return plan.console;
  },
});
