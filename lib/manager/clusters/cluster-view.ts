// What the manager shows of a cluster: everything but its secrets (of the sealed passwords, only whether there is one).
import type { Cluster } from "@/lib/generated/prisma/client";

export type ClusterView = {
  id: string;
  slug: string;
  name: string;
  kind: string;
  rapiUrl: string;
  rapiUser: string;
  hasPassword: boolean;
  /** Whether a VNC password (for the console proxy) is stored; the password itself never leaves the server. */
  hasVncPassword: boolean;
  certFingerprint: string;
  readOnly: boolean;
  description: string;
  rapiVersion: number | null;
  lastTestedAt: string | null;
  /** The cache sync: last success, and the last failure while it lasts. */
  syncedAt: string | null;
  syncError: string;
  syncErrorAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export function clusterView(cluster: Cluster): ClusterView {
  return {
    id: cluster.id,
    slug: cluster.slug,
    name: cluster.name,
    kind: cluster.kind,
    rapiUrl: cluster.rapiUrl,
    rapiUser: cluster.rapiUser,
    hasPassword: cluster.rapiPasswordBox !== "",
    hasVncPassword: cluster.vncPasswordBox !== "",
    certFingerprint: cluster.certFingerprint,
    readOnly: cluster.readOnly,
    description: cluster.description,
    rapiVersion: cluster.rapiVersion,
    lastTestedAt: cluster.lastTestedAt?.toISOString() ?? null,
    syncedAt: cluster.syncedAt?.toISOString() ?? null,
    syncError: cluster.syncError,
    syncErrorAt: cluster.syncErrorAt?.toISOString() ?? null,
    createdAt: cluster.createdAt.toISOString(),
    updatedAt: cluster.updatedAt.toISOString(),
  };
}

/** The audit log's picture of a cluster (no timestamps that change on every test). */
export function clusterAuditState(cluster: Cluster): Record<string, unknown> {
  const { lastTestedAt, syncedAt, syncError, syncErrorAt, createdAt, updatedAt, ...rest } = clusterView(cluster);
  return rest;
}
