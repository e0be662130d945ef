// A persona is who a VM belongs to and on whose behalf a user acts (as in GWM): the user themselves ("user:<id>") or
// one of their groups ("group:<id>"). Quotas are per persona; permissions are granted to users and groups alike, so a
// grantee is written the same way.
import { AppError } from "@/lib/errors/app-error";

export type Persona = `user:${string}` | `group:${string}`;

export const userPersona = (userId: string): Persona => `user:${userId}`;
export const groupPersona = (groupId: string): Persona => `group:${groupId}`;

export function parsePersona(text: string, what = "Owner"): { kind: "user" | "group"; id: string; persona: Persona } {
  const match = /^(user|group):([A-Za-z0-9_-]{1,64})$/.exec(text);
  if (!match) throw new AppError("wrong_input", `${what}: 'user:<id>' or 'group:<id>' (got '${text.slice(0, 80)}').`);
  return { kind: match[1] as "user" | "group", id: match[2]!, persona: text as Persona };
}
