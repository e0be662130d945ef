// OP_INSTANCE_CONSOLE (gnt-instance console): how to reach a running instance's console, as Ganeti's
// LUInstanceConsole: the preconditions check the primary node is online; exec asks it what runs there (not running:
// OpExecError with Ganeti's state words) and, for hypervisors whose node opens the console (fake), for the console.
import { z } from "zod";
import { CONSOLES_OPENED_BY_NODE, instanceConsole } from "../../hypervisors/console";
import { OpExecError } from "../../errors";
import type { Instance, Node } from "../../objects/types";
import { checkNodeOnline, instanceLock, instanceNameParam, requireInstance } from "../common";
import { defineOpcode, opParams } from "../definition";

const params = opParams({ instance_name: instanceNameParam });

export const instanceConsoleOp = defineOpcode<z.infer<typeof params>, { instance: Instance; primary: Node }>({
  id: "OP_INSTANCE_CONSOLE",
  params,
  summaryField: "instance_name",
  locks(ctx, p) {
    return [instanceLock(requireInstance(ctx.config, p.instance_name).uuid, "shared")];
  },
  prereq(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    const primary = ctx.config.node(instance.primary_node)!;
    checkNodeOnline(primary, `the console of ${instance.name}`);
    return { instance, primary };
  },
  async exec(ctx, _p, { instance, primary }) {
    const node = ctx.rpc.node(primary.uuid);
    let running: unknown;
    try {
      running = await node.instanceInfo(instance.name);
    } catch (error) {
      throw new OpExecError(`Can't get node information from ${primary.name}: ${(error as Error).message}`);
    }
    if (!running) {
      // Ganeti's instance status words for "not running".
      const state = instance.admin_state === "up" ? "ERROR_down" : instance.admin_state === "down" ? "ADMIN_down" : "ADMIN_offline";
      throw new OpExecError(`Instance ${instance.name} is not running (state ${state})`);
    }
    if (!CONSOLES_OPENED_BY_NODE.has(instance.hypervisor)) return instanceConsole({ instance, primary });
    const [answer] = await node.instanceConsoles([instance.name]);
    try {
      return instanceConsole({ instance, primary, answer });
    } catch (error) {
      throw new OpExecError(`Cannot open the console of ${instance.name} on ${primary.name}: ${(error as Error).message}`);
    }
  },
});
