// The console's rows in the audit log: console.open when the relay starts (user, VM, cluster, client address) or why
// it did not; console.close with how long it lasted, the bytes each way and why it closed.
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { recordAudit, type AuditActor } from "@/lib/manager/audit/audit-log";
import type { ConsoleGrant } from "@/lib/manager/console/consume-console-token";

export type ConsoleAuditTarget = { grant: ConsoleGrant; clusterSlug: string };

const object = (target: ConsoleAuditTarget | null) =>
  target ? { object: { type: "instance", id: `${target.clusterSlug}/${target.grant.instanceName}`, name: target.grant.instanceName }, clusterId: target.grant.clusterId } : {};

export async function auditConsoleOpen(db: Db, actor: AuditActor | null, target: ConsoleAuditTarget | null, outcome: { result: "success" | "refused" | "failed"; message: string }) {
  await recordAudit(db, actor, { action: "console.open", ...object(target), ...outcome });
}

export type ConsoleTally = { openedAt: number; closedAt: number; bytesToBrowser: number; bytesFromBrowser: number; code: number; why: string };

export async function auditConsoleClose(db: Db, actor: Actor, target: ConsoleAuditTarget, tally: ConsoleTally) {
  const seconds = Math.round((tally.closedAt - tally.openedAt) / 1000);
  await recordAudit(db, actor, {
    action: "console.close",
    result: "success",
    ...object(target),
    message: `${tally.why} — after ${seconds} s; ${tally.bytesToBrowser} bytes to the browser, ${tally.bytesFromBrowser} from it`,
    after: { seconds, bytesToBrowser: tally.bytesToBrowser, bytesFromBrowser: tally.bytesFromBrowser, closeCode: tally.code, why: tally.why },
  });
}
