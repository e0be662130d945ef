// A superuser changes a cluster's settings. A change of where or how to connect is tested against the cluster before it
// is saved; a password (RAPI or VNC) left out is kept, an empty one removed. Before and after go to the audit log
// (secrets left out).
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import type { ClusterDeps } from "./add-cluster";
import { checkedFingerprint, endpointOf, passwordContext, probeCluster } from "./cluster-connection";
import { clusterFields, parseInput } from "./cluster-input";
import { auditClusterChange } from "./cluster-audit";
import { clusterView, type ClusterView } from "./cluster-view";
import { findCluster } from "./find-cluster";
import { sealVncPassword } from "./vnc-password";

export const updateClusterInput = z.object(clusterFields).partial().strict();

export async function updateCluster(
  { db, box, connect }: ClusterDeps,
  { actor, cluster: which, input }: { actor: Actor; cluster: string; input: unknown },
): Promise<ClusterView> {
  await requireSuperuser(db, actor, { action: "cluster.update", object: { type: "cluster", id: which, name: which } });
  const before = await findCluster(db, which);
  const changes = parseInput(updateClusterInput, input);
  const current = endpointOf(before, box);
  const endpoint = {
    url: changes.rapiUrl ?? current.url,
    username: changes.username ?? current.username,
    password: changes.password ?? current.password,
    fingerprint: changes.fingerprint === undefined ? current.fingerprint : checkedFingerprint(changes.fingerprint),
  };
  if (endpoint.password && !endpoint.username) throw new AppError("wrong_input", "Password: give the RAPI user name it belongs to, or leave both empty.");
  const reconnect = endpoint.url !== current.url || endpoint.username !== current.username || endpoint.password !== current.password || endpoint.fingerprint !== current.fingerprint;
  const probe = reconnect ? await probeCluster(connect, endpoint) : null;

  const after = await db
    .$transaction(async (tx) => {
      const updated = await tx.cluster.update({
        where: { id: before.id, updatedAt: before.updatedAt }, // a concurrent edit makes this one fail, not overwrite it
        data: {
          slug: changes.slug,
          rapiUrl: endpoint.url,
          rapiUser: endpoint.username,
          rapiPasswordBox: endpoint.password ? box.seal(endpoint.password, passwordContext(before.id)) : "",
          certFingerprint: endpoint.fingerprint,
          vncPasswordBox: changes.vncPassword === undefined ? undefined : sealVncPassword(box, before.id, changes.vncPassword),
          readOnly: (changes.readOnly ?? before.readOnly) || !endpoint.username,
          description: changes.description,
          ...(probe ? { name: probe.name, rapiVersion: probe.rapiVersion, lastTestedAt: new Date() } : {}),
        },
      });
      await auditClusterChange(tx, actor, "cluster.update", { before, after: updated }, secretsChanged(changes));
      return updated;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError("conflict", `Short name: '${changes.slug}' is taken by another cluster; choose another.`);
      if ((error as { code?: unknown })?.code === "P2025") throw new AppError("conflict", "The cluster was changed by someone else meanwhile; reload and try again.");
      throw error;
    });
  return clusterView(after);
}

/** The audit's note of passwords given (the before/after pictures only say whether one is stored). */
function secretsChanged(changes: { password?: string; vncPassword?: string }): string | undefined {
  const notes = [
    changes.password !== undefined && `RAPI password ${changes.password ? "changed" : "removed"}`,
    changes.vncPassword !== undefined && `VNC password ${changes.vncPassword ? "changed" : "removed"}`,
  ].filter(Boolean);
  return notes.length ? notes.join("; ") : undefined;
}
