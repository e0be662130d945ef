// Ganeti's name matching: an exact name, or a unique match on the first dotted component ("inst1" finds
// "inst1.example.org"), case-insensitively, as MatchNameComponent does.
export type NameMatch = { kind: "found"; name: string } | { kind: "none" } | { kind: "ambiguous"; candidates: string[] };

export function matchNameComponent(key: string, names: Iterable<string>): NameMatch {
  const wanted = key.toLowerCase();
  const candidates: string[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    if (lower === wanted) return { kind: "found", name };
    if (lower.startsWith(`${wanted}.`)) candidates.push(name);
  }
  if (candidates.length === 1) return { kind: "found", name: candidates[0]! };
  if (candidates.length > 1) return { kind: "ambiguous", candidates: candidates.sort() };
  return { kind: "none" };
}

/** Host names as Ganeti accepts them for nodes, instances and the cluster. */
export const HOSTNAME_RE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
export const GROUP_NAME_RE = /^[\w.+-]{1,64}$/;
