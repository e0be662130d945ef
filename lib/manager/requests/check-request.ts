// The request form's live check: every problem with the request as it stands, and the owner's quota after it on the
// preferred cluster — without filing anything. fileRequest checks all of it again.
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { readRequestSettings, type RequestSettings } from "@/lib/manager/settings/request-settings";
import { limitProblems, requestInput, type RequestProblem } from "./request-input";
import { checkRequestFields, type RequestQuota } from "./request-checks";

export type RequestCheckView = { ok: boolean; problems: RequestProblem[]; quota: RequestQuota | null; limits: RequestSettings };

export async function checkRequest({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }): Promise<RequestCheckView> {
  const limits = await readRequestSettings(db);
  const parsed = requestInput.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ""), message: i.code === "unrecognized_keys" ? `Unknown field(s): ${i.keys.join(", ")}.` : i.message }));
    // The sizes against the admin's limits too, while another field is still empty (a size that is not a number
    // compares as nothing here: its own problem is above).
    const raw = (typeof input === "object" && input ? input : {}) as Record<string, unknown>;
    const sizes = { memory: Number(raw.memory), vcpus: Number(raw.vcpus), disk: Number(raw.disk) };
    problems.push(...limitProblems(sizes, limits).filter((p) => !problems.some((q) => q.field === p.field)));
    return { ok: false, problems, quota: null, limits };
  }
  const check = await checkRequestFields(db, await loadAccess(db, actor), parsed.data, limits);
  return { ok: !check.problems.length, problems: check.problems, quota: check.quota, limits };
}
