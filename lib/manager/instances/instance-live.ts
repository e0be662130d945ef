// What the cache does not keep of a VM, read live from its cluster for its page: hypervisor and its parameters (and
// which of them the VM sets itself), backend parameters, OS parameters, each NIC's mode, link and network, each disk's
// size, mode and name — and the cluster's operating systems for those who may reinstall it. Never the OS's private or
// secret parameters (Ganeti's osparams field leaves them out).
import type { Actor } from "@/lib/manager/actor";
import { allows } from "@/lib/manager/access/access";
import { authorize } from "@/lib/manager/access/authorize";
import { endpointOf } from "@/lib/manager/clusters/cluster-connection";
import { clusterError } from "@/lib/manager/clusters/cluster-errors";
import type { JobDeps } from "@/lib/manager/jobs/submit-job";
import { instanceObject, loadInstanceTarget, type InstanceRef } from "./instance-target";

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export async function instanceLive(deps: JobDeps, { actor, ref }: { actor: Actor; ref: InstanceRef }) {
  const t = await loadInstanceTarget(deps.db, actor, ref);
  await authorize(deps.db, t.access, "instance.view", t.target, { action: "instance.view", object: instanceObject(t) });
  const client = deps.connect(endpointOf(t.cluster, deps.box));
  try {
    const mayReinstall = allows(t.access, "instance.remove", t.target);
    // RAPI's instance resource has neither "hypervisor" nor OS parameters (Ganeti's I_FIELDS); a query gives them where
    // the manager has a user.
    const queried = t.cluster.rapiUser
      ? client.query("instance", ["hypervisor", "osparams"], ["=", "name", t.instance.name]).then((r) => r.data[0] ?? [], () => [])
      : Promise.resolve([]);
    const [i, operatingSystems, [hv, os]] = await Promise.all([client.getInstance(t.instance.name), mayReinstall ? client.getOperatingSystems() : Promise.resolve(null), queried]);
    const macs = list(i["nic.macs"]);
    const osparams = os?.[0] === 0 && os[1] && typeof os[1] === "object" ? (os[1] as Record<string, unknown>) : null;
    return {
      hypervisor: hv?.[0] === 0 && typeof hv[1] === "string" ? hv[1] : null,
      hvparams: (i.hvparams ?? {}) as Record<string, unknown>,
      /** The hypervisor parameters set on this VM itself (the rest come from the cluster). */
      customHvparams: (i.custom_hvparams ?? {}) as Record<string, unknown>,
      beparams: (i.beparams ?? {}) as Record<string, unknown>,
      /** null: the cluster did not say (no RAPI user to query with). */
      osparams,
      nics: macs.map((mac, k) => ({ mac, ip: list(i["nic.ips"])[k] ?? null, mode: list(i["nic.modes"])[k] ?? null, link: list(i["nic.links"])[k] ?? null, network: list(i["nic.networks.names"] ?? i["nic.networks"])[k] ?? null })),
      disks: list(i["disk.sizes"]).map((size, k) => ({ size, mode: list(i["disk.modes"] ?? [])[k] ?? null, name: list(i["disk.names"] ?? [])[k] ?? null })),
      operatingSystems: operatingSystems ? [...operatingSystems].sort() : null,
    };
  } catch (error) {
    throw clusterError(error, t.cluster.slug);
  } finally {
    client.close();
  }
}
