// OP_INSTANCE_SET_PARAMS (gnt-instance modify): changes an instance's parameters, disks, NICs, OS and offline
// state. Everything is checked in the preconditions (nothing changes when one fails); execution does the node-side
// work first for each disk step, then records the rest in one configuration update. The result is Ganeti's list of
// [what, new value] pairs, e.g. [["be/maxmem", 256], ["be/minmem", 256]].
import { OpExecError } from "../../errors";
import { fillBeparams } from "../../objects/fill";
import type { Instance, Nic, Params } from "../../objects/types";
import { instanceLock, nodeLocks, requireInstance } from "../common";
import { defineOpcode } from "../definition";
import { checkInstanceStateLive } from "./instance-state";
import { checkPolicy } from "./ipolicy";
import { planDisks, type DiskStep } from "./set-params-disks";
import { execDiskSteps } from "./set-params-disks-exec";
import { checkMaxmemGrowth, checkRuntimeMemory, runInfo } from "./set-params-memory";
import { planNics, type Change } from "./set-params-nics";
import { checkArguments, normaliseMods, setParamsSchema, type SetParams } from "./set-params-params";
import { planBeparams, planHvparams, planOs } from "./set-params-values";

type Plan = {
  instance: Instance;
  running: boolean;
  diskSteps: DiskStep[];
  nics: Nic[] | null;
  beparams: Params | null;
  hvparams: Params | null;
  os: string | null;
  osparams: Params | null;
  osparamsPrivate: Params | null;
  memoryChanged: boolean;
  changes: Change[];
};

export const instanceSetParams = defineOpcode<SetParams, Plan>({
  id: "OP_INSTANCE_SET_PARAMS",
  params: setParamsSchema,
  summaryField: "instance_name",
  locks(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    // Disk and memory changes use node resources: take the nodes exclusively; the rest only reads them.
    const heavy = p.disks.length > 0 || p.runtime_mem !== null;
    return [instanceLock(instance.uuid), ...nodeLocks(ctx.config.instanceNodes(instance), heavy ? "exclusive" : "shared")];
  },

  async prereq(ctx, p) {
    checkArguments(p);
    const diskMods = normaliseMods("disk", p.disks);
    const nicMods = normaliseMods("NIC", p.nics);
    const instance = requireInstance(ctx.config, p.instance_name);
    const cluster = ctx.config.cluster;
    const running = await runInfo(ctx, instance);

    const be = planBeparams(instance, p.beparams);
    const hv = planHvparams(instance, p.hvparams);
    const before = fillBeparams(cluster, instance);
    const after = fillBeparams(cluster, { beparams: be.beparams ?? instance.beparams });
    if (be.beparams && !p.force) await checkMaxmemGrowth(ctx, instance, running, before, after);
    if (p.runtime_mem !== null) await checkRuntimeMemory(ctx, instance, running, p.runtime_mem, after, p.force);
    const os = await planOs(ctx, instance, p);
    const nics = planNics(ctx, instance, nicMods);
    const disks = await planDisks(ctx, instance, diskMods);
    if (p.offline !== null) await checkInstanceStateLive(ctx, instance, ["down", "offline"], p.offline ? "can't change to offline" : "can't change to online");

    if (!p.ignore_ipolicy && (be.beparams || diskMods.length || nicMods.length)) {
      const group = ctx.config.node(instance.primary_node)!.group;
      const shape = {
        memory: after.maxmem,
        vcpus: after.vcpus,
        diskSizes: disks.sizes,
        nicCount: (nics.nics ?? instance.nics).length,
        spindleUse: after.spindle_use,
        template: instance.disk_template,
      };
      checkPolicy(ctx.config, group, shape);
      if (after.minmem !== after.maxmem) checkPolicy(ctx.config, group, { ...shape, memory: after.minmem });
    }

    const changes: Change[] = [
      ...(p.runtime_mem !== null ? [["runtime_memory", p.runtime_mem] as Change] : []),
      ...disks.changes,
      ...nics.changes,
      ...hv.changes,
      ...be.changes,
      ...os.changes,
      ...(p.offline !== null ? [["admin_state", p.offline ? "offline" : "down"] as Change] : []),
    ];
    return {
      instance,
      running: Boolean(running),
      diskSteps: disks.steps,
      nics: nics.nics,
      beparams: be.beparams,
      hvparams: hv.hvparams,
      os: os.os,
      osparams: os.osparams,
      osparamsPrivate: os.osparamsPrivate,
      memoryChanged: before.maxmem !== after.maxmem || before.minmem !== after.minmem,
      changes,
    };
  },

  async exec(ctx, p, plan) {
    const { instance } = plan;
    if (p.runtime_mem !== null) {
      try {
        await ctx.rpc.node(instance.primary_node).instanceBalloonMemory(instance.name, p.runtime_mem);
      } catch (error) {
        throw new OpExecError(`Cannot modify instance runtime memory: ${(error as Error).message}`);
      }
    }
    await execDiskSteps(ctx, instance.uuid, plan.diskSteps, { waitForSync: p.wait_for_sync, running: plan.running });
    ctx.config.updateInstance(instance.uuid, (i) => {
      if (plan.nics) i.nics = plan.nics;
      if (plan.hvparams) i.hvparams = plan.hvparams;
      if (plan.beparams) i.beparams = plan.beparams;
      if (plan.os) i.os = plan.os;
      if (plan.osparams) i.osparams = plan.osparams;
      if (plan.osparamsPrivate) i.osparams_private = plan.osparamsPrivate;
      if (p.offline !== null) {
        i.admin_state = p.offline ? "offline" : "down";
        i.admin_state_source = "admin";
        if (p.offline) i.disks_active = false;
      }
    });
    if (plan.running && plan.memoryChanged) {
      ctx.log(`- INFO: Instance ${instance.name} keeps running with its current memory; the new memory applies at its next start or (hard) reboot`);
    }
    if (plan.running && (plan.nics || plan.hvparams)) {
      ctx.log(`- INFO: The NIC and hypervisor changes of ${instance.name} apply at its next start or reboot`);
    }
    return plan.changes;
  },
});
