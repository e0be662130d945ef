// OP_INSTANCE_CREATE (gnt-instance add): place, create the disks, add to the configuration, wait for DRBD, install
// the OS, start. Every step is logged; a failure part-way says what is left and how to finish or undo it.
import dns from "node:dns/promises";
import { OpExecError, OpPrereqError } from "../../errors";
import type { LockSpec } from "../../jobs/locks";
import { fillBeparams } from "../../objects/fill";
import { newUuid, nowSeconds } from "../../objects/ids";
import { HOSTNAME_RE } from "../../objects/names";
import { addTags } from "../../objects/tags";
import type { Disk, HypervisorName, Instance, Nic, Node } from "../../objects/types";
import { HYPERVISORS_WITH_PORT } from "../../hypervisors/console";
import { allocateNetworkPort, diskUsagePerNode, generateDisks, TEMPLATES, type DiskRequest } from "../../storage/disk-templates";
import { checkNodeNotDrained, checkNodeOnline, checkNodeRunsHypervisor, checkNodeVmCapable, instanceSpec, nodeLock, nodeRunsHypervisor } from "../common";
import { defineOpcode, type OpContext } from "../definition";
import { createParams, type CreateParams } from "./create-params";
import { createDisks, removeDisks, waitForSync } from "./disks";
import { checkPolicy } from "./ipolicy";
import { checkNodeHasOs, checkOsParams } from "./os-check";
import { buildNics, checkBeparams, checkHvparams, diskSize } from "./params-check";
import { checkFreeMemory, markAdminState, startOnPrimary } from "./power";

type Plan = {
  name: string;
  hypervisor: HypervisorName;
  primary: Node;
  secondary?: Node;
  beparams: Record<string, unknown>;
  hvparams: Record<string, unknown>;
  nics: Nic[];
  diskRequests: DiskRequest[];
  os: string;
  dryRunResult: string[];
};

export const newInstanceLock = (name: string): LockSpec => ({ level: "instance", name: `new:${name.toLowerCase()}`, mode: "exclusive" });

export const instanceCreate = defineOpcode<CreateParams, Plan>({
  id: "OP_INSTANCE_CREATE",
  params: createParams,
  summaryField: "instance_name",
  locks(ctx, p) {
    const locks: LockSpec[] = [newInstanceLock(p.instance_name)];
    if (usesAllocator(p)) return [...locks, { level: "node_alloc", name: "node_alloc", mode: "exclusive" }];
    if (!p.pnode) throw new OpPrereqError("Neither iallocator nor primary node given; pass -n NODE or -I hail", "wrong_input");
    locks.push(nodeLock(ctx.config.expandName("node", p.pnode)));
    if (p.snode) locks.push(nodeLock(ctx.config.expandName("node", p.snode)));
    return locks;
  },

  async prereq(ctx, p) {
    if (p.mode !== "create") throw new OpPrereqError(`Instance ${p.mode} is not supported yet; only mode 'create'`, "wrong_input");
    if (p.forthcoming || p.commit) throw new OpPrereqError("Forthcoming instances are not supported yet", "wrong_input");
    const cluster = ctx.config.cluster;
    const name = p.instance_name.toLowerCase();
    if (!HOSTNAME_RE.test(name)) throw new OpPrereqError(`Invalid instance name '${p.instance_name}': use a host name such as web1.example.org`, "wrong_input");
    if (ctx.config.hasExactName("instance", name)) {
      throw new OpPrereqError(`Instance '${name}' is already in the cluster`, "already_exists");
    }
    if (p.name_check) await checkResolvable(name);
    if (!cluster.enabled_disk_templates.includes(p.disk_template)) {
      throw new OpPrereqError(
        `Disk template '${p.disk_template}' is not enabled in cluster. Enabled disk templates are: ${cluster.enabled_disk_templates.join(",")}`,
        "wrong_input",
      );
    }
    const hypervisor = p.hypervisor ?? cluster.enabled_hypervisors[0]!;
    if (!cluster.enabled_hypervisors.includes(hypervisor)) {
      throw new OpPrereqError(`Hypervisor '${hypervisor}' is not enabled (enabled: ${cluster.enabled_hypervisors.join(", ")})`, "wrong_input");
    }
    const beparams = checkBeparams(p.beparams);
    const hvparams = checkHvparams(hypervisor, p.hvparams);
    const nics = buildNics(ctx.config, p.nics);
    if (p.disk_template === "diskless" && p.disks.length) throw new OpPrereqError("Diskless instances cannot have disks", "wrong_input");
    if (p.disk_template !== "diskless" && !p.disks.length) throw new OpPrereqError(`Disk template ${p.disk_template} needs at least one disk`, "wrong_input");
    const diskRequests: DiskRequest[] = p.disks.map((d, i) => {
      if (d.adopt) throw new OpPrereqError("Adopting existing volumes is not supported", "wrong_input");
      return { size: diskSize(d.size, i), mode: d.mode, name: d.name ?? null, spindles: d.spindles ?? null };
    });
    if (!p.no_install && !p.os_type) throw new OpPrereqError("No guest OS specified; pass -o OS (e.g. -o noop) or --no-install", "wrong_input");
    addTags([], p.tags);

    const filled = fillBeparams(cluster, { beparams });
    const info = TEMPLATES[p.disk_template];
    const usage = diskUsagePerNode(p.disk_template, diskRequests.map((d) => d.size));
    const starts = p.start && !p.no_install;
    const [primary, secondary] = await place(ctx, p, {
      hypervisor,
      memory: filled.maxmem,
      vcpus: filled.vcpus,
      usage,
      disks: diskRequests.map((d) => ({ size: d.size, spindles: d.spindles })),
      spindleUse: filled.spindle_use,
    });
    for (const node of [primary, secondary].filter((n): n is Node => Boolean(n))) {
      checkNodeOnline(node, "instance creation");
      checkNodeNotDrained(node);
      checkNodeVmCapable(node);
    }
    // An instance that will not start yet may be created on a node that cannot run it (it can be moved first).
    if (starts) checkNodeRunsHypervisor(primary, hypervisor);
    else if (!nodeRunsHypervisor(primary, hypervisor)) ctx.log(`- WARNING: ${primary.name} cannot run ${hypervisor} instances; the instance cannot be started there`);
    if (info.needsSecondary && secondary && secondary.group !== primary.group) {
      ctx.log(`- WARNING: the primary and secondary nodes are in different node groups`);
    }
    if (!p.ignore_ipolicy) {
      checkPolicy(ctx.config, primary.group, {
        memory: filled.maxmem,
        vcpus: filled.vcpus,
        diskSizes: diskRequests.map((d) => d.size),
        nicCount: p.nics.length,
        spindleUse: filled.spindle_use,
        template: p.disk_template,
      });
    }
    if (starts) await checkFreeMemory(ctx, primary.uuid, filled.maxmem, `starting instance ${name}`);
    for (const node of [primary, secondary].filter((n): n is Node => Boolean(n))) {
      await checkFreeStorage(ctx, node, usage);
      ctx.allocator.reserve(ctx.jobId, node.uuid, node === primary && starts ? filled.maxmem : 0, usage);
    }
    const os = p.os_type ?? "";
    if (!p.no_install) {
      // As Ganeti: the OS (and variant) must be on the node, and it must declare every OS parameter given.
      const definition = await checkNodeHasOs(ctx, primary, os, p.force_variant);
      checkOsParams(definition, { ...p.osparams, ...p.osparams_private, ...p.osparams_secret });
    }
    return { name, hypervisor, primary, secondary, beparams, hvparams, nics, diskRequests, os, dryRunResult: [primary.name, ...(secondary ? [secondary.name] : [])] };
  },

  async exec(ctx, p, plan) {
    const { config } = ctx;
    // As Ganeti: an instance without an installed OS is not started.
    const start = p.start && !p.no_install;
    if (p.start && p.no_install) ctx.log("- INFO: No-installation mode selected, disabling startup");
    const disks: Disk[] = generateDisks(
      config,
      { template: p.disk_template, instanceName: plan.name, primary: plan.primary.uuid, secondary: plan.secondary?.uuid },
      plan.diskRequests,
    );
    const now = nowSeconds();
    const instance: Instance = {
      uuid: newUuid(),
      name: plan.name,
      primary_node: plan.primary.uuid,
      os: plan.os,
      hypervisor: plan.hypervisor,
      hvparams: plan.hvparams,
      beparams: plan.beparams,
      osparams: p.osparams,
      osparams_private: p.osparams_private,
      admin_state: "down",
      admin_state_source: "admin",
      nics: plan.nics,
      disks: [],
      disk_template: p.disk_template,
      disks_active: true,
      // As Ganeti's HTS_REQ_PORT: kvm's VNC console listens on a port of the cluster's own.
      network_port: HYPERVISORS_WITH_PORT.has(plan.hypervisor) ? allocateNetworkPort(config) : null,
      tags: p.tags,
      serial_no: 1,
      ctime: now,
      mtime: now,
    };

    ctx.log("* creating instance disks...");
    await createDisks(ctx, instance, disks);
    ctx.log(`adding instance ${instance.name} to cluster config`);
    config.addInstance(instance, disks);
    await config.commit();

    if (p.disk_template === "drbd" && p.wait_for_sync) {
      try {
        await waitForSync(ctx, instance);
      } catch (error) {
        ctx.log(`- WARNING: ${(error as Error).message}; removing the instance again`);
        config.removeInstance(instance.uuid);
        await config.commit();
        await removeDisks(ctx, instance, disks, { ignoreFailures: true });
        throw new OpExecError(`There are some degraded disks for this instance; creation of ${instance.name} aborted`);
      }
    }
    if (!p.no_install) {
      ctx.log("* running the instance OS create scripts...");
      try {
        for (const line of await ctx.rpc.node(instance.primary_node).instanceOsAdd(instanceSpec(config, instance), false)) ctx.log(line);
      } catch (error) {
        throw new OpExecError(
          `Could not add OS to instance ${instance.name} on node ${plan.primary.name}: ${(error as Error).message}. ` +
            `The instance stays in the configuration, stopped; fix the OS and run gnt-instance reinstall, or remove it.`,
        );
      }
    }
    if (start) {
      await markAdminState(ctx, instance, "up");
      ctx.log("* starting instance...");
      await startOnPrimary(ctx, instance);
    }
    return plan.dryRunResult;
  },
});

function usesAllocator(p: CreateParams): boolean {
  return Boolean(p.iallocator) || !p.pnode;
}

/** The nodes to use: as given, or chosen by the allocator (then locked, and the allocation lock let go). */
type Need = { hypervisor: HypervisorName; memory: number; vcpus: number; usage: number; disks: Array<{ size: number; spindles: number | null }>; spindleUse: number };

async function place(ctx: OpContext, p: CreateParams, need: Need): Promise<[Node, Node?]> {
  const info = TEMPLATES[p.disk_template];
  if (!usesAllocator(p)) {
    const primary = ctx.config.node(ctx.config.expandName("node", p.pnode!))!;
    if (!info.needsSecondary) {
      if (p.snode) ctx.log("- WARNING: Secondary node will be ignored on non-mirrored disk template");
      return [primary];
    }
    if (!p.snode) throw new OpPrereqError("The networked disk templates need a mirror node", "wrong_input");
    const secondary = ctx.config.node(ctx.config.expandName("node", p.snode))!;
    if (secondary.uuid === primary.uuid) throw new OpPrereqError("The secondary node cannot be the primary node", "wrong_input");
    return [primary, secondary];
  }
  const allocator = p.iallocator ?? ctx.config.cluster.default_iallocator;
  if (allocator !== ctx.allocator.name) throw new OpPrereqError(`Unknown iallocator '${allocator}' (available: ${ctx.allocator.name})`, "wrong_input");
  const group = p.group_name ? ctx.config.expandName("nodegroup", p.group_name) : undefined;
  const placement = await ctx.allocator.allocate(ctx.config, ctx.rpc, {
    name: p.instance_name,
    hypervisor: need.hypervisor,
    memory: need.memory,
    vcpus: need.vcpus,
    diskUsage: need.usage,
    needsSecondary: info.needsSecondary,
    group,
    diskTemplate: p.disk_template,
    disks: need.disks,
    spindleUse: need.spindleUse,
    tags: p.tags,
  });
  const nodes = [placement.primary, ...(placement.secondary ? [placement.secondary] : [])];
  ctx.log(`- INFO: Selected nodes for instance ${p.instance_name} via iallocator ${allocator}: ${nodes.map((n) => ctx.config.node(n)!.name).join(", ")}`);
  await ctx.acquire(nodes.map((n) => nodeLock(n)));
  ctx.release([{ level: "node_alloc", name: "node_alloc", mode: "exclusive" }]);
  return [ctx.config.node(placement.primary)!, placement.secondary ? ctx.config.node(placement.secondary) : undefined];
}

async function checkFreeStorage(ctx: OpContext, node: Node, usage: number): Promise<void> {
  if (!usage) return;
  const resources = await ctx.allocator.resources(ctx.rpc, node.uuid);
  if (!resources) throw new OpPrereqError(`Can't get free disk space of node ${node.name}: it does not answer`, "environment_error");
  if (resources.storageFree < usage) {
    throw new OpPrereqError(
      `Not enough disk space on target node ${node.name} vg ${ctx.config.cluster.volume_group_name}: required ${usage} MiB, available ${resources.storageFree} MiB`,
      "insufficient_resources",
    );
  }
}

async function checkResolvable(name: string): Promise<void> {
  try {
    await dns.lookup(name);
  } catch {
    throw new OpPrereqError(`Host name ${name} does not resolve; add it to DNS or create with --no-name-check`, "resolver_error");
  }
}
