// Create a VM (cluster create_vm or admin). The owner is a persona the creator may act as (themselves or one of their
// groups; a cluster admin may name anyone); its quota is checked at create — GWM's wizard did not — counting the VMs
// it has, the jobs in flight, and this one (started: memory and vCPUs; always: disk). The owner row is written with
// the reservation, and the owner tag goes to the cluster with the VM, so ownership holds from the first moment.
// NICs, OS parameters and hypervisor parameters go to the cluster in Ganeti's shape; hypervisor parameters beyond
// hvparam-allow-list.ts's need a cluster admin, and pin the hypervisor they were checked for.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess, allows, type Access } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { instanceName, mebibytes, vcpuCount } from "./instance-sizes";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { userPersona } from "@/lib/manager/personas/persona";
import { resolvePersona } from "@/lib/manager/personas/resolve-persona";
import { endpointOf } from "@/lib/manager/clusters/cluster-connection";
import { clusterError } from "@/lib/manager/clusters/cluster-errors";
import type { Cluster } from "@/lib/generated/prisma/client";
import { hvparamProblems, notOnListText } from "./hvparam-allow-list";
import { submitCreate } from "./submit-create";
import { ensureWritable } from "./instance-target";
import { nicList } from "./nic-input";
import { hvParams, osParams } from "./params-input";

const HYPERVISORS = ["kvm", "xen-pvm", "xen-hvm", "lxc", "chroot", "fake"] as const;

export const createInstanceInput = z
  .object({
    cluster: z.string().trim().min(1, "Cluster: choose one."),
    name: instanceName,
    owner: z.string().optional(),
    diskTemplate: z.enum(["diskless", "file", "sharedfile", "plain", "drbd", "rbd", "ext", "blockdev"], { message: "Disk template: diskless, file, sharedfile, plain, drbd, rbd, ext or blockdev." }),
    disks: z.array(mebibytes("Disk size", 1)).max(16, "Disks: at most 16.").default([]),
    memory: mebibytes("Memory", 64),
    vcpus: vcpuCount,
    // Required: Ganeti does not start a VM created without installing an OS.
    os: z.string({ message: "OS: the name of one of the cluster's operating systems, e.g. debootstrap+default." }).trim().min(1, "OS: the name of one of the cluster's operating systems, e.g. debootstrap+default.").max(200, "OS: at most 200 characters."),
    pnode: z.string().trim().min(1).max(255).optional(),
    snode: z.string().trim().min(1).max(255).optional(),
    /** A node group for the allocator to place the VM in (Ganeti's group_name), when no nodes are named. */
    group: z.string().trim().min(1).max(255).optional(),
    start: z.boolean().default(true),
    nics: nicList.default([{}]),
    osparams: osParams.default({}),
    hypervisor: z.enum(HYPERVISORS, { message: "Hypervisor: kvm, xen-pvm, xen-hvm, lxc, chroot or fake (one the cluster enables)." }).optional(),
    hvparams: hvParams.default({}),
  })
  .strict();

export async function createInstance(deps: JobDeps, { actor, input }: { actor: Actor; input: unknown }): Promise<Submitted & { name: string; owner: string }> {
  const fields = parseInput(createInstanceInput, input);
  const { db } = deps;
  const cluster = await findCluster(db, fields.cluster);
  const access = await loadAccess(db, actor);
  const object = { type: "instance", id: `${cluster.slug}/${fields.name}`, name: fields.name };
  await authorize(db, access, "cluster.create_vm", { clusterId: cluster.id }, { action: "instance.create", object });
  ensureWritable(cluster);
  if (fields.diskTemplate === "diskless" ? fields.disks.length > 0 : fields.disks.length === 0) {
    throw new AppError("wrong_input", fields.diskTemplate === "diskless" ? "Disks: a diskless VM has none; choose another disk template to give it disks." : "Disks: give at least one disk size.");
  }
  const owner = await resolvePersona(db, fields.owner ?? userPersona(actor.id));
  if (!access.personas.includes(owner.persona) && !allows(access, "cluster.permissions", { clusterId: cluster.id })) {
    throw new AppError("forbidden", `Owner: you may create VMs only for yourself or a group you belong to (not ${owner.label}).`);
  }
  if (await db.cachedInstance.findUnique({ where: { clusterId_name: { clusterId: cluster.id, name: fields.name } } })) {
    throw new AppError("conflict", `Name: cluster ${cluster.slug} already has a VM '${fields.name}'.`);
  }
  const hypervisor = await checkHvparams(deps, { cluster, access, fields, object });
  const submitted = await submitCreate(deps, { actor, cluster, fields, owner, hypervisor, quotaChecked: !actor.isAdmin, object });
  return { ...submitted, name: fields.name, owner: owner.label };
}

export type CreateFields = z.output<typeof createInstanceInput>;
type Fields = CreateFields;

/**
 * The hypervisor the VM is made for — the one asked for, else (when there are hypervisor parameters to check) the
 * cluster's default — after checking the parameters against it: beyond the list, refused and audited unless a
 * cluster admin asks; a value the list does not allow, wrong_input.
 */
export async function checkHvparams(deps: JobDeps, { cluster, access, fields, object }: { cluster: Cluster; access: Access; fields: Fields; object: { type: string; id: string; name: string } }) {
  if (!Object.keys(fields.hvparams).length) return fields.hypervisor;
  const hypervisor = fields.hypervisor ?? (await defaultHypervisor(deps, cluster));
  const problems = hvparamProblems(hypervisor, fields.hvparams, allows(access, "cluster.any_hvparams", { clusterId: cluster.id }));
  const refused = problems.find((p) => p.forbidden);
  if (refused) await authorize(deps.db, access, "cluster.any_hvparams", { clusterId: cluster.id }, { action: "instance.create", object }, notOnListText(hypervisor, refused.param));
  if (problems[0]) throw new AppError("wrong_input", problems[0].message);
  return hypervisor;
}

async function defaultHypervisor(deps: JobDeps, cluster: Cluster): Promise<string> {
  const client = deps.connect(endpointOf(cluster, deps.box));
  try {
    return (await client.getInfo()).default_hypervisor;
  } catch (error) {
    throw clusterError(error, cluster.slug);
  } finally {
    client.close();
  }
}
