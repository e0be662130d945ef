// The confirmation page: what the link in the e-mail will do, for the user it was sent to, while it can be used.
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { findConfirmation, unusableBecause } from "./confirmation-state";
import { destructiveActionNamed } from "./destructive-actions";

export type ConfirmationView = { title: string; effect: string; cluster: string; instance: string; requestedAt: string; expiresAt: string };

export async function showConfirmation({ db }: { db: Db }, { actor, token }: { actor: Actor; token: string }): Promise<ConfirmationView> {
  const row = await findConfirmation(db, token);
  const problem = await unusableBecause(db, row, actor, new Date());
  if (problem) throw problem;
  const { spec, params } = confirmedAction(row!);
  const cluster = await findCluster(db, row!.clusterId);
  // The VM as cached now; one that is gone meanwhile is still described by its name (running the action then says so).
  const cached = await db.cachedInstance.findUnique({ where: { clusterId_name: { clusterId: cluster.id, name: row!.instanceName } } });
  const vm = cached ?? { name: row!.instanceName, adminState: "", os: "its operating system" };
  return {
    title: spec.title(vm.name, params),
    effect: spec.effect(vm, cluster.slug, params),
    cluster: cluster.slug,
    instance: vm.name,
    requestedAt: row!.createdAt.toISOString(),
    expiresAt: row!.expiresAt.toISOString(),
  };
}

/** The stored action and its options. */
export function confirmedAction(row: { action: string; params: string }) {
  const spec = destructiveActionNamed(row.action);
  if (!spec) throw new Error(`A confirmation of an unknown action '${row.action}'.`);
  return { spec, params: spec.parse(JSON.parse(row.params)) };
}
