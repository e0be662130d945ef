// Before a broadcast is sent: how many VMs its scope holds, how many have no owner to tell, and the addresses it
// would go to.
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { broadcastCluster } from "./broadcast-cluster";
import { parseScope } from "./broadcast-input";
import { broadcastRecipients } from "./broadcast-recipients";

export type BroadcastPreview = { cluster: string; instances: number; unowned: string[]; recipients: number; addresses: string[] };

export async function previewBroadcast({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }): Promise<BroadcastPreview> {
  const scope = parseScope(input);
  const cluster = await broadcastCluster(db, actor, scope.cluster, "broadcast.preview");
  const found = await broadcastRecipients(db, cluster, scope);
  return { cluster: cluster.slug, instances: found.instances, unowned: found.unowned, recipients: found.recipients.length, addresses: found.recipients.map((r) => r.email) };
}
