// Where the VM's VNC server is, asked of its cluster when the console opens (RAPI's /2/instances/NAME/console, through
// ClusterClient like everything else), with the cluster's VNC password. A VNC server listening on every address
// (0.0.0.0, as Ganeti's KVM often does) is reached at the VM's primary node, as Ganeti's own clients do.
import { RapiError, RapiForbiddenError, RapiHttpError, RapiNotFoundError, RapiUnauthorizedError } from "@/lib/ganeti/rapi/client";
import type { Db } from "@/lib/db/client";
import { instanceVncPassword } from "@/lib/ganeti/hypervisors/vnc-cluster-password";
import { endpointOf, type ClusterConnector } from "@/lib/manager/clusters/cluster-connection";
import { openVncPassword } from "@/lib/manager/clusters/vnc-password";
import type { ConsoleGrant } from "@/lib/manager/console/consume-console-token";
import type { SecretBox } from "@/lib/manager/secrets/secret-box";
import { CloseCode, ConsoleError } from "./close-codes";

export type VncEndpoint = { host: string; port: number; password: string; clusterSlug: string };

export type EndpointDeps = { db: Db; box: SecretBox; connect: ClusterConnector };

const WILDCARDS = new Set(["", "0.0.0.0", "::", "[::]"]);

export async function resolveVncEndpoint(deps: EndpointDeps, grant: ConsoleGrant): Promise<VncEndpoint> {
  const cluster = await deps.db.cluster.findUnique({ where: { id: grant.clusterId } });
  if (!cluster) throw new ConsoleError(CloseCode.unavailable, "The VM's cluster is no longer registered in Gantry.");
  const name = grant.instanceName;
  const client = deps.connect(endpointOf(cluster, deps.box));
  let console;
  try {
    console = await client.getInstanceConsole(name);
  } catch (error) {
    throw consoleLookupError(error, name, cluster.slug);
  } finally {
    client.close();
  }
  if (console.kind !== "vnc") {
    const why = console.kind === "msg" ? `: ${console.message ?? "the hypervisor gives none"}` : ` (its console is ${console.kind}, which the browser console does not show)`;
    throw new ConsoleError(CloseCode.unavailable, `VM ${name} has no VNC console${why}.`);
  }
  if (!console.port) throw new ConsoleError(CloseCode.unavailable, `Cluster ${cluster.slug} gave no VNC port for VM ${name}.`);
  let host = console.host ?? "";
  if (WILDCARDS.has(host)) {
    const cached = await deps.db.cachedInstance.findUnique({ where: { clusterId_name: { clusterId: cluster.id, name } }, select: { pnode: true } });
    host = cached?.pnode ?? "";
    if (!host) throw new ConsoleError(CloseCode.unavailable, `Cluster ${cluster.slug} gave no VNC address for VM ${name}, and its primary node is not known yet.`);
  }
  const clusterPassword = openVncPassword(deps.box, cluster);
  // Gantry's kvm instances each have their own password, derived from the cluster's (the cluster never sends it).
  const password = console.vnc_password_of_instance && clusterPassword ? instanceVncPassword(clusterPassword, console.vnc_password_of_instance) : clusterPassword;
  return { host, port: console.port, password, clusterSlug: cluster.slug };
}

function consoleLookupError(error: unknown, name: string, slug: string): unknown {
  if (!(error instanceof RapiError)) return error;
  if (error instanceof RapiNotFoundError) return new ConsoleError(CloseCode.unavailable, `VM ${name} no longer exists on cluster ${slug}.`);
  if (error instanceof RapiHttpError && error.status === 503) return new ConsoleError(CloseCode.unavailable, `VM ${name} is not running: start it first.`);
  if (error instanceof RapiUnauthorizedError || error instanceof RapiForbiddenError) {
    return new ConsoleError(CloseCode.unavailable, `Cluster ${slug} does not show Gantry consoles: its RAPI user needs read or write access.`, { detail: error.message });
  }
  return new ConsoleError(CloseCode.unavailable, `Cluster ${slug} did not answer; try again in a moment.`, { detail: error.message });
}
