// The archive of broadcasts, newest first: what was sent, by whom, to which VMs' owners, to how many, and how their
// delivery stands. Superusers see all; a cluster admin sees those about the clusters they administer.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { allows, loadAccess } from "@/lib/manager/access/access";

export type BroadcastScopeView = { cluster: string; node?: string; instances?: string[] };

export type ArchivedBroadcast = {
  id: string;
  sender: string;
  subject: string;
  text: string;
  scope: BroadcastScopeView;
  recipients: number;
  createdAt: string;
  /** Messages by delivery status (sent, queued, failed; outbox without SMTP). */
  delivery: Record<string, number>;
};

const SHOWN = 50;

export async function listBroadcasts({ db }: { db: Db }, { actor }: { actor: Actor }): Promise<ArchivedBroadcast[]> {
  const access = await loadAccess(db, actor);
  const mayRead = (clusterId: string) => allows(access, "cluster.broadcast", { clusterId });
  if (!actor.isAdmin && ![...access.cluster.keys()].some(mayRead)) throw new AppError("forbidden", "Not allowed: reading the notices sent to VM owners needs the admin permission on a cluster.");
  const rows = await db.broadcast.findMany({ orderBy: { createdAt: "desc" }, take: actor.isAdmin ? SHOWN : SHOWN * 10 });
  const shown = rows
    .map((row) => ({ row, scope: JSON.parse(row.scope) as BroadcastScopeView & { clusterId?: string } }))
    .filter(({ scope }) => actor.isAdmin || (scope.clusterId !== undefined && mayRead(scope.clusterId)))
    .slice(0, SHOWN);
  const ids = shown.map(({ row }) => row.id);
  const [senders, counts] = await Promise.all([
    db.user.findMany({ where: { id: { in: shown.map(({ row }) => row.senderId ?? "") } }, select: { id: true, email: true } }),
    db.mailMessage.groupBy({ by: ["broadcastId", "status"], where: { broadcastId: { in: ids } }, _count: { _all: true } }),
  ]);
  const emailOf = new Map(senders.map((u) => [u.id, u.email]));
  return shown.map(({ row, scope: { clusterId: _id, ...scope } }) => ({
    id: row.id,
    sender: emailOf.get(row.senderId ?? "") ?? "(a removed user)",
    subject: row.subject,
    text: row.text,
    scope,
    recipients: row.recipients,
    createdAt: row.createdAt.toISOString(),
    delivery: Object.fromEntries(counts.filter((c) => c.broadcastId === row.id).map((c) => [c.status, c._count._all])),
  }));
}
