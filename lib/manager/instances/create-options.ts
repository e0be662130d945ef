// What the create wizard offers on a cluster, for someone who may create VMs there: the disk templates the cluster
// enables (and its policy allows), its operating systems and instance policy (live from the cluster), the nodes a VM
// can be placed on (from the cache), the personas the user may create for with their quota and usage, and the VM
// templates to start from; for the VM's NICs, the cluster's networks and NIC defaults; the hypervisor a new VM runs
// on and the hypervisor parameters the user may set there, with the cluster's values. (Ganeti's RAPI does not say
// which parameters an OS declares — /2/os lists names only, and OS queries are not served over RAPI — so OS
// parameters are free names and values.)
import type { Actor } from "@/lib/manager/actor";
import { allows, loadAccess } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import type { JobDeps } from "@/lib/manager/jobs/submit-job";
import { listPersonas } from "@/lib/manager/personas/list-personas";
import { personaLabels } from "@/lib/manager/personas/resolve-persona";
import { quotaLimits, quotaUsage, type Limits, type Resources } from "@/lib/manager/quotas/quota-usage";
import { listTemplates, type TemplateView } from "@/lib/manager/templates/manage-templates";
import { clusterOffer, type ClusterOffer } from "./cluster-offer";
import { userHvparams, type HvParamSpec } from "./hvparam-allow-list";
import type { IPolicy } from "./instance-policy";

export type CreateOptions = {
  cluster: string;
  readOnly: boolean;
  diskTemplates: ClusterOffer["diskTemplates"];
  operatingSystems: ClusterOffer["operatingSystems"];
  ipolicy: IPolicy | null;
  nodes: ClusterOffer["nodes"];
  personas: Array<{ persona: string; label: string; limits: Limits; used: Resources }>;
  templates: TemplateView[];
  /** The default hypervisor: what a new VM runs on. */
  hypervisor: string;
  /** The hypervisor parameters this user may set, each with the cluster's value. */
  hvparams: Array<HvParamSpec & { clusterValue: unknown }>;
  /** A cluster admin may set other hypervisor parameters too (the cluster checks them). */
  anyHvparams: boolean;
  /** The cluster's NIC mode and link, which a NIC without its own takes. */
  nicDefaults: { mode: string; link: string };
  networks: ClusterOffer["networks"];
};

export async function createOptions(deps: JobDeps, { actor, cluster: which }: { actor: Actor; cluster: string }): Promise<CreateOptions> {
  const { db } = deps;
  const cluster = await findCluster(db, which);
  const access = await loadAccess(db, actor);
  await authorize(db, access, "cluster.create_vm", { clusterId: cluster.id }, { action: "instance.create_options", object: { type: "cluster", id: cluster.id, name: cluster.slug } });
  const { info, diskTemplates, operatingSystems, nodes, networks } = await clusterOffer(deps, cluster);
  const ipolicy = (info.ipolicy ?? null) as IPolicy | null;
  // A cluster admin may create for anyone; others for themselves and their groups.
  const mayNameAnyone = allows(access, "cluster.permissions", { clusterId: cluster.id });
  const candidates = mayNameAnyone ? (await listPersonas({ db }, { actor: { ...actor, isAdmin: true } })).map((p) => p.persona) : access.personas;
  const labels = await personaLabels(db, candidates);
  const personas = [];
  for (const persona of candidates) {
    const { isDefault: _isDefault, ...limits } = await quotaLimits(db, cluster.id, persona);
    personas.push({ persona, label: labels.get(persona) ?? persona, limits, used: await quotaUsage(db, cluster.id, persona) });
  }
  const hypervisor = info.default_hypervisor;
  const clusterHv = info.hvparams?.[hypervisor] ?? {};
  const nicDefaults = info.nicparams?.default ?? {};
  return {
    cluster: cluster.slug,
    readOnly: cluster.readOnly || !cluster.rapiUser,
    diskTemplates,
    operatingSystems,
    ipolicy,
    nodes,
    personas,
    templates: await listTemplates({ db }, { actor, input: { cluster: cluster.slug } }),
    hypervisor,
    hvparams: userHvparams(hypervisor).map((spec) => ({ ...spec, clusterValue: clusterHv[spec.name] ?? null })),
    anyHvparams: allows(access, "cluster.any_hvparams", { clusterId: cluster.id }),
    nicDefaults: { mode: String(nicDefaults.mode ?? "bridged"), link: String(nicDefaults.link ?? "") },
    networks,
  };
}
