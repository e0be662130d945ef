// Sending a checked create to the cluster, for the create wizard (createInstance) and for an approved VM request:
// the owner row is written with the quota reservation (refused together when over quota, unless the quota is not
// checked — a superuser, or an approver's audited override), and the owner tag goes to the cluster with the VM, so
// ownership holds from the first moment.
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import type { Cluster, Prisma } from "@/lib/generated/prisma/client";
import { submitJob, type JobDeps, type Submitted } from "@/lib/manager/jobs/submit-job";
import { ownerTagText } from "@/lib/manager/personas/owner-tag";
import type { ResolvedPersona } from "@/lib/manager/personas/resolve-persona";
import type { CreateFields } from "./create-instance";
import { normaliseHvparams } from "./hvparam-allow-list";

export type CreateSubmission = {
  actor: Actor;
  cluster: Cluster;
  fields: CreateFields;
  owner: ResolvedPersona;
  hypervisor?: string;
  quotaChecked: boolean;
  object: { type: string; id: string; name: string };
  /** More writes that stand or fall with the reservation (an approved request's status). */
  within?: (tx: Prisma.TransactionClient, recordId: string) => Promise<void>;
  auditExtra?: Record<string, unknown>;
};

export async function submitCreate(deps: JobDeps, s: CreateSubmission): Promise<Submitted> {
  const { db } = deps;
  const { cluster, fields, owner, hypervisor } = s;
  const disk = fields.disks.reduce((sum, size) => sum + size, 0);
  return submitJob(deps, {
    actor: s.actor,
    cluster,
    instanceName: fields.name,
    reserve: { persona: owner.persona, adds: { memory: fields.start ? fields.memory : 0, vcpus: fields.start ? fields.vcpus : 0, disk }, checked: s.quotaChecked },
    within: async (tx, recordId) => {
      // The primary key refuses a second create of the same name while the first is in flight.
      const taken = await tx.instanceOwner.findUnique({ where: { clusterId_instanceName: { clusterId: cluster.id, instanceName: fields.name } } });
      if (taken) throw new AppError("conflict", `Name: a VM '${fields.name}' is already being made on cluster ${cluster.slug}.`);
      await tx.instanceOwner.create({ data: { clusterId: cluster.id, instanceName: fields.name, persona: owner.persona } });
      await s.within?.(tx, recordId);
    },
    undo: () => db.instanceOwner.deleteMany({ where: { clusterId: cluster.id, instanceName: fields.name, persona: owner.persona } }),
    audit: { action: "instance.create", object: s.object, persona: owner.persona, after: { ...fields, cluster: cluster.slug, owner: owner.label, ...s.auditExtra } },
    submit: (client) =>
      client.createInstance({
        instance_name: fields.name,
        disk_template: fields.diskTemplate,
        disks: fields.disks.map((size) => ({ size })),
        nics: fields.nics,
        ...(Object.keys(fields.osparams).length ? { osparams: fields.osparams } : {}),
        ...(hypervisor ? { hypervisor } : {}),
        ...(hypervisor && Object.keys(fields.hvparams).length ? { hvparams: normaliseHvparams(hypervisor, fields.hvparams) } : {}),
        beparams: { maxmem: fields.memory, minmem: fields.memory, vcpus: fields.vcpus },
        os_type: fields.os,
        ...(fields.pnode ? { pnode: fields.pnode } : {}),
        ...(fields.snode ? { snode: fields.snode } : {}),
        ...(fields.group && !fields.pnode ? { group_name: fields.group } : {}),
        start: fields.start,
        // The name is the manager's to check (it need not resolve in DNS here), as ganetimgr does.
        name_check: false,
        ip_check: false,
        tags: [ownerTagText(owner.tag)],
      }),
  });
}
