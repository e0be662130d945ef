// A superuser removes a cluster from the manager (the cluster itself is not touched). Audited with its last settings.
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import type { Db } from "@/lib/db/client";
import { auditClusterChange } from "./cluster-audit";
import { findCluster } from "./find-cluster";

export async function removeCluster({ db }: { db: Db }, { actor, cluster: which }: { actor: Actor; cluster: string }): Promise<void> {
  await requireSuperuser(db, actor, { action: "cluster.remove", object: { type: "cluster", id: which, name: which } });
  const cluster = await findCluster(db, which);
  await db.$transaction(async (tx) => {
    await tx.cluster.delete({ where: { id: cluster.id } });
    await auditClusterChange(tx, actor, "cluster.remove", { before: cluster });
  });
}
