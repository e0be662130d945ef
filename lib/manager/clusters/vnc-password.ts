// A cluster's VNC password (Ganeti's vnc-cluster-password): sealed at rest like the RAPI password and opened only by
// the console proxy, which answers the VNC server's challenge with it. It never reaches a browser.
import type { Cluster } from "@/lib/generated/prisma/client";
import type { SecretBox } from "@/lib/manager/secrets/secret-box";

export const vncPasswordContext = (clusterId: string) => `cluster:${clusterId}:vnc-password`;

/** The sealed column for a password, "" for none. */
export const sealVncPassword = (box: SecretBox, clusterId: string, password: string): string => (password ? box.seal(password, vncPasswordContext(clusterId)) : "");

/** The password in clear, "" when none is set. */
export const openVncPassword = (box: SecretBox, cluster: Pick<Cluster, "id" | "vncPasswordBox">): string =>
  cluster.vncPasswordBox ? box.open(cluster.vncPasswordBox, vncPasswordContext(cluster.id)) : "";
