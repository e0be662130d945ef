// What a cluster offers a new VM, for the create wizard and for the approval of a VM request: the disk templates it
// enables (and its instance policy allows), its operating systems and networks (live from the cluster), and the nodes
// and node groups a VM can be placed on (from the cache). No permission is checked here: the callers do.
import type { Cluster } from "@/lib/generated/prisma/client";
import { endpointOf } from "@/lib/manager/clusters/cluster-connection";
import { clusterError } from "@/lib/manager/clusters/cluster-errors";
import type { JobDeps } from "@/lib/manager/jobs/submit-job";
import type { IPolicy } from "./instance-policy";

export type ClusterOffer = {
  diskTemplates: string[];
  operatingSystems: string[];
  networks: Array<{ name: string; subnet: string | null; gateway: string | null }>;
  nodes: Array<{ name: string; group: string; mfree: number | null; dfree: number | null }>;
  /** The node groups that have a node a VM can go to. */
  groups: string[];
};

type ClusterInfo = Awaited<ReturnType<ReturnType<JobDeps["connect"]>["getInfo"]>>;

/** The offer, and the cluster's info it was read from (the wizard needs its policy and hypervisor parameters too). */
export async function clusterOffer(deps: JobDeps, cluster: Cluster): Promise<ClusterOffer & { info: ClusterInfo }> {
  const client = deps.connect(endpointOf(cluster, deps.box));
  let info: ClusterInfo;
  let operatingSystems: string[];
  let networks;
  try {
    [info, operatingSystems, networks] = await Promise.all([client.getInfo(), client.getOperatingSystems(), client.getNetworks({ bulk: true })]);
  } catch (error) {
    throw clusterError(error, cluster.slug);
  } finally {
    client.close();
  }
  const allowed = (info.ipolicy as IPolicy | undefined)?.["disk-templates"];
  const nodes = await deps.db.cachedNode.findMany({
    where: { clusterId: cluster.id, offline: false, drained: false, vmCapable: true },
    orderBy: { name: "asc" },
    select: { name: true, groupName: true, mfree: true, dfree: true },
  });
  return {
    info,
    diskTemplates: (info.enabled_disk_templates ?? []).filter((t) => !allowed || allowed.includes(t)),
    operatingSystems: [...operatingSystems].sort(),
    networks: networks.map((n) => ({ name: n.name, subnet: n.network ?? null, gateway: n.gateway ?? null })),
    nodes: nodes.map((n) => ({ name: n.name, group: n.groupName, mfree: n.mfree, dfree: n.dfree })),
    groups: [...new Set(nodes.map((n) => n.groupName).filter(Boolean))].sort(),
  };
}
