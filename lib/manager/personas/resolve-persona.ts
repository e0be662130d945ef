// A persona as the manager shows and tags it: the user's e-mail or the group's name. An unknown persona, or an
// inactive user, cannot own anything new.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { OwnerTag } from "./owner-tag";
import { parsePersona, type Persona } from "./persona";

export type ResolvedPersona = { persona: Persona; label: string; tag: OwnerTag };

export async function resolvePersona(db: Pick<Db, "user" | "group">, text: string, what = "Owner"): Promise<ResolvedPersona> {
  const { kind, id, persona } = parsePersona(text, what);
  if (kind === "user") {
    const user = await db.user.findUnique({ where: { id }, select: { email: true, isActive: true } });
    if (!user?.isActive) throw new AppError("wrong_input", `${what}: no active user '${id}'.`);
    return { persona, label: user.email, tag: { kind: "user", email: user.email } };
  }
  const group = await db.group.findUnique({ where: { id }, select: { name: true } });
  if (!group) throw new AppError("wrong_input", `${what}: no group '${id}'.`);
  return { persona, label: `group ${group.name}`, tag: { kind: "group", name: group.name } };
}

/** Names for personas, for lists ("alice@example.org", "group physics"); unknown ones keep their key. */
export async function personaLabels(db: Pick<Db, "user" | "group">, personas: Iterable<string>): Promise<Map<string, string>> {
  const users: string[] = [];
  const groups: string[] = [];
  for (const p of new Set(personas)) (p.startsWith("user:") ? users : p.startsWith("group:") ? groups : []).push(p.slice(p.indexOf(":") + 1));
  const labels = new Map<string, string>();
  if (users.length) for (const u of await db.user.findMany({ where: { id: { in: users } }, select: { id: true, email: true } })) labels.set(`user:${u.id}`, u.email);
  if (groups.length) for (const g of await db.group.findMany({ where: { id: { in: groups } }, select: { id: true, name: true } })) labels.set(`group:${g.id}`, `group ${g.name}`);
  return labels;
}
