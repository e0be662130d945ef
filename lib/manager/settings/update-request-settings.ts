// Superusers change the request limits and the confirmation setting; the change is audited with before and after.
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { recordAudit } from "@/lib/manager/audit/audit-log";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { readRequestSettings, REQUEST_SETTINGS_KEY, requestSettingsSchema, type RequestSettings } from "./request-settings";

export async function updateRequestSettings({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }): Promise<RequestSettings> {
  await requireSuperuser(db, actor, { action: "settings.update", object: { type: "settings", id: REQUEST_SETTINGS_KEY, name: "VM requests" } });
  const before = await readRequestSettings(db);
  const after = parseInput(requestSettingsSchema, { ...before, ...(typeof input === "object" && input ? input : {}) });
  await db.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: REQUEST_SETTINGS_KEY }, create: { key: REQUEST_SETTINGS_KEY, value: JSON.stringify(after) }, update: { value: JSON.stringify(after) } });
    await recordAudit(tx, actor, { action: "settings.update", result: "success", object: { type: "settings", id: REQUEST_SETTINGS_KEY, name: "VM requests" }, before, after });
  });
  return after;
}
